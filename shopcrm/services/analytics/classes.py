"""Each member's class with its reasons, the counts per class, and the comeback model."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import CATALOG, current_language, define, translate
from ...models import Member
from .arrays import HistoryArrays, counted, history_arrays
from .bgnbd import (
    MIN_HISTORY,
    MIN_REPEAT_CUSTOMERS,
    BGNBDParams,
    NotEnoughHistory,
    expected_visits,
    fit_bgnbd,
    p_alive,
)
from .cache import cached
from .history import MemberHistory
from .reasons import abc_reasons, rfm_params, stage_reasons
from .segments import (
    ABC_CLASSES,
    SEGMENT_NAMES,
    SEGMENTS,
    STAGE_NAMES,
    STAGES,
    abc_limits,
    lifecycle_params,
    rfm_window,
)
from .vector import NO_SEGMENT, ClassArrays, class_arrays

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
    en="estimated from how often each of {customers} members came and how long ago; "
    "the chance a member is still a customer is in the member list.",
    zh="根据 {customers} 位会员各自到店的频率和最近一次到店的时间估算；每位会员仍会再来的"
    "可能性见下方名单。",
)
# The model's parameters stay out of the owner's sentence (a tooltip and the workbook's
# Segments sheet show them).
M_MODEL_DETAIL = define(
    "analytics.model_detail",
    en="BG/NBD (Fader, Hardie & Lee, 2005) on {customers} members: r={r:.3f}, "
    "alpha={alpha:.2f} days, a={a:.3f}, b={b:.3f}.",
    zh="BG/NBD 模型（Fader、Hardie 与 Lee，2005）用 {customers} 位会员拟合：r={r:.3f}，"
    "alpha={alpha:.2f} 天，a={a:.3f}，b={b:.3f}。",
)


@dataclass(frozen=True)
class ComebackModel:
    """The shop's BG/NBD fit, or why there is none."""

    ok: bool
    message: str
    params: BGNBDParams | None = None
    detail: str = ""  # the parameters in words, for a tooltip

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


def shop_histories(session: Session, as_of: date) -> HistoryArrays:
    """Every counted member's history as of `as_of` (RFM window from the settings), read
    once per session transaction."""
    window = rfm_window(session)
    return cached(
        session, ("histories", as_of, window), lambda: history_arrays(session, as_of, window)
    )


def shop_classes(session: Session, as_of: date) -> tuple[HistoryArrays, ClassArrays]:
    h = shop_histories(session, as_of)
    return h, class_arrays(h, abc_limits(session), lifecycle_params(session))


def segment_counts(session: Session, as_of: date) -> SegmentCounts:
    """How many members are in each ABC class, RFM segment and lifecycle stage on as_of."""
    abc, segments, stages = shop_classes(session, as_of)[1].counts()
    return SegmentCounts(abc=abc, segments=segments, stages=stages)


