"""The deployment files of ``docs/operations.md`` are valid: systemd units and the nginx site.

``systemd-analyze verify`` checks the units (paths pointed at this checkout so that
the executables exist); ``nginx -t`` checks the site inside a minimal nginx.conf with
a throw-away certificate. Both binaries come from Debian (``.ci/run`` installs them);
a test skips with the reason only when its binary is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
INSTALL_DIR = "/opt/energiezukunft"


def _need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        pytest.skip(f"{binary} is not installed here (.ci/run installs it)")
    return path


def _units(tmp_path: Path) -> list[Path]:
    out = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        text = unit.read_text(encoding="utf-8").replace(INSTALL_DIR, str(REPO))
        name = unit.name.replace("@.service", "@8501.service")  # an instance of the template
        (tmp_path / name).write_text(text, encoding="utf-8")
        out.append(tmp_path / name)
    return out


def test_systemd_units_verify_without_warnings(tmp_path: Path) -> None:
    analyze = _need("systemd-analyze")
    units = _units(tmp_path)
    assert [u.name for u in units] == [
        "energiezukunft-dashboard@8501.service",
        "energiezukunft-refresh.service",
        "energiezukunft-refresh.timer",
    ]
    result = subprocess.run(
        [analyze, "verify", "--man=no", *map(str, units)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr


def test_units_run_as_non_root_and_treat_nothing_new_as_success() -> None:
    refresh = (DEPLOY / "systemd" / "energiezukunft-refresh.service").read_text()
    dashboard = (DEPLOY / "systemd" / "energiezukunft-dashboard@.service").read_text()
    for unit in (refresh, dashboard):
        assert "\nUser=energiezukunft\n" in unit and "User=root" not in unit
        assert "ReadWritePaths=/var/lib/energiezukunft" in unit
    assert "SuccessExitStatus=10" in refresh  # "nothing new" is not a failure


def test_a_broken_unit_is_caught(tmp_path: Path) -> None:
    analyze = _need("systemd-analyze")
    (unit,) = [u for u in _units(tmp_path) if u.name == "energiezukunft-refresh.service"]
    unit.write_text(unit.read_text().replace("Type=oneshot", "Type=oneshotx"))
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(unit)], capture_output=True, text=True, timeout=120
    )
    assert "Failed to parse service type" in result.stdout + result.stderr


def test_nginx_site_syntax(tmp_path: Path) -> None:
    nginx = _need("nginx")
    openssl = _need("openssl")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "energiezukunft.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/ssl/energiezukunft/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/energiezukunft/privkey.pem", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {tmp_path}/tmp;\n"
        f"  proxy_temp_path {tmp_path}/tmp;\n  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
    for needed in ("gzip on;", "ssl_protocols", "proxy_set_header Upgrade", "ip_hash;"):
        assert needed in site
