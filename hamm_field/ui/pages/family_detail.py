"""One family: who they are, consent, members, case, Kindeswohl, and everything recorded.

All of it is read in one background operation (:func:`load_family`) and shown at once;
while another family is loading, nothing of the previous one stays on screen. The case
tab (phase and Integrationsziele) is for Sozialbetreuer and the coordination; the
Kindeswohl tab only for the coordination, the family's responsible worker and whoever
recorded an observation here (the services hand out only the observations one may see).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import (
    Relation,
)
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.case_dialogs import (
    ConsentDialog,
    GoalDialog,
    ObservationDialog,
    PhaseDialog,
)
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.dialogs.person_dialog import PersonDialog
from hamm_field.ui.errors import show_error
from hamm_field.ui.family_file import FamilyFile, load_family
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.pages.family_privacy import PrivacyButton, read_only
from hamm_field.ui.pages.family_sections import Section, full_text_tips, stretch_column
from hamm_field.ui.pages.family_sharing import SharingRow
from hamm_field.ui.widgets import (
    fill_table,
    make_table,
    mark_destructive,
    selected_id,
    set_headers,
)

CASE_DIALOGS = {"consent": ConsentDialog, "goal": GoalDialog, "observation": ObservationDialog}
FACTS = (N_("Sozialraum"), N_("Herkunftsland"), N_("Sprachen"), N_("Status"), N_("Zuständig"),
         N_("Integrationspakete"), N_("Starterpaket"), N_("Einwilligung"))


class FamilyDetailPage(Page):
    watches = ("household", "person", "contact", "handout", "phase", "goal", "observation",
               "consent", "share")
    new_contact_requested = Signal(str)
    handout_requested = Signal(str)
    contact_opened = Signal(str)
    deleted = Signal(str, str)
    back_requested = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.household_id: str | None = None
        self.file: FamilyFile | None = None
        self.dialog: Any = None
        self.confirm_box: QMessageBox | None = None
        self.heading = heading("")
        self.heading.setProperty("data", True)  # the family's name
        self.heading.setWordWrap(True)  # a long name must not widen the window
        self.actions: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self._action("back", self.back_requested), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignTop)
        buttons = QWidget()
        row = FlowLayout(buttons)  # wraps in a language with long button texts
        for key, slot in (("contact", self._new_contact), ("handout", self._handout),
                          ("edit", lambda: self._open_record("household")),
                          ("delete", self.delete_family)):
            row.addWidget(self._action(key, slot))
        self.privacy = PrivacyButton(ui, self._current_family, self)
        self.privacy.erased.connect(lambda _id: self.refresh())
        self.privacy.changed.connect(self.refresh)
        row.addWidget(self.privacy)
        top.addWidget(buttons)
        self.actions["contact"].setObjectName("primary")

        self.fact_labels = [QLabel() for _ in FACTS]
        self.facts = [QLabel() for _ in FACTS]
        grid = QGridLayout()
        for n, (label, value) in enumerate(zip(self.fact_labels, self.facts, strict=True)):
            value.setWordWrap(True)
            # Names and master data are shown as they are, never translated.
            value.setProperty("data", FACTS[n] in ("Sozialraum", "Herkunftsland", "Sprachen",
                                                   "Zuständig"))
            label.setBuddy(value)
            grid.addWidget(label, n % 4, (n // 4) * 2)
            grid.addWidget(value, n % 4, (n // 4) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        self.warning = QLabel()
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.warning, 1)
        consent_row.addWidget(self._action("consent", lambda: self._open_record("consent")), 0,
                              Qt.AlignmentFlag.AlignRight)
        self.sharing = SharingRow(ui, self)

        self.phase = QLabel()
        self.members = self._section("person", N_("Person &hinzufügen"),
                                     N_("Person bearbeiten"))
        self.case = self._section("goal", N_("Ziel hinzufügen"), N_("Ziel bearbeiten"),
                                  self.phase, (N_("Phase &wechseln"), self._change_phase))
        self.kindeswohl = self._section("observation", N_("Beobachtung erfassen"),
                                        N_("Beobachtung bearbeiten"))
        self.consents = self._section("consent", None, N_("Einwilligung bearbeiten"))
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # every tab readable; the Verlauf gives way
        for section in (self.members, self.case, self.kindeswohl, self.consents):
            self.tabs.addTab(section, "")
        self.timeline = make_table("timeline")
        self.timeline.doubleClicked.connect(lambda _i: self._open_entry())
        self.case.table.setWordWrap(True)
        self.timeline_title = QLabel()
        self.timeline_title.setBuddy(self.timeline)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.timeline_title)
        column.addWidget(self.timeline, 1)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(right)
        # The tabs' tables have more columns than the Verlauf: at 1024 px they need the room.
        split.setSizes([720, 400])
        split.setChildrenCollapsible(False)

        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid)
        body.addWidget(self.sharing)
        body.addLayout(consent_row)
        body.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.content, 1)
        self.content.hide()
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back_requested.emit)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()

    def _section(self, kind: str, add: str | None, edit: str, top: QWidget | None = None,
                 extra: tuple[str, Any] | None = None) -> Section:
        """A tab for one kind of record: add, edit the selected one (or double click)."""
        buttons = [extra] if extra else []
        if add:
            buttons.append((add, lambda: self._open_record(kind)))
        section = Section(kind, [*buttons, (edit, lambda: self._open_selected(kind))], top)
        section.table.doubleClicked.connect(lambda _i: self._open_selected(kind))
        return section

    def _action(self, key: str, slot: Any) -> QPushButton:
        self.actions[key] = QPushButton()
        self.actions[key].clicked.connect(slot)
        return self.actions[key]

    def title(self) -> str:
        return self.file.household.family_name if self.file else _("Familie")

    def retranslate(self) -> None:
        texts = {"back": _("← &Zurück"), "contact": _("&Kontakt erfassen"),
                 "handout": _("&Starterpaket übergeben"), "edit": _("&Bearbeiten"),
                 "delete": _("&Löschen"), "consent": _("&Einwilligung erfassen")}
        for key, text in texts.items():
            self.actions[key].setText(text)
            self.actions[key].setAccessibleName(text.replace("&", ""))
        self.privacy.retranslate()
        self.sharing.retranslate()
        for label, text in zip(self.fact_labels, FACTS, strict=True):
            label.setText(_(text) + ":")
        tabs = (_("Mitglieder"), _("Fall: Phase und Ziele"), _("Kindeswohl"), _("Einwilligungen"))
        self.members.retranslate(tabs[0], [_("Name"), _("Beziehung"), _("Geburtsjahr"),
                                           _("Kita/Schule"), _("Klasse"), _("Versichert")],
                              stretch=3)  # the long one gives way, "Versichert" stays seen
        self.case.retranslate(_("Integrationsziele"), [_("Ziel"), _("Handlungsfeld"),
                                                       _("Überprüfung"), _("Status")])
        self.kindeswohl.retranslate(tabs[2], [_("Datum"), _("Kind"), _("Schulbesuch"),
                                              _("U-Untersuchung"), _("Sorge")])
        self.consents.retranslate(tabs[3], [_("Datum"), _("Wer"), _("Umfang"), _("Sprache"),
                                            _("Widerrufen am")])
        for index, text in enumerate(tabs):
            self.tabs.setTabText(index, text)
        self.tabs.setAccessibleName(_("Familie"))
        self.timeline_title.setText(_("&Verlauf"))
        set_headers(self.timeline, [_("Datum"), _("Art"), _("Mitarbeiter/in"), _("Eintrag")])
        self.timeline.setAccessibleName(_("Verlauf"))
        if self.file is not None:
            self.refresh()

    # Loading -------------------------------------------------------------------

    def show_family(self, household_id: str) -> None:
        """Open a family; its data appears as soon as it is read."""
        if household_id != self.household_id:
            self.file = None
            self.content.hide()
            self.heading.setText(_("Familie wird geladen …"))
            self.tabs.setCurrentIndex(0)
            self.sharing.family_opened()
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        household_id = self.household_id
        if household_id is None:
            return
        self.ui.submit(load_family, self.ui, household_id, parent=self,
                       on_success=self._show, on_error=self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        show_error(self, error, self.ui.log_file)
        self.back_requested.emit()

    def _show(self, file: FamilyFile) -> None:
        if file.household.id != self.household_id:
            return  # an older request
        self.file, h = file, file.household
        self.heading.setText(h.family_name)
        self.heading.setAccessibleName(h.family_name)
        for label, value in zip(self.facts, file.facts(), strict=True):
            label.setText(value)
        self.warning.setText(file.warning())
        self.warning.setVisible(bool(file.warning()))
        self._fill_sections(file)
        self.sharing.show_file(file)
        self.privacy.family_shown(file.erased, file.restricted)
        sections = (self.members, self.case, self.kindeswohl, self.consents)
        read_only([b for key, b in self.actions.items() if key != "back"]
                  + [b for section in sections for b, _text in section.buttons],
                  file.locked_reason())
        self.content.show()

    def _fill_sections(self, file: FamilyFile) -> None:
        fill_table(self.members.table, file.member_rows())
        self.phase.setText(file.phase_text())
        fill_table(self.case.table, file.goal_rows())
        for row in file.due_reviews(self.ui.services.context.today()):
            cell = self.case.table.item(row, 2)
            cell.setForeground(QColor("#b00020"))
            cell.setToolTip(_("Überprüfung fällig"))
        stretch_column(self.case.table, 0)
        self.case.table.setColumnWidth(1, 150)
        self.case.table.resizeRowsToContents()
        fill_table(self.kindeswohl.table, file.observation_rows())
        fill_table(self.consents.table, file.consent_rows())
        fill_table(self.timeline, file.timeline_rows())
        for table in (self.timeline, self.kindeswohl.table, self.case.table):
            full_text_tips(table)
        stretch_column(self.timeline, 3)
        self.tabs.setTabVisible(1, file.case_work)
        self.tabs.setTabVisible(2, file.observing)

    # Actions -------------------------------------------------------------------

    def _new_contact(self) -> None:
        if self.household_id:
            self.new_contact_requested.emit(self.household_id)

    def _handout(self) -> None:
        if self.household_id:
            self.handout_requested.emit(self.household_id)

    def _people(self, children_only: bool = False) -> list[tuple[str, str]]:
        persons = self.file.persons if self.file else []
        return [(p.id, f"{p.given_name} {p.family_name}") for p in persons
                if not children_only or p.relation == Relation.KIND.value]

    def _open_record(self, kind: str, record_id: str | None = None) -> Any:
        """The form for a new (no ``record_id``) or a stored record of this family."""
        if not self.file:
            return None
        ui, h = self.ui, self.file.household
        if kind == "household":
            dialog: Any = FamilyDialog(ui, h.id, parent=self)
        elif kind == "person":
            name = "" if h.pseudonym else h.family_name
            dialog = PersonDialog(ui, h.id, record_id, family_name=name, parent=self)
        elif kind == "phase":
            current = self.file.phases[-1].phase if self.file.phases else 0
            dialog = PhaseDialog(ui, h.id, record_id, current=current, parent=self)
        elif kind in CASE_DIALOGS:
            people = self._people(children_only=kind == "observation")
            dialog = CASE_DIALOGS[kind](ui, h.id, record_id, people, parent=self)
        else:
            return None
        self.dialog = dialog
        dialog.open()
        return dialog

    def _open_selected(self, kind: str) -> None:
        section = {"person": self.members, "goal": self.case, "observation": self.kindeswohl,
                   "consent": self.consents}[kind]
        record_id = selected_id(section.table)
        if record_id:
            self._open_record(kind, record_id)

    def _change_phase(self) -> None:
        self._open_record("phase")

    def _open_entry(self) -> None:
        """Double click in the Verlauf: open what the entry stands for."""
        entry = selected_id(self.timeline)
        if entry and entry[0] == "contact":
            self.contact_opened.emit(entry[1])
        elif entry:
            self._open_record(*entry)

    def _current_family(self) -> tuple[str, str] | None:
        if self.file is None:
            return None
        return self.file.household.id, self.file.household.family_name

    def delete_family(self) -> None:
        """Ask first; then delete and hand the id to the main window for Undo."""
        if not self.file:
            return
        box = QMessageBox(QMessageBox.Icon.Question, _("Familie löschen"), _(
            "Die Familie „{name}“ wirklich löschen? Sie verschwindet aus allen Listen."
        ).format(name=self.file.household.family_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        mark_destructive(box.button(QMessageBox.StandardButton.Yes))
        box.setAccessibleName(_("Familie löschen"))
        box.finished.connect(lambda _result: self._confirmed(box))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox) -> None:
        self.confirm_box = None
        household_id = self.household_id
        yes = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
        if not yes or not household_id:
            return
        self.household_id = None  # nothing left to refresh once it is gone

        def deleted(_result: Any) -> None:
            self.file = None
            self.content.hide()
            self.deleted.emit("household", household_id)
            self.back_requested.emit()

        def failed(error: BaseException) -> None:
            self.household_id = household_id
            show_error(self, error, self.ui.log_file)

        self.ui.submit(self.ui.services.families.delete, household_id, parent=self,
                       changes="household", on_success=deleted, on_error=failed)