def _bgnbd_data(
    first: np.ndarray, last: np.ndarray, days: np.ndarray, as_of_day: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T) in days for members with at least one visit day (first/last: day numbers)."""
    return (
        (days - 1).astype(float),
        (last - first).astype(float),
        (as_of_day - first).astype(float),
    )


def _fit(x: np.ndarray, tx: np.ndarray, t_obs: np.ndarray) -> BGNBDParams | NotEnoughHistory:
    try:
        if x.size == 0:
            raise NotEnoughHistory(0, 0.0)
        return fit_bgnbd(x, tx, t_obs)
    except NotEnoughHistory as exc:
        return exc


def _model(fit: BGNBDParams | NotEnoughHistory, lang: str | None) -> ComebackModel:
    if isinstance(fit, NotEnoughHistory):
        msg = translate(
            M_NOT_ENOUGH,
            lang,
            repeat=fit.repeat_customers,
            need_repeat=MIN_REPEAT_CUSTOMERS,
            days=int(fit.span),
            need_days=int(MIN_HISTORY),
        )
        return ComebackModel(False, msg)
    values = {"customers": fit.customers, "r": fit.r, "alpha": fit.alpha, "a": fit.a, "b": fit.b}
    msg = translate(M_MODEL_OK, lang, **values)
    return ComebackModel(True, msg, fit, translate(M_MODEL_DETAIL, lang, **values))


def _shop_fit(session: Session, as_of: date) -> tuple[BGNBDParams | NotEnoughHistory, Any]:
    """The shop's BG/NBD fit as of `as_of` and its (seen mask, x, t_x, T), once per session
    transaction."""

    def compute() -> tuple[BGNBDParams | NotEnoughHistory, Any]:
        h = shop_histories(session, as_of)
        seen = h.days > 0
        data = _bgnbd_data(h.first[seen], h.last[seen], h.days[seen], h.as_of_day)
        return _fit(*data), (seen, *data)

    return cached(session, ("bgnbd", as_of, rfm_window(session)), compute)


def comeback_model(
    histories: list[MemberHistory], as_of: date, lang: str | None = None
) -> tuple[ComebackModel, dict[int, tuple[float, float]]]:
    """Fit BG/NBD on the members' visit days; per member (P(alive), visits in 90 days)."""
    seen = [h for h in histories if h.first is not None and h.last is not None]
    x = np.array([h.days - 1 for h in seen], dtype=float)
    tx = np.array([(h.last - h.first).days for h in seen], dtype=float)  # type: ignore[operator]
    t_obs = np.array([(as_of - h.first).days for h in seen], dtype=float)  # type: ignore[operator]
    fit = _fit(x, tx, t_obs)
    if isinstance(fit, NotEnoughHistory):
        return _model(fit, lang), {}
    alive = p_alive(fit, x, tx, t_obs)
    expected = expected_visits(fit, HORIZON_DAYS, x, tx, t_obs)
    per_member = {h.member_id: (float(alive[i]), float(expected[i])) for i, h in enumerate(seen)}
    return _model(fit, lang), per_member


def _names(session: Session, as_of: date, ids: np.ndarray) -> list[str]:
    # Core rows, not the ORM's result machinery: 100,000 pairs in half the time (the
    # session has flushed already: the histories were read through it)
    query = select(Member.id, Member.name).where(*counted(as_of))
    names = dict(session.connection().execute(query).all())
    return [names.get(mid, "") for mid in ids.tolist()]


