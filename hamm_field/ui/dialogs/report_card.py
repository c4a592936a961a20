"""Maßnahmenkarte bearbeiten: the funder's card's seven text fields, stored in the store.

The eighth field, "Kennzahlen", is not typed: the report fills it in from the figures of
the period it is made for. Loading and saving run in the background.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import MeasureCard
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import translate_save_cancel

FIELDS = (
    ("titel", N_("&Titel:"), 0),
    ("traeger", N_("T&räger:"), 0),
    ("beschreibung", N_("&Beschreibung:"), 5),
    ("handlungsfelder", N_("&Handlungsfelder:"), 2),
    ("zielgruppe", N_("&Zielgruppe:"), 2),
    ("sachstand", N_("Sachst&and:"), 4),
    ("kosten", N_("&Kosten:"), 2),
)
"""``(field, label, lines)``: a field of 0 lines is a single-line entry."""


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)  # longer text scrolls
    return box


class MeasureCardDialog(QDialog):
    """Edits the stored card; the dialog is accepted once the card is stored."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, _label, lines in FIELDS:
            editor = QLineEdit() if lines == 0 else _text_box(lines)
            editor.setObjectName(name)
            label = QLabel()
            label.setBuddy(editor)
            self.editors[name], self.labels[name] = editor, label
            form.addRow(label, editor)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "warning")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(680, self.sizeHint().height())
        self.setEnabled(False)
        ui.submit(ui.services.reports.load_card, parent=self, on_success=self._loaded)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Maßnahmenkarte bearbeiten"))
        for name, label, _lines in FIELDS:
            self.labels[name].setText(_(label))
            self.editors[name].setAccessibleName(_(label).replace("&", "").rstrip(":"))
        self.note.setText(_(
            "Das Feld „Kennzahlen“ füllt der Bericht selbst aus den Zahlen des gewählten "
            "Zeitraums."))  # fmt: skip
        translate_save_cancel(self.buttons)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _loaded(self, card: MeasureCard) -> None:
        for name, editor in self.editors.items():
            text = getattr(card, name)
            if isinstance(editor, QLineEdit):
                editor.setText(text)
            else:
                editor.setPlainText(text)
        self.setEnabled(True)
        self.editors["titel"].setFocus()

    def card(self) -> MeasureCard:
        values = {}
        for item in fields(MeasureCard):
            editor = self.editors[item.name]
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            values[item.name] = text.strip()
        return MeasureCard(**values)

    def save(self) -> None:
        self.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            show_error(self, error, self.ui.log_file)

        self.ui.submit(self.ui.services.reports.save_card, self.card(), parent=self,
                       changes="report_card", on_success=lambda _r: self.accept(),
                       on_error=failed)  # fmt: skip
