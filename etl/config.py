"""Paths and the region: everything configurable in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Kreis-AGS of Landkreis Ludwigslust-Parchim, the default region.
DEFAULT_REGION_PREFIX = "13076"

#: Readable names of well-known region prefixes (the key of a district or Land).
REGION_NAMES: dict[str, str] = {
    "": "Deutschland",
    "13": "Mecklenburg-Vorpommern",
    "13076": "Landkreis Ludwigslust-Parchim",
    "13074": "Landkreis Nordwestmecklenburg",
    "13072": "Landkreis Rostock",
    "13071": "Landkreis Mecklenburgische Seenplatte",
    "13004": "Landeshauptstadt Schwerin",
    "13003": "Hanse- und Universitätsstadt Rostock",
}


def region_name(prefix: str) -> str:
    """Readable name for a region prefix (falls back to the key itself)."""
    return REGION_NAMES.get(prefix, f"Region {prefix}")


def validate_region_prefix(prefix: str) -> str:
    """A region is a prefix of the 8-digit AGS: '' (Germany), 2 (Land) … 8 digits."""
    prefix = prefix.strip()
    if prefix and (not prefix.isdigit() or len(prefix) > 8):
        raise ValueError(
            f"region {prefix!r} is not an AGS prefix: use digits only, e.g. 13076 for "
            "Ludwigslust-Parchim, 13 for Mecklenburg-Vorpommern, or '' for Germany"
        )
    return prefix


@dataclass(frozen=True)
class Settings:
    """Where raw files are read from, where builds go, and which region is built."""

    raw_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "data" / "raw")
    processed_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "data" / "processed")
    region_prefix: str = DEFAULT_REGION_PREFIX
    keep_builds: int = 5
    #: Share of units or MW a carrier × status group may lose before the publish
    #: gate refuses a build (:mod:`etl.gate`; ``EZ_GATE_THRESHOLD``).
    gate_threshold: float = 0.05
    #: Seconds a second writer waits for the writer lock (:mod:`etl.lock`; ``EZ_WRITER_WAIT``).
    writer_wait_s: float = 600.0
    #: Seconds a build that stopped being served is kept beyond ``keep_builds``
    #: (:func:`etl.publish.prune`; ``EZ_PRUNE_GRACE``).
    prune_grace_s: float = 900.0

    @property
    def demo_dir(self) -> Path:
        """Where generated demo raw files are written (never mistaken for real files)."""
        return self.raw_dir / "demo"

    @property
    def region_name(self) -> str:
        return region_name(self.region_prefix)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment (``EZ_RAW_DIR``, ``EZ_PROCESSED_DIR``, ``EZ_REGION``,
        ``EZ_GATE_THRESHOLD``, ``EZ_WRITER_WAIT``, ``EZ_PRUNE_GRACE``).

        Options given on the command line (``overrides``) win.
        """
        kwargs: dict[str, object] = {}
        if os.environ.get("EZ_RAW_DIR"):
            kwargs["raw_dir"] = Path(os.environ["EZ_RAW_DIR"])
        if os.environ.get("EZ_PROCESSED_DIR"):
            kwargs["processed_dir"] = Path(os.environ["EZ_PROCESSED_DIR"])
        if os.environ.get("EZ_GATE_THRESHOLD"):
            kwargs["gate_threshold"] = float(os.environ["EZ_GATE_THRESHOLD"])
        if os.environ.get("EZ_WRITER_WAIT"):
            kwargs["writer_wait_s"] = float(os.environ["EZ_WRITER_WAIT"])
        if os.environ.get("EZ_PRUNE_GRACE"):
            kwargs["prune_grace_s"] = float(os.environ["EZ_PRUNE_GRACE"])
        if "EZ_REGION" in os.environ:
            kwargs["region_prefix"] = validate_region_prefix(os.environ["EZ_REGION"])
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kwargs)  # type: ignore[arg-type]
