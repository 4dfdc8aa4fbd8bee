"""Run open-mastr's bulk parse on a local zip (executed by an open-mastr venv of the bench).

open-mastr (AGPL-3.0) is installed from PyPI into its own venv on first use and
only called here, never vendored. ``Mastr.download(method="bulk")`` always
downloads (1.0 also downloads the documentation for its data model), so the
benchmark calls the function ``download`` then calls,
``open_mastr.xml_download.utils_write_to_database.write_mastr_xml_to_database``,
on the local zip:

- **0.17.x** (Python 3.11): ``Mastr(engine=…)`` creates the tables
  (``wind_extended`` …, ``storage_units``);
- **1.0.x** (Python >= 3.12): the tables are generated from the MaStR XSDs; the
  XSDs shipped with the package (``resources/fallback-xsd-*``, what ``download``
  falls back to offline) are used so nothing is fetched; they are named as the
  MaStR names them (``EinheitenWind`` …, ``AnlagenStromSpeicher``).

open-mastr logs and swallows an error in one member, so a failing parse can
look fast: the rows written per member type are counted and printed, and the
benchmark compares them with the units in the zip.
Prints one JSON line: version, seconds, and the rows written per member type.
"""

from __future__ import annotations

import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

#: The member types the benchmark compares (MaStR name of the XML member).
MEMBER_TYPES = (
    "EinheitenWind",
    "EinheitenSolar",
    "EinheitenBiomasse",
    "EinheitenWasser",
    "EinheitenStromSpeicher",
    "AnlagenStromSpeicher",
)
#: open-mastr 0.17's table per member type.
TABLES_017 = dict(
    zip(
        MEMBER_TYPES,
        (
            "wind_extended",
            "solar_extended",
            "biomass_extended",
            "hydro_extended",
            "storage_extended",
            "storage_units",
        ),
        strict=True,
    )
)
DATA = ["wind", "solar", "biomass", "hydro", "storage"]


def _parse_017(engine: object, zip_path: Path, date: str) -> dict[str, str]:
    from open_mastr import Mastr
    from open_mastr.xml_download.utils_write_to_database import write_mastr_xml_to_database

    db = Mastr(engine=engine)  # creates open-mastr's tables
    write_mastr_xml_to_database(
        engine=db.engine,
        zipped_xml_file_path=str(zip_path),
        data=[*DATA, "storage_units"],
        bulk_cleansing=True,
        bulk_download_date=date,
    )
    return TABLES_017


def _parse_10(engine: object, zip_path: Path, date: str) -> dict[str, str]:
    from open_mastr.mastr import _generate_data_model_from_downloaded_docs, _get_fallback_xsd
    from open_mastr.xml_download.utils_write_to_database import write_mastr_xml_to_database

    mapping = _generate_data_model_from_downloaded_docs(
        zipped_docs_file_path=_get_fallback_xsd(), data=DATA, catalog_value_as_str=True
    )
    for table in mapping.values():  # what Mastr.download does before parsing
        table.drop(engine, checkfirst=True)
        table.create(engine)
    write_mastr_xml_to_database(
        engine=engine,
        zipped_xml_file_path=str(zip_path),
        data=DATA,
        bulk_cleansing=True,
        bulk_download_date=date,
        mastr_table_to_db_table=mapping,
        alter_database_tables=True,
    )
    lower = {name.lower(): table.name for name, table in mapping.items()}
    return {m: lower.get(m.lower(), m) for m in MEMBER_TYPES}


def main() -> None:
    """Parse ``argv[1]`` (zip) into a SQLite file under ``argv[2]``; print the JSON line."""
    zip_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    db_file = out_dir / "open-mastr.db"
    db_file.unlink(missing_ok=True)
    from sqlalchemy import create_engine, text

    release = version("open-mastr")
    engine = create_engine(f"sqlite:///{db_file}")
    date = zip_path.name.split("_")[1]
    started = time.perf_counter()
    parse = _parse_017 if release.startswith("0.") else _parse_10
    tables = parse(engine, zip_path, date)
    seconds = time.perf_counter() - started
    rows: dict[str, int | None] = {}
    with engine.connect() as con:
        for member, table in tables.items():
            try:
                rows[member] = con.execute(text(f'SELECT count(*) FROM "{table}"')).scalar()
            except Exception:  # table missing: reported as such, the bench marks the row failed
                rows[member] = None
    db_file.unlink(missing_ok=True)
    print(json.dumps({"version": release, "seconds": seconds, "rows": rows}))


if __name__ == "__main__":
    main()
