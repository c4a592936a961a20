"""The small forms of a family's case: consent, case phase, goal, Kindeswohl observation.

Each is a :class:`RecordDialog` (see ``family_dialog.py``): loaded and saved in the
background, validation messages beside the fields, one record stored whole or not at all.
People to choose from (the family's members, or its children) are handed in by the
family detail screen as ``(person id, name)`` pairs, so the forms read nothing extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from hamm_field.domain.vocab import (
    PHASE_LABELS,
    Concern,
    GoalStatus,
    MasterKind,
    SchoolAttendance,
    UStatus,
)
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.family_dialog import RecordDialog
from hamm_field.ui.dialogs.form_fields import (
    OptionalDate,
    choose,
    date_edit,
    day_of,
    master_items,
    to_qdate,
)
from hamm_field.ui.widgets import fill_combo, mark_destructive

People = Sequence[tuple[str, str]]


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(lines * 22 + 12)
    return box


def _plain(box: QPlainTextEdit) -> str | None:
    return box.toPlainText().strip() or None


class CaseDialog(RecordDialog):
    """A record that belongs to one household."""

    def __init__(self, ui: UiContext, household_id: str, record_id: str | None = None,
                 people: People = (), parent: QWidget | None = None) -> None:
        self.people, self.household_id = list(people), household_id
        super().__init__(ui, record_id, parent)

    def family_id(self) -> str | None:
        return self.household_id

    @property
    def today(self):  # type: ignore[no-untyped-def]
        return self.ui.services.context.today()

    def with_household(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"household_id": self.household_id, **values}


class ConsentDialog(CaseDialog):
    """Einwilligung: who, when, for what, in which language; later also its withdrawal."""

    service, entity = "consents", "consent"
    titles = (N_("Einwilligung erfassen"), N_("Einwilligung bearbeiten"))
    blanked = ("guardian_name",)

    def build(self) -> None:
        self.person = self.add_row("person_id", N_("&Wer"), QComboBox())
        self.guardian = self.add_row("guardian_name", N_("oder &gesetzlicher Vormund"),
                                     QLineEdit())
        self.guardian.setMaxLength(120)
        self.given_on = self.add_row("given_on", N_("&Datum"), date_edit(self.today))
        scope = QWidget()
        self.documentation, self.sharing = QCheckBox(), QCheckBox()
        self.documentation.setChecked(True)
        row = QHBoxLayout(scope)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.documentation)
        row.addWidget(self.sharing)
        row.addStretch()
        scope.setFocusProxy(self.documentation)
        self.add_row("scope_documentation", N_("&Umfang"), scope)
        self.form_language = self.add_row("form_language", N_("Sprache des &Formulars"),
                                          QComboBox())
        self.withdrawn = self.add_row("withdrawn_on", N_("W&iderrufen am"),
                                      OptionalDate(self.today))
        withdrawal = QWidget()
        self.withdraw_documentation, self.withdraw_sharing = QCheckBox(), QCheckBox()
        row = QHBoxLayout(withdrawal)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.withdraw_documentation, self.withdraw_sharing):  # as in "Umfang"
            row.addWidget(box)
            box.toggled.connect(self._withdrawal_ticked)
        row.addStretch()
        withdrawal.setFocusProxy(self.withdraw_documentation)
        self.add_row("withdrawn_sharing", N_("Widerruf &für"), withdrawal)
        self.confirmed, self.confirm_box = False, None

    def retranslate(self) -> None:
        super().retranslate()
        for box, text in ((self.documentation, _("Dokumentation")),
                          (self.sharing, _("Weitergabe an Institutionen"))):
            box.setText(text)
            box.setAccessibleName(_("Umfang: {scope}").format(scope=text))
        for box, text in ((self.withdraw_documentation, _("Dokumentation")),
                          (self.withdraw_sharing, _("Weitergabe an Institutionen"))):
            box.setText(text)
            box.setAccessibleName(_("Widerruf für: {scope}").format(scope=text))
        # Who may sign: the service checks the age (18 from the birth year) or the name.
        self.guardian.setPlaceholderText(_("Name, wenn kein volljähriges Mitglied unterschreibt"))

    def fill_choices(self) -> None:
        fill_combo(self.person, self.people, "–")
        fill_combo(self.form_language, master_items(
            self.master, MasterKind.SPRACHE, self.record and self.record.form_language),
            _("– bitte wählen –"))

    def show_record(self, record: Any) -> None:
        choose(self.person, record.person_id)
        self.guardian.setText(record.guardian_name or "")
        self.given_on.setDate(to_qdate(record.given_on))
        self.documentation.setChecked(record.scope_documentation)
        self.sharing.setChecked(record.scope_sharing)
        choose(self.form_language, record.form_language)
        self.withdrawn.set_value(record.withdrawn_on)
        self.withdraw_sharing.setChecked(record.withdrawn_sharing)
        self.withdraw_documentation.setChecked(record.withdrawn_documentation)

    def values(self) -> dict[str, Any]:
        values = self.with_household({
            "person_id": self.person.currentData(),
            "guardian_name": self.guardian.text().strip() or None,
            "given_on": day_of(self.given_on),
            "scope_documentation": self.documentation.isChecked(),
            "scope_sharing": self.sharing.isChecked(),
            "form_language": self.form_language.currentData(),
            "withdrawn_on": self.withdrawn.value(),
            "withdrawn_sharing": self.withdraw_sharing.isChecked(),
            "withdrawn_documentation": self.withdraw_documentation.isChecked(),
        })
        if self.confirmed:
            values["pseudonymise"] = True
        return values

    def _withdrawal_ticked(self, on: bool) -> None:
        """A scope of withdrawal needs its date: today, unless one is given."""
        if on and self.withdrawn.value() is None:
            self.withdrawn.set_value(self.today)

    def save(self) -> None:
        """Withdrawing documentation blanks names everywhere: asked first, clearly."""
        already = bool(self.record and self.record.withdrawn_documentation)
        if self.confirmed or already or not self.withdraw_documentation.isChecked() or (
                not self.body.isEnabled()):
            super().save()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Familie pseudonymisieren"), _(
            "Mit dem Widerruf der Dokumentation werden die Namen, die Adresse und die "
            "Geburtsdaten der Familie und aller Mitglieder gelöscht, hier und auf jedem "
            "Laptop. Die Familie wird unter einem Pseudonym weitergeführt; Kontakte und "
            "Kennzahlen bleiben. Das lässt sich nicht rückgängig machen."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Pseudonymisieren"))
        mark_destructive(box.button(QMessageBox.StandardButton.Yes))
        box.finished.connect(lambda _result: self._confirmed(box))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self.confirmed = True
            super().save()


class PhaseDialog(CaseDialog):
    """Phase wechseln: the case moves into a phase from a date on."""

    service, entity = "phases", "phase"
    titles = (N_("Phase wechseln"), N_("Fallphase bearbeiten"))

    def __init__(self, ui: UiContext, household_id: str, record_id: str | None = None,
                 current: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(ui, household_id, record_id, parent=parent)
        if not record_id:
            choose(self.phase, min(current + 1, 4))

    def build(self) -> None:
        self.phase = self.add_row("phase", N_("&Phase"), QComboBox())
        self.started_on = self.add_row("started_on", N_("s&eit"), date_edit(self.today))
        self.note = self.add_row("note", N_("&Notiz"), _text_box())

    def fill_choices(self) -> None:
        fill_combo(self.phase, [(n, f"{n} – {_(label)}") for n, label in PHASE_LABELS.items()])

    def show_record(self, record: Any) -> None:
        choose(self.phase, record.phase)
        self.started_on.setDate(to_qdate(record.started_on))
        self.note.setPlainText(record.note or "")

    def values(self) -> dict[str, Any]:
        return self.with_household({
            "phase": self.phase.currentData(), "started_on": day_of(self.started_on),
            "note": _plain(self.note),
        })


class GoalDialog(CaseDialog):
    """Integrationsziel with its review (Überprüfung) date and notes.

    "Status seit" is the day the status was set, which the Kennzahlen of a past period
    count by: choosing another status sets it to today, and a worker recording late
    dates it back; choosing the stored status again brings its stored day back.
    """

    service, entity = "goals", "goal"
    titles = (N_("Integrationsziel hinzufügen"), N_("Integrationsziel bearbeiten"))
    _stored: tuple[str, Any] = (GoalStatus.OFFEN.value, None)  # a new goal: offen since agreed

    def build(self) -> None:
        self.handlungsfeld = self.add_row("handlungsfeld", N_("&Handlungsfeld"), QComboBox())
        self.text = self.add_row("text", N_("&Ziel"), _text_box(2))
        self.person = self.add_row("person_id", N_("&Für"), QComboBox())
        self.agreed_on = self.add_row("agreed_on", N_("&Vereinbart am"), date_edit(self.today))
        self.target_date = self.add_row("target_date", N_("Ziel&datum"), OptionalDate(self.today))
        self.status = self.add_row("status", N_("S&tatus"), QComboBox())
        self.status_since = self.add_row("status_changed_on", N_("Status s&eit"),
                                         date_edit(self.today))
        self.status.activated.connect(self._status_chosen)
        self.agreed_on.dateChanged.connect(self._agreed_changed)
        self.review_date = self.add_row("review_date", N_("Über&prüfung am"),
                                        OptionalDate(self.today))
        self.review_notes = self.add_row("review_notes", N_("Überprüfungs&notiz"), _text_box())

    def fill_choices(self) -> None:
        fill_combo(self.handlungsfeld, master_items(
            self.master, MasterKind.HANDLUNGSFELD, self.record and self.record.handlungsfeld),
            _("– bitte wählen –"))
        fill_combo(self.person, self.people, _("die ganze Familie"))
        fill_combo(self.status, [(s.value, s.label) for s in GoalStatus])

    def show_record(self, record: Any) -> None:
        choose(self.handlungsfeld, record.handlungsfeld)
        self.text.setPlainText(record.text)
        choose(self.person, record.person_id)
        self.agreed_on.setDate(to_qdate(record.agreed_on))
        self.target_date.set_value(record.target_date)
        choose(self.status, record.status)
        self._stored = (record.status, record.status_changed_on or record.agreed_on)
        self.status_since.setDate(to_qdate(self._stored[1]))
        self.review_date.set_value(record.review_date)
        self.review_notes.setPlainText(record.review_notes or "")

    def _status_chosen(self) -> None:
        status, since = self._stored
        same = self.status.currentData() == status
        day = (since or day_of(self.agreed_on)) if same else self.today
        self.status_since.setDate(to_qdate(day))

    def _agreed_changed(self) -> None:
        """A new goal still ``offen`` is so since the day it was agreed."""
        if self._stored[1] is None and self.status.currentData() == self._stored[0]:
            self.status_since.setDate(self.agreed_on.date())

    def values(self) -> dict[str, Any]:
        return self.with_household({
            "handlungsfeld": self.handlungsfeld.currentData(),
            "text": self.text.toPlainText().strip(),
            "person_id": self.person.currentData(),
            "agreed_on": day_of(self.agreed_on),
            "target_date": self.target_date.value(),
            "status": self.status.currentData(),
            "status_changed_on": day_of(self.status_since),
            "review_date": self.review_date.value(),
            "review_notes": _plain(self.review_notes),
        })


class ObservationDialog(CaseDialog):
    """Beobachtung Kindeswohl (restricted): ``people`` are the family's children."""

    service, entity = "observations", "observation"
    titles = (N_("Beobachtung Kindeswohl erfassen"), N_("Beobachtung Kindeswohl bearbeiten"))

    def build(self) -> None:
        self.child = self.add_row("person_id", N_("&Kind"), QComboBox())
        self.date = self.add_row("date", N_("&Datum"), date_edit(self.today))
        self.attendance = self.add_row("school_attendance", N_("Schul&besuch"), QComboBox())
        self.u_status = self.add_row("u_status", N_("&U-Untersuchung"), QComboBox())
        self.concern = self.add_row("concern", N_("Sor&ge"), QComboBox())
        self.note = self.add_row("note", N_("&Notiz"), _text_box(4))
        self.privacy = QLabel()
        self.privacy.setWordWrap(True)
        self.form.addRow(self.privacy)

    def retranslate(self) -> None:
        super().retranslate()
        self.privacy.setText(_("Diese Beobachtung sehen nur Sie und die Koordination. "
                               "In Berichten wird sie nur gezählt."))

    def fill_choices(self) -> None:
        fill_combo(self.child, self.people, _("– bitte wählen –"))
        if len(self.people) == 1 and not self.record_id:
            self.child.setCurrentIndex(1)  # the only child
        fill_combo(self.attendance, [(a.value, a.label) for a in SchoolAttendance], "–")
        fill_combo(self.u_status, [(u.value, u.label) for u in UStatus], "–")
        fill_combo(self.concern, [(c.value, c.label) for c in Concern])

    def show_record(self, record: Any) -> None:
        choose(self.child, record.person_id)
        self.date.setDate(to_qdate(record.date))
        choose(self.attendance, record.school_attendance)
        choose(self.u_status, record.u_status)
        choose(self.concern, record.concern)
        self.note.setPlainText(record.note or "")

    def values(self) -> dict[str, Any]:
        return self.with_household({
            "person_id": self.child.currentData(),
            "date": day_of(self.date),
            "school_attendance": self.attendance.currentData(),
            "u_status": self.u_status.currentData(),
            "concern": self.concern.currentData(),
            "note": _plain(self.note),
        })
