"""What a visit line says about who earned it: designated or rotation, and shared lines.

Called by `visits.record` right after the lines are written (one call, same transaction):
a line's `designated` flag defaults from the member's preferred stylist (the profile field
`preferred_stylist`, a staff name), and a line done by several people gets one
`visit_line_staff` row each with their share.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import Member, Staff, VisitLine
from ...models.commission import VisitLineStaff
from ...models.level import RATE_STEP
from ..staff import usable_staff

E_SPLIT_SUM = define(
    "commission.split_sum",
    en="Line {line}: the shares add up to {total}%, not 100%.",
    zh="第 {line} 项：分成合计 {total}%，不是 100%。",
)
E_SPLIT_MIX = define(
    "commission.split_mix",
    en="Line {line}: give every person a share, or none (equal shares).",
    zh="第 {line} 项：请给每个人都填分成比例，或都不填（平分）。",
)
E_SPLIT_TWICE = define(
    "commission.split_twice",
    en="Line {line}: one person is named twice.",
    zh="第 {line} 项：同一员工出现了两次。",
)

ONE = Decimal("1")

Split = tuple[tuple[int, Decimal | None], ...]  # (staff id, share or None for equal)


def check_split(n: int, split: Split) -> Split:
    """A line's people and shares: all given (summing to 100%) or none (equal)."""
    if len(split) < 2:
        return split
    ids = [s for s, _ in split]
    if len(set(ids)) != len(ids):
        raise ShopError(E_SPLIT_TWICE, line=n)
    shares = [share for _, share in split]
    if all(share is None for share in shares):
        return split
    if any(share is None for share in shares):
        raise ShopError(E_SPLIT_MIX, line=n)
    total = sum(shares, Decimal(0))  # type: ignore[arg-type]
    if total != ONE or any(s <= 0 or s != s.quantize(RATE_STEP) for s in shares):  # type: ignore[operator, union-attr]
        raise ShopError(E_SPLIT_SUM, line=n, total=f"{(total * 100).normalize():f}")
    return split


def preferred_staff_id(session: Session, member_id: int | None) -> int | None:
    """The member's preferred stylist (profile `preferred_stylist`) as a staff id."""
    if member_id is None:
        return None
    profile = session.scalar(select(Member.profile).where(Member.id == member_id)) or {}
    name = str(profile.get("preferred_stylist") or "").strip()
    if not name:
        return None
    return session.scalar(select(Staff.id).where(Staff.name == name))


def write_line_extras(
    session: Session, visit_id: int, member_id: int | None, drafts: Sequence[object]
) -> None:
    """Set each new line's designated flag and write its shared staff (see module doc).

    `drafts` are the visit's `LineDraft`s in line order; their optional `designated`
    (None: from the preferred stylist) and `split` fields are read here.
    """
    undecided = any(
        getattr(d, "designated", None) is None
        and (getattr(d, "staff_id", None) or getattr(d, "split", ()))
        for d in drafts
    )
    preferred = preferred_staff_id(session, member_id) if undecided else None
    designated_nos: list[int] = []
    splits: dict[int, Split] = {}
    for n, draft in enumerate(drafts, start=1):
        split: Split = tuple(getattr(draft, "split", ()) or ())
        staff_id = getattr(draft, "staff_id", None)
        flag = getattr(draft, "designated", None)
        if flag is None:
            people = [s for s, _ in split] or ([staff_id] if staff_id else [])
            flag = preferred is not None and preferred in people
        if flag:
            designated_nos.append(n)
        if len(split) >= 2:
            check_split(n, split)
            for person, _share in split:
                usable_staff(session, person)
            splits[n] = split
    # no read of the lines unless a line is shared (the counter's hot path stays as it was)
    if designated_nos:
        session.execute(
            update(VisitLine)
            .where(VisitLine.visit_id == visit_id, VisitLine.line_no.in_(designated_nos))
            .values(designated=True)
        )
    if splits:
        line_ids = dict(
            session.execute(
                select(VisitLine.line_no, VisitLine.id).where(
                    VisitLine.visit_id == visit_id, VisitLine.line_no.in_(list(splits))
                )
            ).all()
        )
        session.execute(
            VisitLineStaff.__table__.insert(),
            [
                {"line_id": line_ids[n], "position": pos, "staff_id": person, "share": share}
                for n, split in splits.items()
                for pos, (person, share) in enumerate(split)
            ],
        )


E_SPLIT_STAFF = define(
    "commission.split_staff",
    en="--split needs --staff: who did the line with them.",
    zh="使用 --split 时须同时给出 --staff（与其一起完成项目的员工）。",
)
E_SPLIT_PCT = define(
    "commission.split_pct",
    en="“{value}” is not NAME or NAME:PCT (e.g. 小李:40).",
    zh="“{value}”不是“姓名”或“姓名:比例”（例如 小李:40）。",
)
E_SPLIT_NAME = define(
    "commission.split_name", en="No staff member called “{name}”.", zh="没有名为“{name}”的员工。"
)


def visit_split(session: Session, staff_id: int | None, specs: Sequence[str]) -> Split:
    """`--split 小李` / `--split 小李:40` (the CLI's form) → the line's people and shares:
    the main person first; equal shares when no percentage is given, else the main person
    keeps 100% less the others'."""
    if not specs:
        return ()
    if staff_id is None:
        raise ShopError(E_SPLIT_STAFF)
    others: list[tuple[int, Decimal | None]] = []
    for spec in specs:
        name, sep, pct = spec.rpartition(":") if ":" in spec else (spec, "", "")
        found = session.scalar(select(Staff.id).where(Staff.name == name.strip()))
        if found is None:
            raise ShopError(E_SPLIT_NAME, name=name.strip())
        share = None
        if sep:
            try:
                share = (Decimal(pct.strip().rstrip("%")) / 100).quantize(RATE_STEP)
            except ArithmeticError:
                raise ShopError(E_SPLIT_PCT, value=spec) from None
        others.append((found, share))
    return split_of(staff_id, others)


def split_of(
    staff_id: int | None, others: Sequence[tuple[int, Decimal | None]], line: int = 1
) -> Split:
    """The line's main person and the others who shared it → `LineDraft.split`: equal
    shares when no other has a share, else the main person keeps 100% less the others'.
    (`visit add --split` and the visit dialog's share editor both come here.)"""
    if not others:
        return ()
    if staff_id is None:
        raise ShopError(E_SPLIT_STAFF)
    if all(share is None for _, share in others):
        return check_split(line, ((staff_id, None), *others))
    if any(share is None for _, share in others):
        raise ShopError(E_SPLIT_MIX, line=line)
    rest = ONE - sum((share or Decimal(0) for _, share in others), Decimal(0))
    return check_split(line, ((staff_id, rest), *others))
