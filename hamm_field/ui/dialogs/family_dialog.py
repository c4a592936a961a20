"""The family form, and the small form machinery the member and case forms share.

:class:`RecordDialog` is one record's form: a label with a mnemonic and an error line
under every field, the master data and the record loaded in the background before the
fields unlock, and one background save (create or edit) that either stores the whole
record or nothing. A second click on "Speichern" while saving does nothing, so a double
click never stores twice. Validation messages of the services appear beside the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.errors import UserError, ValidationError
from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import PAKETE, FamilyStatus, MasterKind, Referral, paket_label
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.form_fields import (
    CheckList,
    OptionalDate,
    choose,
    edited_signals,
    master_items,
)
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import fill_combo, translate_save_cancel


def _prepare(ui: UiContext, service: str, record_id: str | None,
             family: str | None) -> tuple[MasterIndex, Any, dt.date | None]:  # fmt: skip
    """Background: master data, when editing the stored record, and since when the
    family is pseudonymous (None: it is not, or the form has no names to lock)."""
    record = getattr(ui.services, service).get(record_id) if record_id else None
    since = ui.services.privacy.family(family).pseudonymised_on if family else None
    return ui.services.context.master, record, since


class RecordDialog(QDialog):
    """Form for one record of ``ui.services.<service>``; emits ``saved`` with its id."""

    saved = Signal(str)
    service: ClassVar[str]
    entity: ClassVar[str]
    titles: ClassVar[tuple[str, str]]  # (new, edit), untranslated
    # Fields a pseudonymous family never stores (``domain/pseudonym.py``): read-only there,
    # so what a person types does not silently give way to the blanks on saving.
    blanked: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ui: UiContext, record_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.record_id = ui, record_id
        self.master, self.record, self.saving = MasterIndex(), None, False
        self.rows: dict[str, tuple[QLabel, QWidget, QLabel, str]] = {}
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = QLabel()
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.notice = QLabel()  # why some fields are read-only (a pseudonymous family)
        self.notice.setProperty("role", "warning")
        self.notice.setWordWrap(True)  # one line in German; a longer language may wrap
        self.notice.hide()
        self.pseudonymised_on: dt.date | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.body)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.build()
        self._enable(False)
        self.retranslate()
        self.setMinimumWidth(560)
        # As wide as the longest text needs (a check box's text would be cut, not wrapped).
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())
        family = self.family_id() if self.blanked else None
        ui.submit(_prepare, ui, self.service, record_id, family, parent=self,
                  on_success=self._prepared, on_error=self._load_failed)

    # For subclasses -------------------------------------------------------------

    def build(self) -> None:
        """Create the fields with :meth:`add_row`."""

    def fill_choices(self) -> None:
        """Fill combos from ``self.master`` and the enums (also on a language switch)."""

    def show_record(self, record: Any) -> None:
        """Put a stored record into the fields."""

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def family_id(self) -> str | None:
        """The family the record belongs to (None: a new family)."""
        return None

    def show_blanks(self) -> None:
        """A new record of a pseudonymous family: show what will be stored instead."""

    # Machinery ------------------------------------------------------------------

    def add_row(self, field: str, label: str, widget: QWidget) -> QWidget:
        """A field with its label (``label`` untranslated, with a mnemonic) and error line."""
        caption, error, cell = QLabel(), QLabel(), QWidget()
        caption.setBuddy(widget)
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.form.addRow(caption, cell)
        self.rows[field] = (caption, widget, error, label)
        for changed in edited_signals(widget):  # the hint is answered: it goes
            changed.connect(lambda *_args, error=error: (error.clear(), error.hide()))
        return widget

    def retranslate(self) -> None:
        self.setWindowTitle(_(self.titles[1] if self.record_id else self.titles[0]))
        for caption, widget, _error, label in self.rows.values():
            caption.setText(_(label))
            widget.setAccessibleName(_(label).replace("&", ""))
        translate_save_cancel(self.buttons)
        self.fill_choices()
        self._notice_text()

    def _notice_text(self) -> None:
        if self.pseudonymised_on is None:
            return
        self.notice.setText(_("Pseudonymisiert seit {date}: Namen und Adresse werden nicht "
                              "gespeichert.").format(date=format_day(self.pseudonymised_on)))
        for field in self.locked:
            self.rows[field][1].setToolTip(self.notice.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def field_error(self, field: str) -> str:
        """The message shown beside ``field`` ("" when none): what a person reads."""
        row = self.rows.get(field)
        return row[2].text() if row and not row[2].isHidden() else ""

    def _enable(self, enabled: bool) -> None:
        self.body.setEnabled(enabled)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(enabled)

    def _prepared(self, result: tuple[MasterIndex, Any, dt.date | None]) -> None:
        self.master, self.record, self.pseudonymised_on = result
        self.fill_choices()
        if self.record is not None:
            self.show_record(self.record)
        if self.pseudonymised_on is not None:
            self._lock_blanked()
        if getattr(self.record, "erased", False):
            # Art. 17: shown as it is now, never edited (the service refuses it too)
            self.message.setText(_("Nach DSGVO gelöscht: nur noch lesbar, nicht mehr änderbar."))
            self.message.show()
            self._fit()
            return
        self._enable(True)
        first = next((row[1] for field, row in self.rows.items()
                      if field not in self.locked), None)
        if first:
            first.setFocus()

    @property
    def locked(self) -> tuple[str, ...]:
        return self.blanked if self.pseudonymised_on is not None else ()

    def _lock_blanked(self) -> None:
        """Consent to documentation withdrawn: names stay as stored, and the form says why."""
        if self.record is None:
            self.show_blanks()
        for field in self.blanked:  # greyed like any field that does not apply
            caption, widget, _error, _label = self.rows[field]
            caption.setEnabled(False)
            widget.setEnabled(False)
        self._notice_text()
        self.notice.show()
        self._fit()

    def _load_failed(self, error: BaseException) -> None:
        show_error(self.parentWidget(), error, self.ui.log_file)
        self.reject()

    def save(self) -> None:
        if self.saving or not self.body.isEnabled():
            return
        self.saving = True
        self._enable(False)
        self._show_errors({}, "")
        values, record_id = self.values(), self.record_id
        service = getattr(self.ui.services, self.service)

        def write() -> str:
            if record_id:
                return service.edit(record_id, **values).id
            return service.create(**values).id

        self.ui.submit(write, parent=self, changes=self.entity, on_success=self._written,
                       on_error=self._failed)

    def _written(self, record_id: str) -> None:
        self.saving = False
        self.saved.emit(record_id)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self._enable(True)
        if isinstance(error, ValidationError):
            by_field = error.by_field()
            rest = [text for field, text in by_field.items() if field not in self.rows]
            self._show_errors(by_field, "\n".join(rest))
        elif isinstance(error, UserError):
            self._show_errors({}, str(error))
        else:
            show_error(self, error, self.ui.log_file)

    def _show_errors(self, by_field: dict[str, str], general: str) -> None:
        for field, (_caption, _widget, error, _label) in self.rows.items():
            error.setText(by_field.get(field, ""))
            error.setVisible(field in by_field)
        wrong = [row[1] for field, row in self.rows.items() if field in by_field]
        if wrong:
            wrong[0].setFocus()
        self.message.setText(general)
        self.message.setVisible(bool(general))
        self._fit()

    def _fit(self) -> None:
        """Grow to show error lines that appeared, rather than squeeze them unreadable."""
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))


class FamilyDialog(RecordDialog):
    """Neue Familie / Familie bearbeiten."""

    service, entity = "families", "household"
    titles = (N_("Neue Familie"), N_("Familie bearbeiten"))
    blanked = ("family_name", "pseudonym", "address")

    def __init__(self, ui: UiContext, household_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ui, household_id, parent)

    def family_id(self) -> str | None:
        return self.record_id

    def build(self) -> None:
        today = self.ui.services.context.today()
        self.family_name = self.add_row("family_name", N_("&Familienname"), QLineEdit())
        self.pseudonym = self.add_row("pseudonym", N_("&Pseudonym"), QCheckBox())
        self.pseudonym.setChecked(True)
        self.sozialraum = self.add_row("sozialraum", N_("Sozial&raum"), QComboBox())
        self.address = self.add_row("address", N_("&Adresse"), QLineEdit())
        self.herkunftsland = self.add_row("herkunftsland", N_("&Herkunftsland"), QComboBox())
        self.languages = self.add_row("languages", N_("Spra&chen"), CheckList(wrap=True, rows=4))
        self.pakete = self.add_row("pakete", N_("Integrationspa&kete"), CheckList(rows=5))
        self.status = self.add_row("status", N_("S&tatus"), QComboBox())
        self.referral = self.add_row("referral", N_("&Zugang"), QComboBox())
        self.first_contact = self.add_row("first_contact", N_("&Erstkontakt"), OptionalDate(today))
        self.first_contact.set_value(today)

    def retranslate(self) -> None:
        super().retranslate()
        self.pseudonym.setText(_("Name ist ein Pseudonym (keine Einwilligung)"))

    def fill_choices(self) -> None:
        keep = self.record
        choose_one = _("– bitte wählen –")
        fill_combo(self.sozialraum, master_items(
            self.master, MasterKind.SOZIALRAUM, keep and keep.sozialraum), choose_one)
        fill_combo(self.herkunftsland, master_items(
            self.master, MasterKind.HERKUNFTSLAND, keep and keep.herkunftsland), choose_one)
        self.languages.set_items(master_items(self.master, MasterKind.SPRACHE))
        self.pakete.set_items([(n, f"{n} {paket_label(n)}") for n in PAKETE])
        fill_combo(self.status, [(s.value, s.label) for s in FamilyStatus])
        fill_combo(self.referral, [(r.value, r.label) for r in Referral], "–")

    def show_record(self, record: Any) -> None:
        self.family_name.setText(record.family_name)
        self.pseudonym.setChecked(record.pseudonym)
        choose(self.sozialraum, record.sozialraum)
        self.address.setText(record.address or "")
        choose(self.herkunftsland, record.herkunftsland)
        self.languages.set_values(list(record.languages or []))
        self.pakete.set_values(list(record.pakete or []))
        choose(self.status, record.status)
        choose(self.referral, record.referral)
        self.first_contact.set_value(record.first_contact)

    def values(self) -> dict[str, Any]:
        return {
            "family_name": self.family_name.text().strip(),
            "pseudonym": self.pseudonym.isChecked(),
            "sozialraum": self.sozialraum.currentData(),
            "address": self.address.text().strip() or None,
            "herkunftsland": self.herkunftsland.currentData(),
            "languages": self.languages.values(),
            "pakete": sorted(self.pakete.values()),
            "status": self.status.currentData(),
            "referral": self.referral.currentData(),
            "first_contact": self.first_contact.value(),
        }
