"""The family's data-protection actions: the Art. 15 report, the same data as a JSON file
(Art. 20) and, for the coordination, the Art. 18 restriction (``family_restriction.py``)
and the Art. 17 erasure.

They live behind one "Datenschutz" menu button: both are rare, and the erasure must
not sit next to everyday buttons where a slip of the mouse reaches it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.family_restriction import RestrictionActions
from hamm_field.ui.pdf_viewer import PdfPreviewDialog
from hamm_field.ui.widgets import mark_destructive


def read_only(buttons: list[QPushButton], reason: str) -> None:
    """An erased (Art. 17) or restricted (Art. 18) family is only looked at: nothing edits
    or adds to it; ``reason`` says why ("" when the family may be edited)."""
    for button in buttons:
        button.setEnabled(not reason)
        button.setToolTip(reason)


class PrivacyButton(QPushButton):
    """``erased`` carries the household id once its values are gone."""

    erased = Signal(str)
    changed = Signal()  # a restriction was set or lifted

    def __init__(self, ui: UiContext, family: Callable[[], tuple[str, str] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self._family = ui, family
        self.preview: PdfPreviewDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.saved_box: QMessageBox | None = None
        menu = QMenu(self)
        self.report_action = QAction(self)
        self.report_action.triggered.connect(self.show_report)
        self.json_action = QAction(self)
        self.json_action.triggered.connect(self.save_json)
        self.erase_action = QAction(self)
        self.erase_action.triggered.connect(self.ask_erase)
        menu.addAction(self.report_action)
        menu.addAction(self.json_action)
        self.restriction = RestrictionActions(ui, family, self)
        self.restriction.changed.connect(self.changed)
        menu.addAction(self.restriction.restrict_action)
        menu.addAction(self.restriction.lift_action)
        menu.addAction(self.erase_action)
        self.setMenu(menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Datenschutz"))
        self.setAccessibleName(_("Datenschutz"))
        self.report_action.setText(_("Auskunft über gespeicherte Daten (PDF)…"))
        self.json_action.setText(_("Daten maschinenlesbar speichern (JSON)…"))
        self.erase_action.setText(_("Daten der Familie löschen (DSGVO)…"))
        self.restriction.retranslate()

    def family_shown(self, erased: bool = False, restricted: bool = False) -> None:
        """Only the coordination erases (once) and restricts; asked once a family is on
        screen, when the person using the store is certainly known."""
        self.erase_action.setVisible(self.ui.is_coordination and not erased)
        self.restriction.family_shown(erased, restricted)

    def show_report(self) -> None:
        family = self._family()
        if family is None:
            return
        household_id, _name = family

        def ready(pdf: bytes) -> None:
            self.preview = PdfPreviewDialog(
                pdf, _("Auskunft über gespeicherte Daten"), self.window(),
                file_name=_("Auskunft-Datenschutz.pdf"), log_file=self.ui.log_file)
            self.preview.open()

        self.ui.submit(self.ui.services.person_data.family, household_id, parent=self,
                       on_success=ready)

    def save_json(self) -> None:
        """Art. 20: the report's data as JSON, written only where the person chooses."""
        family = self._family()
        if family is None:
            return
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("Daten maschinenlesbar speichern"), _("Auskunft-Datenschutz.json"),
            _("JSON-Datei (*.json)"))  # fmt: skip
        if not name:
            return

        def saved(path: Path) -> None:
            box = QMessageBox(QMessageBox.Icon.Information, _("Gespeichert"), _(
                "Die Daten der Familie stehen jetzt in {path}. Die Datei ist nicht "
                "verschlüsselt: bitte nur der Familie aushändigen."
            ).format(path=str(path)), QMessageBox.StandardButton.Ok, self.window())
            self.saved_box = box
            box.open()

        self.ui.submit(self.ui.services.person_data.save_family_json, family[0], Path(name),
                       parent=self, on_success=saved)

    def ask_erase(self) -> None:
        family = self._family()
        if family is None or not self.ui.is_coordination:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Daten der Familie löschen"), _(
            "Alle Namen, Adressen und Notizen der Familie „{name}“ werden gelöscht, hier und "
            "auf jedem Laptop, der das nächste Rückpaket bekommt. Das lässt sich nicht "
            "rückgängig machen. Die Zahl der Kontakte bleibt für die Kennzahlen erhalten."
        ).format(name=family[1]), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window())
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Endgültig löschen"))
        mark_destructive(box.button(QMessageBox.StandardButton.Yes))
        box.finished.connect(lambda _result: self._confirmed(box, family[0]))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox, household_id: str) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Yes:
            return

        def failed(error: BaseException) -> None:
            show_error(self, error, self.ui.log_file)

        def done(_result: Any) -> None:
            self.erased.emit(household_id)

        self.ui.submit(self.ui.services.erasures.erase_family, household_id, parent=self,
                       changes="household", on_success=done, on_error=failed)
