"""The main window: navigation, the screens, Kontakt erfassen from anywhere, lock, undo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.dialogs.handout_dialog import HandoutDialog
from hamm_field.ui.idle import IdleWatcher
from hamm_field.ui.language import apply_language
from hamm_field.ui.pages.base import Page, scaled
from hamm_field.ui.pages.contacts import ContactsPage
from hamm_field.ui.pages.duplicates import DuplicatesPage
from hamm_field.ui.pages.families import FamiliesPage
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from hamm_field.ui.pages.privacy import PrivacyPage
from hamm_field.ui.pages.reports_page import ReportsPage
from hamm_field.ui.pages.settings_page import SettingsPage
from hamm_field.ui.pages.starterpakete import StarterpaketePage
from hamm_field.ui.pages.sync_page import SyncPage, clock_banner
from hamm_field.ui.pages.today import TodayPage
from hamm_field.ui.unlock_dialog import LockScreen
from hamm_field.ui.window_place import remember, restore

if TYPE_CHECKING:
    from hamm_field.services.retention import Blanked

UNDO_SECONDS = 12
UNDOABLE = {
    "contact": "contacts", "household": "families", "person": "persons",
    "handout": "handouts", "phase": "phases", "goal": "goals",
    "observation": "observations", "consent": "consents",
}


class MainWindow(QMainWindow):
    def __init__(self, ui: UiContext, lock_minutes: int = 5) -> None:
        super().__init__()
        self.ui = ui
        self.dialogs: list[QDialog] = []
        self._hidden_dialogs: list[QDialog] = []
        self._undo: tuple[str, str] | None = None
        self._opened_while_locked: list[Path] = []
        self._build_pages()
        self._build_frame()
        self._build_actions()
        self.idle = IdleWatcher(lock_minutes, self)
        self.idle.idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        ui.runner.busy.connect(self._busy)
        self.retranslate()
        restore(self, ui.gateway)  # as this user left it, or fitted to the screen
        self.navigate(0)
        # At unlock, in the background: what is past its Löschfrist goes (see
        # services/retention.py); the window does not wait for it.
        ui.submit(ui.services.retention.housekeeping, parent=self, on_success=self._swept)

    def _swept(self, blanked: Blanked) -> None:
        if blanked.families or blanked.observations:
            self.ui.changed.emit("household")

    # Construction ----------------------------------------------------------------

    def _build_pages(self) -> None:
        ui = self.ui
        self.today = TodayPage(ui)
        self.families = FamiliesPage(ui)
        self.contacts = ContactsPage(ui)
        self.starterpakete = StarterpaketePage(ui)
        self.sync = SyncPage(ui)
        self.sync.clock_warning.connect(self._clock_warning)
        self.reports = ReportsPage(ui)
        self.settings = SettingsPage(ui)
        self.pages: list[Page] = [self.today, self.families, self.contacts, self.starterpakete,
                                  self.sync, self.reports, self.settings]
        self.duplicates: DuplicatesPage | None = None
        self.privacy: PrivacyPage | None = None
        if ui.services.context.is_coordination:  # last: the shortcuts of the others stay
            self.duplicates = DuplicatesPage(ui)
            self.privacy = PrivacyPage(ui)
            self.pages += [self.duplicates, self.privacy]
        self.detail = FamilyDetailPage(ui)
        self.today.new_contact_requested.connect(lambda: self.new_contact())
        for page in (self.today, self.families, self.starterpakete, self.sync, self.settings):
            page.family_opened.connect(self.open_family)
        self.starterpakete.handout_requested.connect(self.hand_out)
        self.contacts.contact_opened.connect(self.edit_contact)
        self.contacts.deleted.connect(self.offer_undo)
        self.detail.new_contact_requested.connect(self.new_contact)
        self.detail.handout_requested.connect(self.hand_out)
        self.detail.contact_opened.connect(self.edit_contact)
        self.detail.deleted.connect(self.offer_undo)
        self.detail.back_requested.connect(lambda: self.navigate(self.nav.currentRow()))
        self.settings.language_chosen.connect(apply_language)
        self.settings.lock_minutes_chosen.connect(lambda m: self.idle.set_minutes(m))

    def _build_frame(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        scaled(self.nav, 1.1)
        self.nav.setFixedWidth(210)
        for _page in self.pages:
            self.nav.addItem("")
        self.nav.currentRowChanged.connect(self.navigate)
        self.stack = QStackedWidget()
        for page in [*self.pages, self.detail]:
            self.stack.addWidget(page)
        content = QWidget()
        row = QHBoxLayout(content)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.lock_screen = LockScreen(self.ui)
        self.lock_screen.unlocked.connect(self.unlock)
        self.outer = QStackedWidget()
        self.outer.addWidget(content)
        self.outer.addWidget(self.lock_screen)
        self.setCentralWidget(self.outer)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.undo_button = QPushButton()
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._undo_expired)
        self.clock_label = clock_banner(compact=True)
        self.statusBar().addPermanentWidget(self.clock_label)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.busy)

    def _build_actions(self) -> None:
        self.new_contact_action = QAction(self)
        self.new_contact_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_contact_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.new_contact_action.triggered.connect(lambda: self.new_contact())
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addActions([self.new_contact_action, self.lock_action])
        for index in range(len(self.pages)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _c=False, i=index: self.navigate(i))
            self.addAction(action)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Hamm Field"))
        for index, page in enumerate(self.pages):
            item = self.nav.item(index)
            item.setText(page.title())
            item.setToolTip(_("Strg+{number}").format(number=index + 1))
        self.nav.setAccessibleName(_("Navigation"))
        self.new_contact_action.setText(_("Kontakt erfassen"))
        self.lock_action.setText(_("Sperren"))
        self.undo_button.setText(_("Rückgängig"))
        self.busy.setAccessibleName(_("Arbeitet …"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Navigation and dialogs ----------------------------------------------------

    def navigate(self, index: int) -> None:
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
            return
        page = self.pages[index]
        self.stack.setCurrentWidget(page)
        page.refresh()

    def open_family(self, household_id: str) -> None:
        self.detail.show_family(household_id)
        self.stack.setCurrentWidget(self.detail)

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        if self.outer.currentWidget() is self.lock_screen:
            self._hidden_dialogs.append(dialog)
        else:
            dialog.show()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def new_contact(self, household_id: str | None = None) -> QDialog:
        return self._open_dialog(ContactDialog(self.ui, household_id=household_id, parent=self))

    def edit_contact(self, contact_id: str) -> QDialog:
        return self._open_dialog(ContactDialog(self.ui, contact_id=contact_id, parent=self))

    def hand_out(self, household_id: str) -> QDialog:
        return self._open_dialog(HandoutDialog(self.ui, household_id, parent=self))

    # Files opened with Hamm Field -----------------------------------------------

    def open_file(self, path: Path) -> None:
        """A file the person opened with Hamm Field, e.g. by a double-click.

        A package goes to the Sync screen and is read at once (the same as choosing it
        there); an invitation is for a computer without a store. While locked, the file
        waits for the unlock. Messages name the file, never what is in it.
        """
        if self.is_locked:
            if not self._opened_while_locked:  # a bound method: no lambda holding the window
                self.lock_screen.unlocked.connect(self._open_files_opened_while_locked,
                                                  Qt.ConnectionType.SingleShotConnection)
            self._opened_while_locked.append(path)
            return
        name = path.name
        if not path.is_file():
            self._tell(_("Die Datei „{name}“ gibt es nicht (mehr). Vielleicht wurde sie "
                         "verschoben, oder der USB-Stick ist nicht mehr eingesteckt.").format(
                name=name))
        elif path.suffix.lower() == ".hfsync":
            self.navigate(self.pages.index(self.sync))
            self.sync.open_package(path)
        elif path.suffix.lower() == ".hfinvite":
            self._tell(_("Dieser Computer ist schon eingerichtet. Die Einladung „{name}“ ist "
                         "für einen neuen Laptop: Öffnen Sie sie dort beim ersten Start von "
                         "Hamm Field.").format(name=name))
        else:
            self._tell(_("„{name}“ kann Hamm Field nicht öffnen. Es öffnet Sync-Pakete "
                         "(.hfsync) und Einladungen (.hfinvite).").format(name=name))

    def _open_files_opened_while_locked(self) -> None:
        waiting, self._opened_while_locked = self._opened_while_locked, []
        for path in waiting:
            self.open_file(path)

    def _tell(self, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, _("Hinweis"), text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setAccessibleName(_("Hinweis"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # Undo ----------------------------------------------------------------------

    def offer_undo(self, entity: str, record_id: str) -> None:
        if entity not in UNDOABLE:
            return
        self._undo = (entity, record_id)
        self.statusBar().showMessage(_("Gelöscht."), UNDO_SECONDS * 1000)
        self.undo_button.show()
        self.undo_timer.start(UNDO_SECONDS * 1000)

    def undo(self) -> None:
        if self._undo is None:
            return
        entity, record_id = self._undo
        self._undo_expired()
        service = getattr(self.ui.services, UNDOABLE[entity])
        self.ui.submit(service.restore, record_id, parent=self, changes=entity,
                       on_success=lambda _r: self.statusBar().showMessage(
                           _("Wiederhergestellt."), 5000))

    def _undo_expired(self) -> None:
        self._undo = None
        self.undo_button.hide()
        self.undo_timer.stop()

    # Locking -------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.outer.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide every personal datum at once; typed input is saved as drafts first."""
        if self.is_locked:
            return
        # Our own dialogs and the forms the screens open window-modal alike.
        for dialog in dict.fromkeys([*self.dialogs, *self.findChildren(QDialog)]):
            save_draft = getattr(dialog, "save_draft", None)
            if save_draft:
                save_draft()
            if dialog.isVisible():
                dialog.hide()
                self._hidden_dialogs.append(dialog)
        self.idle.pause()
        self._undo_expired()
        self.statusBar().clearMessage()
        self.outer.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()

    def unlock(self) -> None:
        self.outer.setCurrentWidget(self.outer.widget(0))
        for dialog in self._hidden_dialogs:
            if isValid(dialog):
                dialog.show()
        self._hidden_dialogs.clear()
        self.idle.resume()
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    def _clock_warning(self, text: str) -> None:
        self.clock_label.setText(text)
        self.clock_label.setVisible(bool(text))

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for dialog in list(self.dialogs):
            save_draft = getattr(dialog, "save_draft", None)
            if save_draft:
                save_draft()
        remember(self, self.ui.gateway)
        self.ui.runner.wait()
        QApplication.instance().removeEventFilter(self.idle)
        super().closeEvent(event)
