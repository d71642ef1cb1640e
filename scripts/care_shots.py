"""Issue 20's further views for scripts/screenshots.py: the campaign builder previewing the
package-card segment, the complaint opened from the follow-up list, and the Follow-ups
screen with a satisfaction score typed after a care call."""

from __future__ import annotations

CARD_MESSAGE = {
    "zh": "{name}您好！您的{card}将于{card_ends}到期（剩余：{card_uses}），记得来用哦～",
    "en": "Hi {name}, your {card} ends on {card_ends} ({card_uses} left): come in and use them.",
}


def care_card_preview(screen) -> None:  # noqa: ANN001
    """The builder previewing "Package card ending within 30 days"."""
    from shopcrm.i18n import for_language

    tab = screen.campaigns
    screen.show_tab("campaigns")
    from shopcrm.ui.care.campaigns_tab import PRESETS

    tab.preset.setCurrentIndex([p for p, _ in PRESETS].index("card:30"))
    tab.segment.setText("card:30")
    tab.message.setPlainText(for_language(CARD_MESSAGE))
    tab.run_preview()


def complaint_from_followups(screen) -> None:  # noqa: ANN001
    """The Complaints tab as "Done" on a complaint follow-up opens it (banner shown)."""
    screen.complaints.show_all.setChecked(False)
    live = [c for c in screen.complaints.rows if c.status in ("open", "contacted")]
    if live:
        screen.show_complaint(live[0].id, back=lambda: None)


def followup_score(screen) -> None:  # noqa: ANN001
    """A care call chosen on the list with a score of 4 typed in the score field."""
    for item in screen.items.values():
        if item.rule_kind == "aftercare" and screen.listing.actionable(item):
            screen.select(item.id)
            break
    screen.score_edit.setText("4")
    screen.note_edit.setText({"zh": "说效果很好"}.get(_lang(), "happy with it"))


def _lang() -> str:
    from shopcrm.i18n import current_language

    return current_language()


CARE_VIEWS = (
    ("campaign-card", care_card_preview),
    ("complaint-from-followups", complaint_from_followups),
)
FOLLOWUP_VIEWS = (("score", followup_score),)
