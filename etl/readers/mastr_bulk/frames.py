"""Typing and checking a batch of raw element text (vectorised, pandas and pyarrow).

Catalogue ids are decoded with the zip's own ``Katalogwerte.xml``; values
are typed and checked in columnar batches; rows with a missing or unknown id,
status or carrier code are rejected, other bad values are cleared and reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.members import (
    CATALOG_COLUMNS,
    DATE_COLUMNS,
    KEY,
    KIND_ONLY,
    NUMBER_COLUMNS,
    SOURCE,
    STATUS_TEXTS,
    TEXT_COLUMNS,
    UNIT_KINDS,
    norm,
)
from etl.readers.mastr_bulk.records import SEP

if TYPE_CHECKING:
    import pandas as pd

    from etl.readers.mastr_bulk.scan import MemberResult


def columns_frame(results: list[MemberResult], fields: tuple[str, ...]) -> pd.DataFrame:
    """The raw text columns of member results, one row per kept record.

    Values arrive joined by ``SEP`` (one string per column and member, cheap to
    pickle); they are split with pyarrow, stripped, and empty text is missing.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    results = [r for r in results if r.rows]
    n = sum(r.rows for r in results)
    data = {}
    for name in fields:
        joined = SEP.join(r.columns[name] for r in results)
        arr = pc.list_flatten(pc.split_pattern(pa.array([joined], pa.large_string()), SEP))
        arr = pc.utf8_trim_whitespace(arr)
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.large_string()), arr)
        if len(arr) != n:  # never expected: the columns must line up
            raise RuntimeError(f"column {name} has {len(arr)} values for {n} records")
        data[name] = pd.Series(arr, dtype="string")
    return pd.DataFrame(data)


_EMPTY_PROBLEM_COLUMNS = ("row_ref", "record_id", "field", "reason", "raw_value", "action")


class _Batch:
    """One batch being typed: its raw text, row kinds and references, and findings."""

    def __init__(
        self,
        raw: pd.DataFrame,
        kinds: pd.Series,
        catalog: Mapping[str, str],
        refs: pd.Series,
        files: pd.Series,
    ) -> None:
        import pandas as pd

        self.raw, self.kinds, self.catalog, self.refs, self.files = raw, kinds, catalog, refs, files
        self.idx = raw.index
        self.problems: list[pd.DataFrame] = []
        self.keep = pd.Series(True, index=self.idx)
        self.uid = raw["EinheitMastrNummer"]

    def col(self, name: str) -> pd.Series:
        """The raw column of an element (all missing when no record had it)."""
        import pandas as pd

        raw = self.raw
        return raw[name] if name in raw else pd.Series(pd.NA, index=self.idx, dtype="string")

    def report(
        self,
        mask: pd.Series,
        fld: str,
        reason: str | pd.Series,
        values: pd.Series,
        action: str,
        source_field: str | None = None,
    ) -> None:
        """One finding per row where ``mask`` holds (``source_field``: an unusual element)."""
        import pandas as pd

        mask = mask.fillna(False).astype(bool)
        if mask.any():
            self.problems.append(
                pd.DataFrame(
                    {
                        "row_ref": self.refs[mask],
                        "record_id": self.uid[mask],
                        "field": fld,
                        "source_field": source_field,
                        "reason": reason[mask] if not isinstance(reason, str) else reason,
                        "raw_value": values[mask].astype("string"),
                        "action": action,
                        "source_file": self.files[mask],
                    }
                )
            )

    def only(self, target: str, s: pd.Series) -> pd.Series:
        """Blank a column for kinds whose element means something else."""
        allowed = KIND_ONLY.get(target)
        return s if allowed is None else s.where(self.kinds.isin(allowed))

    def problem_frame(self) -> pd.DataFrame:
        """The findings of the batch (with a ``source_file`` column)."""
        import pandas as pd

        if self.problems:
            return pd.concat(self.problems, ignore_index=True)
        return pd.DataFrame({c: pd.Series(dtype="string") for c in _EMPTY_PROBLEM_COLUMNS})


