"""Storage units get their energy (kWh) from the storage plants (``AnlagenStromSpeicher``).

While the units are staged, the link of each storage unit to its plant
(``SpeMastrNummer``) and the plants' usable capacity are staged as Parquet
files beside the units (:mod:`etl.staging`; all of Germany: over a million
each) and joined into the staged units at the end. A unit whose plant is
missing is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.frames import columns_frame
from etl.readers.mastr_bulk.members import PLANT_FIELDS, PLANT_KIND, SOURCE
from etl.readers.mastr_bulk.outcome import MemberResult, member_ref

if TYPE_CHECKING:
    import duckdb

    from etl.readers.base import LoadRun


class StoragePlants:
    """The unit-to-plant links and plant capacities of one zip, in temporary tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_run: LoadRun) -> None:
        from etl.staging import ParquetStage

        self.con = con
        self.load_run = load_run
        self.has_links = False
        stage_dir = load_run.sink.stage_dir
        n = len(list(stage_dir.glob("_bulk_*"))) // 2  # several zips: one pair of stages each
        self.links = ParquetStage(
            con,
            stage_dir / f"_bulk_links_{n}",
            "_bulk_links",
            "unit_id VARCHAR, spe_id VARCHAR, row_ref VARCHAR, source_file VARCHAR",
        )
        self.plants = ParquetStage(
            con,
            stage_dir / f"_bulk_plants_{n}",
            "_bulk_plants",
            "plant_id VARCHAR, kwh DOUBLE, updated TIMESTAMP",
        )

    def add_links(self, sql: str) -> None:
        """Remember which storage plant each staged storage unit belongs to (staged on disk).

        ``sql`` selects ``unit_id``, ``spe_id``, ``row_ref`` and ``source_file``.
        """
        if self.links.add_query(sql):
            self.has_links = True

    def wanted_ids(self, region_prefix: str) -> frozenset[str] | None:
        """Plant ids the staged storage units link to (``None``: all, for Germany)."""
        if not region_prefix:
            return None
        if not self.has_links:
            return frozenset()
        ids = self.con.execute("SELECT DISTINCT spe_id FROM _bulk_links").fetchall()
        return frozenset(i for (i,) in ids)

    def load(self, res: MemberResult, source_file: str) -> None:
        """Collect the usable capacity (kWh) of one member's plants; bad values are cleared."""
        if not res.rows:
            return
        import pandas as pd

        raw = columns_frame([res], PLANT_FIELDS)
        refs = pd.Series(
            [member_ref(PLANT_KIND.row, n) for n in res.element_numbers], dtype="string"
        )
        kwh = pd.to_numeric(raw["NutzbareSpeicherkapazitaet"], errors="coerce")
        bad = raw["NutzbareSpeicherkapazitaet"].notna() & (kwh.isna() | (kwh < 0))
        if bad.any():
            self.load_run.findings(
                pd.DataFrame(
                    {
                        "row_ref": refs[bad],
                        "record_id": raw.loc[bad, "MaStRNummer"],
                        "field": "storage_energy_kwh",
                        "reason": "NutzbareSpeicherkapazitaet is not a non-negative number: "
                        "storage energy left empty",
                        "raw_value": raw.loc[bad, "NutzbareSpeicherkapazitaet"],
                        "action": "field_cleared",
                    }
                ),
                source_file=source_file,
            )
            kwh = kwh.mask(bad)
        updated = pd.to_datetime(
            raw["DatumLetzteAktualisierung"], format="ISO8601", errors="coerce"
        )
        import pyarrow as pa

        frame = pd.DataFrame(
            {"plant_id": raw["MaStRNummer"].str.strip(), "kwh": kwh, "updated": updated}
        )
        self.plants.add(pa.Table.from_pandas(frame, preserve_index=False))

    def finish(self) -> None:
        """Give the staged storage units the energy (kWh) of their storage plants.

        The staged files are not rewritten: the stage view takes the value from
        ``_bulk_unit_kwh`` (one row per unit and member file) where a plant matches.
        """
        con = self.con
        if not self.has_links:
            self.links.discard()
            self.plants.discard()
            return
        con.execute(
            """
            CREATE TEMP TABLE _bulk_plant_kwh AS
            SELECT plant_id, arg_max(kwh, updated) AS kwh FROM _bulk_plants GROUP BY plant_id
            """
        )
        con.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _bulk_unit_kwh "
            "(unit_id_mastr VARCHAR, source_file VARCHAR, value DOUBLE)"
        )
        con.execute(
            """
            INSERT INTO _bulk_unit_kwh
            SELECT l.unit_id, l.source_file, first(p.kwh)
            FROM _bulk_links l JOIN _bulk_plant_kwh p ON p.plant_id = l.spe_id
            GROUP BY l.unit_id, l.source_file
            """
        )
        self.load_run.sink.units_stage.set_values(
            "storage_energy_kwh",
            "_bulk_unit_kwh",
            f"s.source = '{SOURCE}' AND s.carrier = 'storage'",
        )
        orphans = con.execute(
            """
            SELECT l.row_ref, l.unit_id AS record_id, 'storage_energy_kwh' AS field,
                   'no storage plant (AnlagenStromSpeicher) with this SpeMastrNummer: '
                   || 'storage energy unknown' AS reason,
                   l.spe_id AS raw_value, 'flagged' AS action, l.source_file
            FROM (SELECT DISTINCT ON (unit_id, spe_id) * FROM _bulk_links ORDER BY row_ref) l
            LEFT JOIN _bulk_plant_kwh p ON p.plant_id = l.spe_id
            WHERE p.plant_id IS NULL
            """
        ).df()
        con.execute("DROP TABLE _bulk_plant_kwh")
        self.links.discard()
        self.plants.discard()
        if not orphans.empty:
            self.load_run.findings(orphans)
