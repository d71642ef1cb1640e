"""The Follow-ups screen's detail pane (built once; the screen sets its words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets.date_pickers import follow_date_rule

if TYPE_CHECKING:
    from .screen import FollowupsScreen

OUTCOMES = (  # key -> (action, channel)
    ("done_call", "done", "call"),
    ("done_message", "done", "message"),
    ("done_in_person", "done", "in_person"),
    ("noanswer", "noanswer", None),
    ("dismiss", "dismiss", None),
)


def detail_pane(screen: FollowupsScreen, parent: QWidget) -> QWidget:
    """The right-hand pane: who, why, the message, the note and score, the outcomes. Its
    widgets become attributes of the screen, which sets their words (retranslate_ui)."""
    pane = QWidget(parent)
    pane.setObjectName("followupDetail")
    box = QVBoxLayout(pane)
    box.setContentsMargins(12, 0, 0, 0)
    box.setSpacing(8)
    screen.who = QLabel(pane)
    screen.who.setObjectName("sectionTitle")
    screen.who.setWordWrap(True)
    screen.reason = QLabel(pane)
    screen.reason.setWordWrap(True)
    screen.message_choice = QComboBox(pane)  # which reason's message (when she has several)
    screen.message_choice.currentIndexChanged.connect(screen.show_message)
    screen.state = QLabel(pane)
    screen.state.setObjectName("hint")
    screen.state.setWordWrap(True)
    screen.message = QPlainTextEdit(pane)
    screen.message.setReadOnly(True)
    screen.message.setObjectName("followupMessage")
    screen.message.setMinimumHeight(70)
    screen.message.setMaximumHeight(150)
    screen.copy_button = QPushButton(pane)
    screen.copy_button.clicked.connect(screen.copy_message)
    screen.note_edit = QLineEdit(pane)
    screen.note_edit.setMaxLength(500)
    score_row = QHBoxLayout()
    screen.score_label = QLabel(pane)
    screen.score_edit = QLineEdit(pane)  # 1–5 or empty: kept with "Done"
    screen.score_edit.setObjectName("followupScore")
    screen.score_edit.setMaxLength(1)
    screen.score_edit.setFixedWidth(44)
    screen.score_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
    screen.score_edit.setValidator(
        QRegularExpressionValidator(QRegularExpression("[1-5]"), screen.score_edit)
    )
    screen.score_edit.returnPressed.connect(lambda: screen.tree.setFocus())
    screen.score_label.setBuddy(screen.score_edit)
    screen.score_hint = QLabel(pane)
    screen.score_hint.setObjectName("hint")
    screen.score_hint.setWordWrap(True)
    score_row.addWidget(screen.score_label)
    score_row.addWidget(screen.score_edit)
    score_row.addWidget(screen.score_hint, 1)
    box.addWidget(screen.who)
    box.addWidget(screen.reason)
    box.addWidget(screen.state)
    box.addWidget(screen.message_choice)
    box.addWidget(screen.message, 1)
    box.addWidget(screen.copy_button)
    box.addWidget(screen.note_edit)
    box.addLayout(score_row)
    grid = QGridLayout()
    grid.setSpacing(6)
    screen.outcome_buttons: dict[str, QPushButton] = {}
    for n, (key, action, channel) in enumerate(OUTCOMES):
        button = QPushButton(pane)
        button.setObjectName(f"outcome_{key}")
        button.clicked.connect(lambda _=False, a=action, c=channel: screen.record(a, c))
        screen.outcome_buttons[key] = button
        grid.addWidget(button, n // 3, n % 3)
    screen.snooze_edit = QDateEdit(pane)
    screen.snooze_edit.setCalendarPopup(True)
    follow_date_rule(screen.snooze_edit)
    screen.snooze_button = QPushButton(pane)
    screen.snooze_button.setObjectName("outcome_snooze")
    screen.snooze_button.clicked.connect(screen.snooze)
    grid.addWidget(screen.snooze_edit, 2, 0, 1, 2)
    grid.addWidget(screen.snooze_button, 2, 2)
    box.addLayout(grid)
    box.addStretch(1)
    return pane
