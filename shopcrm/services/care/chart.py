"""The satisfaction chart: average score by month (line) over the share of low scores (bars).

A matplotlib `Figure` (never pyplot); the Care screen draws it in a Qt canvas, the CLI can
save it as a PNG.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ...i18n import define, translate
from ..charts import cjk_font
from .satisfaction import MonthScore

T_TITLE = define("care.chart.title", en="Satisfaction by month", zh="每月满意度")
T_AVERAGE = define("care.chart.average", en="Average score (1–5)", zh="平均分（1–5）")
T_LOW = define("care.chart.low", en="Low scores (%)", zh="低分占比（%）")
T_NONE = define("care.chart.none", en="No scores yet", zh="暂无评分")


def satisfaction_chart(series: list[MonthScore], lang: str | None = None) -> Figure:
    fig = Figure(figsize=(8, 4.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    names = [m.month.strftime("%Y-%m") for m in series]
    low = [(m.low_share or 0) * 100 for m in series]
    bars = ax.twinx()
    bars.bar(names, low, color="#F28E2B", alpha=0.35, label=translate(T_LOW, lang))
    bars.set_ylabel(translate(T_LOW, lang))
    bars.set_ylim(0, max(40.0, max(low, default=0) * 1.3))
    xs = [n for n, m in zip(names, series, strict=True) if m.average is not None]
    ys = [m.average for m in series if m.average is not None]
    ax.plot(xs, ys, marker="o", color="#4C78A8", linewidth=2, label=translate(T_AVERAGE, lang))
    ax.set_ylim(1, 5.2)
    ax.set_ylabel(translate(T_AVERAGE, lang))
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.set_title(translate(T_TITLE, lang) if ys else translate(T_NONE, lang))
    ax.tick_params(axis="x", labelrotation=45)
    ax.grid(axis="y", alpha=0.3)
    family = cjk_font()
    if family:
        for text in fig.findobj(lambda a: hasattr(a, "set_fontfamily")):
            text.set_fontfamily([family, "DejaVu Sans"])
    return fig
