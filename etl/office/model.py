"""What the office readers produce: issues, list results, and the region they check against."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from etl.office.spec import ListSpec
from etl.office.tabular import FileProblem
from etl.region import Region
from etl.schema.issue_texts import issue_text

if TYPE_CHECKING:  # pandas on use: a district build reads its sources without it
    import pandas as pd

ERROR_ACTIONS = ("row_rejected", "field_cleared")
#: Issues kept per list, in reading order; the rest are counted by action.
MAX_ISSUES = 200


@dataclass
class Issue:
    """One problem found in a list, ready for the rejected-rows table and the upload page."""

    code: str
    reason: str  # English text (stored in meta_rejected_rows)
    action: str  # row_rejected | field_cleared | flagged
    row: int | None = None  # row number as shown by Excel (None: the whole file)
    column: str | None = None  # column header as written in the file
    raw_value: str | None = None
    record_id: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    field_name: str | None = None  # the schema column, when the problem concerns one

    @property
    def is_error(self) -> bool:
        return self.action in ERROR_ACTIONS


@dataclass
class Municipality:
    """What the readers need to know about one municipality of the region."""

    key: str
    name: str
    centroid_latitude: float | None = None
    centroid_longitude: float | None = None
    geometry: object | None = None  # shapely geometry in WGS84, if loaded


@dataclass
class RegionContext:
    """The region a list must lie in, and its municipalities (when boundaries are loaded)."""

    prefix: str
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    reference_date: date | None = None
    _tree: object | None = field(default=None, repr=False)

    def municipality_at(self, lon: float, lat: float) -> Municipality | None:
        """The municipality containing a point (needs geometries), else ``None``."""
        geoms = [m for m in self.municipalities.values() if m.geometry is not None]
        if not geoms:
            return None
        from shapely import STRtree
        from shapely.geometry import Point

        if self._tree is None:
            self._tree = (STRtree([m.geometry for m in geoms]), geoms)
        tree, items = self._tree
        pt = Point(lon, lat)
        for i in tree.query(pt, predicate="intersects"):
            return items[int(i)]
        return None

    @property
    def region(self) -> Region:
        """The region as the one region predicate of :mod:`etl.region`."""
        return Region(self.prefix)

    @property
    def has_geometries(self) -> bool:
        return any(m.geometry is not None for m in self.municipalities.values())


@dataclass
class ListResult:
    """Validated rows of a list and every problem found.

    ``issues`` keeps the first :data:`MAX_ISSUES` problems; the others are
    counted in ``omitted`` (by action), so a file with 100,000 bad cells costs
    no more memory than one with 200. Add problems with :meth:`add_issues`.
    """

    spec: ListSpec
    source_file: str
    valid: pd.DataFrame
    issues: list[Issue]
    rows_read: int = 0
    sheet: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    file_problem: FileProblem | None = None
    omitted: dict[str, int] = field(default_factory=dict)  # action -> problems not kept
    rejected_rows: set[int] = field(default_factory=set)  # every row rejected, kept or not

    def __post_init__(self) -> None:
        given, self.issues = self.issues, []
        self.add_issues(given)

    def add_issues(self, issues: Iterable[Issue]) -> None:
        """Keep the first :data:`MAX_ISSUES` problems, count the rest by action."""
        for i in issues:
            if i.action == "row_rejected" and i.row is not None:
                self.rejected_rows.add(i.row)
            if len(self.issues) < MAX_ISSUES:
                self.issues.append(i)
            else:
                self.omitted[i.action] = self.omitted.get(i.action, 0) + 1

    @property
    def errors(self) -> list[Issue]:
        """The kept problems that reject a row or drop a value."""
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        """The kept problems that only flag a value."""
        return [i for i in self.issues if not i.is_error]

    @property
    def error_count(self) -> int:
        """All errors, kept or only counted."""
        return len(self.errors) + sum(n for a, n in self.omitted.items() if a in ERROR_ACTIONS)

    @property
    def warning_count(self) -> int:
        """All warnings, kept or only counted."""
        return len(self.warnings) + sum(
            n for a, n in self.omitted.items() if a not in ERROR_ACTIONS
        )

    @property
    def omitted_count(self) -> int:
        """Problems counted but not kept."""
        return sum(self.omitted.values())

    @property
    def is_loadable(self) -> bool:
        """True when the file can be loaded as is: no rejected row, no dropped value."""
        return self.file_problem is None and self.error_count == 0 and not self.valid.empty

    def issues_frame(self) -> pd.DataFrame:
        """Issues as a frame with the columns of ``meta_rejected_rows`` (plus code, params)."""
        cols = ["row_ref", "record_id", "source_field", "field", "reason", "reason_de"]
        cols += ["raw_value", "action"]
        cols += ["code", "row"]
        import pandas as pd

        if not self.issues:
            return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
        return pd.DataFrame(
            [
                {
                    "row_ref": None if i.row is None else str(i.row),
                    "record_id": i.record_id,
                    "source_field": i.column,
                    "field": i.field_name,
                    "reason": i.reason,
                    "reason_de": issue_text(i.code, i.params, i.raw_value, "de"),
                    "raw_value": None if i.raw_value is None else str(i.raw_value)[:500],
                    "action": i.action,
                    "code": i.code,
                    "row": i.row,
                }
                for i in self.issues
            ]
        )
