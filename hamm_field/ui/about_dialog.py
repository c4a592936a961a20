"""Über Hamm Field: the version, where the data and the log are, and the licence notices.

The notices of the third-party parts (Qt under the LGPL, SQLCipher, OpenSSL, the fonts …)
ship in ``resources/licenses/``: ``NOTICES.txt`` names every part and its licence, the
other files are the full licence texts. A program that shows copyright notices shows
those of the LGPL libraries with them and points to the licence texts (LGPL-3.0, section
4): each is shown here, read-only, without leaving the app.

Two tabs keep the dialog within a 1024 x 600 screen; the first scrolls if the system's
font is large, the licence text scrolls by itself.
"""

from __future__ import annotations

import platform
from itertools import pairwise
from pathlib import Path

import PySide6
from PySide6.QtCore import QEvent, QRect, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hamm_field import __version__
from hamm_field.i18n import gettext as _
from hamm_field.ui.pages.base import scaled, scrolling
from hamm_field.ui.resources import NOTICES_FILE, app_icon, licenses_dir

ICON_SIZE = 64
WIDTH, MAX_HEIGHT = 800, 520  # fits a 1024 x 600 screen with its task bar
PATH_ROLE = Qt.ItemDataRole.UserRole


def licence_files(folder: Path) -> list[Path]:
    """The notices first, then every full licence text, by name."""
    try:
        files = sorted((p for p in folder.rglob("*") if p.is_file()),
                       key=lambda p: p.relative_to(folder).as_posix().lower())  # fmt: skip
    except OSError:
        return []
    notices = [p for p in files if p.relative_to(folder).as_posix() == NOTICES_FILE]
    return notices + [p for p in files if p not in notices]


def read_text(path: Path) -> str | None:
    """A licence text as it is; None when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


class FolderRow(QWidget):
    """A folder's path as selectable text, and a button that opens it in the file manager."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.path = QLineEdit(str(folder) if folder else "")
        self.path.setReadOnly(True)
        self.path.setCursorPosition(0)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.open_button)
        self.open_button.setEnabled(folder is not None and folder.is_dir())

    def open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


