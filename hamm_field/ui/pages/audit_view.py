"""The coordination's audit log: who changed which family, when, and which fields.

Kinds of records, actions and fields appear in the reader's language, never as table
or column names; values never appear at all (the log holds none). Filters run in SQL
in the background, and only the newest entries are shown, with their total.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain import retention
from hamm_field.domain.record_labels import AUDIT_ACTIONS, RECORD_FIELDS, SYNC_KINDS
from hamm_field.i18n import N_, ngettext
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_iso, format_number
from hamm_field.services.audit_log import AuditFilter, AuditLine, AuditLog
from hamm_field.ui.context import UiContext
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.widgets import fill_combo, fill_table, make_table, selected_id, set_headers

LIMIT = 500

# The period filter: how many days back from today (None: everything).
PERIODS = ((None, N_("gesamter Zeitraum")), (0, N_("heute")), (7, N_("letzte 7 Tage")),
           (30, N_("letzte 30 Tage")), (365, N_("letzte 12 Monate")))  # fmt: skip


def action_text(line: AuditLine) -> str:
    what = _(SYNC_KINDS[line.entity]) if line.entity in SYNC_KINDS else line.entity
    template = AUDIT_ACTIONS.get(line.action)
    return _(template).format(what=what) if template else f"{what}: {line.action}"


def family_text(line: AuditLine) -> str:
    if line.household_id is None:
        return ""
    if line.family_name is None:
        return _("nicht mehr vorhanden")
    if line.family_erased:
        return _("gelöscht")
    if line.family_deleted:
        return _("{name} (gelöscht)").format(name=line.family_name)
    return line.family_name


def fields_text(line: AuditLine) -> str:
    """The changed fields; a new record lists every field, which says nothing."""
    if line.action == "create":
        return ""
    if line.action in (retention.MARK_ACTION, retention.CONFIRM_ACTION):
        marked, confirmed = retention.four_eyes_names(line.fields)
        text = _("Vorgemerkt von {name}").format(name=marked)
        return text + (", " + _("bestätigt von {name}").format(name=confirmed)
                       if confirmed else "")  # fmt: skip
    return ", ".join(_(RECORD_FIELDS[f]) if f in RECORD_FIELDS else f for f in line.fields)


class AuditView(QGroupBox):
    """Filters, the list of entries and their count; a row opens its family."""

    family_opened = Signal(str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.log = AuditLog(ui.services.context)
        self.family = QLineEdit()
        self.family.setClearButtonEnabled(True)
        self.family.textChanged.connect(self.refresh)
        self.worker, self.period = QComboBox(), QComboBox()
        for combo in (self.worker, self.period):  # as wide as the longest entry, in any language
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.worker.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        filters = FlowLayout()
        self.labels = [QLabel() for _ in range(3)]
        for label, widget in zip(self.labels, (self.family, self.worker, self.period),
                                 strict=True):
            label.setBuddy(widget)
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(widget)
            filters.addWidget(pair)
        self.family.setMinimumWidth(210)
        self.table = make_table("audit")
        self.table.setWordWrap(False)  # one line per entry; the full list of fields as tip
        self.table.setMinimumHeight(220)
        self.table.activated.connect(lambda _index: self.open_family())
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.lines: list[AuditLine] = []
        self.total = 0
        self.workers: list[tuple[str, str]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Protokoll: wer hat was wann geändert"))
        texts = (_("&Familie"), _("Mit&arbeiter/in"), _("&Zeitraum"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(text.replace("&", ""))
        self.family.setPlaceholderText(_("Name, in jeder Schreibweise"))
        self.table.setAccessibleName(_("Protokoll"))
        self.table.setToolTip(_("Doppelklick oder Eingabetaste öffnet die Familie"))
        set_headers(self.table, [_("Zeit"), _("Wer"), _("Aktion"), _("Familie"), _("Felder")])
        fill_combo(self.period, [(days, _(text)) for days, text in PERIODS])
        fill_combo(self.worker, self.workers, _("alle"))
        self._show_lines()

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_filter(self) -> AuditFilter:
        days = self.period.currentData()
        start = None if days is None else self.ui.services.context.today() - dt.timedelta(days)
        return AuditFilter(family_query=self.family.text(), worker_id=self.worker.currentData(),
                           date_from=start)

    def refresh(self) -> None:
        """Load the workers once, then the entries matching the filters."""
        log, flt = self.log, self.current_filter()

        def load():  # type: ignore[no-untyped-def]
            return log.workers(), log.lines(flt, limit=LIMIT), log.count(flt)

        self.ui.submit(load, parent=self, on_success=self._loaded)

    def _loaded(self, result) -> None:  # type: ignore[no-untyped-def]
        self.workers, self.lines, self.total = result
        fill_combo(self.worker, self.workers, _("alle"))
        self._show_lines()

    def _show_lines(self) -> None:
        fill_table(self.table, [
            (line.household_id if line.can_open else None,
             [format_iso(line.at), line.worker_name, action_text(line), family_text(line),
              fields_text(line)])
            for line in self.lines
        ])
        for row in range(self.table.rowCount()):
            for column in (2, 4):
                item = self.table.item(row, column)
                item.setToolTip(item.text())
        shown, total = len(self.lines), self.total
        if total > shown:
            text = ngettext("die neuesten {shown} von {total} Eintrag",
                            "die neuesten {shown} von {total} Einträgen", total)
        else:
            text = ngettext("{total} Eintrag", "{total} Einträge", total)
        self.count.setText(text.format(shown=format_number(shown), total=format_number(total)))

    def open_family(self) -> None:
        household_id = selected_id(self.table)
        if household_id:
            self.family_opened.emit(household_id)
