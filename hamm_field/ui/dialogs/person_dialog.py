"""A family member: names as written (Cyrillic or Latin), birth year, relation, school.

The Latin transliteration for search is made by the service; the form only takes the
names exactly as the family writes them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from hamm_field.domain.erasure import BLANK_NAME
from hamm_field.domain.vocab import Insurance, Relation
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.family_dialog import RecordDialog
from hamm_field.ui.dialogs.form_fields import choose
from hamm_field.ui.widgets import fill_combo

NO_YEAR = 1899  # the spin box's "not known" value, shown as "–"


class PersonDialog(RecordDialog):
    """Person hinzufügen / bearbeiten; Kita/Schule and class only for a child."""

    service, entity = "persons", "person"
    titles = (N_("Person hinzufügen"), N_("Person bearbeiten"))
    blanked = ("given_name", "family_name")  # the birth year stays: who may sign

    def __init__(self, ui: UiContext, household_id: str, person_id: str | None = None,
                 family_name: str = "", parent: QWidget | None = None) -> None:
        self.household_id = household_id
        super().__init__(ui, person_id, parent)
        if not person_id:
            self.family_name.setText(family_name)

    def family_id(self) -> str | None:
        return self.household_id

    def show_blanks(self) -> None:
        self.given_name.setText(BLANK_NAME)
        self.family_name.setText(BLANK_NAME)

    def build(self) -> None:
        self.given_name = self.add_row("given_name", N_("&Vorname"), QLineEdit())
        self.family_name = self.add_row("family_name", N_("&Familienname"), QLineEdit())
        self.birth_year = self.add_row("birth_year", N_("&Geburtsjahr"), QSpinBox())
        self.birth_year.setRange(NO_YEAR, self.ui.services.context.today().year)
        self.birth_year.setSpecialValueText("–")
        self.birth_year.setValue(NO_YEAR)
        self.relation = self.add_row("relation", N_("&Beziehung"), QComboBox())
        self.school = self.add_row("school", N_("&Kita/Schule"), QLineEdit())
        self.school_class = self.add_row("school_class", N_("K&lasse"), QLineEdit())
        self.insurance = self.add_row("insurance", N_("Krankenversi&cherung"), QComboBox())
        self.relation.currentIndexChanged.connect(lambda _i: self._child_fields())
        self._child_fields()

    def fill_choices(self) -> None:
        fill_combo(self.relation, [(r.value, r.label) for r in Relation], _("– bitte wählen –"))
        fill_combo(self.insurance, [(i.value, i.label) for i in Insurance], "–")

    def _child_fields(self) -> None:
        child = self.relation.currentData() == Relation.KIND.value
        for field in ("school", "school_class"):
            caption, widget, _error, _label = self.rows[field]
            caption.setEnabled(child)
            widget.setEnabled(child)

    def show_record(self, record: Any) -> None:
        self.given_name.setText(record.given_name)
        self.family_name.setText(record.family_name)
        self.birth_year.setValue(record.birth_year or NO_YEAR)
        choose(self.relation, record.relation)
        self.school.setText(record.school or "")
        self.school_class.setText(record.school_class or "")
        choose(self.insurance, record.insurance)

    def values(self) -> dict[str, Any]:
        child = self.relation.currentData() == Relation.KIND.value
        year = self.birth_year.value()
        return {
            "household_id": self.household_id,
            "given_name": self.given_name.text().strip(),
            "family_name": self.family_name.text().strip(),
            "birth_year": None if year == NO_YEAR else year,
            "relation": self.relation.currentData(),
            "school": (self.school.text().strip() or None) if child else None,
            "school_class": (self.school_class.text().strip() or None) if child else None,
            "insurance": self.insurance.currentData(),
        }
