"""Figures of the wind pipeline page: installed vs. pipeline, stages, durations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import format as fmt
from analysis.figures.office_style import (
    MASTR_ONLY_COLOR,
    STAGE_COLORS,
    WIND,
    code_label,
    empty_figure,
    office_layout,
)
from analysis.figures.style import (
    NUMBER_TICKS,
)
from analysis.i18n import t


# --------------------------------------------------------------------------- #
# Pipeline
# --------------------------------------------------------------------------- #
def installed_vs_pipeline(
    installed_mw: float, by_stage: pd.DataFrame, lang: str = "de"
) -> go.Figure:
    """Two bars for the briefing: installed wind (MaStR) and the pipeline by stage and source.

    ``by_stage``: ``stage, source (mastr | list), mw``.
    """
    fig = go.Figure()
    fig.add_bar(
        y=[t("pl_bar_installed", lang)],
        x=[installed_mw],
        orientation="h",
        name=t("pl_installed", lang),
        marker={"color": WIND},
        hovertemplate="%{x:,.1f} MW<extra>%{fullData.name}</extra>",
        text=[fmt.with_unit(installed_mw, "MW", 0, lang)],
        textposition="inside",
    )
    y = t("pl_bar_pipeline", lang)
    for source in ("mastr", "list"):
        for stage in ("under_construction", "approved", "applied"):
            sel = by_stage[(by_stage["stage"] == stage) & (by_stage["source"] == source)]
            mw = float(sel["mw"].sum())
            if mw <= 0:
                continue
            name = f"{code_label('stage', stage, lang)} · {t(f'pl_source_{source}', lang)}"
            fig.add_bar(
                y=[y],
                x=[mw],
                orientation="h",
                name=name,
                marker={
                    "color": STAGE_COLORS[stage],
                    "pattern": {"shape": "/" if source == "mastr" else "", "fgcolor": "#FFFFFF"},
                },
                hovertemplate="%{x:,.1f} MW<extra>%{fullData.name}</extra>",
            )
    total = float(by_stage["mw"].sum())
    fig.add_annotation(
        x=total,
        y=y,
        text="<b>" + fmt.with_unit(total, "MW", 0, lang) + "</b>",
        showarrow=False,
        xanchor="left",
        xshift=6,
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return office_layout(fig, lang, height=260, legend={"orientation": "h", "y": -0.35})


def stages_figure(funnel: pd.DataFrame, measure: str = "mw", lang: str = "de") -> go.Figure:
    """Projects by their current stage (applied, approved, under construction, operating).

    Plain horizontal bars, not a funnel: every project stands in exactly one stage, so
    the bars do not contain each other and say nothing about conversion rates.
    ``funnel``: ``stage, source (list | mastr_only), mw, turbines``; ``measure``
    ``mw`` or ``turbines``.
    """
    if funnel.empty:
        return empty_figure(lang)
    stages = ["applied", "approved", "under_construction", "operating"]
    labels = [code_label("stage", s, lang) for s in stages]
    fig = go.Figure()
    for source, color in (("list", None), ("mastr_only", MASTR_ONLY_COLOR)):
        sub = funnel[funnel["source"] == source].set_index("stage")[measure]
        values = [float(sub.get(s, 0) or 0) for s in stages]
        if not any(values):
            continue
        fig.add_bar(
            y=labels,
            x=values,
            orientation="h",
            name=t(f"pl_source_{source}", lang),
            marker={"color": [STAGE_COLORS[s] for s in stages] if color is None else color},
            texttemplate="%{x:,.0f}" + (" MW" if measure == "mw" else ""),
            textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack")
    axis = t("axis_mw", lang) if measure == "mw" else t("pl_measure_turbines", lang)
    fig.update_xaxes(title=axis, tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return office_layout(fig, lang, height=300)


def municipality_pipeline_bar(df: pd.DataFrame, lang: str = "de", top: int = 15) -> go.Figure:
    """Stacked MW per municipality (list statuses and MaStR-only planned), largest first.

    ``df``: ``municipality_key, municipality_name, status, mw, pipeline_mw``.
    """
    if df.empty:
        return empty_figure(lang)
    shown = df[df["status"].isin(["applied", "approved", "under_construction", "mastr_only"])]
    order = shown.groupby("municipality_name")["mw"].sum().sort_values(ascending=False).head(top)
    names = list(order.index)
    fig = go.Figure()
    for status in ("applied", "approved", "under_construction", "operating", "mastr_only"):
        sub = df[(df["status"] == status) & df["municipality_name"].isin(names)]
        if sub.empty:
            continue
        mw = sub.groupby("municipality_name")["mw"].sum().reindex(names).fillna(0)
        fig.add_bar(
            y=names,
            x=mw.to_numpy(),
            orientation="h",
            name=t("pl_source_mastr_only", lang)
            if status == "mastr_only"
            else code_label("stage", status, lang),
            marker={"color": STAGE_COLORS.get(status, MASTR_ONLY_COLOR)},
            hovertemplate="%{y}: %{x:,.1f} MW<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return office_layout(fig, lang, height=max(320, 28 * len(names) + 120))


def stage_duration_figure(df: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Months per stage: one point per project (filled: finished, open: still in it), box.

    ``df``: ``procedure_id, project_name, stage, days, is_ongoing``.
    """
    if df.empty:
        return empty_figure(lang)
    fig = go.Figure()
    for stage in ("applied", "approved", "under_construction"):
        sub = df[df["stage"] == stage]
        if sub.empty:
            continue
        label = code_label("stage", stage, lang)
        months = sub["days"].astype("float64") / 30.44
        fig.add_trace(
            go.Box(
                x=months,
                y=[label] * len(sub),
                orientation="h",
                name=label,
                marker={"color": STAGE_COLORS[stage]},
                boxpoints=False,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        for ongoing in (False, True):
            part = sub[sub["is_ongoing"] == ongoing]
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["days"].astype("float64") / 30.44,
                    y=[label] * len(part),
                    mode="markers",
                    marker={
                        "color": "#FFFFFF" if ongoing else STAGE_COLORS[stage],
                        "line": {"color": STAGE_COLORS[stage], "width": 1.5},
                        "size": 7,
                        "symbol": "circle-open" if ongoing else "circle",
                    },
                    name=t("pl_ongoing" if ongoing else "pl_finished", lang),
                    legendgroup="ongoing" if ongoing else "finished",
                    showlegend=stage == "applied",
                    customdata=np.stack([part["procedure_id"], part["project_name"]], axis=-1),
                    hovertemplate="%{customdata[1]} (%{customdata[0]})<br>%{x:,.0f} "
                    + t("unit_months", lang)
                    + "<extra></extra>",
                )
            )
    fig.update_xaxes(title=t("pl_axis_months", lang), tickformat=NUMBER_TICKS, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return office_layout(fig, lang, height=320)
