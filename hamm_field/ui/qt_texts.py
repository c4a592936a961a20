"""Qt's own texts where Qt's shipped catalogs have none.

Qt brings ``qtbase_<lang>.qm`` for de, bg, tr and en, but not for ro, and even the
shipped ones miss texts of the file dialog ("Look in:", "Files of type:", "Folder").
For the Qt texts a person meets in this app (the standard buttons of message boxes and
button boxes, the edit context menu, the file dialog) this translator answers from our
own catalog: alone for Romanian, behind Qt's catalog for the others.
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
    # Qt's own file dialog, which the app shows where the system offers none (the
    # bundle for Linux carries no desktop theme plugin).
    ("QFileDialog", "&Look in:"): N_("Suchen &in:"),
    ("QFileDialog", "File &name:"): N_("Datei&name:"),
    ("QFileDialog", "Files of &type:"): N_("Datei&typ:"),
    ("QFileDialog", "Directory:"): N_("Ordner:"),
    ("QFileDialog", "&Open"): N_("Ö&ffnen"),
    ("QFileDialog", "&Save"): N_("&Speichern"),
    ("QFileDialog", "&Choose"): N_("&Auswählen"),
    ("QFileDialog", "All Files (*)"): N_("Alle Dateien (*)"),
    ("QFileDialog", "Back"): N_("Zurück"),
    ("QFileDialog", "Forward"): N_("Vorwärts"),
    ("QFileDialog", "Parent Directory"): N_("Übergeordneter Ordner"),
    ("QFileDialog", "Create New Folder"): N_("Neuen Ordner erstellen"),
    ("QFileDialog", "List View"): N_("Liste"),
    ("QFileDialog", "Detail View"): N_("Details"),
    ("QFileDialog", "&New Folder"): N_("&Neuer Ordner"),
    ("QFileDialog", "New Folder"): N_("Neuer Ordner"),
    ("QFileDialog", "&Rename"): N_("&Umbenennen"),
    ("QFileDialog", "&Delete"): N_("&Löschen"),
    ("QFileDialog", "Show &hidden files"): N_("&Versteckte Dateien zeigen"),
    ("QFileSystemModel", "Name"): N_("Name"),
    ("QFileSystemModel", "Size"): N_("Größe"),
    ("QFileSystemModel", "Type"): N_("Typ"),
    ("QFileSystemModel", "Date Modified"): N_("Geändert"),
    ("QFileSystemModel", "Computer"): N_("Computer"),
    ("QAbstractFileIconProvider", "Folder"): N_("Ordner"),
    ("QAbstractFileIconProvider", "Drive"): N_("Laufwerk"),
    ("QAbstractFileIconProvider", "File"): N_("Datei"),
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
