"""The Members screen of a shop without members: one line saying how to bring them in,
with buttons for a new member (at the counter), the import and its blank template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from ...services.first_steps import STEP_MEMBERS
from ...services.shop_setup import first_steps
from ..ops import QueryOp
from ..widgets.empty_hint import EmptyHint, go_to, save_template
from ..widgets.toast import Toast

if TYPE_CHECKING:
    from .screen import MembersScreen


class MembersEmptyHint(EmptyHint):
    def __init__(self, screen: MembersScreen) -> None:
        super().__init__(screen, "membersEmptyHint")
        self.screen = screen
        self.add_button("new", self.new_member, primary=True)
        self.add_button("import", screen.import_file)
        self.add_button("template", self.get_template)
        # "Get the template…" also sits beside Import… in the screen's button row
        self.bar_template = QPushButton(screen)
        self.bar_template.setObjectName("templateButton")
        self.bar_template.clicked.connect(lambda _c=False: self.get_template())
        screen.model.modelReset.connect(self.check)
        screen.ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.set_texts(
            self.tr(
                "No members yet: add them at the counter as they come in, or import your "
                "existing list from Excel (get the template to see the columns)."
            ),
            new=self.tr("New member"),
            template=self.tr("Get the template…"),
            **{"import": self.tr("Import members…")},
        )
        self.bar_template.setText(self.tr("Get the template…"))
        self.bar_template.setToolTip(
            self.tr("Save a blank members workbook with the columns the import reads")
        )

    def check(self) -> None:
        """Shown only when the shop has no member at all (not for a filter that finds none)."""
        if self.screen.model.rowCount() > 0:
            self.hide()
            return
        QueryOp(
            self.screen.ctx,
            self,
            lambda s: first_steps(s).done(STEP_MEMBERS),
            success=lambda has_members: self.setVisible(not has_members),
        ).run()

    def new_member(self) -> None:
        counter = go_to(self, "counter")
        if counter is not None:
            counter.new_member()  # type: ignore[attr-defined]

    def get_template(self) -> None:
        save_template(
            self,
            "members",
            self.tr("Get the template"),
            lambda path: Toast.show_text(
                self.window(), self.tr("Template saved: %1").replace("%1", path)
            ),
        )
