"""The open-mastr peers of the ETL benchmark: their venvs and the check of their output.

Each release gets its own venv under ``bench/`` (``.venv-openmastr-<release>``),
created with the Python it needs and installed from PyPI on first use, never
vendored: open-mastr 0.17.4 runs on Python 3.11, 1.0.0 needs Python >= 3.12.
The interpreter is this one when its version fits, else pyenv's
(``pyenv root``/versions/3.X.*), else ``python3.X`` on the ``PATH``.

open-mastr logs and swallows an error in a member, so a peer that fails can
look fast: :func:`row_check` compares the rows it wrote per member type with
the records the zip holds (from :func:`bench.generate.counts`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import generate

BENCH_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Peer:
    """One open-mastr release and the Python version it runs on."""

    release: str
    python: str  # "3.11"

    @property
    def requirement(self) -> str:
        """The pip requirement."""
        return f"open-mastr=={self.release}"

    @property
    def venv(self) -> Path:
        """Its own venv in ``bench/`` (git-ignored)."""
        return BENCH_DIR / f".venv-openmastr-{self.release}"


#: The peers, newest first: what users install now, and the release of earlier runs.
PEERS = (Peer("1.0.0", "3.12"), Peer("0.17.4", "3.11"))


def find_python(version: str) -> Path | None:
    """An interpreter of ``version`` ("3.12"): this one, pyenv's, or ``python3.12`` on the PATH."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return Path(sys.executable)
    pyenv = shutil.which("pyenv")
    if pyenv:
        done = subprocess.run([pyenv, "root"], capture_output=True, text=True)
        root = Path(done.stdout.strip()) if done.returncode == 0 else None
        if root is not None:
            found = sorted(
                (root / "versions").glob(f"{version}.*/bin/python"),
                key=lambda p: [int(x) for x in p.parts[-3].split(".") if x.isdigit()],
            )
            if found:
                return found[-1]
    on_path = shutil.which(f"python{version}")
    return Path(on_path) if on_path else None


def ensure_venv(peer: Peer, log: Callable[[str], object] = print) -> tuple[Path | None, str]:
    """The peer venv's python (installed from PyPI on first use), or ``None`` and why."""
    python = peer.venv / "bin" / "python"
    check = [str(python), "-c", "import open_mastr"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python, ""
    base = find_python(peer.python)
    if base is None:
        return None, f"no Python {peer.python} found (pyenv root, python{peer.python} on PATH)"
    log(f"installing {peer.requirement} with Python {peer.python} into {peer.venv} …")
    try:
        subprocess.run([str(base), "-m", "venv", "--clear", str(peer.venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", peer.requirement],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        err = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        return None, f"pip install {peer.requirement} failed: {err[-1] if err else exc}"
    return python, ""


#: Member type of the zip (as :mod:`bench.openmastr_probe` reports it) per generator kind.
MEMBER_OF_KIND = {
    "wind": "EinheitenWind",
    "solar": "EinheitenSolar",
    "biomass": "EinheitenBiomasse",
    "hydro": "EinheitenWasser",
    "storage": "EinheitenStromSpeicher",
}


def expected_rows(n_units: int) -> dict[str, int]:
    """Records per member type in the generated zip of ``n_units`` units (plants included)."""
    per_kind = generate.counts(n_units)
    out = {MEMBER_OF_KIND[k]: v for k, v in per_kind.items()}
    out["AnlagenStromSpeicher"] = per_kind["storage"]
    return out


def row_check(expected: dict[str, int], written: dict[str, object]) -> tuple[int, str]:
    """Units written (unit member types) and ``""``, or the mismatches when the peer failed."""
    wrong = []
    for member, want in expected.items():
        got = written.get(member)
        if got != want:
            wrong.append(f"{member} {got if got is not None else 'missing'} of {want:,}")
    units = sum(v for k, v in written.items() if k.startswith("Einheit") and isinstance(v, int))
    return units, "; ".join(wrong)
