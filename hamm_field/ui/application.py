"""Starting the GUI: first-start wizard or unlock, then the main window.

The unlock window comes first and fast: up to it only Qt, i18n and the gateway's light
front are imported (no SQL, no cryptography, no migrations; ``tests/test_startup_imports.py``
keeps it so). The unlock dialog loads the rest in the background while the password is
typed (:meth:`~hamm_field.services.gateway.Gateway.warm_up`); the first start's wizard may
import what it likes. While the GUI runs, uncaught exceptions and Qt's messages are caught
and told (:mod:`hamm_field.ui.crash`). Two environment hooks start it without a person
(a start-up probe and a smoke run): see :mod:`hamm_field.ui.startup_hooks`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.services.gateway import Gateway, Opened
from hamm_field.ui import crash
from hamm_field.ui.background import Runner
from hamm_field.ui.language import apply_language
from hamm_field.ui.resources import app_icon, stylesheet
from hamm_field.ui.startup_hooks import StartupHooks

INVITATION_SUFFIX = ".hfinvite"


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Hamm Field")
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(app_icon())  # every window and dialog inherits it
    return app  # type: ignore[return-value]


def open_store(
    gateway: Gateway, invitation: Path | None = None, hooks: StartupHooks | None = None
) -> Opened | None:
    """Setup wizard on first start, else the unlock dialog; None when cancelled.

    The wizard also follows an unlock that found the set-up unfinished, if asked to.
    ``invitation`` is a file the wizard starts with (a laptop set up from it).
    """
    hooks = hooks or StartupHooks()
    if gateway.store_exists():
        from hamm_field.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(gateway)
        hooks.unlock_dialog(dialog)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        opened, set_up_again = dialog.opened, dialog.set_up_again
        _dispose(dialog)
        if accepted:
            return opened
        if not set_up_again:
            return None
    if hooks.refuse_wizard(gateway):
        return None
    from hamm_field.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(gateway, invitation=invitation)
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    opened = wizard.opened
    _dispose(wizard)
    return opened if accepted else None


def _dispose(dialog: QDialog) -> None:
    """Delete a start dialog now, on this thread, once its background work has ended.

    Left to the garbage collector, it would go at some later moment (its callbacks keep it
    alive), perhaps while the interpreter shuts down with its worker still in Python.
    """
    for runner in dialog.findChildren(Runner):
        runner.wait()
    shiboken6.delete(dialog)


def _wait_for_background_work(app: QApplication, *runners: Runner) -> None:
    """Every runner (the window's, and those of dialogs still open) has finished its work."""
    for widget in app.topLevelWidgets():
        runners += tuple(widget.findChildren(Runner))
    for runner in runners:
        runner.wait()


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
    with crash.reporting(None):  # the log belongs to the process that has the folder
        apply_language(language)
        refusal_box(error).exec()
    return 1


def run(gateway: Gateway, language: str | None, open_file: str | Path | None = None) -> int:
    """The GUI until its window closes; ``open_file`` is a file opened with Hamm Field.

    An invitation on a computer without a store starts the wizard with it; any other file
    (or an invitation where a store exists, which the window then explains) is handed to the
    main window once it is shown.
    """
    app = make_app()
    hooks = StartupHooks.from_environment()
    with crash.reporting(gateway.log_file):
        apply_language(language or gateway.settings().language)
        path = Path(open_file) if open_file is not None else None
        invitation = path if path is not None and _is_invitation(path) else None
        for_wizard = invitation is not None and not gateway.store_exists()
        opened = open_store(gateway, invitation if for_wizard else None, hooks)
        if opened is None:
            return hooks.exit_code
        from hamm_field.ui.context import UiContext
        from hamm_field.ui.main_window import MainWindow

        ui = UiContext(gateway, opened.services, Runner())
        window = MainWindow(ui, gateway.settings().lock_minutes)
        window.show()
        if path is not None and not for_wizard:
            window.open_file(path)
        hooks.main_window(window, ui.runner)
        code = app.exec()
        _wait_for_background_work(app, ui.runner)  # before the store closes under it
        opened.services.close()
        return code or hooks.exit_code


def _is_invitation(path: Path) -> bool:
    return path.suffix.lower() == INVITATION_SUFFIX
