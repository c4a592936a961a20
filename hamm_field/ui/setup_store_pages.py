"""The pages of the first-start wizard that make the store: password, recovery key, demo.

The store is created when the password page is confirmed (a commit page: there is no way
back, the key file exists from then on). Creating it calibrates Argon2 for about a second,
so it runs on the wizard's own background lane with a busy bar. The recovery key is shown
only once, with its Notfallblatt to print; demo data loads with a progress bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
)

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_number
from hamm_field.services import documents
from hamm_field.services.gateway import Opened
from hamm_field.ui.errors import show_error
from hamm_field.ui.passwords import Busy, NewPasswordFields, error_label
from hamm_field.ui.pdf_viewer import PdfPreviewDialog
from hamm_field.ui.setup_pages import DEMO, SetupPage, text_label


class PasswordPage(SetupPage):
    """Confirming this page creates the store in the background."""

    def __init__(self) -> None:
        super().__init__()
        self.setCommitPage(True)
        self.intro = text_label()
        self.fields = NewPasswordFields()
        self.busy = Busy()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.busy)
        layout.addStretch()
        self.creating = False

    def retranslate(self) -> None:
        self.setTitle(_("Passwort"))
        self.setSubTitle(_("Das Passwort schützt alle Daten auf diesem Computer."))
        self.intro.setText(_(
            "Niemand kann das Passwort zurücksetzen, auch die Koordination nicht. Wenn Sie "
            "es vergessen, hilft nur der Wiederherstellungsschlüssel, den Sie gleich bekommen."
        ))  # fmt: skip
        self.fields.retranslate()
        self.busy.setText(_("Der Datenspeicher wird eingerichtet …"))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.creating and super().isComplete()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.setup()
        if wizard.opened is not None:
            return True
        if self.creating or not self.fields.check():
            return False
        self._set_creating(True)
        wizard.runner.submit(
            wizard.create_store, **wizard.choices(), password=self.fields.password(),
            on_success=self._created, on_error=self._failed,
        )  # fmt: skip
        return False

    def _set_creating(self, creating: bool) -> None:
        self.creating = creating
        self.busy.setVisible(creating)
        self.fields.setEnabled(not creating)
        self.completeChanged.emit()
        if self.wizard():  # no going back while the store is being made
            self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(not creating)

    def _created(self, opened: Opened) -> None:
        self.setup().opened = opened
        self.fields.clear()
        self._set_creating(False)
        self.setup().store_created()
        self.setup().next()

    def _failed(self, error: BaseException) -> None:
        self._set_creating(False)
        if isinstance(error, UserError):
            self.fields.error.setText(str(error))
        else:
            show_error(self, error, self.setup().gateway.log_file)


class RecoveryPage(SetupPage):
    def __init__(self) -> None:
        super().__init__()
        self.intro, self.after = text_label(), text_label()
        self.key = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setStyleSheet("padding: 14px; background: #f2f4f7; border: 1px solid #9aa3ad;")
        self.sheet_button = QPushButton()
        self.sheet_button.clicked.connect(self.show_sheet)
        self.stored = QCheckBox()
        self.registerField("stored*", self.stored)
        self.preview: PdfPreviewDialog | None = None
        row = QHBoxLayout()
        row.addWidget(self.sheet_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.key):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.after)
        layout.addWidget(self.stored)
        layout.addStretch()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        opened = self.setup().opened
        key = opened.recovery_key if opened else ""
        self.key.setText(key or "")
        self.key.setAccessibleDescription(" ".join(key or ""))

    def retranslate(self) -> None:
        self.setTitle(_("Wiederherstellungsschlüssel"))
        self.setSubTitle(_("Er wird nur dieses eine Mal angezeigt."))
        self.intro.setText(_(
            "Mit diesem Schlüssel kommen Sie an Ihre Daten, wenn Sie das Passwort vergessen. "
            "Drucken Sie das Notfallblatt aus oder schreiben Sie den Schlüssel ab."
        ))  # fmt: skip
        self.key.setAccessibleName(_("Wiederherstellungsschlüssel"))
        self.sheet_button.setText(_("Notfallblatt &drucken/ansehen…"))
        self.after.setText(_(
            "Bewahren Sie das Blatt verschlossen und getrennt vom Laptop auf. Wer es hat, "
            "kann alle Daten lesen."
        ))  # fmt: skip
        self.stored.setText(_("Ich habe den Schlüssel &sicher aufbewahrt"))
        self.stored.setAccessibleName(_("Ich habe den Schlüssel sicher aufbewahrt"))

    def show_sheet(self) -> None:
        wizard = self.setup()
        if wizard.opened is None or not wizard.opened.recovery_key:
            return
        self.sheet_button.setEnabled(False)
        wizard.runner.submit(
            documents.recovery_sheet, wizard.opened.services, wizard.opened.recovery_key,
            on_success=self._show_pdf, on_error=self._sheet_failed,
        )  # fmt: skip

    def _show_pdf(self, pdf: bytes) -> None:
        self.sheet_button.setEnabled(True)
        note = _("Eine gespeicherte Kopie ist so geheim wie das Blatt selbst.")
        self.preview = PdfPreviewDialog(
            pdf, _("Notfallblatt"), self, file_name=_("Notfallblatt.pdf"), note=note,
            log_file=self.setup().gateway.log_file,
        )  # fmt: skip
        self.preview.open()

    def _sheet_failed(self, error: BaseException) -> None:
        self.sheet_button.setEnabled(True)
        show_error(self, error, self.setup().gateway.log_file)

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return DEMO


class DemoPage(SetupPage):
    """How many families it offers is the wizard's ``demo_families``."""

    def __init__(self) -> None:
        super().__init__()
        self.intro = text_label()
        self.demo = QCheckBox()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.error = error_label()
        self.loading = self.loaded = False
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.demo, self.progress, self.error):
            layout.addWidget(widget)
        layout.addStretch()

    def retranslate(self) -> None:
        self.setTitle(_("Beispieldaten (freiwillig)"))
        self.setSubTitle(_("Zum Ausprobieren und für Schulungen."))
        self.intro.setText(_(
            "Beispieldaten sind erfundene Familien und Kontakte. Laden Sie sie nicht auf einem "
            "Laptop, mit dem Sie echte Familien begleiten."
        ))  # fmt: skip
        families = self.setup().demo_families
        self.demo.setText(ngettext("&Beispieldaten laden ({n} Familie)",
                                   "&Beispieldaten laden ({n} Familien)", families).format(
            n=format_number(families)))
        self.demo.setAccessibleName(_("Beispieldaten laden"))
        self.progress.setAccessibleName(_("Fortschritt beim Laden der Beispieldaten"))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.loading

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.loaded or not self.demo.isChecked():
            return True
        if not self.loading:
            self._load()
        return False

    def _load(self) -> None:
        services = self.setup().opened.services  # type: ignore[union-attr]
        families = self.setup().demo_families
        self.loading = True
        self.completeChanged.emit()
        self.demo.setEnabled(False)
        self.error.clear()
        self.progress.setRange(0, families)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.setup().runner.submit(
            services.load_demo, families, with_progress=True,
            on_success=self._loaded, on_error=self._failed, on_progress=self._progressed,
        )  # fmt: skip

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _loaded(self, _summary: Any) -> None:
        self.loading, self.loaded = False, True
        self.completeChanged.emit()
        self.progress.setValue(self.progress.maximum())
        self.setup().accept()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.demo.setEnabled(True)
        self.progress.setVisible(False)
        self.completeChanged.emit()
        if isinstance(error, UserError):
            self.error.setText(str(error))
        else:
            show_error(self, error, self.setup().gateway.log_file)
