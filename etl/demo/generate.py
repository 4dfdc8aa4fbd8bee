"""Write the demo raw files into a folder, unless the manifest says they are current.

A small ``demo_manifest.json`` (generator version, a hash of the generator's
code and the SHA-256 of each file) lets repeated builds skip the generation.
The office's demo lists are written on every call (they are built from the
demo export and boundaries, see :mod:`etl.demo.office_lists`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from etl.demo.constants import (
    BOUNDARIES_NAME,
    BULK_ZIP_NAME,
    DEMO_EXTRACT_DATE,
    DEMO_REGION_PREFIX,
    GENERATOR_VERSION,
    MANIFEST_NAME,
    POPULATION_NAME,
)
from etl.demo.geography import MUNICIPALITIES, REFERENCE_FILE
from etl.demo.raw_files import write_boundaries, write_bulk, write_population
from etl.demo.records import Generator
from etl.files import sha256_file

_OWN_FILES = (BULK_ZIP_NAME, BOUNDARIES_NAME, POPULATION_NAME)
#: Rewritten on every call, so not part of the generator's fingerprint.
_NOT_FINGERPRINTED = ("office_lists.py", "hydrogen_list.py")


def _fingerprint() -> str:
    """SHA-256 of the generator's code, so that any change to it regenerates the files."""
    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        if source.name not in _NOT_FINGERPRINTED:
            h.update(source.read_bytes())
    h.update(REFERENCE_FILE.read_bytes())
    return h.hexdigest()


def _manifest_ok(demo_dir: Path) -> bool:
    """True when the demo files exist unchanged from the current generator."""
    try:
        manifest = json.loads((demo_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = manifest.get("files") or {}
    if (
        manifest.get("generator_version") != GENERATOR_VERSION
        or manifest.get("generator_fingerprint") != _fingerprint()
        or set(files) != set(_OWN_FILES)
    ):
        return False
    return all((demo_dir / n).is_file() and sha256_file(demo_dir / n) == files[n] for n in files)


def check_region(region_prefix: str) -> None:
    """Raise ``ValueError`` unless the demo data covers (part of) the region."""
    prefix = region_prefix.strip()
    if DEMO_REGION_PREFIX.startswith(prefix):
        return
    if prefix.startswith(DEMO_REGION_PREFIX) and any(
        m.ags.startswith(prefix) for m in MUNICIPALITIES
    ):
        return
    raise ValueError(
        f"region {region_prefix!r}: demo data exists only for Ludwigslust-Parchim "
        f"({DEMO_REGION_PREFIX}); put real MaStR files into data/raw"
    )


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Write to a temporary name and move into place only when complete."""
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def generate_demo(demo_dir: Path, region_prefix: str = DEMO_REGION_PREFIX) -> list[Path]:
    """Write the demo raw files into ``demo_dir`` (skipped when they are already current).

    Returns the paths of the files the build should read (the three raw files
    and the office's demo lists). Raises ``ValueError`` for a region the demo
    does not cover.
    """
    # Imported here: the lists need pandas and the office readers, the rest of
    # the demo package only the standard library until it writes files.
    from etl.demo.office_lists import write_demo_lists

    check_region(region_prefix)
    demo_dir = Path(demo_dir)
    demo_dir.mkdir(parents=True, exist_ok=True)
    paths = [demo_dir / n for n in _OWN_FILES]
    if not _manifest_ok(demo_dir):
        (demo_dir / MANIFEST_NAME).unlink(missing_ok=True)
        gen = Generator()
        with _atomic(demo_dir / BULK_ZIP_NAME) as tmp:
            write_bulk(tmp, gen)
        with _atomic(demo_dir / BOUNDARIES_NAME) as tmp:
            write_boundaries(tmp, gen.layout)
        with _atomic(demo_dir / POPULATION_NAME) as tmp:
            write_population(tmp)
        manifest = {
            "generator_version": GENERATOR_VERSION,
            "generator_fingerprint": _fingerprint(),
            "extract_date": DEMO_EXTRACT_DATE.isoformat(),
            "note": "Demo data (etl/demo/): real boundaries, population and municipal totals "
            "up to 2024; invented units, plans and lists.",
            "files": {p.name: sha256_file(p) for p in paths},
        }
        (demo_dir / MANIFEST_NAME).write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return paths + write_demo_lists(demo_dir)
