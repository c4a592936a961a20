"""Unlocking: at start (:class:`UnlockDialog`) and after an auto-lock (:class:`LockScreen`).

Both use one :class:`~hamm_field.ui.unlock_form.UnlockForm`: the password, or "Passwort
vergessen?" and the recovery key, after which a new password must be set. The form only
knows *what* to call, the owner here says *where*: the dialog its own runner (there are no
services before unlocking), the lock screen the window's ``UiContext``. Both count wrong
passwords in the data folder (:mod:`hamm_field.services.unlock_attempts`), the same count
the command line keeps. The password widgets live in :mod:`hamm_field.ui.passwords` and
are re-exported here.

The dialog is the first window of a start, so it is built from light parts only; once it is
shown, its runner loads the store layer while the person types (``Gateway.warm_up``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.services.gateway import Gateway, Opened
from hamm_field.services.unlock_attempts import UnlockAttempts
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.passwords import (
    Busy,
    NewPasswordFields,
    error_label,
    password_strength,
    secret_field,
)
from hamm_field.ui.unlock_form import UnlockForm

WARM_UP_DELAY_MS = 250  # after the first paint, which the import would only slow down


class UnlockDialog(QDialog):
    """Open the store at start; ``opened`` and ``unlocked`` carry the :class:`Opened`.

    A store whose set-up was cut short (by an older version) is offered to be set up
    anew; ``set_up_again`` then tells the caller to start the wizard.
    """

    unlocked = Signal(object)
    incomplete = Signal()  # emitted from the background unlock, shown on the GUI thread

    def __init__(self, gateway: Gateway, parent: QWidget | None = None, *,
                 attempts: UnlockAttempts | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.gateway = gateway
        attempts = attempts or UnlockAttempts.in_folder(gateway.data_dir)
        self.opened: Opened | None = None
        self.runner = Runner(self)
        self.set_up_again = False
        self._warming = False
        self.question: QMessageBox | None = None
        self.incomplete.connect(self._offer_set_up_again)

        def set_password(opened: Opened, new: str) -> None:
            gateway.set_password_after_recovery(opened.services, new)

        self.form = UnlockForm(
            self.runner.submit, by_password=self._unlock,
            by_recovery=gateway.unlock_with_recovery, set_password=set_password,
            wait_seconds=attempts.wait_seconds, log_file=gateway.log_file,
        )  # fmt: skip
        self.form.finished.connect(self._unlocked)
        self.form.page_changed.connect(lambda _page: self._show_heading())
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(540, self.sizeHint().height())
        self.form.show_page(0)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Hamm Field entsperren"))
        self._show_heading()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Beenden"))
        self.form.retranslate()

    def _show_heading(self) -> None:
        self.heading.setText(_page_heading(self.form.pages.currentIndex(),
                                           _("Hamm Field entsperren")))  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._warming:
            self._warming = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """Load what unlocking needs in the background, queued before any unlock."""
        self.runner.submit(self.gateway.warm_up, on_error=self._warm_up_failed)

    def _warm_up_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):  # e.g. a store this version cannot open
            self.form.password_error.setText(str(error))
        # anything else is in the log; unlocking meets it again and says so

    def unlock_now(self, password: str, on_error: Callable[[BaseException], None]) -> None:
        """Unlock with ``password`` without the form (a smoke run of a build)."""
        self.runner.submit(self._unlock, password, on_success=self._unlocked, on_error=on_error)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        """Grow to the height the wrapped texts need at this width, when a page changes.

        A window's minimum size ignores height-for-width, so Qt alone would squeeze them.
        """
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _unlock(self, password: str) -> Opened:
        from hamm_field.services.setup import StoreIncomplete  # loaded by now: warm_up

        try:
            return self.gateway.unlock(password)
        except StoreIncomplete:
            self.incomplete.emit()
            raise

    def _offer_set_up_again(self) -> None:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, _("Hamm Field einrichten"), _(
            "Der Datenspeicher ist unvollständig eingerichtet, weil die Einrichtung abgebrochen "
            "wurde: es fehlen die Person und dieses Gerät. Jetzt neu einrichten?"
        ), buttons, self)  # fmt: skip
        again = box.button(QMessageBox.StandardButton.Yes)
        again.setText(_("&Neu einrichten"))
        box.button(QMessageBox.StandardButton.No).setText(_("Abbrechen"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.set_up_again = True
                self.done(QDialog.DialogCode.Rejected)

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()

    def _unlocked(self, opened: Opened) -> None:
        self.opened = opened
        self.unlocked.emit(opened)
        self.accept()

    def reject(self) -> None:
        if self.form.busy.isVisible():
            return  # a check is running; it finishes within a second
        if self.form.recovered is not None:
            self.form.recovered.services.close()  # opened by the key, but no new password
            self.form.recovered = None
        super().reject()


class LockScreen(QWidget):
    """Covers the window while locked: no personal data, only the way back in."""

    unlocked = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None, *,
                 attempts: UnlockAttempts | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ui = ui
        attempts = attempts or UnlockAttempts.in_folder(ui.gateway.data_dir)

        def submit(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return ui.submit(call, *args, parent=self, **kwargs)

        def by_password(password: str) -> None:
            ui.gateway.check_password(ui.services, password)  # counts wrong ones

        def set_password(_result: object, new: str) -> None:
            ui.gateway.set_password_after_recovery(ui.services, new)

        self.form = UnlockForm(
            submit, by_password=by_password, by_recovery=ui.gateway.check_recovery_key,
            set_password=set_password, wait_seconds=attempts.wait_seconds, log_file=ui.log_file,
        )  # fmt: skip
        self.form.finished.connect(lambda _result: self.unlocked.emit())
        self.form.page_changed.connect(lambda _page: self._show_heading())
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.kept = QLabel()
        self.kept.setWordWrap(True)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setStyleSheet(
            "#lockCard { background: palette(base); border: 1px solid #c8ced6;"
            " border-radius: 8px; }"
        )
        # Room for the recovery link beside the button; more if a language needs it.
        card.setMinimumWidth(680)
        card.setMaximumWidth(1000)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        for widget in (self.heading, self.kept, self.form):
            inner.addWidget(widget)
        # Centred by stretches, not by an alignment flag: an aligned widget gets only its
        # size hint, which ignores how high the wrapped texts are at the card's width, and
        # the longer recovery page (in Bulgarian, say) was cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setAutoFillBackground(True)
        self.retranslate()

    def retranslate(self) -> None:
        self._show_heading()
        self.kept.setText(_("Was Sie gerade eingegeben haben, ist aufgehoben und kommt zurück."))
        self.setAccessibleName(_("Gesperrt"))
        self.form.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_heading(self) -> None:
        self.heading.setText(_page_heading(self.form.pages.currentIndex(),
                                           _("Gesperrt – bitte Passwort eingeben")))  # fmt: skip

    def reset(self) -> None:
        self.form.reset()


def _page_heading(page: int, password_heading: str) -> str:
    """The heading says what the page asks for: a forgotten password is not asked for."""
    if page == 1:
        return _("Passwort vergessen – mit dem Wiederherstellungsschlüssel entsperren")
    if page == 2:
        return _("Neues Passwort festlegen")
    return password_heading


__all__ = [
    "Busy",
    "LockScreen",
    "NewPasswordFields",
    "UnlockDialog",
    "UnlockForm",
    "error_label",
    "password_strength",
    "secret_field",
]
