"""Starting the GUI: first-start wizard or unlock, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.services.gateway import Gateway, Opened
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.language import apply_language
from hamm_field.ui.resources import stylesheet


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Hamm Field")
    app.setStyleSheet(stylesheet())
    return app  # type: ignore[return-value]


def open_store(gateway: Gateway) -> Opened | None:
    """Setup wizard on first start, else the unlock dialog; None when cancelled.

    The wizard also follows an unlock that found the set-up unfinished, if asked to.
    """
    if gateway.store_exists():
        from hamm_field.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(gateway)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.opened
        if not dialog.set_up_again:
            return None
    from hamm_field.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(gateway)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    return wizard.opened


def refusal_box(error: UserError) -> QMessageBox:
    """The dialog for a start that cannot go on, e.g. another process has the data folder."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Hamm Field", str(error),
                      QMessageBox.StandardButton.Close)  # fmt: skip
    box.button(QMessageBox.StandardButton.Close).setText(_("Beenden"))
    box.setAccessibleName(_("Hinweis"))
    return box


def refuse_start(error: UserError, language: str) -> int:
    """Say why the window does not open, then end with exit status 1."""
    make_app()
    apply_language(language)
    refusal_box(error).exec()
    return 1


def run(gateway: Gateway, language: str | None) -> int:
    app = make_app()
    settings = gateway.settings()
    apply_language(language or settings.language)
    opened = open_store(gateway)
    if opened is None:
        return 0
    from hamm_field.ui.main_window import MainWindow

    ui = UiContext(gateway, opened.services, Runner())
    window = MainWindow(ui, gateway.settings().lock_minutes)
    window.show()
    code = app.exec()
    ui.runner.wait()
    opened.services.close()
    return code
