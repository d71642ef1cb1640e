"""Closing and reopening the month on the Reports screen, and the "closed" banner.

The owner closes an ended month (`services.money.months.close_month`): from then on the
screen shows its frozen snapshot under a banner saying when and by whom it was closed.
Reopening asks for a reason (audited by the service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language
from ...services.money.methods import method_names
from ...services.money.months import (
    E_REASON,
    MonthStatus,
    close_month,
    month_status,
    reopen_month,
)
from .. import formatting as fmt
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast

if TYPE_CHECKING:
    from .screen import ReportsScreen

    _Base = ReportsScreen
else:
    _Base = object


class MonthCloseMixin(_Base):
    """Part of `ReportsScreen` (uses its month picker, banner, close button and actions).
    Its words are in the screen's translation context ("ReportsScreen")."""

    # -- closing the month ------------------------------------------------------------------
    def load_month_state(self) -> None:
        chosen = self.selected_month()
        if chosen is None or not self.is_owner():
            return
        year, month = chosen
        lang = current_language()

        def read(s: Session) -> tuple[MonthStatus, dict[str, str]]:
            return month_status(s, year, month), method_names(s, lang)

        def loaded(result: tuple[MonthStatus, dict[str, str]]) -> None:
            if self.selected_month() != (year, month):
                return  # another month was chosen meanwhile
            self.month_state, self.money.names = result
            self._show_month_state()
            if self.money.report is not None:
                self.money.show_report(self.money.report)

        QueryOp(self.ctx, self, read, success=loaded).run()

    def _show_month_state(self) -> None:
        state = self.month_state
        keys = self.actions["close"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        closed = state is not None and state.closed
        self.close_button.setText(
            QCoreApplication.translate("ReportsScreen", "R&eopen month…")
            if closed
            else QCoreApplication.translate("ReportsScreen", "C&lose month…")
        )
        if closed:
            tip = QCoreApplication.translate(
                "ReportsScreen", "Reopen this month: its figures become live again (%1)"
            )
        else:
            tip = QCoreApplication.translate(
                "ReportsScreen", "Close this month: its figures never change again (%1)"
            )
        self.close_button.setToolTip(tip.replace("%1", keys))
        self.close_button.setEnabled(state is not None and (closed or state.ended))
        self.actions["close"].setEnabled(self.close_button.isEnabled())
        if state is None or not closed or not self.is_owner():
            self.banner.hide()
            return
        when = fmt.day_time(state.closed_at) if state.closed_at else ""
        who = state.closed_by or QCoreApplication.translate("ReportsScreen", "the owner")
        year, month = (int(p) for p in state.period.split("-"))
        self.banner.setText(
            QCoreApplication.translate(
                "ReportsScreen",
                "<b>%1 is closed</b> — closed on %2 by %3. These figures are frozen; a "
                "later void, edit or correction appears as a prior-period adjustment in the "
                "open month.",
            )
            .replace("%1", fmt.month(year, month))
            .replace("%2", when)
            .replace("%3", who)
        )
        self.banner.show()

    def close_or_reopen(self) -> None:
        chosen, state = self.selected_month(), self.month_state
        if chosen is None or state is None or not self.is_owner():
            return
        year, month = chosen
        name = fmt.month(year, month)
        actor = self.ctx.actor
        if state.closed:
            reason, ok = QInputDialog.getText(
                self,
                QCoreApplication.translate("ReportsScreen", "Reopen month"),
                QCoreApplication.translate(
                    "ReportsScreen",
                    "Reopen %1? Its figures become live again and the reopening is recorded in "
                    "the audit log. Reason (required):",
                ).replace("%1", name),
            )
            if not ok:
                return
            if not reason.strip():
                show_error(self, ShopError(E_REASON))
                return
            CollectionOp(
                self.ctx,
                self,
                lambda s: reopen_month(s, year, month, reason, actor=actor),
                changes={"settings"},
                success=lambda _p: self._month_changed(
                    QCoreApplication.translate("ReportsScreen", "%1 reopened").replace("%1", name)
                ),
            ).run()
            return
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("ReportsScreen", "Close month"),
            QCoreApplication.translate(
                "ReportsScreen",
                "Close %1? From then on its figures never change: voids and corrections of "
                "its visits are booked as adjustments in the open month.",
            ).replace("%1", name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        CollectionOp(
            self.ctx,
            self,
            lambda s: close_month(s, year, month, actor=actor),
            changes={"settings"},
            success=lambda _p: self._month_changed(
                QCoreApplication.translate("ReportsScreen", "%1 closed").replace("%1", name)
            ),
        ).run()

    def _month_changed(self, message: str) -> None:
        Toast.show_text(self.window(), message)
        if not self.isVisible():  # a visible screen reloads on the change notice
            self.load_month()
