"""Giving back a voided visit's wallet movements."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import ACCOUNT_STORED_VALUE, WalletEntry
from ..auth import Actor
from .entries import append_entry


def reverse_visit_entries(
    session: Session, visit_id: int, *, actor: Actor
) -> list[WalletEntry]:
    """Reverse every wallet movement of a visit (used when the visit is voided).

    Stored value spent comes back in full, principal and bonus each as they were drawn.
    Points earned are taken back as far as the member still holds them (the balance never
    goes negative; the shortfall is noted in the reason); points redeemed come back in full.
    """
    originals = session.scalars(
        select(WalletEntry)
        .where(WalletEntry.visit_id == visit_id, WalletEntry.entry_type != "reversal")
        .order_by(WalletEntry.id)
    ).all()
    done = set(
        session.scalars(
            select(WalletEntry.reverses_id).where(
                WalletEntry.visit_id == visit_id, WalletEntry.entry_type == "reversal"
            )
        ).all()
    )
    # Credits back first, so points redeemed return before points earned are taken back.
    originals = sorted((e for e in originals if e.id not in done), key=lambda e: e.amount)
    reversals = []
    for original in originals:
        stored = original.account == ACCOUNT_STORED_VALUE
        entry = append_entry(
            session,
            original.member_id,
            original.account,
            "reversal",
            -original.amount,
            actor=actor,
            visit_id=visit_id,
            reverses_id=original.id,
            clamp=not stored,
            parts=(-original.principal, -original.bonus) if stored else "auto",
        )
        if entry.amount != -original.amount:
            entry.reason = f"short {int(-original.amount - entry.amount)}"
        reversals.append(entry)
    return reversals
