"""Einstellungen: language, auto-lock, password; for the coordination the audit log and the
Verzeichnis von Verarbeitungstätigkeiten (Art. 30), shown from memory, saved only on request."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamm_field import __version__
from hamm_field.domain.errors import UserError
from hamm_field.i18n import LANGUAGES
from hamm_field.i18n import gettext as _
from hamm_field.services.settings import MAX_LOCK_MINUTES, MIN_LOCK_MINUTES
from hamm_field.services.sync import CLOSED_MONTHS_RANGE
from hamm_field.ui.about_dialog import AboutDialog
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.audit_view import AuditView
from hamm_field.ui.pages.base import Page, heading, scrolling
from hamm_field.ui.pages.retention_settings import RetentionBox
from hamm_field.ui.pdf_viewer import PdfPreviewDialog

# Each language in its own name, so anyone finds theirs.
LANGUAGE_NAMES = {"de": "Deutsch", "bg": "Български", "ro": "Română", "tr": "Türkçe",
                  "en": "English"}


class SettingsPage(Page):
    watches = ("household", "contact")
    language_chosen = Signal(str)
    lock_minutes_chosen = Signal(int)
    family_opened = Signal(str)  # from a row of the audit log

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        settings = ui.gateway.settings()
        self.heading = heading("")
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(MIN_LOCK_MINUTES, MAX_LOCK_MINUTES)
        self.lock_minutes.setValue(settings.lock_minutes)
        self.lock_minutes.valueChanged.connect(self._minutes_changed)
        self.general = QGroupBox()
        general = QFormLayout(self.general)
        self.language_label, self.lock_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.lock_label.setBuddy(self.lock_minutes)
        general.addRow(self.language_label, self.language)
        general.addRow(self.lock_label, self.lock_minutes)

        self.password_box = QGroupBox()
        self.old, self.new, self.repeat = QLineEdit(), QLineEdit(), QLineEdit()
        self.password_labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout(self.password_box)
        for label, edit in zip(self.password_labels, (self.old, self.new, self.repeat),
                               strict=True):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.password_message = QLabel()
        self.password_message.setWordWrap(True)
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self._change_password)
        form.addRow(self.password_message)
        form.addRow(self.change_button)

        # Coordination: how long closed families stay on the laptops.
        self.laptops_box = QGroupBox()
        self.closed_months = QSpinBox()
        shortest, default, longest = CLOSED_MONTHS_RANGE
        self.closed_months.setRange(shortest, longest)
        self.closed_months.setValue(default)
        self.saved_months = default
        self.closed_months.editingFinished.connect(self.save_closed_months)
        self.closed_label, self.closed_hint = QLabel(), QLabel()
        self.closed_label.setWordWrap(True)
        self.closed_hint.setWordWrap(True)
        self.closed_label.setBuddy(self.closed_months)
        laptops = QFormLayout(self.laptops_box)
        laptops.addRow(self.closed_label, self.closed_months)
        laptops.addRow(self.closed_hint)
        self.laptops_box.setVisible(ui.is_coordination)
        self.retention_box = RetentionBox(ui)
        self.retention_box.setVisible(ui.is_coordination)

        # Coordination: the record of processing for the data protection officer.
        self.privacy_box = QGroupBox()
        self.record_hint = QLabel()
        self.record_hint.setWordWrap(True)
        self.record_button = QPushButton()
        self.record_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.record_button.clicked.connect(self.show_processing_record)
        self.record_preview: PdfPreviewDialog | None = None
        privacy = QHBoxLayout(self.privacy_box)
        privacy.addWidget(self.record_hint, 1)
        privacy.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignTop)
        self.privacy_box.setVisible(ui.is_coordination)

        self.audit_box = AuditView(ui)
        self.audit = self.audit_box.table
        self.audit_box.family_opened.connect(self.family_opened)
        self.audit_box.setVisible(ui.is_coordination)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.about_button = QPushButton()
        self.about_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.about_button.clicked.connect(self.show_about)
        self.about: AboutDialog | None = None
        about_row = QWidget()
        about_row.setMaximumWidth(720)
        row = QHBoxLayout(about_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.info, 1)
        row.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignTop)
        for box in (self.general, self.password_box, self.laptops_box, self.retention_box,
                    self.privacy_box):
            box.setMaximumWidth(about_row.maximumWidth())
        self.change_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        # The coordination's boxes and log are taller than a small screen: they scroll.
        content = QWidget()
        self.scroll = scrolling(content)
        outer.addWidget(self.scroll, 1)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general)
        layout.addWidget(self.password_box)
        layout.addWidget(self.laptops_box)
        layout.addWidget(self.retention_box)
        layout.addWidget(self.privacy_box)
        layout.addWidget(self.audit_box, 1)
        layout.addWidget(about_row)
        if not ui.is_coordination:
            layout.addStretch()
        self.retranslate()

    def title(self) -> str:
        return _("Einstellungen")

    def retranslate(self) -> None:
        self.heading.setText(_("Einstellungen"))
        self.scroll.setAccessibleName(_("Einstellungen"))
        self.general.setTitle(_("Allgemein"))
        self.language_label.setText(_("&Sprache"))
        self.lock_label.setText(_("Automatisch sperren nach (&Minuten)"))
        self.language.setAccessibleName(_("Sprache"))
        self.lock_minutes.setAccessibleName(_("Minuten bis zur automatischen Sperre"))
        self.password_box.setTitle(_("Passwort ändern"))
        for label, text in zip(self.password_labels,
                               (_("&Bisheriges Passwort"), _("&Neues Passwort"),
                                _("Neues Passwort &wiederholen")), strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(text.replace("&", ""))
        self.change_button.setText(_("Passwort ändern"))
        self.laptops_box.setTitle(_("Laptops im Feld"))
        self.closed_label.setText(_("Abgeschlossene Familien bleiben auf den Laptops:"))
        self.closed_months.setSuffix(_(" Monate"))
        self.closed_months.setAccessibleName(
            _("Abgeschlossene Familien bleiben auf den Laptops (Monate)"))
        self.closed_hint.setText(_(
            "Danach verschwinden sie mit dem nächsten Rückpaket vom Laptop; hier in der "
            "Koordination bleiben sie."))  # fmt: skip
        self.privacy_box.setTitle(_("Datenschutz"))
        self.record_hint.setText(_(
            "Das Verzeichnis von Verarbeitungstätigkeiten für die/den "
            "Datenschutzbeauftragte/n, erstellt aus den Einstellungen dieser Installation."))
        self.record_button.setText(_("Verzeichnis (Art. 30) …"))
        self.info.setText(_("Hamm Field {version} · Datenordner: {path}").format(
            version=__version__, path=self.ui.gateway.data_dir))
        self.about_button.setText(_("Über Hamm Field …"))
        self.retention_box.retranslate()
        self.refresh()

    def refresh(self) -> None:
        if self.ui.is_coordination:
            self.audit_box.refresh()
            self.ui.submit(self.ui.services.sync.closed_months, parent=self,
                           on_success=self._show_closed_months)
            self.retention_box.refresh()

    def _show_closed_months(self, months: int) -> None:
        self.saved_months = months
        self.closed_months.blockSignals(True)
        self.closed_months.setValue(months)
        self.closed_months.blockSignals(False)

    def save_closed_months(self) -> None:
        if self.closed_months.value() == self.saved_months:
            return  # leaving the field unchanged is no new setting
        self.saved_months = self.closed_months.value()
        self.ui.submit(self.ui.services.sync.set_closed_months, self.closed_months.value(),
                       parent=self, on_success=self._show_closed_months)

    def show_processing_record(self) -> None:
        """The Art. 30 record as a preview; printing or saving is the person's choice."""
        self.record_button.setEnabled(False)

        def ready(pdf: bytes) -> None:
            self.record_button.setEnabled(True)
            self.record_preview = PdfPreviewDialog(
                pdf, _("Verzeichnis von Verarbeitungstätigkeiten"), self.window(),
                file_name=_("Verzeichnis-Verarbeitungstaetigkeiten.pdf"),
                log_file=self.ui.log_file)  # fmt: skip
            self.record_preview.open()

        def failed(error: BaseException) -> None:
            self.record_button.setEnabled(True)
            show_error(self, error, self.ui.log_file)

        self.ui.submit(self.ui.services.processing_record.pdf, parent=self, on_success=ready,
                       on_error=failed)  # fmt: skip

    def show_about(self) -> AboutDialog:
        """The version, the data and log folders, and the licence notices."""
        gateway = self.ui.gateway
        dialog = AboutDialog(gateway.data_dir, gateway.log_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda: a lambda holding the page would keep it alive
        # until the dialog is deleted, then delete the page from inside its child.
        dialog.finished.connect(self._about_closed)
        self.about = dialog
        dialog.open()
        return dialog

    def _about_closed(self) -> None:
        self.about = None

    def _language_changed(self) -> None:
        code = self.language.currentData()
        self.ui.gateway.save_settings(replace(self.ui.gateway.settings(), language=code))
        self.language_chosen.emit(code)

    def _minutes_changed(self, minutes: int) -> None:
        self.ui.gateway.save_settings(replace(self.ui.gateway.settings(), lock_minutes=minutes))
        self.lock_minutes_chosen.emit(minutes)

    def _change_password(self) -> None:
        if self.new.text() != self.repeat.text():
            self.password_message.setText(_("Die beiden neuen Passwörter stimmen nicht überein."))
            return
        old, new = self.old.text(), self.new.text()
        self.change_button.setEnabled(False)
        self.password_message.setText(_("Einen Moment bitte …"))

        def done(_result) -> None:  # type: ignore[no-untyped-def]
            self._password_finished(_("Das Passwort wurde geändert."))

        def failed(error: BaseException) -> None:
            user_error = isinstance(error, UserError)
            self._password_finished(str(error) if user_error else "")
            if not user_error:
                show_error(self, error, self.ui.log_file)

        self.ui.submit(self.ui.gateway.change_password, self.ui.services, old, new,
                       on_success=done, on_error=failed)

    def _password_finished(self, message: str) -> None:
        for edit in (self.old, self.new, self.repeat):
            edit.clear()
        self.password_message.setText(message)
        self.change_button.setEnabled(True)
