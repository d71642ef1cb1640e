"""Charts of the owner's month as matplotlib `Figure` objects (never pyplot's global state).

The UI embeds these figures in a Qt canvas; the CLI saves them as PNG. Chinese labels need
a CJK font: the first one found among well-known families is used, and a clear warning is
logged when there is none (the labels would show as empty boxes).
"""

from __future__ import annotations

import logging
from functools import lru_cache

from matplotlib import font_manager
from matplotlib.figure import Figure
from sqlalchemy.orm import Session

from ..i18n import define, translate
from .analytics import SEGMENT_NAMES, SEGMENTS, STAGE_NAMES, STAGES, Classes, Cohort
from .auth import Actor
from .dates import MONTH, MONTH_ABBR
from .reports import MonthlyReport, MonthMix
from .reports.labels import label

log = logging.getLogger(__name__)
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
WEEKDAYS = tuple(  # Monday first, as date.weekday() counts
    define(f"charts.weekday.{n}", en=en, zh=zh)
    for n, (en, zh) in enumerate(
        (
            ("Mon", "周一"),
            ("Tue", "周二"),
            ("Wed", "周三"),
            ("Thu", "周四"),
            ("Fri", "周五"),
            ("Sat", "周六"),
            ("Sun", "周日"),
        )
    )
)
HOUR = define("charts.hour", en="Hour", zh="时")
RETENTION_TITLE = define(
    "charts.retention.title", en="Retention by joining month (%)", zh="会员留存率（%，按入会月份）"
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed CJK font, or None (with a warning in the log)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    log.warning(
        "No CJK font found (looked for %s); Chinese chart labels will not render. "
        "Install one, e.g. fonts-noto-cjk.",
        ", ".join(CJK_FAMILIES[:4]),
    )
    return None


def _figure(width: float = 8, height: float = 4.5) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _style(fig: Figure) -> None:
    """Give every text of the figure the CJK font (no global rcParams are touched)."""
    family = cjk_font()
    if not family:
        return
    for text in fig.findobj(lambda a: hasattr(a, "set_fontfamily")):
        text.set_fontfamily([family, "DejaVu Sans"])


def month_words(year: int, month: int, lang: str | None, this_year: int | None = None) -> str:
    """A month by the one date rule: "11月" / "Nov" in `this_year`, "2025年12月" / "Dec 2025"
    otherwise (no "2026-11" in a chart)."""
    abbr = translate(MONTH_ABBR[month - 1], lang)
    if year == this_year:
        return abbr
    return translate(MONTH, lang, month=abbr, year=year)


def _title(report: MonthlyReport) -> str:
    return month_words(report.year, report.month, report.lang)


def revenue_by_day(report: MonthlyReport) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    days = [d.day.day for d in report.daily]
    ax.bar(days, [float(d.net_revenue) for d in report.daily], color="#4C78A8")
    ax.set_title(f"{_title(report)} {report.labels['net_revenue']}")
    ax.set_xlabel(report.labels["date"])
    ax.set_ylabel(report.labels["amount"] + " (¥)")
    ax.set_xticks(days[::2] if len(days) > 16 else days)
    _style(fig)
    return fig


def weekday_hour_heatmap(grid: list[list[int]], title: str, lang: str) -> Figure:
    fig = _figure(9, 4)
    ax = fig.add_subplot()
    hours = [h for h in range(24) if any(grid[w][h] for w in range(7))] or list(range(9, 22))
    lo, hi = min(hours), max(hours)
    data = [[grid[w][h] for h in range(lo, hi + 1)] for w in range(7)]
    image = ax.imshow(data, aspect="auto", cmap="YlOrRd")
    ax.set_yticks(range(7), [translate(msg_id, lang) for msg_id in WEEKDAYS])
    ax.set_xticks(range(hi - lo + 1), [f"{h}" for h in range(lo, hi + 1)])
    ax.set_xlabel(translate(HOUR, lang))
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label=label("visits", lang))
    _style(fig)
    return fig


