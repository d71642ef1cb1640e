"""Analytics: ABC classes, RFM segments, lifecycle stages, BG/NBD, cohort retention.

Definitions are in docs/reports.md. The public names are re-exported here.
"""

from .arrays import HistoryArrays, history_arrays
from .bgnbd import (
    BGNBDParams,
    NotEnoughHistory,
    expected_visits,
    fit_bgnbd,
    log_likelihood,
    p_alive,
    simulate,
)
from .classes import (
    HORIZON_DAYS,
    Classes,
    ClassLabels,
    ComebackModel,
    MemberClass,
    SegmentCounts,
    class_overview,
    comeback_model,
    member_classes,
    segment_counts,
    shop_classes,
    shop_histories,
)
from .cohorts import Cohort, cohort_retention
from .history import MemberHistory, load_histories
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
