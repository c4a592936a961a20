"""How errors reach a person: one clear message, or an apology that names the log.

A full disk or a folder Hamm Field may not write to is a thing a person can fix, so an
``OSError`` saying so gets its own line (:func:`~hamm_field.domain.errors.user_error_of`),
never the apology.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from hamm_field.domain.errors import user_error_of
from hamm_field.i18n import gettext as _


def log_location(log_file: Path | None) -> str:
    """The log file as an apology names it."""
    return str(log_file) if log_file else _("(kein Protokoll)")


def error_text(error: BaseException, log_file: Path | None) -> str:
    known = user_error_of(error)
    if known is not None:
        return str(known)
    return _(
        "Entschuldigung, da ist etwas schiefgegangen. Ihre Eingaben sind nicht verloren. "
        "Einzelheiten stehen im Protokoll: {path}"
    ).format(path=log_location(log_file))


def error_box(parent: QWidget | None, error: BaseException, text: str) -> QMessageBox:
    """A warning titled "Hinweis" for a person's own mistake, "Fehler" for anything else."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Hinweis") if user_error_of(error) is not None else _("Fehler"))
    box.setText(text)
    box.setAccessibleName(box.windowTitle())
    return box


def show_error(parent: QWidget | None, error: BaseException, log_file: Path | None) -> None:
    error_box(parent, error, error_text(error, log_file)).open()
