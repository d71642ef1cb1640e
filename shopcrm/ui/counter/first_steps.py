"""The first-steps checklist on the idle counter: each step a button that opens the right
screen, ticked off from the data (services/first_steps.py); hidden when all are done or
when the owner dismisses it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.first_steps import STEP_KEYS, FirstSteps


class FirstStepsBox(QFrame):
    step_chosen = Signal(str)  # a step's key
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSteps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.steps: FirstSteps | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.progress = QLabel(self)
        self.progress.setObjectName("hint")
        self.hide_button = QPushButton(self)
        self.hide_button.setFlat(True)
        self.hide_button.clicked.connect(self.dismissed.emit)
        top.addWidget(self.title)
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.hide_button)
        layout.addLayout(top)
        self.buttons: dict[str, QPushButton] = {}
        for key in STEP_KEYS:
            button = QPushButton(self)
            button.setObjectName("firstStep")
            button.setFlat(True)
            button.setStyleSheet("text-align: left; padding: 3px 6px; border: none;")
            button.clicked.connect(lambda _c=False, k=key: self.step_chosen.emit(k))
            layout.addWidget(button)
            self.buttons[key] = button
        self.hide()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("First steps"))
        self.hide_button.setText(self.tr("Hide this list"))
        self._show()

    def show_steps(self, steps: FirstSteps | None) -> None:
        self.steps = steps
        self._show()

    def _show(self) -> None:
        steps = self.steps
        self.setVisible(bool(steps and steps.show))
        if steps is None:
            return
        done = sum(s.done for s in steps.steps)
        self.progress.setText(
            self.tr("%1 of %2 done").replace("%1", str(done)).replace("%2", str(len(steps.steps)))
        )
        for step in steps.steps:
            button = self.buttons[step.key]
            button.setText(("✓  " if step.done else "○  ") + step.title())
            button.setProperty("done", step.done)
            button.setEnabled(True)
