"""Run open-mastr's bulk parse on a local zip (executed by ``bench/.venv-openmastr``).

open-mastr (AGPL-3.0) is installed from PyPI into its own venv on first use and
only called here, never vendored. Its ``Mastr.download(method="bulk")`` always
downloads; the function it then calls,
``open_mastr.xml_download.utils_write_to_database.write_mastr_xml_to_database``,
takes the path of a local zip, so the benchmark calls that on the same zip.
Prints one JSON line: seconds and the rows open-mastr wrote per table.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    zip_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    db_file = out_dir / "open-mastr.db"
    db_file.unlink(missing_ok=True)
    from open_mastr import Mastr
    from open_mastr.xml_download.utils_write_to_database import write_mastr_xml_to_database
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db_file}")
    db = Mastr(engine=engine)  # creates open-mastr's tables
    data = ["wind", "solar", "biomass", "hydro", "storage", "storage_units"]
    started = time.perf_counter()
    write_mastr_xml_to_database(
        engine=db.engine,
        zipped_xml_file_path=str(zip_path),
        data=data,
        bulk_cleansing=True,
        bulk_download_date=zip_path.name.split("_")[1],
    )
    seconds = time.perf_counter() - started
    rows = {}
    with engine.connect() as con:
        for table in (
            "wind_extended",
            "solar_extended",
            "biomass_extended",
            "hydro_extended",
            "storage_extended",
            "storage_units",
        ):
            try:
                rows[table] = con.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            except Exception:  # table missing: report it as such
                rows[table] = None
    print(json.dumps({"seconds": seconds, "rows": rows}))


if __name__ == "__main__":
    main()