class AboutDialog(QDialog):
    """``licenses`` is the folder of notices (the shipped one unless given, e.g. in tests)."""

    def __init__(
        self,
        data_dir: Path,
        log_dir: Path | None,
        parent: QWidget | None = None,
        *,
        licenses: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.licenses = licenses if licenses is not None else licenses_dir()
        self._build_header()
        self.data_row, self.log_row = FolderRow(data_dir), FolderRow(log_dir)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_info(), "")
        self.tabs.addTab(self._build_licences(), "")
        self.buttons = QDialogButtonBox()
        # Our own button: a standard one would take Qt's word back on a language switch.
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._set_focus_order()
        self.retranslate()
        self._fill_licences()
        self._size_to_screen()
        self.close_button.setFocus()

    # Construction ----------------------------------------------------------------

    def _build_header(self) -> None:
        self.icon = QLabel()
        icon = app_icon()
        self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
        self.icon.setVisible(not icon.isNull())
        self.name = QLabel("Hamm Field")
        self.name.setProperty("data", True)  # a name, never translated
        scaled(self.name, 1.6, bold=True)
        self.version = QLabel()
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.version)
        self.header = QHBoxLayout()
        self.header.addWidget(self.icon)
        self.header.addSpacing(8)
        self.header.addLayout(text, 1)

    def _build_info(self) -> QScrollArea:
        self.info_labels = [QLabel() for _ in range(4)]
        self.qt_value = QLabel(f"{qVersion()} (PySide6 {PySide6.__version__})")
        self.python_value = QLabel(platform.python_version())
        for value in (self.qt_value, self.python_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setProperty("data", True)
        self.info_labels[0].setBuddy(self.data_row.path)
        self.info_labels[1].setBuddy(self.log_row.path)
        form = QFormLayout()
        for label, value in zip(self.info_labels, (self.data_row, self.log_row, self.qt_value,
                                                   self.python_value), strict=True):  # fmt: skip
            form.addRow(label, value)
        self.data_hint = QLabel()
        self.data_hint.setWordWrap(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addWidget(self.data_hint)
        column.addStretch()
        self.info_scroll = scrolling(inner)
        return self.info_scroll

    def _build_licences(self) -> QWidget:
        self.licence_intro = QLabel()
        self.licence_intro.setWordWrap(True)
        self.licence_list = QListWidget()
        self.licence_list.setMaximumWidth(180)
        self.licence_list.currentRowChanged.connect(self._show_licence)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        # Notices are laid out in columns: keep their lines, scroll the rare wide one.
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        row = QHBoxLayout()
        row.addWidget(self.licence_list)
        row.addWidget(self.licence_text, 1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.licence_intro)
        column.addLayout(row, 1)
        return page

    def _set_focus_order(self) -> None:
        chain = [self.tabs, self.data_row.path, self.data_row.open_button, self.log_row.path,
                 self.log_row.open_button, self.licence_list, self.licence_text,
                 self.close_button]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else QRect(0, 0, 1024, 600)
        self.resize(min(WIDTH, available.width() - 40), min(MAX_HEIGHT, available.height() - 40))

    # Texts -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Über Hamm Field"))
        self.version.setText(_("Version {version}").format(version=__version__))
        self.name.setAccessibleName("Hamm Field")
        self.icon.setAccessibleName(_("Symbol von Hamm Field"))
        self.tabs.setTabText(0, _("Programm"))
        self.info_scroll.setAccessibleName(_("Programm"))
        self.tabs.setTabText(1, _("Lizenzen"))
        for label, text in zip(self.info_labels, (
                _("&Datenordner:"), _("&Protokollordner:"), _("Qt:"), _("Python:")),
                strict=True):  # fmt: skip
            label.setText(text)
        self.data_row.path.setAccessibleName(_("Datenordner"))
        self.log_row.path.setAccessibleName(_("Protokollordner"))
        for row, name in ((self.data_row, _("Datenordner öffnen")),
                          (self.log_row, _("Protokollordner öffnen"))):
            row.open_button.setText(_("Ordner öffnen"))
            row.open_button.setAccessibleName(name)
        self.data_hint.setText(_(
            "Im Datenordner liegen der verschlüsselte Datenspeicher und seine Schlüsseldatei. "
            "Ein Update oder Deinstallieren von Hamm Field lässt ihn unberührt. Das Protokoll "
            "enthält keine Namen und keine Notizen."))  # fmt: skip
        self.licence_intro.setText(_(
            "Hamm Field verwendet Software Dritter. Hier stehen ihre Lizenzhinweise und die "
            "vollständigen Lizenztexte."))  # fmt: skip
        self.licence_list.setAccessibleName(_("Lizenzdateien"))
        self.licence_text.setAccessibleName(_("Lizenztext"))
        self.close_button.setText(_("Schließen"))
        if not self.licence_list.count():
            self.licence_text.setPlainText(self._missing_text())

    def _missing_text(self) -> str:
        return _("Die Lizenzhinweise fehlen in dieser Installation ({path}).").format(
            path=self.licenses)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Licences --------------------------------------------------------------------

    def _fill_licences(self) -> None:
        for path in licence_files(self.licenses):
            self.licence_list.addItem(path.relative_to(self.licenses).as_posix())
            self.licence_list.item(self.licence_list.count() - 1).setData(PATH_ROLE, str(path))
        if self.licence_list.count():
            self.licence_list.setCurrentRow(0)

    def _show_licence(self, row: int) -> None:
        item = self.licence_list.item(row)
        if item is None:
            return
        text = read_text(Path(item.data(PATH_ROLE)))
        self.licence_text.setPlainText(self._missing_text() if text is None else text)

    def licence_names(self) -> list[str]:
        return [self.licence_list.item(row).text() for row in range(self.licence_list.count())]
