"""Analytics: ABC classes, RFM segments, lifecycle stages, BG/NBD, cohort retention.

Definitions are in docs/reports.md. The public names are re-exported here.
"""

from .cohorts import Cohort, cohort_retention
from .segments import (
    ABC_CLASSES,
    SEGMENT_NAMES,
    SEGMENTS,
    STAGE_NAMES,
    STAGES,
    LifecycleParams,
    abc_classes,
    lifecycle_stage,
    quintile_score,
    rfm_scores,
    rfm_segment,
)

# numpy / scipy behind these load on first use (PEP 562), so that opening the window
# does not import them.
_LAZY = {
    "MemberHistory": "history",
    "load_histories": "history",
    "HistoryArrays": "arrays",
    "history_arrays": "arrays",
    "BGNBDParams": "bgnbd",
    "NotEnoughHistory": "bgnbd",
    "expected_visits": "bgnbd",
    "fit_bgnbd": "bgnbd",
    "log_likelihood": "bgnbd",
    "p_alive": "bgnbd",
    "simulate": "bgnbd",
    "HORIZON_DAYS": "classes",
    "Classes": "classes",
    "ClassLabels": "classes",
    "ComebackModel": "classes",
    "MemberClass": "classes",
    "SegmentCounts": "classes",
    "class_overview": "classes",
    "comeback_model": "classes",
    "member_classes": "classes",
    "segment_counts": "classes",
    "shop_classes": "classes",
    "shop_histories": "classes",
}

__all__ = [
    "ABC_CLASSES",
    "BGNBDParams",
    "ClassLabels",
    "Classes",
    "Cohort",
    "ComebackModel",
    "HORIZON_DAYS",
    "HistoryArrays",
    "LifecycleParams",
    "MemberClass",
    "MemberHistory",
    "NotEnoughHistory",
    "SEGMENTS",
    "SEGMENT_NAMES",
    "STAGES",
    "STAGE_NAMES",
    "SegmentCounts",
    "abc_classes",
    "class_overview",
    "cohort_retention",
    "comeback_model",
    "expected_visits",
    "fit_bgnbd",
    "history_arrays",
    "lifecycle_stage",
    "load_histories",
    "log_likelihood",
    "member_classes",
    "p_alive",
    "quintile_score",
    "rfm_scores",
    "rfm_segment",
    "segment_counts",
    "shop_classes",
    "shop_histories",
    "simulate",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
