"""The idle counter's lower half: today's takings by payment method and today's list (the
visits so far, the bookings still due) — what the front desk looks at between customers.

The figures come from `services.counter_day`. The box reads them itself when the idle
panel shows and when visits, money or bookings change, so the counter screen needs one
line to have it (`TodayBox.install(ctx, idle_panel)`).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...i18n import current_language, join_list
from ...services.counter_day import CounterDay, counter_day
from .. import formatting as fmt
from ..ops import QueryOp

if TYPE_CHECKING:
    from ..app_context import AppContext

WATCHES = frozenset({"visits", "wallet", "bookings", "settings", "database", "members"})
DIM = "#6b7785"


def _hm(value: object) -> str:
    return value.strftime("%H:%M")  # type: ignore[attr-defined]


class TodayBox(QWidget):
    """Two cards side by side: 今日收款 (total, each method) and 今日名单 (visits, bookings)."""

    @classmethod
    def install(cls, ctx: AppContext, idle: QWidget) -> TodayBox:
        """Put the box in the idle panel where its keys table was, and the keys table under
        the takings (the list takes the right column's height)."""
        box = cls(ctx, idle)
        layout = idle.layout()
        title, keys = idle.keys_title, idle.keys  # type: ignore[attr-defined]
        at = layout.indexOf(title)  # type: ignore[attr-defined]
        for widget in (title, keys):
            layout.removeWidget(widget)  # type: ignore[attr-defined]
        layout.insertWidget(at if at >= 0 else layout.count() - 1, box)  # type: ignore[attr-defined]
        box.grid.addWidget(title, 1, 0)
        box.grid.addWidget(keys, 2, 0)
        keys.setMinimumWidth(1)  # half the width now: it wraps, never widens the panel
        box.grid.setRowStretch(3, 1)
        return box

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayBox")
        self.day: CounterDay | None = None
        self._stale = True
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)  # the keys table under the takings must fit a 768 screen
        self.takings_card, self.takings_title, self.takings_body = self._card()
        self.list_card, self.list_title, self.list_body = self._card()
        grid.addWidget(self.takings_card, 0, 0)
        grid.addWidget(self.list_card, 0, 1, 4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        ctx.language_changed.connect(self.retranslate_ui)
        ctx.changes.changes_applied.connect(self._changes)
        if parent is not None:
            parent.installEventFilter(self)  # read again each time the idle panel shows
        self.retranslate_ui()

    def _card(self) -> tuple[QFrame, QLabel, QLabel]:
        card = QFrame(self)
        card.setObjectName("figureCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(16, 10, 16, 10)
        inner.setSpacing(4)
        title = QLabel(card)
        title.setObjectName("figureCaption")
        body = QLabel(card)
        body.setWordWrap(True)
        body.setMinimumWidth(1)  # wraps in its column, never widens the panel
        inner.addWidget(title)
        inner.addWidget(body)
        inner.addStretch(1)
        return card, title, body

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        lang = current_language()
        QueryOp(self.ctx, self, lambda s: counter_day(s, lang=lang), success=self.show_day).run()

    def _changes(self, kinds: frozenset[str], _origin: object) -> None:
        if kinds & WATCHES:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Show and self._stale:
            self.refresh()
        return False

    # -- showing ---------------------------------------------------------------------------
    def retranslate_ui(self, *_args: object) -> None:
        self.takings_title.setText(self.tr("Taken today"))
        self.list_title.setText(self.tr("Today's list"))
        if self.day is not None:
            self._stale = True
            self.refresh()  # method names are shop data in each language
        self._show()

    def show_day(self, day: CounterDay) -> None:
        self.day = day
        self._show()

    def _show(self) -> None:
        d = self.day
        if d is None:
            self.takings_body.setText("")
            self.list_body.setText("")
            return
        self.takings_body.setText(self._takings_html(d))
        self.list_body.setText(self._list_html(d))

    def _takings_html(self, d: CounterDay) -> str:
        total = (
            "<span style='font-size:18pt; font-weight:600; color:#1f3b57'>"
            f"{escape(fmt.money(d.takings))}</span>"
        )
        if not d.by_method:
            none = escape(self.tr("No money taken yet"))
            return f"{total}<div style='color:{DIM}'>{none}</div>"
        rows = ""
        for m in d.by_method:
            rows += (
                f"<tr><td>{escape(m.label)}&nbsp;&nbsp;&nbsp;</td>"
                f"<td align='right'>{escape(fmt.money(m.amount))}</td></tr>"
            )
        # the total beside the methods: the card stays low and the keys fit under it
        return (
            f"<table><tr><td valign='middle'>{total}&nbsp;&nbsp;&nbsp;&nbsp;</td>"
            f"<td valign='middle'><table cellspacing='1'>{rows}</table></td></tr></table>"
        )

    def _list_html(self, d: CounterDay) -> str:
        def section(title: str, count: int, rows: list[tuple[str, str, str]], empty: str) -> str:
            head = f"<b>{escape(title)}</b> <span style='color:{DIM}'>{count}</span>"
            if not rows:
                return f"{head}<div style='color:{DIM}'>{escape(empty)}</div>"
            body = "".join(
                f"<tr><td style='color:{DIM}'>{escape(t)}&nbsp;&nbsp;</td>"
                f"<td>{escape(who)}&nbsp;&nbsp;</td><td style='color:{DIM}'>{escape(what)}</td></tr>"
                for t, who, what in rows
            )
            more = count - len(rows)
            tail = ""
            if more > 0:
                rest = escape(self.tr("%1 more").replace("%1", str(more)))
                tail = f"<div style='color:{DIM}'>{rest}</div>"
            return f"{head}<table cellspacing='2'>{body}</table>{tail}"

        walk_in = self.tr("Walk-in")
        visits = [
            (_hm(v.at), v.who or walk_in, f"{join_list(v.what[:2])}  {fmt.money(v.amount)}")
            for v in d.visit_rows
        ]
        arrived = self.tr("(arrived)")
        bookings = [
            (
                _hm(b.starts_at),
                b.who,
                " · ".join(x for x in (join_list(b.what[:2]), b.staff) if x)
                + (f" {arrived}" if b.arrived else ""),
            )
            for b in d.booking_rows
        ]
        return (
            section(self.tr("Visits so far"), d.visits, visits, self.tr("No visits yet"))
            + "<div style='height:6px'></div>"
            + section(self.tr("Bookings due"), d.bookings_due, bookings, self.tr("No bookings due"))
        )
