"""Konflikte prüfen: two laptops changed the same field; the coordination decides.

The list shows what is open; the chosen conflict is shown side by side: the value the
store holds now and the value that lost, each with who wrote it and when. Taking the
other value writes it anew (it then travels to the laptops); keeping the current one
only marks the conflict as seen. Either way it does not come back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment
from hamm_field.services.conflicts import ConflictView, Side
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.base import scaled
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers

# The change notice the other screens listen for, by table.
CHANGES = {"starterpaket_handout": "handout", "case_phase": "phase"}


class SidePanel(QGroupBox):
    """One value with who wrote it and when, and the button that decides for it."""

    def __init__(self, button: QPushButton) -> None:
        super().__init__()
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scaled(self.value, 1.25, bold=True)
        self.who, self.when = QLabel(), QLabel()
        self.who_label, self.when_label = QLabel(), QLabel()
        self.button = button
        form = QFormLayout()
        form.addRow(self.who_label, self.who)
        form.addRow(self.when_label, self.when)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addLayout(form)
        layout.addStretch()
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def retranslate(self, title: str) -> None:
        self.setTitle(title)
        self.who_label.setText(_("Geändert von:"))
        self.when_label.setText(_("Am:"))

    def show_side(self, side: Side | None) -> None:
        self.value.setText(side.value if side else "")
        self.who.setText(side.who if side else "")
        # With seconds: the two edits of a conflict often fall into the same minute.
        self.when.setText(format_moment(side.when, seconds=True) if side else "")
        self.value.setAccessibleName(f"{self.title()}: {self.value.text()}")


class ConflictReview(QWidget):
    """The open conflicts of the central store and the two choices for each."""

    count_changed = Signal(int)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.views: dict[str, ConflictView] = {}
        self._refocus = False  # after a decision the keyboard goes back to the list
        self.intro, self.empty, self.record = QLabel(), QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.empty.setWordWrap(True)
        self.record.setWordWrap(True)
        scaled(self.record, 1.1, bold=True)
        self.table = make_table("conflicts")
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.keep_button, self.take_button = QPushButton(), QPushButton()
        self.keep_button.clicked.connect(self.keep_current)
        self.take_button.clicked.connect(self.take_other)
        self.current, self.other = SidePanel(self.keep_button), SidePanel(self.take_button)
        sides = QHBoxLayout()
        sides.addWidget(self.current, 1)
        sides.addWidget(self.other, 1)
        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.record)
        detail.addLayout(sides)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        # Takes the spare height only while the table is hidden: "no conflicts" stays on top.
        layout.addStretch(0)
        self.retranslate()
        self._show([])

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Zwei Geräte haben dasselbe Feld unterschiedlich geändert. Gespeichert ist die "
            "neuere Änderung. Prüfen Sie, welcher Wert stimmt: Ein übernommener Wert geht mit "
            "dem nächsten Rückpaket an die Laptops."))  # fmt: skip
        self.empty.setText(_("Keine offenen Konflikte. Alles ist geprüft."))
        set_headers(self.table, [_("Eintrag"), _("Feld"), _("Aktueller Wert"),
                                 _("Anderer Wert"), _("Anderer Wert von")], stretch=0)
        self.current.retranslate(_("Aktueller Wert"))
        self.other.retranslate(_("Anderer Wert"))
        self.keep_button.setText(_("Aktuellen Wert &behalten"))
        self.take_button.setText(_("&Diesen Wert übernehmen"))
        self.keep_button.setToolTip(_("Der Konflikt gilt als geprüft; nichts wird geändert."))
        self.take_button.setToolTip(_("Der andere Wert wird neu gespeichert und geht an die "
                                      "Laptops."))  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.ui.submit(self.ui.services.conflicts.open, parent=self, on_success=self._show)

    def _show(self, views: list[ConflictView]) -> None:
        chosen = selected_id(self.table)
        self.views = {view.id: view for view in views}
        fill_table(self.table, [
            (v.id, [v.record, v.field_label, v.current.value, v.other.value, v.other.who])
            for v in views
        ])  # fmt: skip
        for row, view in enumerate(views):
            if view.id == chosen or (chosen not in self.views and row == 0):
                self.table.selectRow(row)
        self.empty.setVisible(not views)
        for widget in (self.table, self.detail):
            widget.setVisible(bool(views))
        self._show_selected()
        if self._refocus and views:
            self.table.setFocus()
        self._refocus = False
        self.count_changed.emit(len(views))

    def selected(self) -> ConflictView | None:
        return self.views.get(selected_id(self.table))

    def _show_selected(self) -> None:
        view = self.selected()
        self.record.setText(
            _("{record} · {field}").format(record=view.record, field=view.field_label)
            if view else "")  # fmt: skip
        self.current.show_side(view.current if view else None)
        self.other.show_side(view.other if view else None)
        for button in (self.keep_button, self.take_button):
            button.setEnabled(view is not None)

    def keep_current(self) -> None:
        self._decide(self.ui.services.conflicts.keep_current, changes=None)

    def take_other(self) -> None:
        view = self.selected()
        entity = view.entity if view else ""
        self._decide(self.ui.services.conflicts.take_other, CHANGES.get(entity, entity))

    def _decide(self, call: Any, changes: str | None) -> None:
        view = self.selected()
        if view is None:
            return
        for button in (self.keep_button, self.take_button):
            button.setEnabled(False)

        def done(_result: Any = None) -> None:
            self._refocus = True
            self.refresh()

        self.ui.submit(call, view.id, parent=self, changes=changes, on_success=done,
                       on_error=lambda error: self._failed(error))  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        show_error(self, error, self.ui.log_file)
        self.refresh()
