"""Switching the language at runtime, for our texts and Qt's own dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hamm_field.i18n import set_language

_installed: dict[str, QTranslator] = {}


def apply_language(language: str) -> None:
    """Translate from now on into ``language`` and re-translate every open widget."""
    set_language(language)
    app = QApplication.instance()
    if app is None:
        return
    old = _installed.pop("qtbase", None)
    if old is not None:
        app.removeTranslator(old)
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", path):
        app.installTranslator(translator)
        _installed["qtbase"] = translator
    QLocale.setDefault(QLocale(language))
    for widget in app.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
