"""Sync at the coordination: read the laptops' packages, the devices, the conflict review,
the refused packages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.services.status import StoreStatus
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.conflict_view import ConflictReview
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.kindeswohl_alerts import KindeswohlAlerts, alert_text
from hamm_field.ui.pages.sync_common import (
    REFUSED_COLOUR,
    Section,
    choose_packages,
    progress_bar,
    result_label,
    short_id,
    show_result,
)
from hamm_field.ui.pages.sync_devices import DevicesPanel
from hamm_field.ui.pages.sync_quarantine import QuarantinePanel
from hamm_field.ui.widgets import fill_table, make_table, set_headers

STEPS = 1000  # progress steps per file
RESULT = 6  # the column saying what became of the file


class ImportPanel(Section):
    """Several files at once, one result row each; a refused file does not stop the rest."""

    imported = Signal(object)  # the fresh StoreStatus
    family_opened = Signal(str)  # a family with a new Kindeswohl alert, to be opened

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.workers: dict[str, str] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.import_button = QPushButton()
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.choose_and_import)
        self.progress = progress_bar("import progress")
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.progress, 1)
        row.addStretch()
        self.summary = result_label()
        self.table = make_table("import results")
        self.alerts = KindeswohlAlerts(ui)
        self.alerts.family_opened.connect(self.family_opened)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.alerts, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Lesen Sie die Pakete der Laptops ein, gern mehrere auf einmal. Jede Datei wird "
            "geprüft; eine abgelehnte Datei ändert nichts und hält die anderen nicht auf."))
        self.import_button.setText(_("&Pakete einlesen …"))
        self.progress.setAccessibleName(_("Fortschritt beim Einlesen"))
        self.table.setAccessibleName(_("Eingelesene Pakete"))
        set_headers(self.table, [_("Datei"), _("Mitarbeiter/in"), _("Paket"), _("Änderungen"),
                                 _("Konflikte"), _("Fehlende Pakete"), _("Ergebnis")])
        self.alerts.retranslate()

    def choose_and_import(self) -> None:
        paths = choose_packages(self, _("Pakete der Laptops wählen"), several=True)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        sync, overview = self.ui.services.sync, self.ui.services.overview

        def run(progress: Callable[[int, int], None]) -> tuple[list[Any], StoreStatus, list[Any]]:
            results = []
            for index, path in enumerate(paths):
                def step(done: int, total: int, index: int = index) -> None:
                    progress(index * STEPS + done * STEPS // max(total, 1), len(paths) * STEPS)

                results += sync.import_files([path], progress=step)
                progress((index + 1) * STEPS, len(paths) * STEPS)
            brought = {i for r in results for i in getattr(r, "kindeswohl", ())}
            alerts = [a for a in overview.kindeswohl_alerts() if a.observation_id in brought]
            return results, sync.status(), alerts

        self.import_button.setEnabled(False)
        self.progress.setRange(0, len(paths) * STEPS)
        self.progress.setValue(0)
        self.progress.show()
        self.summary.hide()
        self.alerts.show_alerts([])
        self.ui.submit(run, parent=self, changes="household", on_success=self._imported,
                       on_error=self._failed, on_progress=self._progressed)  # fmt: skip

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.progress.hide()
        show_error(self, error, self.ui.log_file)

    def _imported(self, outcome: tuple[list[Any], StoreStatus, list[Any]]) -> None:
        results, status, alerts = outcome
        self.import_button.setEnabled(True)
        self.progress.hide()
        self.workers = {d.device_id: d.worker_name for d in status.devices}
        fill_table(self.table, [(str(r.path), self._cells(r)) for r in results])
        for row, result in enumerate(results):
            if result.refused is not None:
                self.table.item(row, RESULT).setForeground(QColor(REFUSED_COLOUR))
        refused = sum(1 for r in results if r.refused is not None)
        read = len(results) - refused
        text = ngettext("{count} Datei eingelesen", "{count} Dateien eingelesen", read).format(
            count=read)
        if refused:
            text += " · " + ngettext("{count} abgelehnt", "{count} abgelehnt", refused).format(
                count=refused)
        if alerts:
            text += " · " + alert_text(len(alerts))
        show_result(self.summary, text, ok=not refused)
        self.alerts.show_alerts(alerts)
        self.imported.emit(status)

    def _cells(self, result: Any) -> list[str]:
        name = result.path.name
        if result.refused is not None:
            return [name, "", "", "", "", "", _("abgelehnt: {reason}").format(
                reason=result.refused)]
        worker = self.workers.get(result.device_id) or short_id(result.device_id)
        outcome = _("schon eingelesen, nichts geändert") if result.already else _("eingelesen")
        return [name, worker, str(result.sequence), str(result.changes), str(result.conflicts),
                ", ".join(map(str, result.gaps)) or "–", outcome]


class CentralSync(Section):
    """Four tabs, so each part has the room it needs on a small screen."""

    status_changed = Signal()
    family_opened = Signal(str)  # from the Kindeswohl alerts of an import

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.imports = ImportPanel(ui)
        self.devices = DevicesPanel(ui)
        self.conflicts = ConflictReview(ui)
        self.refused = QuarantinePanel(ui)
        self.tabs = QTabWidget()
        for panel in (self.imports, self.devices, self.conflicts, self.refused):
            self.tabs.addTab(panel, "")
        self.open_conflicts = 0
        self.imports.imported.connect(self._imported)
        self.imports.family_opened.connect(self.family_opened)
        self.devices.changed.connect(self.status_changed)
        self.conflicts.count_changed.connect(self._count_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Pakete einlesen"))
        self.tabs.setTabText(1, _("Geräte"))
        self.tabs.setTabText(3, _("Abgelehnte Pakete"))
        self._count_changed(self.open_conflicts)

    def open_package(self, path: Path) -> None:
        """Read a laptop's package the person opened with Hamm Field (a double-click)."""
        self.tabs.setCurrentWidget(self.imports)
        self.imports.import_files([path])

    def _count_changed(self, count: int) -> None:
        self.open_conflicts = count
        text = ngettext("Konflikt ({count})", "Konflikte ({count})", count).format(
            count=count) if count else _("Konflikte")
        self.tabs.setTabText(2, text)

    def show_status(self, status: StoreStatus) -> None:
        self.devices.show_devices(status.devices)
        self.conflicts.refresh()
        self.refused.refresh()

    def _imported(self, status: StoreStatus) -> None:
        self.show_status(status)
