"""Familien: find a family by any spelling, filter, open it, or create a new one.

Typing searches as you type (after a 150 ms pause, so a fast typist starts one query,
not seven); the filters apply at once. Down in the search field moves into the list,
Enter or a double click opens the family. Enter in the search field opens the first
family only when it is surely the one meant (the only match, or the only one named
exactly so); otherwise it moves into the list, where each row shows members and street.
The coordination selects several families and hands them over or shares them at once
(buttons below the list, or the context menu).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import PAKETE, FamilyStatus, MasterKind, paket_label
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_number
from hamm_field.services.sharing import Colleague
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.dialogs.sharing_dialogs import ResponsibleDialog, ShareDialog
from hamm_field.ui.errors import show_error
from hamm_field.ui.family_hint import DetailDelegate, two_line_height
from hamm_field.ui.family_model import FamilyListModel
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.widgets import fill_combo

DEBOUNCE_MS = 150


@dataclass(frozen=True)
class Lookups:
    master: Any
    workers: dict[str, str]
    colleagues: list[Colleague]
    coordination: bool


def _lookups(ui: UiContext) -> Lookups:
    """Runs in the background: master data, the worker names and who may hand over."""
    services = ui.services
    return Lookups(services.context.master, {w.id: w.name for w in services.overview.workers()},
                   services.sharing.colleagues(), services.context.is_coordination)


class FamiliesPage(Page):
    watches = ("household", "person", "share")
    family_opened = Signal(str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.master: Any = None
        self.colleagues: list[Colleague] = []
        self.dialog: Any = None
        self.heading = heading("")
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_family)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.new_button)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search_label = QLabel()
        self.shared = QCheckBox()
        self.search_label.setBuddy(self.search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        # Whose families: beside the search, as the filter row has no room left at 1024 px.
        self.mine = QCheckBox()
        search_row.addWidget(self.mine)
        search_row.addWidget(self.shared)
        self.sozialraum, self.paket, self.status = QComboBox(), QComboBox(), QComboBox()
        self.filter_labels = [QLabel() for _ in range(3)]
        filters = FlowLayout(spacing=12, left=True)  # a long language wraps the filters
        for label, combo in zip(self.filter_labels, (self.sozialraum, self.paket, self.status),
                                strict=True):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo)
            filters.addWidget(pair)
        for combo, length in ((self.sozialraum, 14), (self.paket, 22), (self.status, 12)):
            combo.setMinimumContentsLength(length)

        self.model = FamilyListModel(ui, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(DetailDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(two_line_height(self.fontMetrics()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 130, 80, 100, 130)):  # "Geteilt mit" fits at 1024
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)
        self.count = QLabel()
        self.count.setObjectName("familyCount")
        self.message = QLabel()  # what the last hand-over or share did
        self.hand_over_action, self.share_action = QAction(self), QAction(self)
        self.hand_over_action.triggered.connect(self.hand_over)
        self.share_action.triggered.connect(self.share)
        self.hand_over_button, self.share_button = QPushButton(), QPushButton()
        self.hand_over_button.clicked.connect(self.hand_over)
        self.share_button.clicked.connect(self.share)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.hand_over_button)
        bottom.addWidget(self.share_button)
        self._set_coordination(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        for combo in (self.sozialraum, self.paket, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.mine.toggled.connect(lambda _c: self.apply_filter())
        self.shared.toggled.connect(lambda _c: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.model.total_changed.connect(self._show_total)
        self.model.failed.connect(lambda error: show_error(self, error, ui.log_file))
        self.setTabOrder(self.search, self.mine)
        self.setTabOrder(self.mine, self.shared)
        self.setTabOrder(self.shared, self.sozialraum)
        self.setTabOrder(self.sozialraum, self.paket)
        self.setTabOrder(self.paket, self.status)
        self.setTabOrder(self.status, self.table)
        self.setTabOrder(self.table, self.hand_over_button)
        self.setTabOrder(self.hand_over_button, self.share_button)
        self.setTabOrder(self.share_button, self.new_button)
        self.retranslate()
        ui.submit(_lookups, ui, parent=self, on_success=self._lookups_loaded)

    def title(self) -> str:
        return _("Familien")

    def retranslate(self) -> None:
        self.heading.setText(_("Familien"))
        self.new_button.setText(_("&Neue Familie"))
        self.new_button.setAccessibleName(_("Neue Familie"))
        self.search_label.setText(_("&Suche"))
        self.search.setPlaceholderText(_("Name suchen – Kyrillisch oder Lateinisch"))
        self.search.setAccessibleName(_("Familie suchen"))
        texts = (_("Sozial&raum"), _("&Paket"), _("S&tatus"))
        names = (_("Sozialraum"), _("Integrationspaket"), _("Status"))
        for label, combo, text, name in zip(
            self.filter_labels, (self.sozialraum, self.paket, self.status), texts, names,
            strict=True,
        ):
            label.setText(text)
            combo.setAccessibleName(name)
        self.mine.setText(_("nur &meine"))
        self.mine.setAccessibleName(_("nur meine Familien"))
        self.shared.setText(_("mit mir &geteilt"))
        self.shared.setAccessibleName(_("nur mit mir geteilte Familien"))
        hand_over, share = _("&Zuständigkeit ändern…"), _("T&eilen mit…")
        for widget, text in ((self.hand_over_action, hand_over), (self.share_action, share),
                             (self.hand_over_button, hand_over), (self.share_button, share)):
            widget.setText(text)
        self.hand_over_button.setAccessibleName(_("Zuständigkeit ändern"))
        self.share_button.setAccessibleName(_("Teilen mit"))
        self.table.setAccessibleName(_("Familien"))
        self._fill_filters()
        self.model.retranslate()
        self._show_total(self.model.total if self.model.total is not None else -1)

    def _fill_filters(self) -> None:
        raeume = self.master.active(MasterKind.SOZIALRAUM) if self.master else []
        every = _("alle")
        fill_combo(self.sozialraum, [(e.key, e.label) for e in raeume], every)
        fill_combo(self.paket, [(n, f"{n} – {paket_label(n)}") for n in PAKETE], every)
        fill_combo(self.status, [(s.value, s.label) for s in FamilyStatus], every)

    def _lookups_loaded(self, result: Lookups) -> None:
        self.master, self.colleagues = result.master, result.colleagues
        self.model.set_lookups(self.master, result.workers)
        self._set_coordination(result.coordination)
        self._fill_filters()

    def _set_coordination(self, coordination: bool) -> None:
        """Handing over and sharing from the list is the coordination's; nothing is
        shared with the coordination itself."""
        self.coordination = coordination
        for widget in (self.hand_over_button, self.share_button, self.hand_over_action,
                       self.share_action):
            widget.setVisible(coordination)
        self.shared.setVisible(not coordination)
        self._selection_changed()

    # Searching -----------------------------------------------------------------

    def current_filter(self) -> FamilyFilter:
        return FamilyFilter(
            query=self.search.text().strip(),
            sozialraum=self.sozialraum.currentData(),
            paket=self.paket.currentData(),
            status=self.status.currentData(),
            worker_id=self.ui.worker_id if self.mine.isChecked() else None,
            shared_with=self.ui.worker_id if self.shared.isChecked() else None,
        )

    def apply_filter(self) -> None:
        self.debounce.stop()
        flt = self.current_filter()
        if flt != self.model.filter or self.model.total is None:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        """Reload the list; master data and worker names too (they change only by sync)."""
        self.debounce.stop()
        self.ui.submit(_lookups, self.ui, parent=self, on_success=self._lookups_loaded)
        self.model.filter = self.current_filter()
        self.model.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.search.setFocus()

    def _show_total(self, total: int) -> None:
        if total < 0:
            self.count.setText(_("Suche …"))
            return
        text = ngettext("{count} Familie", "{count} Familien", total)
        self.count.setText(text.format(count=format_number(total)))

    # Opening and creating ----------------------------------------------------

    def _activated(self, index: Any) -> None:
        household_id = self.model.household_id(index.row())
        if household_id:
            self.family_opened.emit(household_id)

    def new_family(self) -> FamilyDialog:
        self.dialog = FamilyDialog(self.ui, parent=self)
        self.dialog.saved.connect(self.family_opened)
        self.dialog.open()
        return self.dialog

    # Handing over and sharing (the coordination) -----------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.household_id(row) for row in rows) if i]

    def _selection_changed(self) -> None:
        some = bool(self.table.selectionModel().hasSelection())
        for widget in (self.hand_over_button, self.share_button, self.hand_over_action,
                       self.share_action):
            widget.setEnabled(some)

    def _context_menu(self, point: QPoint) -> None:
        if not self.coordination or not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction(self.hand_over_action)
        menu.addAction(self.share_action)
        menu.popup(self.table.viewport().mapToGlobal(point))

    def hand_over(self) -> ResponsibleDialog | None:
        ids = self.selected_ids()
        if not ids or not self.coordination:
            return None
        dialog = ResponsibleDialog(self.colleagues, count=len(ids), parent=self)

        def chosen() -> None:
            colleague = dialog.chosen()
            if colleague is None:
                return
            self._write(self.ui.services.sharing.set_responsible, ids, colleague.worker_id,
                        message=lambda n: ngettext(
                            "{count} Familie an {name} übergeben",
                            "{count} Familien an {name} übergeben", n).format(
                                count=format_number(n), name=colleague.name))

        dialog.accepted.connect(chosen)
        self.dialog = dialog
        dialog.open()
        return dialog

    def share(self) -> ShareDialog | None:
        ids = self.selected_ids()
        if not ids or not self.coordination:
            return None
        dialog = ShareDialog(self.colleagues, count=len(ids), parent=self)

        def chosen() -> None:
            added = dialog.added()
            names = ", ".join(c.name for c in added)
            self._write(self.ui.services.sharing.share, ids, [c.worker_id for c in added],
                        message=lambda _n: ngettext(
                            "{count} Familie mit {names} geteilt",
                            "{count} Familien mit {names} geteilt", len(ids)).format(
                                count=format_number(len(ids)), names=names))

        dialog.accepted.connect(chosen)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _write(self, call: Any, *args: Any, message: Any) -> None:
        self.message.clear()
        self.ui.submit(call, *args, parent=self, changes="share",
                       on_success=lambda changed: self.message.setText(message(changed)),
                       on_error=lambda error: show_error(self, error, self.ui.log_file))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Down moves from the search field into the list; Enter opens the first match if
        it is decisive, else moves into the list (while a query is still waiting for its
        pause, Enter starts it)."""
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.debounce.isActive():
                    self.apply_filter()
                elif self.model.rowCount() and self.model.decisive_first():
                    self._activated(self.model.index(0, 0))
                elif self.model.rowCount():
                    self.table.setFocus()
                    self.table.selectRow(0)
                return True
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
