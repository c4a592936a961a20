"""The errors a person can fix.

Everything raised as a :class:`UserError` is shown as one translated line; anything
else is a bug, logged with a traceback and answered with an apology naming the log.
The message is kept untranslated and translated when shown, so a language switch
applies to errors already raised.
"""

from __future__ import annotations

import errno
import os

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


class DiskFull(UserError):
    message = N_("Auf dem Datenträger ist kein Platz mehr. Bitte Platz schaffen und noch "
                 "einmal versuchen; es wurde nichts geändert.")


class FolderNotWritable(UserError):
    message = N_("In den Ordner {path} darf Hamm Field nicht schreiben (schreibgeschützt oder "
                 "keine Berechtigung). Es wurde nichts geändert.")


def storage_error(error: OSError, path: object = "") -> UserError | None:
    """The error a person can fix behind an ``OSError`` of the disk, or None (then a bug).

    A full disk or a read-only folder says nothing about the file being written, so it must
    never surface as "damaged": a coordinator would throw a valid package away.
    """
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull()
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FolderNotWritable(path=str(path or error.filename or ""))
    return None


class KeyFileMissing(UserError):
    """The database is there, its key file is not: only the backup brings it back."""

    message = N_("Die Schlüsseldatei {path} fehlt. Der Datenspeicher ist noch da, lässt sich "
                 "ohne sie aber nicht öffnen: bitte die Schlüsseldatei aus der Sicherung "
                 "an diese Stelle zurücklegen.")


def user_error_of(error: BaseException) -> UserError | None:
    """What to tell a person about ``error``: itself, the disk problem behind an
    ``OSError``, or None when it is a bug (then it is logged and apologised for)."""
    if isinstance(error, UserError):
        return error
    if isinstance(error, OSError):  # the folder that refused is the one holding the file
        named = error.filename if isinstance(error.filename, str) else ""
        return storage_error(error, os.path.dirname(named))
    return None


class StoreTooNew(UserError):
    """A newer Hamm Field wrote this store: this one must not read, let alone migrate it."""

    message = N_("Dieser Datenordner stammt von einer neueren Version von Hamm Field; bitte "
                 "aktualisieren Sie Hamm Field.")
    NAMED = N_("Dieser Datenordner stammt von Hamm Field {version}; bitte aktualisieren Sie "
               "Hamm Field.")

    @classmethod
    def of(cls, version: str | None) -> StoreTooNew:
        """Named by ``version`` when the store says which newer version wrote it."""
        return cls(cls.NAMED, version=version) if version else cls()
