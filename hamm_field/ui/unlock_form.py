"""The form behind both ways of unlocking (see :mod:`hamm_field.ui.unlock_dialog`).

The password, or "Passwort vergessen?" and the recovery key from the Notfallblatt, after
which a new password must be set (the forgotten one is useless from then on). Checking a
password costs a deliberate Argon2 second, so it runs in the background with a busy bar;
the form only knows *what* to call, the owner says *where* (its own runner before
unlocking, the window's ``UiContext`` afterwards).

After many wrong passwords the next try must wait (:mod:`hamm_field.services.unlock_attempts`):
the form then says how long and disables "Entsperren", counting down with a QTimer that asks
``wait_seconds`` once a second (a read of a tiny file), never sleeping on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.ui.errors import show_error
from hamm_field.ui.passwords import Busy, NewPasswordFields, error_label, secret_field

Submit = Callable[..., Any]


class UnlockForm(QWidget):
    """Password page, recovery-key page, new-password page; ``finished`` carries the result.

    ``by_password(password)`` and ``by_recovery(key)`` run in the background and raise a
    UserError when wrong; ``set_password(result, new)`` runs after a recovery.
    ``wait_seconds()`` says how long the next password try must wait (0: not at all).
    """

    finished = Signal(object)
    page_changed = Signal(int)  # 0 password, 1 recovery key, 2 new password: the owner's heading

    def __init__(self, submit: Submit, *, by_password: Callable[[str], Any],
                 by_recovery: Callable[[str], Any], set_password: Callable[[Any, str], Any],
                 wait_seconds: Callable[[], int] = lambda: 0, log_file: Path | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._submit, self.log_file = submit, log_file
        self._wait_seconds, self._waiting = wait_seconds, 0
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self.refresh_wait)
        self._by_password, self._by_recovery = by_password, by_recovery
        self._set_password = set_password
        self.recovered: Any = None
        self.pages = _Pages(self._password_page(), self._recovery_page(),
                            self._new_password_page())  # fmt: skip
        self.busy = Busy()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        layout.addWidget(self.busy)
        layout.addStretch()
        self.retranslate()
        self.refresh_wait()

    def _password_page(self) -> QWidget:
        self.password = secret_field()
        self.password.returnPressed.connect(self.unlock_with_password)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.password_error = error_label()
        self.wait_label = QLabel()
        self.wait_label.setWordWrap(True)
        self.wait_label.setVisible(False)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.unlock_with_password)
        self.forgot_button = QPushButton()
        _as_link(self.forgot_button)
        self.forgot_button.clicked.connect(lambda: self.show_page(1))
        return _page(self.password_label, self.password, self.password_error, self.wait_label,
                     _row(self.forgot_button, self.unlock_button))  # fmt: skip

    def _recovery_page(self) -> QWidget:
        self.recovery_hint = QLabel()
        self.recovery_hint.setWordWrap(True)
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXXX-XXXX-XXXX-XXXXX-XXXX")
        self.recovery_key.setProperty("data", True)  # the key's shape, in no language
        self.recovery_key.returnPressed.connect(self.unlock_with_recovery)
        self.recovery_label = QLabel()
        self.recovery_label.setBuddy(self.recovery_key)
        self.recovery_error = error_label()
        self.recovery_button = QPushButton()
        self.recovery_button.clicked.connect(self.unlock_with_recovery)
        self.back_button = QPushButton()
        _as_link(self.back_button)
        self.back_button.clicked.connect(lambda: self.show_page(0))
        return _page(self.recovery_hint, self.recovery_label, self.recovery_key,
                     self.recovery_error, _row(self.back_button, self.recovery_button))  # fmt: skip

    def _new_password_page(self) -> QWidget:
        self.new_hint = QLabel()
        self.new_hint.setWordWrap(True)
        self.new_password = NewPasswordFields()
        self.new_password.second.returnPressed.connect(self.save_new_password)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_new_password)
        return _page(self.new_hint, self.new_password, _row(None, self.save_button))

    def retranslate(self) -> None:
        self.password_label.setText(_("&Passwort:"))
        self.password.setAccessibleName(_("Passwort"))
        self.unlock_button.setText(_("&Entsperren"))
        self.forgot_button.setText(
            _("Passwort vergessen? Mit Wiederherstellungsschlüssel entsperren")
        )
        self.recovery_hint.setText(_(
            "Geben Sie den Wiederherstellungsschlüssel vom Notfallblatt ein. Groß- und "
            "Kleinschreibung und Bindestriche sind egal."
        ))  # fmt: skip
        self.recovery_label.setText(_("&Wiederherstellungsschlüssel:"))
        self.recovery_key.setAccessibleName(_("Wiederherstellungsschlüssel"))
        self.recovery_button.setText(_("Mit Schlüssel &entsperren"))
        self.back_button.setText(_("Zurück zur Passworteingabe"))
        self.new_hint.setText(_(
            "Der Schlüssel stimmt. Bitte legen Sie jetzt ein neues Passwort fest; "
            "das alte gilt danach nicht mehr."
        ))  # fmt: skip
        self.new_password.retranslate()
        self.save_button.setText(_("Neues Passwort &speichern"))
        self.busy.setText(_("Wird geprüft …"))
        self._show_wait()

    def refresh_wait(self) -> None:
        """Ask how long to wait; disable "Entsperren" and count down until it is over."""
        self._waiting = max(0, self._wait_seconds())
        if self._waiting and not self.wait_timer.isActive():
            self.wait_timer.start()
        elif not self._waiting:
            self.wait_timer.stop()
        self._show_wait()

    def _show_wait(self) -> None:
        seconds = self._waiting
        self.unlock_button.setEnabled(not seconds)
        self.wait_label.setVisible(bool(seconds))
        self.wait_label.setText(ngettext(
            "Bitte {n} Sekunde warten …", "Bitte {n} Sekunden warten …", seconds
        ).format(n=seconds) if seconds else "")  # fmt: skip

    def show_page(self, index: int) -> None:
        """Each page is its own state: what an earlier page said no longer applies."""
        if index != self.pages.currentIndex():
            for label in (self.password_error, self.recovery_error):
                label.clear()
        self.pages.setCurrentIndex(index)
        field = (self.password, self.recovery_key, self.new_password.first)[index]
        field.setFocus()
        self.page_changed.emit(index)

    def reset(self) -> None:
        """Back to an empty password field with the focus in it."""
        self.recovered = None
        for field in (self.password, self.recovery_key):
            field.clear()
        self.new_password.clear()
        for label in (self.password_error, self.recovery_error):
            label.clear()
        self._set_busy(False)
        self.show_page(0)
        self.refresh_wait()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.pages.setEnabled(not busy)

    def _run(self, call: Callable[..., Any], *args: Any, on_success: Callable[[Any], None],
             error_to: QLabel | None, clear: QLineEdit | None = None,
             after_error: Callable[[], None] = lambda: None) -> None:  # fmt: skip
        def failed(error: BaseException) -> None:
            self._set_busy(False)
            after_error()
            if isinstance(error, UserError) and error_to is not None:
                error_to.setText(str(error))
                if clear is not None:
                    clear.clear()
                (clear or self.pages.currentWidget()).setFocus()
            else:
                show_error(self, error, self.log_file)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            on_success(result)

        self._set_busy(True)
        self._submit(call, *args, on_success=succeeded, on_error=failed)

    def unlock_with_password(self) -> None:
        if self._waiting:
            return  # Enter in the field while "Entsperren" is disabled
        if not self.password.text():
            self.password_error.setText(_("Bitte das Passwort eingeben."))
            return
        self.password_error.clear()
        self._run(self._by_password, self.password.text(), on_success=self._finish,
                  error_to=self.password_error, clear=self.password,
                  after_error=self.refresh_wait)  # fmt: skip

    def unlock_with_recovery(self) -> None:
        if not self.recovery_key.text().strip():
            self.recovery_error.setText(_("Bitte den Wiederherstellungsschlüssel eingeben."))
            return
        self.recovery_error.clear()

        def recovered(result: Any) -> None:
            self.recovered = result
            self.recovery_key.clear()
            self.show_page(2)

        self._run(self._by_recovery, self.recovery_key.text(), on_success=recovered,
                  error_to=self.recovery_error)  # fmt: skip

    def save_new_password(self) -> None:
        if not self.new_password.check():
            return
        result = self.recovered
        self._run(self._set_password, result, self.new_password.password(),
                  on_success=lambda _none: self._finish(result),
                  error_to=self.new_password.error)  # fmt: skip

    def _finish(self, result: Any) -> None:
        self.password.clear()
        self.new_password.clear()
        self.recovered = None
        self.finished.emit(result)


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return page


def _as_link(button: QPushButton) -> None:
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("QPushButton { text-decoration: underline; color: palette(link); }")


def _row(link: QPushButton | None, action: QPushButton) -> QWidget:
    """A link-like button on the left, the action on the right."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 4, 0, 0)
    if link is not None:
        layout.addWidget(link)
    layout.addStretch()
    layout.addWidget(action)
    action.setAutoDefault(True)
    return row


class _Pages(QWidget):
    """Like QStackedWidget, but only the shown page takes room (the pages differ a lot)."""

    def __init__(self, *pages: QWidget) -> None:
        super().__init__()
        self._pages = pages
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for page in pages:
            layout.addWidget(page)
        self.setCurrentIndex(0)

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - QStackedWidget's name
        for number, page in enumerate(self._pages):
            page.setVisible(number == index)
        self._index = index

    def currentIndex(self) -> int:  # noqa: N802
        return self._index

    def currentWidget(self) -> QWidget:  # noqa: N802
        return self._pages[self._index]
