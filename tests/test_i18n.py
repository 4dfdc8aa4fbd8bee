"""Every i18n key the code uses exists in German and English; a missing key is an error.

The sources are scanned (not run): keys passed to ``t(…)`` / ``ctx.t(…)`` /
``texts(…)``, names bound to key constants and passed on, the page table of
``streamlit_app.py``, and string constants of the page-area families (``ov_``,
``pl_``, ``upl_`` …). Keys built at run time (``f"stage_{code}"``) are checked
per family against the codes that can occur.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.figures.office_style import (
    AREA_COLORS,
    H2_STATUS_COLORS,
    H2_TYPE_SYMBOLS,
    LOCATION_COLORS,
    STAGE_COLORS,
)
from analysis.headline import FIGURES
from analysis.i18n import LANGUAGES, TEXTS, t
from analysis.office_tables import H2_STAGE_GROUPS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    *sorted(
        p
        for pkg in ("analysis", "dashboard", "reports")
        if (ROOT / pkg).is_dir()
        for p in (ROOT / pkg).rglob("*.py")
        if "i18n" not in p.parts
    ),
    ROOT / "streamlit_app.py",
]
#: Key families of page areas: any string constant starting like this is a key.
AREA_PREFIXES = ("ov_", "gr_", "mu_", "dq_", "pl_", "h2_", "at_", "upl_", "nav_", "eeg_", "iss_")
#: Keys built at run time: family prefix → every code that can follow it.

FAMILIES: dict[str, tuple[str, ...]] = {
    "metric_": ("mw", "kw_km2", "kw_inh", "mwh_inh"),
    "map_layer_": ("areas", "units"),
    "cov_": ("wind", "pv", "biomass", "storage"),
    "cov_list_": ("office_wind_permits", "office_hydrogen_projects", "office_wind_areas"),
    "stage_": (*STAGE_COLORS, "rejected", "withdrawn"),
    "h2type_": tuple(H2_TYPE_SYMBOLS),
    "h2status_": tuple(H2_STATUS_COLORS),
    "area_": tuple(AREA_COLORS),
    "loc_": tuple(LOCATION_COLORS),
    "action_": ("row_rejected", "field_cleared", "flagged"),
    "upl_kind_": ("wind_permits", "hydrogen_projects", "wind_areas"),
    "finding_": (
        "list_permitted_mastr_operating",
        "list_operating_mastr_planned",
        "list_closed_mastr_active",
        "mastr_missing_from_list",
        "capacity_differs",
        "turbine_count_differs",
        "mastr_id_not_found",
        "no_mastr_match",
    ),
    "pl_measure_": ("mw", "turbines"),
    "pl_source_": ("mastr", "list", "mastr_only"),
    "h2_m_stage_": tuple(H2_STAGE_GROUPS),
    # analysis/headline.py: name, definition and rules of every headline figure
    "fig_": tuple(f"{k}{part}" for k, _ in FIGURES for part in ("", "_def", "_rules")),
    "eeg_nb_": ("no_bulk_export", "no_boundaries"),
    "drift_": ("added", "missing", "renamed"),
    "gate_": ("first_build", "demo", "not_compared", "passed", "accepted"),
    "gate_col_": ("item", "old", "new", "change", "refused"),
}
#: ``code_label(prefix, code)`` in the office figures builds ``f"{prefix}_{code}"``.
CODE_LABEL_FAMILIES = ("stage", "h2type", "h2status", "area", "loc")


def _strings(node: ast.AST) -> list[str]:
    """String constants a key expression can take (both branches of ``a if c else b``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _is_t_call(node: ast.Call) -> bool:
    f = node.func
    return (isinstance(f, ast.Name) and f.id in ("t", "texts")) or (
        isinstance(f, ast.Attribute) and f.attr == "t"
    )


def _scan(path: Path) -> tuple[set[str], set[str]]:
    """(keys used, run-time family prefixes used) in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys: set[str] = set()
    families: set[str] = set()
    bound: dict[str, list[str]] = {}
    passed_names: set[str] = set()
    skipped: set[int] = set()  # widget keys and f-string parts
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # f-string parts: run-time keys, see FAMILIES
            skipped.update(id(n) for n in node.values)
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "key":
                    skipped.update(id(n) for n in ast.walk(kw.value))
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and _strings(node.value):
                bound.setdefault(target.id, []).extend(_strings(node.value))
        if isinstance(node, ast.Call) and _is_t_call(node) and node.args:
            arg = node.args[0]
            keys.update(_strings(arg))
            if isinstance(arg, ast.Name):
                passed_names.add(arg.id)
            if isinstance(arg, ast.JoinedStr) and arg.values:
                first = arg.values[0]
                if isinstance(first, ast.Constant):
                    families.add(str(first.value))
    for name in passed_names:
        keys.update(bound.get(name, []))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and node.value.startswith(AREA_PREFIXES)
            and node.value.replace("_", "").isalnum()
            and node.value.islower()
        ):
            keys.add(node.value)
    return keys, families


def _used() -> tuple[dict[str, str], set[str]]:
    keys: dict[str, str] = {}
    families: set[str] = set()
    for path in SOURCES:
        found, fams = _scan(path)
        for key in found:
            keys.setdefault(key, str(path.relative_to(ROOT)))
        families |= fams
    return keys, families


def test_every_used_key_exists_in_both_languages() -> None:
    keys, _ = _used()
    assert len(keys) > 300  # the scan finds the keys (a broken scan finds none)
    missing = {k: where for k, where in keys.items() if k not in TEXTS}
    assert not missing, f"i18n keys used but not defined: {missing}"
    for key in keys:
        german, english = TEXTS[key]
        assert german.strip() and english.strip(), key


def test_page_titles_exist() -> None:
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    titles = [
        node.elts[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Tuple)
        and len(node.elts) == 4
        and isinstance(node.elts[1], ast.Constant)
        and str(node.elts[1].value).startswith("nav_")
    ]
    assert len(titles) >= 10
    assert all(key in TEXTS for key in titles)


def test_every_runtime_key_family_is_known_and_complete() -> None:
    _, families = _used()
    families.discard("")  # code_label's f"{prefix}_{code}", checked below
    unknown = families - set(FAMILIES)
    assert not unknown, f"keys built at run time from unknown families: {unknown}"
    for prefix in CODE_LABEL_FAMILIES:
        assert f"{prefix}_" in FAMILIES
    for prefix, codes in FAMILIES.items():
        missing = [prefix + c for c in codes if prefix + c not in TEXTS]
        assert not missing, missing


def test_every_text_has_both_languages_and_matching_placeholders() -> None:
    import string

    for key, pair in TEXTS.items():
        assert len(pair) == len(LANGUAGES), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in pair]
        assert fields[0] == fields[1], key


def test_a_missing_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no_such_key_anywhere")
    assert t("nav_overview", "en") == "Overview"
