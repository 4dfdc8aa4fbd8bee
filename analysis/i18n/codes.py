"""Labels (German, English) of the stored codes, read from the code lists of :mod:`etl.schema`.

The schema is the one place where a code gets its label; this module only
shapes them for :func:`analysis.i18n.t` (``<prefix>_<code>`` keys) and for
:func:`analysis.i18n.carrier_label` / :func:`analysis.i18n.status_label`.
"""

from __future__ import annotations

from etl.schema.codes import (
    AREA_LOCATION,
    AREA_STATUS,
    CARRIER,
    DRIFT_CHANGE,
    FINDING,
    H2_STATUS,
    H2_TYPE,
    PERMIT_STATUS,
    REJECT_ACTION,
    STATUS,
)
from etl.schema.model import CodeList


def _pairs(codes: CodeList, prefix: str = "") -> dict[str, tuple[str, str]]:
    return {f"{prefix}{c.code}": (c.label_de, c.label_en) for c in codes.values}


CARRIER_LABELS: dict[str, tuple[str, str]] = _pairs(CARRIER)
STATUS_LABELS: dict[str, tuple[str, str]] = _pairs(STATUS)

#: ``t()`` keys of code labels: permit stages, findings, hydrogen types and
#: statuses, wind-area statuses and unit locations, problem actions.
TEXTS: dict[str, tuple[str, str]] = {
    **_pairs(PERMIT_STATUS, "stage_"),
    **_pairs(FINDING, "finding_"),
    **_pairs(H2_TYPE, "h2type_"),
    **_pairs(H2_STATUS, "h2status_"),
    **_pairs(AREA_STATUS, "area_"),
    **_pairs(AREA_LOCATION, "loc_"),
    **_pairs(REJECT_ACTION, "action_"),
    **_pairs(DRIFT_CHANGE, "drift_"),
}
