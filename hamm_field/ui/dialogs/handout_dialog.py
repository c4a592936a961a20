"""Record a Starterpaket handout, then print the bilingual receipt.

Everything the form offers (the family's members, the items and editions of the master
data, the default edition from the family's first language) is loaded in one background
call. After "Speichern" the dialog stays open and offers "Empfangsbestätigung drucken",
because the receipt is signed while the family is still there.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.errors import ValidationError
from hamm_field.i18n import gettext as _
from hamm_field.services import documents
from hamm_field.services.documents import HandoutForm
from hamm_field.services.work import HandoutRepeated
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pdf_viewer import PdfPreviewDialog
from hamm_field.ui.unlock_dialog import error_label

COLUMNS = 2


class HandoutDialog(QDialog):
    """``saved`` carries the new handout's id."""

    saved = Signal(str)

    def __init__(self, ui: UiContext, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.household_id = ui, household_id
        self.form: HandoutForm | None = None
        self.handout_id: str | None = None
        self.preview: PdfPreviewDialog | None = None
        self.checks: dict[str, QCheckBox] = {}
        self._build()
        self.retranslate()
        self.setEnabled(False)
        ui.submit(documents.handout_form, ui.services, household_id, parent=self,
                  on_success=self._loaded)  # fmt: skip

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.items_box = QGroupBox()
        self.items_grid = QGridLayout(self.items_box)
        self.all_button, self.none_button = QPushButton(), QPushButton()
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)  # Enter saves, it never re-ticks the list
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.items_error = error_label()
        self.edition, self.recipient = QComboBox(), QComboBox()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        today = self.ui.services.context.today()
        self.date.setMaximumDate(QDate(today))
        self.date.setDate(QDate(today))
        self.date_error = error_label()
        # Its message is about the date or the edition: changing either answers it.
        self.date.dateChanged.connect(lambda _day: self.date_error.clear())
        self.edition.currentIndexChanged.connect(lambda _i: self.date_error.clear())
        self.edition_label, self.recipient_label, self.date_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.edition_label, self.edition),
                             (self.recipient_label, self.recipient),
                             (self.date_label, self.date)):  # fmt: skip
            label.setBuddy(field)
        details = QFormLayout()
        details.addRow(self.edition_label, self.edition)
        details.addRow(self.recipient_label, self.recipient)
        details.addRow(self.date_label, self.date)
        details.addRow("", self.date_error)
        # A second Starterpaket for the family: the earlier one named, a reason required.
        self.repeat_warning = QLabel()
        self.repeat_warning.setProperty("role", "warning")
        self.repeat_warning.setWordWrap(True)
        self.reason, self.reason_label = QLineEdit(), QLabel()
        self.reason.setMaxLength(500)
        self.reason_label.setBuddy(self.reason)
        details.addRow(self.repeat_warning)
        details.addRow(self.reason_label, self.reason)
        self.details = details
        details.setRowVisible(self.repeat_warning, False)
        details.setRowVisible(self.reason, False)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("color: #1e7b34; font-weight: 600;")
        self.done_label.setVisible(False)
        self.save_button, self.receipt_button = QPushButton(), QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.receipt_button.clicked.connect(self.show_receipt)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.receipt_button.setVisible(False)  # after adding: the box shows what it gets
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.all_button)
        tick_row.addWidget(self.none_button)
        tick_row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.items_box)
        layout.addLayout(tick_row)
        layout.addWidget(self.items_error)
        layout.addLayout(details)
        layout.addStretch()
        layout.addWidget(self.done_label)
        layout.addWidget(self.buttons)
        self.resize(720, 440)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Starterpaket übergeben"))
        name = self.form.family_name if self.form else ""
        self.heading.setText(_("Starterpaket für Familie {name}").format(name=name))
        self.items_box.setTitle(_("Ausgegebene Teile"))
        self.all_button.setText(_("&Alle ankreuzen"))
        self.none_button.setText(_("&Keine"))
        self.edition_label.setText(_("&Sprachausgabe:"))
        self.edition.setAccessibleName(_("Sprachausgabe"))
        self.recipient_label.setText(_("&Empfangen von:"))
        self.recipient.setAccessibleName(_("Empfangen von"))
        self.date_label.setText(_("&Datum:"))
        self.date.setAccessibleName(_("Datum der Übergabe"))
        self.reason_label.setText(_("&Begründung:"))
        self.reason.setAccessibleName(_("Begründung für ein weiteres Starterpaket"))
        self.reason.setPlaceholderText(_("z. B. erstes Paket verloren"))
        self.save_button.setText(_("S&peichern"))
        self.receipt_button.setText(_("Empfangsbestätigung d&rucken…"))
        self.done_label.setText(_("Die Übergabe ist gespeichert."))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Schließen") if self.handout_id else _("Abbrechen"))
        if self.recipient.count():
            self.recipient.setItemText(0, _("nicht angegeben"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _loaded(self, form: HandoutForm) -> None:
        self.form = form
        for index, (key, label) in enumerate(form.items):
            check = QCheckBox(label)
            check.setProperty("data", True)  # master data, not a UI text
            check.setChecked(True)
            check.setAccessibleName(label)
            check.toggled.connect(lambda _on: self.items_error.clear())
            self.checks[key] = check
            self.items_grid.addWidget(check, index // COLUMNS, index % COLUMNS)
        for key, label in form.editions:
            self.edition.addItem(label, key)
        self.edition.setCurrentIndex(max(0, self.edition.findData(form.default_edition)))
        self.recipient.addItem("", None)
        for person_id, name in form.members:
            self.recipient.addItem(name, person_id)
        self.setEnabled(True)
        self.retranslate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        self._fix_tab_order()
        first = next(iter(self.checks.values()), self.edition)
        first.setFocus()

    def _fix_tab_order(self) -> None:
        chain = [*self.checks.values(), self.all_button, self.none_button, self.edition,
                 self.recipient, self.date, self.save_button]  # fmt: skip
        for before, after in pairwise(chain):
            self.setTabOrder(before, after)

    def _tick_all(self, on: bool) -> None:
        for check in self.checks.values():
            check.setChecked(on)

    def ticked(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def save(self) -> None:
        if self.form is None or self.handout_id or not self.save_button.isEnabled():
            return  # not loaded yet, already saved, or a save is running
        self.save_button.setEnabled(False)
        self.items_error.clear()
        self.date_error.clear()
        values = {
            "household_id": self.household_id,
            "items": self.ticked(),
            "edition": self.edition.currentData(),
            "recipient_person_id": self.recipient.currentData(),
            "date": self.date.date().toPython(),
        }
        if self.reason.isVisibleTo(self):
            values["repeat_reason"] = self.reason.text()
        self.ui.submit(self.ui.services.handouts.create, **values, parent=self,
                       on_success=self._saved, on_error=self._failed,
                       changes="handout")  # fmt: skip

    def _saved(self, handout: object) -> None:
        self.handout_id = handout.id  # type: ignore[attr-defined]
        for widget in (self.items_box, self.all_button, self.none_button, self.edition,
                       self.recipient, self.date, self.reason):  # fmt: skip
            widget.setEnabled(False)
        self.save_button.setVisible(False)
        self.receipt_button.setVisible(True)
        self.receipt_button.setDefault(True)
        self.receipt_button.setFocus()
        self.done_label.setVisible(True)
        self.retranslate()
        self.saved.emit(self.handout_id)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, HandoutRepeated):
            self.repeat_warning.setText(str(error))
            self.details.setRowVisible(self.repeat_warning, True)
            self.details.setRowVisible(self.reason, True)
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
            self.reason.setFocus()
            return
        if isinstance(error, ValidationError):
            by_field = error.by_field()
            self.items_error.setText(by_field.pop("items", ""))
            self.date_error.setText(
                "\n".join(by_field.pop(key, "") for key in ("date", "edition")).strip()
            )
            if by_field:  # a field this form does not show
                self.items_error.setText("\n".join([self.items_error.text(), *by_field.values()]))
            return
        show_error(self, error, self.ui.log_file)

    def show_receipt(self) -> None:
        if not self.handout_id:
            return
        self.receipt_button.setEnabled(False)

        def ready(pdf: bytes) -> None:
            self.receipt_button.setEnabled(True)
            self.preview = PdfPreviewDialog(
                pdf, _("Empfangsbestätigung"), self,
                file_name=_("Empfangsbestaetigung-Starterpaket.pdf"), log_file=self.ui.log_file,
            )  # fmt: skip
            self.preview.open()

        def failed(error: BaseException) -> None:
            self.receipt_button.setEnabled(True)
            show_error(self, error, self.ui.log_file)

        self.ui.submit(documents.handout_receipt, self.ui.services, self.handout_id,
                       parent=self, on_success=ready, on_error=failed)  # fmt: skip
