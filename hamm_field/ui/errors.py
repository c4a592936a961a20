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


def error_text(error: BaseException, log_file: Path | None) -> str:
    known = user_error_of(error)
    if known is not None:
        return str(known)
    where = str(log_file) if log_file else _("(kein Protokoll)")
    return _(
        "Entschuldigung, da ist etwas schiefgegangen. Ihre Eingaben sind nicht verloren. "
        "Einzelheiten stehen im Protokoll: {path}"
    ).format(path=where)


def show_error(parent: QWidget | None, error: BaseException, log_file: Path | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    user_error = user_error_of(error) is not None
    box.setWindowTitle(_("Hinweis") if user_error else _("Fehler"))
    box.setText(error_text(error, log_file))
    box.setAccessibleName(box.windowTitle())
    box.open()
