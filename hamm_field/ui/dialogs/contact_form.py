"""The form of "Kontakt erfassen": which fields there are, where, and what they hold.

:class:`ContactForm` builds the fields and their layout (``LABELS`` gives the tab order),
shows only the fields of the chosen kind, and turns what is typed into plain values (what
a draft keeps) and into the service's payload, and back. It is a mixin of ContactDialog,
which keeps what happens around the form: loading, saving, drafts and closing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import PAKETE, ContactKind, MasterKind, paket_label
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.contact_fields import (
    DateEdit,
    FieldSlot,
    KeyCombo,
    KindPicker,
    TopicList,
)
from hamm_field.ui.dialogs.contact_pickers import FamilyPicker, InstitutionBox

# Field name (as the service names it) -> label; the order is the tab order.
LABELS = {
    "kind": N_("&Art"), "household_id": N_("&Familie"), "title": N_("Tite&l"),
    "participants": N_("Teilne&hmende"), "date": N_("&Datum"), "duration_min": N_("Da&uer"),
    "paket": N_("Integrations&paket"), "topics": N_("&Themen"),
    "institution": N_("&Institution"), "sozialraum": N_("S&ozialraum"),
    "place": N_("O&rt der Sprechstunde"), "language": N_("Spra&che"),
    "outcome": N_("&Ergebnis"), "follow_up": N_("&Wiedervorlage"), "note": N_("&Notiz"),
}


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _text(value: str) -> str | None:
    return value if value.strip() else None


class ContactForm:
    """The fields of :class:`ContactDialog`; a mixin for it, laying out the dialog itself."""

    ui: UiContext
    contact_id: str | None
    master: MasterIndex | None
    _touched: set[str]
    _applying: bool

    # Building ------------------------------------------------------------------

    def _build(self) -> None:
        self.kind = KindPicker()
        self.family = FamilyPicker(self.ui, self._describe)
        self.title_edit, self.outcome = QLineEdit(), QLineEdit()
        self.title_edit.setMaxLength(200)
        self.outcome.setMaxLength(2000)
        self.participants = QSpinBox(minimum=0, maximum=10_000)
        self.date, self.follow_date = DateEdit(), DateEdit()
        self.duration = QSpinBox(minimum=1, maximum=720, value=30, singleStep=5)
        self.paket, self.sozialraum = KeyCombo(), KeyCombo()
        self.place, self.language = KeyCombo(), KeyCombo()
        self.topics, self.institution = TopicList(), InstitutionBox()
        self.hint = QLabel(wordWrap=True, objectName="interpreterHint")
        self.hint.setStyleSheet("background: #fff4ce; padding: 4px; border-radius: 3px;")
        self.hint.hide()
        self.follow = QCheckBox()
        follow_row = QWidget()
        row = QHBoxLayout(follow_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.follow)
        row.addWidget(self.follow_date, 1)
        self.note = QPlainTextEdit(tabChangesFocus=True)
        self.note.setMinimumHeight(70)
        fields: dict[str, QWidget] = {
            "kind": self.kind, "household_id": self.family, "title": self.title_edit,
            "participants": self.participants, "date": self.date, "duration_min": self.duration,
            "paket": self.paket, "topics": self.topics, "institution": self.institution,
            "sozialraum": self.sozialraum, "place": self.place, "language": self.language,
            "outcome": self.outcome, "follow_up": self.follow, "note": self.note,
        }
        special = {"institution": (self.institution, self.hint), "follow_up": (follow_row,)}
        self.slots = {name: FieldSlot(*special.get(name, (widget,))) for name, widget in
                      fields.items()}
        self.slots["follow_up"].field = self.follow
        self.labels = {name: QLabel() for name in LABELS}
        for name, label in self.labels.items():
            label.setBuddy(fields[name])
        self.notice, self.general_error = QLabel(), QLabel(wordWrap=True)
        self.notice.setStyleSheet("color: #1d6b35; font-weight: 600;")
        self.notice.hide()
        self.general_error.setStyleSheet("color: #b3261e;")
        self.keys_hint = QLabel(objectName="keysHint")
        self.keys_hint.setStyleSheet("color: #5f6368;")
        self.save_button, self.cancel_button = QPushButton(), QPushButton()
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self._lay_out()
        order = [*self.kind.buttons, *list(fields.values())[1:]]
        order.insert(order.index(self.follow) + 1, self.follow_date)
        order += [self.save_button, self.cancel_button]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    def _lay_out(self) -> None:
        self.forms = {"top": QFormLayout(), "left": QFormLayout(), "right": QFormLayout(),
                      "bottom": QFormLayout()}
        placement = {"kind": "top", "note": "bottom", "institution": "right",
                     "sozialraum": "right", "place": "right", "language": "right",
                     "outcome": "right", "follow_up": "right"}
        for name in LABELS:
            self.forms[placement.get(name, "left")].addRow(self.labels[name], self.slots[name])
        columns = QHBoxLayout()
        columns.addLayout(self.forms["left"], 1)
        columns.addSpacing(16)
        columns.addLayout(self.forms["right"], 1)
        footer = QHBoxLayout()
        footer.addWidget(self.keys_hint)
        footer.addWidget(self.notice)
        footer.addWidget(self.general_error, 1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.forms["top"])
        layout.addLayout(columns)
        layout.addLayout(self.forms["bottom"], 1)
        layout.addLayout(footer)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Kontakt bearbeiten") if self.contact_id else _("Kontakt erfassen"))
        for name, label in self.labels.items():
            label.setText(_(LABELS[name]))
            self.slots[name].field.setAccessibleName(_(LABELS[name]).replace("&", ""))
        self.kind.retranslate()
        self.paket.set_entries([(n, f"{n} – {paket_label(n)}") for n in PAKETE])
        for combo in (self.sozialraum, self.place):
            combo.setPlaceholderText(_("bitte wählen"))
        hint = _("Namen tippen, Enter wählt den ersten Treffer")
        self.family.setPlaceholderText(hint)
        # The hint is the field's only explanation: it must show whole, in every language.
        self.family.setMinimumWidth(self.family.fontMetrics().horizontalAdvance(hint) + 24)
        self.institution.lineEdit().setPlaceholderText(_("Anfangsbuchstaben tippen"))
        self.title_edit.setPlaceholderText(_("Titel der Veranstaltung"))
        self.participants.setSpecialValueText("–")
        self.duration.setSuffix(" " + _("Min."))
        self.follow.setText(_("ja, am"))
        self.hint.setText(_(
            "Hinweis: Schlüsselfiguren sind keine beeidigten Dolmetscher. Bei rechtlich "
            "verbindlichen Gesprächen bitte beeidigte Dolmetscher hinzuziehen."))
        self.notice.setText(_("Entwurf wiederhergestellt"))
        self.keys_hint.setText(_("Strg+1 … Strg+8: Art · Strg+Enter: Speichern · Esc: Abbrechen"))
        self.save_button.setText(_("&Speichern"))
        self.save_button.setToolTip(_("Speichern (Strg+Enter)"))
        self.cancel_button.setText(_("Abbrechen"))
        self.cancel_button.setToolTip(_("Abbrechen (Esc)"))
        self.follow_date.setAccessibleName(_("Datum der Wiedervorlage"))
        self._kind_changed()

    # Values --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What is typed, as plain values (the draft keeps exactly this)."""
        follow = pydate(self.follow_date.date()) if self.follow.isChecked() else None
        return {
            "kind": self.kind.kind(), "household_id": self.family.household_id,
            "family_text": self.family.text(), "date": pydate(self.date.date()),
            "duration_min": self.duration.value(), "paket": self.paket.key(),
            "topics": self.topics.checked(), "institution": self.institution.value(),
            "sozialraum": self.sozialraum.key(), "place": self.place.key(),
            "language": self.language.key(), "outcome": self.outcome.text(),
            "follow_up": follow, "note": self.note.toPlainText(),
            "title": self.title_edit.text(), "participants": self.participants.value(),
            "touched": sorted(self._touched),
        }

    def apply(self, values: dict[str, Any]) -> None:
        """Fill in values (from a record, a draft or suggestions) without counting as typing."""
        self._applying = True
        try:
            setters = {
                "kind": self.kind.set_kind, "date": lambda v: self.date.setDate(qdate(v)),
                "duration_min": self.duration.setValue, "paket": self.paket.set_key,
                "topics": self._show_topics, "institution": self.institution.set_key,
                "sozialraum": self.sozialraum.set_key, "place": self.place.set_key,
                "language": self.language.set_key, "outcome": self.outcome.setText,
                "note": self.note.setPlainText, "title": self.title_edit.setText,
                "participants": self.participants.setValue,
            }
            for name, setter in setters.items():
                if name in values and values[name] is not None:
                    setter(values[name])
            if "household_id" in values:
                self.family.set_household(values["household_id"], values.get("family_text", ""))
            if "follow_up" in values:
                self.follow.setChecked(values["follow_up"] is not None)
                if values["follow_up"] is not None:
                    self.follow_date.setDate(qdate(values["follow_up"]))
        finally:
            self._applying = False
        self._kind_changed()
        self._update_hint()
        self._follow_toggled()

    def _payload(self) -> dict[str, Any]:
        v = self.values()
        kind = v["kind"]
        event = kind == ContactKind.VERANSTALTUNG
        data = {
            "kind": kind, "date": v["date"], "duration_min": v["duration_min"],
            "household_id": None if event else v["household_id"], "paket": v["paket"],
            "topics": v["topics"], "institution": v["institution"],
            "sozialraum": v["sozialraum"], "language": v["language"],
            "place": v["place"] if kind == ContactKind.SPRECHSTUNDE else None,
            "outcome": _text(v["outcome"]), "follow_up": v["follow_up"],
            "note": _text(v["note"]), "title": _text(v["title"]) if event else None,
            "participants": (v["participants"] or None) if event else None,
        }
        if not self.contact_id:  # let the service fill in the family's defaults
            for name in ("sozialraum", "paket"):
                if data[name] is None:
                    del data[name]
        return data

    def _record_values(self, contact: Any, household: Any) -> dict[str, Any]:
        values = {name: getattr(contact, name) for name in (
            "kind", "household_id", "date", "duration_min", "paket", "topics", "institution",
            "sozialraum", "place", "language", "outcome", "follow_up", "note", "title",
            "participants")}
        values["family_text"] = self._describe(household) if household is not None else ""
        values["topics"] = list(contact.topics or [])
        return values

    # Adapting the fields -------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind.kind()
        event = kind == ContactKind.VERANSTALTUNG
        left, right = self.forms["left"], self.forms["right"]
        left.setRowVisible(self.slots["household_id"], not event)
        left.setRowVisible(self.slots["title"], event)
        left.setRowVisible(self.slots["participants"], event)
        right.setRowVisible(self.slots["place"], kind == ContactKind.SPRECHSTUNDE)
        self.paket.setPlaceholderText(_("keine Angabe") if event else _("bitte wählen"))

    def _refilter(self) -> None:
        """Show the topics of the chosen Paket; ticks of another Paket's topics go."""
        if self.master is None:
            return
        keys = {entry.key for entry in self.master.themes_for(self.paket.key())}
        self._show_topics([key for key in self.topics.checked() if key in keys])

    def _show_topics(self, checked: list[str]) -> None:
        if self.master is not None:
            themes = self.master.themes_for(self.paket.key())
            self.topics.show_topics([(t.key, t.label) for t in themes], checked)

    def _update_hint(self) -> None:
        """The sworn-interpreter hint is for the Schlüsselfigur accompanying a family to a
        medical or legal appointment; the coordination typing in others' work needs none."""
        sensitive = self.master is not None and self.master.is_sensitive_institution(
            self.institution.key())
        appointment = self.kind.kind() == ContactKind.BEGLEITUNG
        self.hint.setVisible(sensitive and appointment and not self.ui.is_coordination)

    def _follow_toggled(self) -> None:
        self.follow_date.setEnabled(self.follow.isChecked())

    def _describe(self, household: Any) -> str:
        if self.master is None:
            return household.family_name
        place = self.master.label(MasterKind.SOZIALRAUM, household.sozialraum)
        return f"{household.family_name} – {place}"

    def _family_found(self, count: int) -> None:
        slot = self.slots["household_id"]
        if count:
            slot.clear_error()
        else:
            slot.show_error(_("Keine Familie gefunden. Anders schreiben oder kürzer suchen."))
