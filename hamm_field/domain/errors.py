"""The errors a person can fix.

Everything raised as a :class:`UserError` is shown as one translated line; anything
else is a bug, logged with a traceback and answered with an apology naming the log.
The message is kept untranslated and translated when shown, so a language switch
applies to errors already raised.
"""

from __future__ import annotations

from hamm_field.i18n import N_, gettext


class UserError(Exception):
    """Something the user can fix: wrong password, bad file, invalid input."""

    message = N_("Die Aktion konnte nicht ausgeführt werden.")

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.msgid = message or self.message
        self.params = params
        super().__init__(self.msgid)

    def __str__(self) -> str:
        return gettext(self.msgid).format(**self.params)


class WrongPassword(UserError):
    message = N_("Das Passwort ist falsch.")


class WrongRecoveryKey(UserError):
    message = N_("Der Wiederherstellungsschlüssel ist falsch.")


class StoreMissing(UserError):
    message = N_(
        "Im Datenordner {path} gibt es noch keinen Datenspeicher. Bitte zuerst einrichten."
    )


class StoreExists(UserError):
    message = N_("Im Datenordner {path} gibt es schon einen Datenspeicher.")


class StoreDamaged(UserError):
    message = N_("Der Datenspeicher ist beschädigt oder gehört nicht zu diesem Schlüssel.")


class NotAvailableYet(UserError):
    message = N_("Der Befehl „{command}“ ist noch nicht verfügbar.")


class FieldError(UserError):
    """One invalid field; ``field`` names it so a form can show the text beside it."""

    def __init__(self, field: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class ValidationError(UserError):
    """One or more invalid fields; nothing was stored."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].msgid, **errors[0].params)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

    def by_field(self) -> dict[str, str]:
        return {error.field: str(error) for error in self.errors}
