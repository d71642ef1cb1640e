"""Each member's class with its reasons, the counts per class, and the comeback model."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from ...i18n import define, translate
from .bgnbd import BGNBDParams, NotEnoughHistory, expected_visits, fit_bgnbd, p_alive
from .history import MemberHistory, load_histories
from .segments import (
    ABC_CLASSES,
    SEGMENT_NAMES,
    SEGMENTS,
    STAGE_NAMES,
    STAGES,
    abc_classes,
    abc_limits,
    lifecycle_params,
    lifecycle_stage,
    rfm_scores,
    rfm_window,
)

HORIZON_DAYS = 90
M_NOT_ENOUGH = define(
    "analytics.not_enough_history",
    en="Not enough history to say who will come back: {repeat} members came back more than "
    "once (need {need_repeat}) over {days} days (need {need_days}).",
    zh="历史数据不足，无法预测谁会回来：回头客 {repeat} 位（至少需要 {need_repeat} 位），"
    "历史 {days} 天（至少需要 {need_days} 天）。",
)
M_MODEL_OK = define(
    "analytics.model_ok",
    en="BG/NBD fitted on {customers} members: r={r:.3f}, alpha={alpha:.2f} days, "
    "a={a:.3f}, b={b:.3f}.",
    zh="BG/NBD 模型已用 {customers} 位会员拟合：r={r:.3f}，alpha={alpha:.2f} 天，"
    "a={a:.3f}，b={b:.3f}。",
)


@dataclass(frozen=True)
class ComebackModel:
    """The shop's BG/NBD fit, or why there is none."""

    ok: bool
    message: str
    params: BGNBDParams | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "message": self.message,
            "params": self.params.to_dict() if self.params else None,
        }


@dataclass(frozen=True)
class MemberClass:
    member_id: int
    name: str
    visits: int
    first_visit: date | None
    last_visit: date | None
    lifetime_spend: Decimal
    abc: str
    abc_reason: str
    r: int | None
    f: int | None
    m: int | None
    segment: str | None
    segment_name: str
    segment_reason: str
    stage: str
    stage_name: str
    stage_reason: str
    p_alive: float | None
    expected_visits_90: float | None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["lifetime_spend"] = str(self.lifetime_spend)
        for key in ("first_visit", "last_visit"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


@dataclass(frozen=True)
class Classes:
    as_of: date
    members: list[MemberClass]
    model: ComebackModel
    abc: dict[str, int] = field(default_factory=dict)
    segments: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "model": self.model.to_dict(),
            "counts": {"abc": self.abc, "segments": self.segments, "stages": self.stages},
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True)
class SegmentCounts:
    abc: dict[str, int]
    segments: dict[str, int]
    stages: dict[str, int]


def _count(values: list[str], keys: tuple[str, ...]) -> dict[str, int]:
    counted = Counter(values)
    return {k: counted.get(k, 0) for k in keys}


def segment_counts(session: Session, as_of: date) -> SegmentCounts:
    """How many members are in each ABC class, RFM segment and lifecycle stage on as_of."""
    window = rfm_window(session)
    histories = load_histories(session, as_of, window)
    abc = abc_classes(histories, abc_limits(session))
    rfm = rfm_scores(histories, as_of, window)
    params = lifecycle_params(session)
    stages = [lifecycle_stage(h, as_of, params).stage for h in histories]
    return SegmentCounts(
        abc=_count([a.cls for a in abc.values()], ABC_CLASSES),
        segments=_count([x.segment for x in rfm.values()], SEGMENTS),
        stages=_count(stages, STAGES),
    )


def comeback_model(
    histories: list[MemberHistory], as_of: date, lang: str | None = None
) -> tuple[ComebackModel, dict[int, tuple[float, float]]]:
    """Fit BG/NBD on the members' visit days; per member (P(alive), visits in 90 days)."""
    seen = [h for h in histories if h.first is not None and h.last is not None]
    x = np.array([h.days - 1 for h in seen], dtype=float)
    tx = np.array([(h.last - h.first).days for h in seen], dtype=float)  # type: ignore[operator]
    t_obs = np.array([(as_of - h.first).days for h in seen], dtype=float)  # type: ignore[operator]
    try:
        if not seen:
            raise NotEnoughHistory(0, 0.0)
        params = fit_bgnbd(x, tx, t_obs)
    except NotEnoughHistory as exc:
        from .bgnbd import MIN_HISTORY, MIN_REPEAT_CUSTOMERS

        msg = translate(
            M_NOT_ENOUGH,
            lang,
            repeat=exc.repeat_customers,
            need_repeat=MIN_REPEAT_CUSTOMERS,
            days=int(exc.span),
            need_days=int(MIN_HISTORY),
        )
        return ComebackModel(False, msg), {}
    alive = p_alive(params, x, tx, t_obs)
    expected = expected_visits(params, HORIZON_DAYS, x, tx, t_obs)
    msg = translate(
        M_MODEL_OK,
        lang,
        customers=params.customers,
        r=params.r,
        alpha=params.alpha,
        a=params.a,
        b=params.b,
    )
    per_member = {h.member_id: (float(alive[i]), float(expected[i])) for i, h in enumerate(seen)}
    return ComebackModel(True, msg, params), per_member


def member_classes(
    session: Session, as_of: date | None = None, lang: str | None = None, with_comeback: bool = True
) -> Classes:
    """Every active or archived member's ABC class, RFM segment and lifecycle stage, each
    with its reason in words, plus P(still active) and expected visits in 90 days."""
    as_of = as_of or date.today()
    window = rfm_window(session)
    histories = load_histories(session, as_of, window)
    abc = abc_classes(histories, abc_limits(session))
    rfm = rfm_scores(histories, as_of, window)
    params = lifecycle_params(session)
    model, comeback = (
        comeback_model(histories, as_of, lang) if with_comeback else (ComebackModel(False, ""), {})
    )
    members = []
    for h in histories:
        a = abc[h.member_id]
        s = rfm.get(h.member_id)
        st = lifecycle_stage(h, as_of, params)
        alive, expect = comeback.get(h.member_id, (None, None))
        members.append(
            MemberClass(
                member_id=h.member_id,
                name=h.name,
                visits=h.days,
                first_visit=h.first,
                last_visit=h.last,
                lifetime_spend=(Decimal(h.spend_cents) / 100).quantize(Decimal("0.01")),
                abc=a.cls,
                abc_reason=translate(a.reason_id, lang, **a.params),
                r=s.r if s else None,
                f=s.f if s else None,
                m=s.m if s else None,
                segment=s.segment if s else None,
                segment_name=translate(SEGMENT_NAMES[s.segment], lang) if s else "",
                segment_reason=translate("analytics.rfm_reason", lang, **s.params) if s else "",
                stage=st.stage,
                stage_name=translate(STAGE_NAMES[st.stage], lang),
                stage_reason=translate(st.reason_id, lang, **st.params),
                p_alive=alive,
                expected_visits_90=expect,
            )
        )
    return Classes(
        as_of=as_of,
        members=members,
        model=model,
        abc=_count([m.abc for m in members], ABC_CLASSES),
        segments=_count([m.segment for m in members if m.segment], SEGMENTS),
        stages=_count([m.stage for m in members], STAGES),
    )
