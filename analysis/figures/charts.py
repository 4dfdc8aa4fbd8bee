"""Bar, area and donut charts: capacity by carrier and status, growth over time, the mix."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis import format as fmt
from analysis.figures.style import (
    CARRIER_COLORS,
    NUMBER_TICKS,
    STATUS_PATTERN,
    base_layout,
    carrier_order,
    empty_figure,
    new_figure,
)
from analysis.i18n import carrier_label, status_label, t
from etl.schema import STATUSES


# --------------------------------------------------------------------------- #
# Bars
# --------------------------------------------------------------------------- #
def _legend_swatch(fig: go.Figure, status: str, lang: str) -> None:
    """A neutral grey legend entry showing a status's pattern (bars carry carrier colours)."""
    fig.add_bar(
        y=[None],
        x=[None],
        orientation="h",
        name=status_label(status, lang),
        legendgroup=status,
        marker={
            "color": "#9E9E9E",
            "opacity": 1.0 if status == "operating" else 0.6,
            "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#222"},
        },
        hoverinfo="skip",
    )


def capacity_by_carrier_bar(by_carrier: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Horizontal bars: MW in operation and planned per carrier (fixed order, top to bottom).

    ``by_carrier``: ``carrier, operating_kw, planned_kw`` (as from
    :func:`analysis.queries.capacity_by_carrier`).
    """
    df = by_carrier[(by_carrier["operating_kw"] > 0) | (by_carrier["planned_kw"] > 0)]
    if df.empty:
        return empty_figure(lang)
    df = df.set_index("carrier").loc[carrier_order(df["carrier"])].reset_index()
    labels = [carrier_label(c, lang) for c in df["carrier"]]
    colors = [CARRIER_COLORS[c] for c in df["carrier"]]
    fig = new_figure()
    for status, col in (("operating", "operating_kw"), ("planned", "planned_kw")):
        fig.add_bar(
            y=labels,
            x=df[col] / 1000,
            orientation="h",
            name=status_label(status, lang),
            legendgroup=status,
            showlegend=False,
            marker={
                "color": colors,
                "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#333"},
                "opacity": 1.0 if status == "operating" else 0.55,
            },
            hovertemplate="%{y}: %{x:,.1f} MW<extra>" + status_label(status, lang) + "</extra>",
        )
        _legend_swatch(fig, status, lang)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return base_layout(fig, lang, height=max(260, 60 + 55 * len(df)))


def capacity_by_status_bar(cap: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Stacked horizontal bars per carrier, one segment per status (pattern marks the status).

    ``cap``: ``carrier, status, capacity_kw`` (as from :func:`analysis.queries.capacity`).
    """
    df = cap[cap["capacity_kw"] > 0]
    if df.empty:
        return empty_figure(lang)
    order = carrier_order(df["carrier"].unique())
    labels = [carrier_label(c, lang) for c in order]
    fig = new_figure()
    for status in STATUSES:
        sub = df[df["status"] == status].set_index("carrier").reindex(order)
        if sub["capacity_kw"].fillna(0).sum() <= 0:
            continue
        fig.add_bar(
            y=labels,
            x=sub["capacity_kw"].fillna(0) / 1000,
            orientation="h",
            name=status_label(status, lang),
            showlegend=False,
            legendgroup=status,
            marker={
                "color": [CARRIER_COLORS[c] for c in order],
                "opacity": 1.0 if status == "operating" else 0.6,
                "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#222"},
            },
            hovertemplate="%{y}: %{x:,.2f} MW<extra>" + status_label(status, lang) + "</extra>",
        )
        _legend_swatch(fig, status, lang)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return base_layout(fig, lang, height=max(240, 80 + 45 * len(order)))


# --------------------------------------------------------------------------- #
# Time series
# --------------------------------------------------------------------------- #
#: Bar patterns of removals (white crosses on the carrier colour) and plans (hatched).
REMOVED_PATTERN: dict[str, object] = {
    "shape": "x",
    "fgcolor": "#FFFFFF",
    "size": 6,
    "solidity": 0.4,
}
PLANNED_PATTERN: dict[str, object] = {"shape": "/", "fgcolor": "#222"}


def _pattern_swatch(
    fig: go.Figure, name: str, pattern: dict, opacity: float = 1.0, color: str = "#333333"
) -> None:
    """A legend entry in grey showing what a bar pattern means (bars carry carriers).

    The swatch's pattern replaces its fill with ``color`` behind it: in the template's
    overlay mode the legend draws the pattern alone, and white crosses on white vanish.
    """
    swatch = {**pattern, "fillmode": "replace", "bgcolor": color}
    fig.add_bar(
        x=[None],
        y=[None],
        name=name,
        marker={"color": color, "opacity": opacity, "pattern": swatch},
        hoverinfo="skip",
    )


def _ref_line(fig: go.Figure, ref: date | None, lang: str) -> None:
    if ref is None:
        return
    x = pd.Timestamp(ref)
    fig.add_shape(
        type="line",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        yref="paper",
        line={"dash": "dot", "color": "#555", "width": 1},
    )
    fig.add_annotation(
        x=x,
        y=1,
        yref="paper",
        text=t("gr_today", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"size": 11, "color": "#555"},
    )


