"""Data strings in a figure are shown as text, never as plotly's pseudo-HTML.

Plotly renders ``<b>``, ``<br>``, ``<span style=…>`` and ``<a href=…>`` in
hover labels, axis ticks, legends and annotations. Names from the MaStR or the
office's lists (project, unit, municipality names) must not become markup or a
clickable link. :func:`escape_figure` runs once per figure in the chart frame
(:func:`analysis.figures.style.base_layout` and
:func:`analysis.figures.office_style.office_layout`), so a builder never has to
think about it:

- data arrays (``x``, ``y``, ``text``, ``hovertext``, ``customdata``,
  ``labels``, ``ids``, ``parents``), trace names and axis category arrays /
  tick texts: ``&``, ``<`` and ``>`` become entities, which plotly shows as the
  characters themselves;
- templates, annotations and titles are written by code but may have data
  concatenated into them: only plain ``<b> <i> <br> <sub> <sup> <extra>`` tags
  (no attributes) are kept; everything else is escaped, so no link or style
  can come from data.

Escaping is idempotent (an existing entity is not escaped twice), so calling
the frame twice does no harm. Text drawn by the map library itself (a
``Scattermap`` in ``text`` mode) is plain text already and stays unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go

_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)")
_ALLOWED_TAG = re.compile(r"<(/?)(b|i|br|sub|sup|extra)\s*/?>", re.IGNORECASE)
_DATA_ATTRS = ("x", "y", "text", "hovertext", "customdata", "labels", "ids", "parents")
_TEMPLATE_ATTRS = ("hovertemplate", "texttemplate")
_MAP_TRACES = ("scattermap", "scattermapbox")
_PLACEHOLDER = "\x00{}\x00"


def escape_text(value: str) -> str:
    """``&``, ``<`` and ``>`` as entities (an existing entity is kept)."""
    return _ENTITY.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")


def sanitize_markup(value: str) -> str:
    """Keep plain formatting tags written by code; escape every other markup."""
    kept: list[str] = []

    def _keep(match: re.Match[str]) -> str:
        kept.append(f"<{match.group(1)}{match.group(2).lower()}>")
        return _PLACEHOLDER.format(len(kept) - 1)

    protected = _ALLOWED_TAG.sub(_keep, value.replace("\x00", ""))
    escaped = escape_text(protected)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], escaped)


def _escape_values(values: object) -> object:
    """The same array (list, tuple, numpy, scalar) with every string escaped."""
    if isinstance(values, str):
        return escape_text(values)
    if isinstance(values, np.ndarray):
        if values.dtype.kind in "OUS":
            return np.vectorize(_escape_scalar, otypes=[object])(values) if values.size else values
        return values
    if isinstance(values, list | tuple):
        return type(values)(_escape_values(v) for v in values)
    return values


def _escape_scalar(value: object) -> object:
    return escape_text(value) if isinstance(value, str) else value


def _has_strings(values: object) -> bool:
    if isinstance(values, str):
        return True
    if isinstance(values, np.ndarray):
        return values.dtype.kind in "OUS"
    if isinstance(values, list | tuple):
        return any(_has_strings(v) for v in values)
    return False


def _map_text_is_plain(trace: object) -> bool:
    """True when a map draws ``text`` itself (plain text) and no hover shows it."""
    mode = getattr(trace, "mode", None) or ""
    template = getattr(trace, "hovertemplate", None)
    return (
        trace.type in _MAP_TRACES
        and "text" in mode
        and isinstance(template, str)
        and "%{text}" not in template
    )


def _escape_trace(trace: object) -> None:
    updates: dict[str, object] = {}
    for attr in _DATA_ATTRS:
        if attr == "text" and _map_text_is_plain(trace):
            continue
        values = getattr(trace, attr, None) if attr in trace else None
        if values is not None and _has_strings(values):
            updates[attr] = _escape_values(values)
    name = getattr(trace, "name", None) if "name" in trace else None
    if isinstance(name, str):
        updates["name"] = escape_text(name)
    for attr in _TEMPLATE_ATTRS:
        value = getattr(trace, attr, None) if attr in trace else None
        if isinstance(value, str):
            updates[attr] = sanitize_markup(value)
    if updates:
        trace.update(updates)


def _axes(fig: go.Figure) -> Iterable[object]:
    if isinstance(fig, go.Figure):
        yield from fig.select_xaxes()
        yield from fig.select_yaxes()


def escape_figure(fig: go.Figure) -> go.Figure:
    """Escape every data string of ``fig`` in place (see module docstring); returns ``fig``."""
    for trace in fig.data:
        _escape_trace(trace)
    layout = fig.layout
    for axis in _axes(fig):
        for attr in ("categoryarray", "ticktext"):
            values = getattr(axis, attr, None)
            if values is not None and _has_strings(values):
                axis[attr] = _escape_values(values)
        title = axis.title.text if axis.title is not None else None
        if isinstance(title, str):
            axis.title.text = sanitize_markup(title)
    for annotation in layout.annotations or ():
        if isinstance(annotation.text, str):
            annotation.text = sanitize_markup(annotation.text)
    if layout.title is not None and isinstance(layout.title.text, str):
        layout.title.text = sanitize_markup(layout.title.text)
    return fig
