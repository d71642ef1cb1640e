"""The counter (start screen): search as you type, the member card, visits and top-ups.

Keyboard only: type a phone tail / name / pinyin initials / card number, Down and Up through
the hits, Enter opens the card; F2 new visit (walk-in without a member), F3 top up, F4 edit,
Ctrl+N new member from what was typed, Esc back to the search box. The search box has the
focus at start and after every save.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import current_language
from ...services.counter import (
    CounterToday,
    MemberPanel,
    counter_today,
    member_panel,
    new_member_prefill,
)
from ...services.first_steps import dismiss_first_steps
from ...services.followups import record_outcome
from ...services.members import MemberHit, profile_fields, search_members
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..screen import Screen
from ..widgets.search_box import SearchBox
from ..widgets.toast import Toast
from .bill_dialog import QuickBillDialog
from .cards_section import CardsSection
from .idle_panel import IdlePanel
from .member_card import MemberCardView
from .member_dialog import MemberDialog
from .rebook_bar import RebookBar
from .refund_dialog import RefundDialog
from .today_box import TodayBox
from .topup_dialog import TopupDialog
from .visit_dialog import VisitDialog
from .widgets import HitList, show_action

SEARCH_LIMIT = 30
# first step → (screen, settings page); steps missing here start on the counter
STEP_TARGETS = {
    "shop": ("settings", "shop"),
    "services": ("settings", "catalog"),
    "staff": ("settings", "staff"),
    "members": ("members", ""),
    "backup": ("settings", "backups"),
}


class CounterScreen(Screen):
    screen_id = "counter"
    icon = "nav-counter.svg"
    watches = frozenset(
        {"members", "visits", "wallet", "followups", "settings", "database", "catalog", "staff"}
        | {"bookings"}  # the card's upcoming bookings follow the Bookings screen
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.hits: list[MemberHit] = []
        self.panel: MemberPanel | None = None
        self.member_id: int | None = None
        self.dialog: QDialog | None = None
        self._search_seq = 0  # the newest search sent
        self._shown_seq = 0  # the search whose hits are shown
        self._open_first_when_ready = False
        self.quick_bill = False  # F2 opens the quick bill (a restaurant's visit is the bill)

        row = QHBoxLayout(self)
        row.setContentsMargins(20, 18, 20, 16)
        row.setSpacing(18)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.search = SearchBox(self)
        self.search.setMinimumWidth(300)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.results = HitList(self.search, self)
        self.results.setObjectName("counterResults")
        self.search.results_widget = self.results
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.new_member_button = QPushButton(self)
        left.addWidget(self.search)
        left.addWidget(self.hint)
        left.addWidget(self.results, 1)
        left.addWidget(self.empty_label)
        left.addWidget(self.new_member_button)
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setFixedWidth(330)
        self.results.setMinimumHeight(120)
        row.addWidget(left_box)

        # in a scroll area: a small window scrolls the card instead of growing past the screen
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget(scroll)
        self.stack.setObjectName("counterStack")
        self.idle = IdlePanel(self.stack)
        self.today_box = TodayBox.install(ctx, self.idle)  # takings and list (issue 25)
        self.card = MemberCardView(self.stack)
        self.stack.addWidget(self.idle)
        self.stack.addWidget(self.card)
        scroll.setWidget(self.stack)
        right = QVBoxLayout()
        self.rebook = RebookBar(ctx, self._rebook_closed, self)  # "rebook?" after a visit
        right.addWidget(self.rebook)
        right.addWidget(scroll, 1)
        row.addLayout(right, 1)

        self.visit_action = self._action("F2", self.new_visit)
        self.full_visit_action = self._action("Shift+F2", self.new_full_visit)
        self.topup_action = self._action("F3", self.top_up)
        self.edit_action = self._action("F4", self.edit_member)
        self.refund_action = self._action("Ctrl+Shift+R", self.refund)
        self.new_member_action = self._action("Ctrl+N", self.new_member)
        self.back_action = self._action("Esc", self.back_to_search)
        self.visit_button = QPushButton(self.card)
        self.visit_button.setObjectName("primaryButton")
        self.topup_button = QPushButton(self.card)
        self.edit_button = QPushButton(self.card)
        self.refund_button = QPushButton(self.card)
        self.refund_button.setObjectName("refundButton")
        self.level_button = QPushButton(self.card)  # the member's level history
        self.level_button.clicked.connect(self.level_history)
        for button, action in (
            (self.visit_button, self.visit_action),
            (self.topup_button, self.topup_action),
            (self.edit_button, self.edit_action),
            (self.refund_button, self.refund_action),
        ):
            button.clicked.connect(action.trigger)
            self.card.actions_row.addWidget(button)
        self.card.actions_row.addWidget(self.level_button)
        self.card.actions_row.addStretch(1)
        self.cards = CardsSection(self)  # count cards: the member's cards, F6 sells one
        self.new_member_button.clicked.connect(self.new_member_action.trigger)
        self.card.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.card.customContextMenuRequested.connect(self._card_menu)

        self.search.search.connect(self.run_search)
        self.search.activated.connect(self._search_entered)
        self.results.picked.connect(self._pick_row)
        self.results.back.connect(self.focus_search)
        self.results.itemDoubleClicked.connect(
            lambda _item: self._pick_row(self.results.currentRow())
        )
        self.card.followup_done.connect(self.followup_done)
        ctx.actor_changed.connect(lambda _actor: self._update_actions())  # refund: owner's
        self.idle.first_steps.step_chosen.connect(self.open_step)
        self.idle.first_steps.dismissed.connect(self.dismiss_first_steps)
        self.setTabOrder(self.search, self.results)
        self.setTabOrder(self.results, self.new_member_button)
        self.setTabOrder(self.new_member_button, self.visit_button)
        self.setTabOrder(self.visit_button, self.topup_button)
        self.setTabOrder(self.topup_button, self.edit_button)
        self.setTabOrder(self.edit_button, self.refund_button)
        self._update_actions()
        self.retranslate_ui()

    def _action(self, keys: str, slot) -> QAction:  # noqa: ANN001
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Counter")

    def focus_widget(self) -> QWidget | None:
        return self.search

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Phone, name, pinyin or card no."))
        self.hint.setText(self.tr("↓ to pick a member, Enter to open the card."))
        self.results.set_placeholder(
            self.tr("Members appear here as you type: the last digits of the phone are enough.")
        )
        self._show_visit_button()
        show_action(self.topup_button, self.topup_action, self.tr("Top up"))
        show_action(self.edit_button, self.edit_action, self.tr("Edit member"))
        show_action(
            self.refund_button,
            self.refund_action,
            self.tr("Refund…"),
            self.tr("Refund stored value: principal only (owner)"),
        )
        show_action(
            self.new_member_button,
            self.new_member_action,
            self.tr("New member"),
            self.tr("New member from what was typed"),
        )
        self.back_action.setText(self.tr("Back to search"))
        self.level_button.setText(self.tr("Level history"))
        self.idle.retranslate_ui()
        self.card.retranslate_ui()
        self.rebook.retranslate_ui()
        self._show_empty_hint()
        if self.stale is False:
            self.refresh()  # texts made by the services follow the language

    def refresh(self) -> None:
        QueryOp(self.ctx, self, lambda s: counter_today(s), success=self._today_loaded).run()
        if self.member_id is not None:
            self.load_member(self.member_id)

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        if kinds & self.watches:
            self.mark_stale()

    # -- search ----------------------------------------------------------------------------
    def run_search(self, text: str) -> None:
        self._search_seq += 1
        seq = self._search_seq
        if not text:
            self._show_hits(seq, [])
            return
        QueryOp(
            self.ctx,
            self,
            lambda s: search_members(s, text, limit=SEARCH_LIMIT),
            success=lambda hits: self._show_hits(seq, hits),
        ).run()

    def _show_hits(self, seq: int, hits: list[MemberHit]) -> None:
        if seq < self._shown_seq or seq != self._search_seq:
            return  # a newer search was sent: this answer is stale
        self._shown_seq = seq
        self.hits = hits
        self.results.clear()
        for hit in hits:
            details = " · ".join(p for p in (hit.phone, hit.card_no or "", hit.level) if p)
            item = QListWidgetItem(f"{hit.name}\n{details}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self._show_empty_hint()
        if self._open_first_when_ready:
            self._open_first_when_ready = False
            if hits:
                self.open_member(hits[0].id)

    def _show_empty_hint(self) -> None:
        typed = self.search.text().strip()
        self.empty_label.setVisible(bool(typed) and not self.hits)
        self.empty_label.setText(
            self.tr("No member matches “%1”. Ctrl+N makes a new member from it.").replace(
                "%1", typed
            )
        )

    def _search_entered(self, text: str) -> None:
        if not text:
            return
        if self._shown_seq != self._search_seq:
            self._open_first_when_ready = True  # Enter before the hits came: open the first
            return
        row = max(self.results.currentRow(), 0)
        if self.hits:
            self.open_member(self.hits[row].id)

    def _pick_row(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.open_member(self.hits[row].id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()

    def back_to_search(self) -> None:
        """Esc: to the search box; there, clear the text; with nothing typed, close the card."""
        if not self.search.hasFocus():
            self.focus_search()
        elif self.search.text():
            self.search.clear_search()
        else:
            self.show_idle()

    # -- the member ------------------------------------------------------------------------
    def open_member(self, member_id: int) -> None:
        self.member_id = member_id
        self.rebook.close_for_other(member_id)  # the next guest: the last one's offer goes
        self.load_member(member_id, focus=True)

    def load_member(self, member_id: int, focus: bool = False) -> None:
        lang = current_language()

        def loaded(panel: MemberPanel) -> None:
            if panel.card.id != self.member_id:
                return  # another member was opened meanwhile
            self.panel = panel
            self.card.show_panel(panel)
            self.cards.load(member_id)
            self.stack.setCurrentWidget(self.card)
            self._update_actions()
            if focus:
                self.visit_button.setFocus(Qt.FocusReason.OtherFocusReason)

        QueryOp(
            self.ctx,
            self,
            lambda s: member_panel(s, member_id, clock.today(), lang),
            success=loaded,
        ).run()

    def show_idle(self) -> None:
        self.member_id = None
        self.panel = None
        self.stack.setCurrentWidget(self.idle)
        self._update_actions()

    def _today_loaded(self, today: CounterToday) -> None:
        self.quick_bill = today.quick_bill
        self.idle.show_today(today)
        self._show_visit_button()

    def _show_visit_button(self) -> None:
        text = self.tr("Quick bill") if self.quick_bill else self.tr("New visit")
        show_action(self.visit_button, self.visit_action, text)
        self.full_visit_action.setText(self.tr("New visit with services"))

    def _update_actions(self) -> None:
        has_member = self.panel is not None and self.member_id is not None
        self.topup_action.setEnabled(has_member)
        self.edit_action.setEnabled(has_member)
        self.cards.update_actions(has_member)
        # a refund is the owner's and needs principal to give back
        principal = self.panel.balances.principal if self.panel is not None else 0
        owner = self.ctx.actor.is_owner
        self.refund_action.setEnabled(has_member and owner and principal > 0)
        self.refund_button.setVisible(owner)
        self.refund_button.setEnabled(self.refund_action.isEnabled())

    def _card_menu(self, pos) -> None:  # noqa: ANN001
        menu = QMenu(self)
        menu.addActions(
            [self.visit_action, self.topup_action, self.edit_action, self.refund_action]
        )
        if self.quick_bill:
            menu.addAction(self.full_visit_action)
        menu.addSeparator()
        menu.addActions([self.new_member_action, self.back_action])
        menu.popup(self.card.mapToGlobal(pos))

    # -- actions ---------------------------------------------------------------------------
    def _open(self, dialog: QDialog, done) -> None:  # noqa: ANN001
        """Show a dialog window-modal without blocking (tests drive it like a person)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: done(dialog))
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        if not self.rebook.hasFocus():  # the "rebook?" offer keeps the keys it took
            self.focus_search()

    def new_visit(self) -> None:
        """F2: the quick bill when the shop uses it, else the visit with service lines."""
        if self.quick_bill:
            self.new_bill()
        else:
            self.new_full_visit()

    def new_full_visit(self) -> None:
        if self.dialog is not None:
            return
        member_id = self.member_id if self.panel is not None else None
        self._open(VisitDialog(self.ctx, member_id, self), self._saved)

    def new_bill(self) -> None:
        if self.dialog is not None:
            return
        member_id = self.member_id if self.panel is not None else None
        self._open(QuickBillDialog(self.ctx, member_id, self), self._saved)

    def top_up(self) -> None:
        if self.dialog is not None or self.panel is None:
            return
        self._open(TopupDialog(self.ctx, self.panel, self), self._saved)

    def refund(self) -> None:
        if self.dialog is not None or self.panel is None or not self.ctx.actor.is_owner:
            return
        self._open(RefundDialog(self.ctx, self.panel, self), self._saved)

    def level_history(self) -> None:
        if self.dialog is not None or self.panel is None or self.member_id is None:
            return
        from .level_history import LevelHistoryDialog

        name = self.panel.card.name
        self._open(LevelHistoryDialog(self.ctx, self.member_id, name, self), lambda _d: None)

    def edit_member(self) -> None:
        if self.dialog is not None or self.panel is None:
            return
        dialog = MemberDialog(self.ctx, list(self.panel.fields), self.panel.card, parent=self)
        self._open(dialog, self._saved)

    def new_member(self) -> None:
        if self.dialog is not None:
            return
        prefill = new_member_prefill(self.search.text())

        def got(fields: list) -> None:
            dialog = MemberDialog(self.ctx, fields, None, prefill=prefill, parent=self)
            self._open(dialog, self._member_created)

        QueryOp(self.ctx, self, lambda s: profile_fields(s), success=got).run()

    def _saved(self, dialog: QDialog) -> None:
        message = getattr(dialog, "saved_message", "")
        if message:
            Toast.show_text(self.window(), message)
        if isinstance(dialog, VisitDialog) and dialog.visit_id is not None:
            # the keyboard goes to the offer only if nobody started on the next guest
            typed = self.search.text()
            idle = lambda: self.dialog in (None, dialog) and self.search.text() == typed  # noqa: E731
            self.rebook.offer_for(dialog.visit_id, idle)

    def _rebook_closed(self, typed: str) -> None:
        """The offer was booked or skipped (or a name was typed): back to the search box."""
        self.focus_search()
        if typed:
            self.search.insert(typed)
            self.search.textEdited.emit(self.search.text())  # searches as if typed there

    def _member_created(self, dialog: QDialog) -> None:
        self._saved(dialog)
        member_id = getattr(dialog, "member_id", None)
        if member_id is not None:
            self.open_member(member_id)

    # -- first steps -----------------------------------------------------------------------
    def open_step(self, key: str) -> None:
        """A first step's screen: a Settings page, the Members list or the counter itself."""
        window = self.window()
        target = STEP_TARGETS.get(key)
        if target is None:  # balances and the first visit start here, from a member's card
            self.focus_search()
            Toast.show_text(window, self._step_hint(key))
            return
        screen_id, page_id = target
        screen = window.screen(screen_id) if hasattr(window, "screen") else None
        if screen is None:
            return
        window.show_screen(window.screens.index(screen))
        if page_id:
            screen.show_page(page_id)

    def _step_hint(self, key: str) -> str:
        if key == "balances":
            return self.tr("Find the member, then F3 enters what is on their card.")
        return self.tr("Find the member (or press F2 for a walk-in), then F2 records the visit.")

    def dismiss_first_steps(self) -> None:
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: dismiss_first_steps(s, True, actor=actor),
            changes={"settings"},
        ).run()

    def followup_done(self, followup_id: int) -> None:
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: record_outcome(s, followup_id, "done", channel="in_person", actor=actor),
            changes={"followups"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Follow-up done")),
        ).run()
