"""All UI text of the dashboard and the briefings, German (default) and English, in one place.

Use :func:`t` with a key; ``{name}`` placeholders are filled from keyword
arguments. Carrier and status labels come from :func:`carrier_label` and
:func:`status_label`. The texts are kept in one module per area of the app
(``frame``, ``pages``, ``figures``, ``pipeline``, ``hydrogen``, ``area_target``, ``upload``,
``issues``, ``accessibility``) and merged into :data:`TEXTS` here; the labels of stored codes
come from the schema's code lists (``codes``); a key may exist only once. To
add a page: add its texts (``nav_<page>`` for the navigation title) to the
module of its area and one line to ``PAGES`` in ``streamlit_app.py``.
"""

from __future__ import annotations

from analysis.i18n import (
    accessibility,
    area_target,
    codes,
    figures,
    frame,
    hydrogen,
    issues,
    pages,
    pipeline,
    quality,
    start,
    upload,
)
from analysis.i18n.codes import CARRIER_LABELS, STATUS_LABELS

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

__all__ = [
    "CARRIER_LABELS",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "STATUS_LABELS",
    "TEXTS",
    "carrier_label",
    "normalise_language",
    "status_label",
    "t",
]


def _merge(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"i18n keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


#: Every text: key → (German, English).
TEXTS: dict[str, tuple[str, str]] = _merge(
    frame.TEXTS,
    pages.TEXTS,
    pipeline.TEXTS,
    hydrogen.TEXTS,
    area_target.TEXTS,
    upload.TEXTS,
    issues.TEXTS,
    codes.TEXTS,
    figures.TEXTS,
    quality.TEXTS,
    start.TEXTS,
    accessibility.TEXTS,
)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled.

    A missing key raises :class:`KeyError` (a test checks that every key the
    code uses exists in both languages).
    """
    pair = TEXTS.get(key)
    if pair is None:
        raise KeyError(f"no text for i18n key {key!r}")
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def carrier_label(carrier: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Readable label of a carrier code."""
    pair = CARRIER_LABELS.get(carrier)
    if pair is None:
        return carrier
    return pair[1] if lang == "en" else pair[0]


def status_label(status: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Readable label of a status code."""
    pair = STATUS_LABELS.get(status)
    if pair is None:
        return status
    return pair[1] if lang == "en" else pair[0]


def normalise_language(value: object) -> str:
    """``'en'`` or ``'de'`` from a query parameter or widget value (default German)."""
    return "en" if str(value).lower().startswith("en") else DEFAULT_LANGUAGE