def revenue_by_category(report: MonthlyReport) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    rows = list(reversed(report.by_category))
    ax.barh([b.label for b in rows], [float(b.amount) for b in rows], color="#59A14F")
    ax.set_title(f"{_title(report)} {report.labels['by_category']}")
    ax.set_xlabel(report.labels["amount"] + " (¥)")
    _style(fig)
    return fig


def new_vs_returning(series: list[MonthMix], lang: str) -> Figure:
    fig = _figure()
    ax = fig.add_subplot()
    last = series[-1].month.year if series else None
    names = [month_words(m.month.year, m.month.month, lang, last) for m in series]
    first = [m.first_time for m in series]
    ax.bar(names, first, label=label("first_time_members", lang), color="#F28E2B")
    ax.bar(
        names,
        [m.returning for m in series],
        bottom=first,
        label=label("returning_members", lang),
        color="#4C78A8",
    )
    ax.set_ylabel(label("members", lang))
    ax.set_title(f"{label('first_time_members', lang)} / {label('returning_members', lang)}")
    ax.legend()
    ax.tick_params(axis="x", labelrotation=45)
    _style(fig)
    return fig


def cohort_heatmap(cohorts: list[Cohort], lang: str) -> Figure:
    fig = _figure(9, 5)
    ax = fig.add_subplot()
    width = max((len(c.returned) for c in cohorts), default=1) or 1
    data = [
        [r * 100 for r in c.rates()] + [float("nan")] * (width - len(c.returned)) for c in cohorts
    ]
    image = ax.imshow(data, aspect="auto", cmap="Blues", vmin=0, vmax=100)
    ax.set_yticks(
        range(len(cohorts)),
        [f"{month_words(c.month.year, c.month.month, lang)} ({c.size})" for c in cohorts],
    )
    ax.set_xticks(range(width), [f"M+{k}" for k in range(1, width + 1)])
    for y, c in enumerate(cohorts):
        for x, r in enumerate(c.rates()):
            ax.text(
                x,
                y,
                f"{r * 100:.0f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if r > 0.6 else "black",
            )
    ax.set_title(translate(RETENTION_TITLE, lang))
    fig.colorbar(image, ax=ax)
    _style(fig)
    return fig


def segment_sizes(classes: Classes, lang: str) -> Figure:
    fig = _figure(10, 4.5)
    axes = fig.subplots(1, 3, width_ratios=[1, 3, 2])
    parts = (
        (label("abc", lang), list(classes.abc), list(classes.abc.values())),
        (
            label("segments", lang),
            [translate(SEGMENT_NAMES[k], lang) for k in SEGMENTS],
            [classes.segments[k] for k in SEGMENTS],
        ),
        (
            label("stages", lang),
            [translate(STAGE_NAMES[k], lang) for k in STAGES],
            [classes.stages[k] for k in STAGES],
        ),
    )
    for ax, (title, names, values) in zip(axes, parts, strict=True):
        ax.barh(list(reversed(names)), list(reversed(values)), color="#76B7B2")
        ax.set_title(title)
    _style(fig)
    return fig


def month_charts(
    session: Session,
    year: int,
    month: int,
    lang: str,
    report: MonthlyReport | None = None,
    *,
    actor: Actor,
) -> dict[str, Figure]:
    """All six charts of a month, by file-friendly name."""
    from datetime import date

    from .analytics import class_overview, cohort_retention
    from .reports import monthly_report, weekday_hour_visits
    from .reports import new_vs_returning as mix_series

    report = report or monthly_report(session, year, month, lang, actor=actor, with_segments=False)
    as_of = date.fromordinal(report.end.toordinal() - 1)
    title = f"{_title(report)} {label('visits', lang)}"
    return {
        "revenue_by_day": revenue_by_day(report),
        "visits_weekday_hour": weekday_hour_heatmap(
            weekday_hour_visits(session, year, month), title, lang
        ),
        "revenue_by_category": revenue_by_category(report),
        "new_vs_returning": new_vs_returning(mix_series(session, year, month), lang),
        "cohort_retention": cohort_heatmap(cohort_retention(session, as_of, 12), lang),
        "segment_sizes": segment_sizes(
            class_overview(session, as_of, lang, with_comeback=False)[0], lang
        ),
    }
