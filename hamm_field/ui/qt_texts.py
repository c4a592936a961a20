"""Qt's own texts for a language Qt ships no catalog for (Romanian).

Qt brings ``qtbase_<lang>.qm`` for de, bg, tr and en, but not for ro. For the few Qt
texts a person meets in this app (the standard buttons of message boxes and button
boxes, the edit context menu) this translator answers from our own catalog instead.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from hamm_field.i18n import N_, gettext

# (Qt context, Qt's English source text) -> our German message.
QT_TEXTS = {
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QPlatformTheme", "Cancel"): N_("Abbrechen"),
    ("QPlatformTheme", "Close"): N_("Schließen"),
    ("QPlatformTheme", "Save"): N_("Speichern"),
    ("QPlatformTheme", "Open"): N_("Öffnen"),
    ("QPlatformTheme", "&Yes"): N_("&Ja"),
    ("QPlatformTheme", "&No"): N_("&Nein"),
    ("QPlatformTheme", "Discard"): N_("Verwerfen"),
    ("QPlatformTheme", "Apply"): N_("Anwenden"),
    ("QPlatformTheme", "Help"): N_("Hilfe"),
    ("QMessageBox", "Show Details..."): N_("Details zeigen …"),
    ("QMessageBox", "Hide Details..."): N_("Details verbergen …"),
    ("QLineEdit", "&Undo"): N_("&Rückgängig"),
    ("QLineEdit", "&Redo"): N_("&Wiederherstellen"),
    ("QLineEdit", "Cu&t"): N_("&Ausschneiden"),
    ("QLineEdit", "&Copy"): N_("&Kopieren"),
    ("QLineEdit", "&Paste"): N_("Einf&ügen"),
    ("QLineEdit", "Delete"): N_("Löschen"),
    ("QLineEdit", "Select All"): N_("Alles auswählen"),
    ("QWidgetTextControl", "&Undo"): N_("&Rückgängig"),
    ("QWidgetTextControl", "&Redo"): N_("&Wiederherstellen"),
    ("QWidgetTextControl", "Cu&t"): N_("&Ausschneiden"),
    ("QWidgetTextControl", "&Copy"): N_("&Kopieren"),
    ("QWidgetTextControl", "&Paste"): N_("Einf&ügen"),
    ("QWidgetTextControl", "Delete"): N_("Löschen"),
    ("QWidgetTextControl", "Select All"): N_("Alles auswählen"),
}


class CatalogQtTranslator(QTranslator):
    """Answers Qt's lookups for :data:`QT_TEXTS` in the app's current language."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        message = QT_TEXTS.get((context, source))
        return gettext(message) if message is not None else None  # None: not ours

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False
