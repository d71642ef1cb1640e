"""The "rebook?" bar: after a visit is saved at the counter, its member's next booking.

It never blocks the counter: a strip above the card, not a dialog. It takes the keyboard
only when nothing new was typed in the search box (nobody started on the next guest); Enter books the time
shown (Tab to the time to change it), Esc skips, and typing a letter or digit hands the
keys back to the search box and closes the offer. A slot taken meanwhile is refused by the
booking service; the bar says so and moves to the nearest free time, Enter books that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services.bookings import (
    BookingDraft,
    RebookOffer,
    create_booking,
    nearest_free,
    rebook_offer,
)
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast

REBOOK_CHANGES = {"bookings", "followups"}


def _as_datetime(value: QDateTime) -> datetime:
    return value.toPython().replace(second=0, microsecond=0)


class RebookBar(QFrame):
    booked = Signal(int)  # the new booking's id
    closed = Signal()  # skipped, booked or handed back to the search

    def __init__(
        self, ctx: AppContext, hand_back: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rebookBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Enter / Esc / typing reach it
        self.ctx = ctx
        self.hand_back = hand_back  # gives a typed character to the search box
        self.offer: RebookOffer | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(4)
        row = QHBoxLayout()
        self.question = QLabel(self)
        self.question.setObjectName("sectionTitle")
        self.question.setWordWrap(True)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setCalendarPopup(False)
        self.book_button = QPushButton(self)
        self.book_button.setObjectName("primaryButton")
        self.book_button.clicked.connect(self.book)
        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self.skip)
        row.addWidget(self.question, 1)
        row.addWidget(self.when_edit)
        row.addWidget(self.book_button)
        row.addWidget(self.skip_button)
        outer.addLayout(row)
        self.detail = QLabel(self)
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        outer.addWidget(self.detail)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.when_edit.installEventFilter(self)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.book_button.setText(self.tr("Book (Enter)"))
        self.skip_button.setText(self.tr("Skip (Esc)"))
        self._show_offer()

    # -- showing --------------------------------------------------------------------------------
    def offer_for(self, visit_id: int, take_focus: Callable[[], bool]) -> None:
        """Ask for the offer of a visit just saved; show it if there is one."""

        def got(offer: RebookOffer | None) -> None:
            if offer is None:
                return
            self.offer = offer
            self.when_edit.setDateTime(QDateTime(offer.starts_at))
            self.message.clear()
            self.message.hide()
            self._show_offer()
            self.show()
            if take_focus():
                self.setFocus(Qt.FocusReason.OtherFocusReason)

        QueryOp(self.ctx, self, lambda s: rebook_offer(s, visit_id), success=got).run()

    def _show_offer(self) -> None:
        offer = self.offer
        if offer is None:
            return
        what = "、".join(offer.services)
        if offer.staff_name:
            question = self.tr("Rebook %1? Next %2 with %3:")
        else:
            question = self.tr("Rebook %1? Next %2:")
        self.question.setText(
            question.replace("%1", offer.member_name)
            .replace("%2", what)
            .replace("%3", offer.staff_name)
        )
        weeks = round(offer.interval_days / 7)
        if offer.usual:
            why = self.tr("in about %1 weeks, as usual for them (every %2 days)").replace(
                "%1", str(weeks)
            )
            why = why.replace("%2", str(offer.interval_days))
        else:
            why = self.tr("in about %1 weeks (no usual interval yet)").replace("%1", str(weeks))
        detail = f"{fmt.day(offer.starts_at.date())} · {why} · " + self.tr("%1 min").replace(
            "%1", str(offer.minutes)
        )
        if offer.moved:
            detail += " · " + self.tr("the nearest free time")
        self.detail.setText(detail)

    # -- keys -----------------------------------------------------------------------------------
    @staticmethod
    def _own_key(event: QEvent) -> bool:
        """Enter and Esc are the bar's, not the counter's shortcuts (Esc: back to search)."""
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        )

    def event(self, event: QEvent) -> bool:
        if self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if watched is self.when_edit and self._own_key(event):
            event.accept()
            return True
        if (
            watched is self.when_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            return self._key(event, in_edit=True)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent, in_edit: bool = False) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.book()
            return True
        if key == Qt.Key.Key_Escape:
            self.skip()
            return True
        text = event.text()
        if not in_edit and text and text.isprintable() and not text.isspace():
            self.close_offer()  # the next guest's name: back to the search box with it
            self.hand_back(text)
            return True
        return False

    # -- actions --------------------------------------------------------------------------------
    def skip(self) -> None:
        self.close_offer()
        self.hand_back("")

    def close_for_other(self, member_id: int) -> None:
        if self.offer is not None and self.offer.member_id != member_id:
            self.close_offer()

    def close_offer(self) -> None:
        self.offer = None
        self.hide()
        self.closed.emit()

    def book(self) -> None:
        offer = self.offer
        if offer is None:
            return
        when = _as_datetime(self.when_edit.dateTime())
        draft = BookingDraft(
            starts_at=when,
            member_id=offer.member_id,
            staff_id=offer.staff_id,
            service_ids=offer.service_ids,
            minutes=offer.minutes,
        )
        actor = self.ctx.actor
        self.book_button.setEnabled(False)

        def done(booking_id: int) -> None:
            self.book_button.setEnabled(True)
            text = self.tr("Booked: %1 %2").replace("%1", offer.member_name)
            Toast.show_text(self.window(), text.replace("%2", fmt.day(when.date())))
            self.close_offer()
            self.booked.emit(booking_id)
            self.hand_back("")

        CollectionOp(
            self.ctx,
            self,
            lambda s: create_booking(s, draft, actor=actor),
            changes=REBOOK_CHANGES,
            success=done,
            failure=lambda exc: self._refused(exc, when),
        ).run()

    def _refused(self, exc: BaseException, when: datetime) -> None:
        """Say why, and move to the nearest free time: Enter books that."""
        self.book_button.setEnabled(True)
        if not isinstance(exc, ShopError):
            show_error(self, exc)
            return
        offer = self.offer
        reason = exc.message()
        if offer is None:
            return

        def got(free: datetime | None) -> None:
            if free is None:
                self.message.setText(reason)
            else:
                self.when_edit.setDateTime(QDateTime(free))
                self.message.setText(
                    reason
                    + " "
                    + self.tr("Nearest free: %1 %2 — Enter books it.")
                    .replace("%1", fmt.day(free.date()))
                    .replace("%2", free.strftime("%H:%M"))
                )
            self.message.show()
            self.setFocus(Qt.FocusReason.OtherFocusReason)

        staff_id, minutes = offer.staff_id, offer.minutes
        QueryOp(
            self.ctx, self, lambda s: nearest_free(s, staff_id, when, minutes), success=got
        ).run()
