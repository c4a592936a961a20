"""Switching the language at runtime, for our texts and Qt's own dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hamm_field.i18n import set_language
from hamm_field.ui.qt_texts import CatalogQtTranslator

# Qt's locale for each app language; English as read in Europe (weeks start on Monday).
QT_LOCALES = {"de": "de_DE", "bg": "bg_BG", "ro": "ro_RO", "tr": "tr_TR", "en": "en_GB"}

_installed: list[QTranslator] = []


def qt_translators(language: str, parent: QApplication) -> list[QTranslator]:
    """Our own catalog for Qt's texts, then Qt's shipped one for ``language``.

    Qt asks the translator installed last first, so Qt's catalog answers what it knows
    and ours the texts it misses (or all of them, for Romanian). English is Qt's source
    language: its shipped catalog is enough.
    """
    translators: list[QTranslator] = []
    if language != "en":
        translators.append(CatalogQtTranslator(parent))
    shipped = QTranslator(parent)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if shipped.load(f"qtbase_{language}", path):
        translators.append(shipped)
    return translators


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
    for translator in qt_translators(language, app):
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