class _Words:
    """`translate(msg_id, lang, **params)` with each message's text looked up once: the
    same words, for 100,000 members' reasons."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self.texts: dict[str, str] = {}

    def __call__(self, msg_id: str, params: dict[str, Any]) -> str:
        text = self.texts.get(msg_id)
        if text is None:
            texts = CATALOG.get(msg_id)
            if texts is None:  # not in the catalogue: translate's own fallback
                return translate(msg_id, self.lang, **params)
            text = self.texts[msg_id] = texts.get(self.lang or current_language()) or texts["en"]
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text


def _dates(numbers: np.ndarray) -> list[date]:
    """Day numbers (days since 1970-01-01) as dates, converted by numpy in one go."""
    return numbers.astype("datetime64[D]").tolist()


def member_classes(
    session: Session, as_of: date | None = None, lang: str | None = None, with_comeback: bool = True
) -> Classes:
    """Every active or archived member's ABC class, RFM segment and lifecycle stage, each
    with its reason in words, plus P(still active) and expected visits in 90 days.

    The classes are the vectorised ones the report counts (`shop_classes`, read once per
    session transaction); each reason's parameters come from the same arrays
    (`reasons.py`), worded as the reference rules in `segments.py` word them."""
    as_of = as_of or clock.today()
    window = rfm_window(session)
    arrays, codes = shop_classes(session, as_of)
    names = _names(session, as_of, arrays.member_id)
    model, comeback = ComebackModel(False, ""), {}
    if with_comeback:
        fit, (seen, x, tx, t_obs) = _shop_fit(session, as_of)
        model = _model(fit, lang)
        if not isinstance(fit, NotEnoughHistory):
            alive = p_alive(fit, x, tx, t_obs)
            expected = expected_visits(fit, HORIZON_DAYS, x, tx, t_obs)
            comeback = dict(
                zip(
                    arrays.member_id[seen].tolist(),
                    zip(alive.tolist(), expected.tolist(), strict=True),
                    strict=True,
                )
            )
    words = _Words(lang)
    segment_names = [translate(SEGMENT_NAMES[k], lang) for k in SEGMENTS]
    stage_names = [translate(STAGE_NAMES[k], lang) for k in STAGES]
    members = []
    for mid, visits, first, last, spend, a, r, f, m, seg, st, abc, rfm, stage, name in zip(
        arrays.member_id.tolist(),
        arrays.days.tolist(),
        _dates(arrays.first),
        _dates(arrays.last),
        arrays.spend.tolist(),
        codes.abc.tolist(),
        codes.r.tolist(),
        codes.f.tolist(),
        codes.m.tolist(),
        codes.segment.tolist(),
        codes.stage.tolist(),
        abc_reasons(arrays, codes, abc_limits(session)),
        rfm_params(arrays, window),
        stage_reasons(arrays, lifecycle_params(session)),
        names,
        strict=True,
    ):
        alive, expect = comeback.get(mid, (None, None))
        segment = SEGMENTS[seg] if rfm is not None else None
        members.append(
            MemberClass(
                member_id=mid,
                name=name,
                visits=visits,
                first_visit=first if visits else None,
                last_visit=last if visits else None,
                lifetime_spend=Decimal(spend).scaleb(-2),  # = cents / 100 to 2 places
                abc=ABC_CLASSES[a],
                abc_reason=words(*abc),
                r=r if rfm is not None else None,
                f=f if rfm is not None else None,
                m=m if rfm is not None else None,
                segment=segment,
                segment_name=segment_names[seg] if rfm is not None else "",
                segment_reason=(
                    words("analytics.rfm_reason", {**rfm, "r": r, "f": f, "m": m})
                    if rfm is not None
                    else ""
                ),
                stage=STAGES[st],
                stage_name=stage_names[st],
                stage_reason=words(*stage),
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


@dataclass(frozen=True)
class ClassLabels:
    """Each member's (ABC class, segment name, stage name) by member id, without building
    a Python object per member: what the workbook's Members sheet shows."""

    member_id: np.ndarray
    classes: ClassArrays
    segment_names: tuple[str, ...]
    stage_names: tuple[str, ...]

    def get(
        self, member_id: int, default: tuple[str, str, str] = ("", "", "")
    ) -> tuple[str, str, str]:
        i = int(np.searchsorted(self.member_id, member_id))
        if i >= self.member_id.size or self.member_id[i] != member_id:
            return default
        seg = int(self.classes.segment[i])
        return (
            ABC_CLASSES[int(self.classes.abc[i])],
            self.segment_names[seg] if seg != NO_SEGMENT else "",
            self.stage_names[int(self.classes.stage[i])],
        )


def class_overview(
    session: Session, as_of: date, lang: str | None = None, with_comeback: bool = True
) -> tuple[Classes, ClassLabels]:
    """The counts and the BG/NBD fit of `member_classes` (with an empty member list), and
    each member's class names — everything but the per-member reasons and predictions."""
    h, codes = shop_classes(session, as_of)
    abc, segments, stages = codes.counts()
    model = (
        _model(_shop_fit(session, as_of)[0], lang) if with_comeback else ComebackModel(False, "")
    )
    labels = ClassLabels(
        h.member_id,
        codes,
        tuple(translate(SEGMENT_NAMES[k], lang) for k in SEGMENTS),
        tuple(translate(STAGE_NAMES[k], lang) for k in STAGES),
    )
    return Classes(as_of, [], model, abc, segments, stages), labels
