"""Parts every data-entry dialog has: the refusal line under the form and the button row.

One place for them, so that each dialog shows a refusal the same way (red, wrapping, hidden
until there is one) and has a default button that Enter presses and a Cancel that Esc does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget


def error_label(parent: QWidget) -> QLabel:
    """The one-line refusal under a dialog's form, hidden until a refusal is shown."""
    label = QLabel(parent)
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label


def button_row(
    dialog: QDialog,
    accept: Callable[[], object],
    default: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
) -> tuple[QDialogButtonBox, QPushButton]:
    """`default` (Save, Ok, ...) and Cancel; `default` is pressed by Enter and calls
    `accept`, Cancel (Esc) rejects the dialog. Returns the box and its default button."""
    buttons = QDialogButtonBox(default | QDialogButtonBox.StandardButton.Cancel, dialog)
    button = buttons.button(default)
    button.setDefault(True)
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button
