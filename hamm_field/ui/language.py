"""Switching the language at runtime, for our texts and Qt's own dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hamm_field.i18n import set_language
from hamm_field.ui.qt_texts import CatalogQtTranslator

# Qt's locale for each app language; English as read in Europe (weeks start on Monday).
QT_LOCALES = {"de": "de_DE", "bg": "bg_BG", "ro": "ro_RO", "tr": "tr_TR", "en": "en_GB"}

_installed: list[QTranslator] = []


def qt_translator(language: str, parent: QApplication) -> QTranslator | None:
    """Qt's shipped catalog for ``language``; our own for the Qt texts where Qt has none.

    English is Qt's source language and needs neither.
    """
    shipped = QTranslator(parent)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if shipped.load(f"qtbase_{language}", path):
        return shipped
    return None if language == "en" else CatalogQtTranslator(parent)


def apply_language(language: str) -> None:
    """Translate from now on into ``language`` and re-translate every open window."""
    set_language(language)
    app = QApplication.instance()
    if app is None:
        return
    while _installed:
        old = _installed.pop()
        app.removeTranslator(old)
        old.deleteLater()
    translator = qt_translator(language, app)
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(QT_LOCALES.get(language, language)))
    retranslate_all(app)


def retranslate_all(app: QApplication) -> None:
    """Send LanguageChange to every open window, now.

    Each window passes the event on to all its children, dialogs included. Qt has also
    queued one per window for changed translators: those are dropped, the texts are new.
    """
    for window in app.topLevelWidgets():
        if window.parentWidget() is None:  # a dialog hears it from its parent window
            QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    QCoreApplication.removePostedEvents(None, QEvent.Type.LanguageChange)
