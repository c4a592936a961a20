"""Password widgets shared by unlocking and the setup wizard.

A new password is typed twice under a strength hint (a plain rule, not an entropy
estimate: the service enforces the minimum); checking or setting one costs a deliberate
Argon2 second with no progress to report, hence :class:`Busy`. Field errors are shown
beside the field in plain words by :func:`error_label`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from hamm_field.i18n import N_, ngettext
from hamm_field.i18n import gettext as _
from hamm_field.services.password_policy import MIN_PASSWORD_LENGTH

STRENGTH = (N_("schwach"), N_("mittel"), N_("stark"))


def password_strength(password: str) -> int:
    """0 weak, 1 medium, 2 strong: length counts most, variety of characters helps.

    A plain rule a person can follow ("longer is better, mix in digits or signs"), not
    an entropy estimate; the hard minimum is enforced by the service.
    """
    kinds = sum(
        any(test(char) for char in password)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    length = len(password)
    if length >= 16 or (length >= 12 and kinds >= 3):
        return 2
    if length >= 12 or (length >= 10 and kinds >= 2) or (length >= 8 and kinds >= 3):
        return 1
    return 0


def secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(260)
    return field


def error_label() -> QLabel:
    """Where a message for the field above goes, in plain words, in a warning colour."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    return label


class Busy(QWidget):
    """"Please wait" with a moving bar (Argon2 reports no progress); hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self.setVisible(False)

    def setText(self, text: str) -> None:  # noqa: N802 - reads like Qt
        self.label.setText(text)
        self.bar.setAccessibleName(text)


class NewPasswordFields(QWidget):
    """A new password typed twice, with a strength hint; ``check()`` says what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first, self.second = secret_field(), secret_field()
        self.first_label, self.second_label = QLabel(), QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.meter = QProgressBar()
        self.meter.setRange(0, 3)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.error = error_label()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.meter)
        form.addRow("", self.strength)
        form.addRow("", self.error)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(lambda _text: self.error.clear())
        self.retranslate()

    def retranslate(self) -> None:
        self.first_label.setText(_("Neues &Passwort:"))
        self.second_label.setText(_("Passwort &wiederholen:"))
        self.first.setAccessibleName(_("Neues Passwort"))
        self.second.setAccessibleName(_("Passwort wiederholen"))
        self.meter.setAccessibleName(_("Stärke des Passworts"))
        self._update()

    def password(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        text = self.first.text()
        self.error.clear()
        level = password_strength(text)
        self.meter.setValue(level + 1 if text else 0)
        colour = ("#b3261e", "#b26a00", "#1e7b34")[level]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        hint = ngettext(
            "Mindestens {n} Zeichen. Länger ist stärker; Ziffern und Sonderzeichen helfen.",
            "Mindestens {n} Zeichen. Länger ist stärker; Ziffern und Sonderzeichen helfen.",
            MIN_PASSWORD_LENGTH)
        if text:
            strength = _("Stärke: {level}").format(level=_(STRENGTH[level]))
            hint = f"{strength}. {hint}"
        self.strength.setText(hint.format(n=MIN_PASSWORD_LENGTH))

    def problem(self) -> str | None:
        if len(self.first.text()) < MIN_PASSWORD_LENGTH:
            return _("Das Passwort muss mindestens {length} Zeichen lang sein.").format(
                length=MIN_PASSWORD_LENGTH
            )
        if self.first.text() != self.second.text():
            return _("Die beiden Passwörter stimmen nicht überein.")
        return None

    def check(self) -> bool:
        """True when usable; otherwise the reason is shown beside the fields."""
        problem = self.problem()
        self.error.setText(problem or "")
        if problem:
            self.first.setFocus()
        return problem is None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.error.clear()
