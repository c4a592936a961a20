"""How errors reach a person: one clear message, or an apology that names the log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _


def error_text(error: BaseException, log_file: Path | None) -> str:
    if isinstance(error, UserError):
        return str(error)
    where = str(log_file) if log_file else _("(kein Protokoll)")
    return _(
        "Entschuldigung, da ist etwas schiefgegangen. Ihre Eingaben sind nicht verloren. "
        "Einzelheiten stehen im Protokoll: {path}"
    ).format(path=where)


def show_error(parent: QWidget | None, error: BaseException, log_file: Path | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Hinweis") if isinstance(error, UserError) else _("Fehler"))
    box.setText(error_text(error, log_file))
    box.setAccessibleName(box.windowTitle())
    box.open()