def cumulative_chart(
    ts: pd.DataFrame, lang: str = "de", freq: str = "year", ref: date | None = None
) -> go.Figure:
    """Stacked areas of installed capacity per carrier, and the planned projection as a line.

    ``ts`` as from :func:`analysis.queries.timeseries`.
    """
    if ts.empty:
        return empty_figure(lang)
    hist = ts[ts["cumulative_kw"].notna()]
    fig = new_figure()
    hover_x = "%{x|%Y}" if freq == "year" else "%{x|" + fmt.plotly_date_format(lang, True) + "}"
    for c in carrier_order(ts["carrier"].unique()):
        sub = hist[hist["carrier"] == c]
        if sub.empty or (sub["cumulative_kw"].abs().sum() == 0):
            continue
        fig.add_scatter(
            x=sub["period"],
            y=sub["cumulative_kw"] / 1000,
            name=carrier_label(c, lang),
            mode="lines",
            stackgroup="installed",
            line={"width": 0.5, "color": CARRIER_COLORS[c]},
            fillcolor=CARRIER_COLORS[c],
            hovertemplate=hover_x + ": %{y:,.1f} MW<extra>" + carrier_label(c, lang) + "</extra>",
        )
    proj = ts[ts["projected_kw"].notna()].groupby("period", as_index=False)["projected_kw"].sum()
    if len(proj) > 1 and ts["planned_kw"].sum() > 0:
        fig.add_scatter(
            x=proj["period"],
            y=proj["projected_kw"] / 1000,
            name=t("gr_projection", lang),
            mode="lines+markers",
            line={"dash": "dash", "color": "#222", "width": 2},
            marker={"size": 4},
            hovertemplate=hover_x + ": %{y:,.1f} MW<extra>" + t("gr_projection", lang) + "</extra>",
        )
    if not fig.data:  # no units in the time series: a message, not an axis from -1 to 6
        return empty_figure(lang)
    _ref_line(fig, ref, lang)
    fig.update_xaxes(title=t("axis_year" if freq == "year" else "axis_month", lang))
    fig.update_yaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return base_layout(fig, lang, height=440, hovermode="x unified")


def additions_chart(
    ts: pd.DataFrame, lang: str = "de", freq: str = "year", ref: date | None = None
) -> go.Figure:
    """Bars per period: additions (up), removals (down) and planned capacity (hatched)."""
    if ts.empty:
        return empty_figure(lang)
    fig = new_figure()
    hover_x = "%{x|%Y}" if freq == "year" else "%{x|" + fmt.plotly_date_format(lang, True) + "}"
    for c in carrier_order(ts["carrier"].unique()):
        sub = ts[ts["carrier"] == c]
        color = CARRIER_COLORS[c]
        label = carrier_label(c, lang)
        if sub["added_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=sub["added_kw"] / 1000,
                name=label,
                legendgroup=c,
                marker={"color": color},
                hovertemplate=hover_x + ": +%{y:,.1f} MW<extra>" + label + "</extra>",
            )
        if sub["removed_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=-sub["removed_kw"] / 1000,
                name=label,
                legendgroup=c,
                showlegend=False,
                # dark carrier colour crossed in white: a faded colour would read as
                # another carrier (faded wind looked like hydro)
                marker={"color": color, "pattern": REMOVED_PATTERN},
                hovertemplate=hover_x
                + ": %{y:,.1f} MW<extra>"
                + label
                + " – "
                + t("gr_removed", lang)
                + "</extra>",
            )
        if sub["planned_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=sub["planned_kw"] / 1000,
                name=label,
                legendgroup=c,
                showlegend=False,
                marker={"color": color, "opacity": 0.55, "pattern": PLANNED_PATTERN},
                hovertemplate=hover_x
                + ": +%{y:,.1f} MW<extra>"
                + label
                + " – "
                + t("gr_projection", lang)
                + "</extra>",
            )
    if not fig.data:
        return empty_figure(lang)
    if (ts["removed_kw"] > 0).any():
        _pattern_swatch(fig, t("gr_removed", lang), REMOVED_PATTERN)
    if (ts["planned_kw"] > 0).any():
        _pattern_swatch(
            fig, t("gr_projection", lang), PLANNED_PATTERN, opacity=0.55, color="#9E9E9E"
        )
    _ref_line(fig, ref, lang)
    fig.update_layout(barmode="relative")
    fig.update_xaxes(title=t("axis_year" if freq == "year" else "axis_month", lang))
    fig.update_yaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    return base_layout(fig, lang, height=380)


# --------------------------------------------------------------------------- #
# Mix
# --------------------------------------------------------------------------- #
def mix_donut(
    values: pd.DataFrame, value_col: str, unit: str, lang: str = "de", title: str | None = None
) -> go.Figure:
    """Donut of shares per carrier (fixed order, fixed colours); ``unit`` labels the values."""
    df = values[values[value_col] > 0]
    if df.empty:
        return empty_figure(lang)
    df = df.set_index("carrier").loc[carrier_order(df["carrier"])].reset_index()
    scale = 1000.0 if unit in ("MW",) else 1.0
    shares = df[value_col] / df[value_col].sum()
    fig = new_figure(
        go.Pie(
            labels=[carrier_label(c, lang) for c in df["carrier"]],
            values=df[value_col] / scale,
            hole=0.5,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [CARRIER_COLORS[c] for c in df["carrier"]],
                "line": {"color": "white", "width": 1},
            },
            # tiny slices get no label (their share is in the hover and the table)
            text=[fmt.percent(v, 1, lang) if v >= 0.02 else "" for v in shares],
            textposition="inside",
            textinfo="text",
            customdata=[fmt.percent(v, 1, lang) for v in shares],
            hovertemplate="%{label}: %{value:,.1f} " + unit + " (%{customdata})<extra></extra>",
        )
    )
    if title:
        fig.update_layout(title={"text": title, "font": {"size": 15}})
    fig.add_annotation(
        text=unit,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 14, "color": "#555"},
    )
    return base_layout(fig, lang, height=400, legend={"orientation": "v"})