def build_units_frame(
    raw: pd.DataFrame,
    kinds: pd.Series,
    catalog: Mapping[str, str],
    refs: pd.Series,
    files: pd.Series,
    extract_date: date | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Turn raw element text into schema columns (a batch may mix member kinds).

    ``kinds`` holds each row's member kind (``wind``, ``solar`` …), ``refs``
    its element reference and ``files`` its ``zip/member``. Returns the unit
    frame, the problems found (with a ``source_file`` column), and a mask of
    rows to keep: rows with a missing or unknown id, status or carrier code are
    rejected; other bad values are cleared and reported.
    """
    import pandas as pd

    from etl import schema

    b = _Batch(raw, kinds, catalog, refs, files)
    idx = b.idx
    _check_ids(b)
    out: dict[str, pd.Series] = {}
    for target, element in TEXT_COLUMNS.items():
        out[target] = b.only(target, b.col(element))
    out["status"] = _status(b)
    out["carrier"] = _carrier(raw, kinds, catalog, b.col, b.report, b.keep)
    out.update(_typed_values(b))
    out["storage_energy_kwh"] = pd.Series(pd.NA, index=idx, dtype="Float64")
    out["is_capacity_suspect"] = pd.Series(False, index=idx, dtype="boolean")
    out["source"] = pd.Series(SOURCE, index=idx, dtype="string")
    out["source_file"] = files.astype("string")
    out["extract_date"] = pd.Series(
        pd.Timestamp(extract_date) if extract_date else pd.NaT, index=idx
    )
    df = pd.DataFrame(out)[schema.UNITS.column_names]
    _clear_constraint_breaks(b, df)
    half = df["latitude"].isna() ^ df["longitude"].isna()
    if half.any():  # one coordinate without the other is no position
        df.loc[half, ["latitude", "longitude"]] = pd.NA
    return df, b.problem_frame(), b.keep


def _check_ids(b: _Batch) -> None:
    """Rows without a valid MaStR unit number are rejected."""
    from etl import schema

    uid = b.uid
    id_pattern = schema.UNITS.column("unit_id_mastr").pattern or ".*"
    bad_id = uid.isna() | ~uid.str.fullmatch(id_pattern).fillna(False).astype(bool)
    b.report(
        bad_id,
        "unit_id_mastr",
        "EinheitMastrNummer missing or not a MaStR unit number: unit not loaded",
        uid,
        "row_rejected",
    )
    b.keep &= ~bad_id


def _status(b: _Batch) -> pd.Series:
    """Status (critical): a missing or unknown code or text rejects the row."""
    catalog = b.catalog
    status_raw = b.col("EinheitBetriebsstatus")
    status_text = status_raw.map(catalog, na_action="ignore")
    status_codes = {k: STATUS_TEXTS.get(norm(v)) for k, v in catalog.items()}
    status = status_raw.map(status_codes, na_action="ignore")
    b.report(
        status_raw.isna(),
        "status",
        "EinheitBetriebsstatus missing: unit not loaded",
        status_raw,
        "row_rejected",
    )
    b.report(
        status_raw.notna() & status_text.isna(),
        "status",
        "EinheitBetriebsstatus code not in Katalogwerte.xml: unit not loaded",
        status_raw,
        "row_rejected",
    )
    b.report(
        status_text.notna() & status.isna(),
        "status",
        "EinheitBetriebsstatus decodes to an unknown status text: unit not loaded",
        status_text,
        "row_rejected",
    )
    b.keep &= status.notna()
    return status.astype("string")


def _typed_values(b: _Batch) -> dict[str, pd.Series]:
    """Numbers, dates, the last update and catalogue texts; bad values are cleared."""
    import pandas as pd

    col, only, report, catalog = b.col, b.only, b.report, b.catalog
    out: dict[str, pd.Series] = {}
    for target, element in NUMBER_COLUMNS.items():
        s = only(target, col(element))
        num = pd.to_numeric(s, errors="coerce")
        report(
            s.notna() & num.isna(),
            target,
            f"{element} is not a number (decimal point expected): value cleared",
            s,
            "field_cleared",
        )
        out[target] = num.astype("Float64")
    for target, element in DATE_COLUMNS.items():
        s = col(element)
        d = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        report(
            s.notna() & d.isna(),
            target,
            f"{element} is not a date YYYY-MM-DD: value cleared",
            s,
            "field_cleared",
        )
        out[target] = d
    s = col("DatumLetzteAktualisierung")
    ts = pd.to_datetime(s, format="ISO8601", errors="coerce")
    report(
        s.notna() & ts.isna(),
        "last_update",
        "DatumLetzteAktualisierung is not an ISO timestamp: value cleared",
        s,
        "field_cleared",
    )
    out["last_update"] = ts
    for target, element in CATALOG_COLUMNS.items():
        s = only(target, col(element))
        text = s.map(catalog, na_action="ignore")
        if target == "energy_source":
            _quarantine_unknown_carrier(b, s, text)
            out[target] = text.astype("string")
            continue
        report(
            s.notna() & text.isna(),
            target,
            f"{element} code not in Katalogwerte.xml: value cleared",
            s,
            "field_cleared",
        )
        out[target] = text.astype("string")
    return out


def _quarantine_unknown_carrier(b: _Batch, code: pd.Series, text: pd.Series) -> None:
    """An ``Energietraeger`` code the catalogue does not know rejects the unit.

    The member's name would otherwise decide the carrier (a solar member's unit
    counted as PV whatever its code says); such a unit is kept out of every
    figure and reported with its raw code.
    """
    unknown = code.notna() & text.isna()
    if not unknown.any():
        return
    b.report(
        unknown,
        "energy_source",
        "Energietraeger code " + code.astype("string") + " not in Katalogwerte.xml: unit "
        "quarantined (not counted under any carrier)",
        code,
        "row_rejected",
    )
    b.keep &= ~unknown


def _clear_constraint_breaks(b: _Batch, df: pd.DataFrame) -> None:
    """Optional values breaking a schema constraint are cleared (the unit stays)."""
    import pandas as pd

    from etl import schema

    for c in schema.UNITS.columns:
        if not c.nullable or c.name == "municipality_key":
            continue
        s = df[c.name]
        present = s.notna()
        if not present.any():
            continue
        bad = pd.Series(False, index=b.idx)
        if c.min_value is not None:
            bad |= present & (s < c.min_value)
        if c.max_value is not None:
            bad |= present & (s > c.max_value)
        if c.length is not None:
            bad |= present & (s.str.len() != c.length)
        if c.pattern is not None:
            bad |= present & ~s.str.fullmatch(c.pattern).fillna(False)
        bad = bad.fillna(False).astype(bool)
        if bad.any():
            rule = c.check_sql() or ""
            b.report(bad, c.name, f"{c.name} breaks {rule}: value cleared", s, "field_cleared")
            df.loc[bad, c.name] = pd.NA


def _carrier(
    raw: pd.DataFrame,
    kinds: pd.Series,
    catalog: Mapping[str, str],
    col: Callable[[str], pd.Series],
    report: Callable[..., None],
    keep: pd.Series,
) -> pd.Series:
    """Carrier per row: fixed by member kind, or from the wind/solar location codes."""

    fixed = {k.key: k.carrier for k in UNIT_KINDS if k.carrier}
    normed = {k: norm(v) for k, v in catalog.items()}
    carrier = kinds.map(fixed).astype("string")
    wind = kinds == "wind"
    if wind.any():
        code = col("WindAnLandOderAufSee").where(wind)
        text = code.map(normed, na_action="ignore")
        onshore = text.str.contains("an land", regex=False).fillna(False).astype(bool)
        offshore = text.str.contains("auf see", regex=False).fillna(False).astype(bool)
        carrier[onshore] = "wind_onshore"
        carrier[offshore] = "wind_offshore"
        missing = wind & code.isna()
        has_key = col(KEY).notna()
        carrier[missing & has_key] = "wind_onshore"
        carrier[missing & ~has_key] = "wind_offshore"
        report(
            missing,
            "carrier",
            "WindAnLandOderAufSee missing: onshore assumed when the unit has a municipality "
            "key, else offshore",
            code,
            "flagged",
            source_field="WindAnLandOderAufSee",
        )
        unknown = wind & code.notna() & ~onshore & ~offshore
        report(
            unknown & text.isna(),
            "carrier",
            "WindAnLandOderAufSee code not in Katalogwerte.xml: unit not loaded",
            code,
            "row_rejected",
            source_field="WindAnLandOderAufSee",
        )
        report(
            unknown & text.notna(),
            "carrier",
            "WindAnLandOderAufSee decodes to neither onshore nor offshore: unit not loaded",
            code,
            "row_rejected",
            source_field="WindAnLandOderAufSee",
        )
        keep &= ~unknown
    solar = kinds == "solar"
    if solar.any():
        code = col("ArtDerSolaranlage").where(solar)
        text = code.map(normed, na_action="ignore")
        carrier[solar] = "pv_other"
        # floating PV (Gewässer) counts with ground-mounted PV, as in EEG 2023 §6 and §37
        ground = (
            (text.str.startswith("freifl") | text.str.startswith("gewässer"))
            .fillna(False)
            .astype(bool)
        )
        building = (
            (text.str.contains("hausdach", regex=False) | text.str.contains("gebäude", regex=False))
            .fillna(False)
            .astype(bool)
        )
        carrier[solar & ground] = "pv_ground"
        carrier[solar & building] = "pv_building"
        unknown = solar & code.notna() & text.isna()
        report(
            unknown,
            "carrier",
            "ArtDerSolaranlage code not in Katalogwerte.xml: unit not loaded",
            code,
            "row_rejected",
            source_field="ArtDerSolaranlage",
        )
        keep &= ~unknown
    return carrier
