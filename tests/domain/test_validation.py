"""The rules a worker meets when a form is wrong; each must name the field."""

import datetime as dt

import pytest

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.master_index import MasterEntry, MasterIndex
from hamm_field.domain.masterdata import default_master_data
from hamm_field.domain.validation import validate_household, validate_person
from hamm_field.domain.validation_work import (
    validate_contact,
    validate_goal,
    validate_handout,
    validate_observation,
)

TODAY = dt.date(2026, 11, 20)
MASTER = MasterIndex.of(
    MasterEntry(str(s.kind), s.key, s.label, s.parent, s.tags) for s in default_master_data()
)


def contact(**changes):
    values = {
        "kind": "begleitung",
        "date": TODAY,
        "duration_min": 60,
        "household_id": "h1",
        "paket": 4,
        "institution": "kinderarzt",
        "sozialraum": "hamm-westen",
        "topics": ["p4-arzttermin"],
    }
    values.update(changes)
    return values


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.by_field()


def test_a_complete_begleitung_is_valid():
    validate_contact(contact(), MASTER, TODAY)


def test_tomorrow_is_allowed_but_two_days_ahead_is_not():
    validate_contact(contact(date=TODAY + dt.timedelta(days=1)), MASTER, TODAY)
    later = contact(date=TODAY + dt.timedelta(days=2))
    errors = errors_of(lambda: validate_contact(later, MASTER, TODAY))
    assert errors == {"date": "Das Datum liegt in der Zukunft."}


@pytest.mark.parametrize("minutes", [-5, 0, 721, 100_000])
def test_negative_or_absurd_durations_are_refused(minutes):
    errors = errors_of(lambda: validate_contact(contact(duration_min=minutes), MASTER, TODAY))
    assert errors["duration_min"] == "Bitte eine Zahl von 1 bis 720 angeben."


def test_a_contact_needs_a_kind():
    errors = errors_of(lambda: validate_contact(contact(kind=None), MASTER, TODAY))
    assert errors["kind"] == "Bitte auswählen."


def test_a_begleitung_needs_an_institution():
    errors = errors_of(lambda: validate_contact(contact(institution=None), MASTER, TODAY))
    assert errors == {"institution": "Bitte auswählen."}


def test_a_beratung_does_not_need_an_institution():
    validate_contact(contact(kind="beratung", institution=None), MASTER, TODAY)


def test_a_veranstaltung_needs_title_and_participants_and_no_family():
    values = contact(kind="veranstaltung", institution=None, title=None, participants=None)
    errors = errors_of(lambda: validate_contact(values, MASTER, TODAY))
    assert set(errors) == {"title", "participants", "household_id"}
    ok = contact(kind="veranstaltung", household_id=None, title="Elterncafé", participants=12)
    validate_contact(ok, MASTER, TODAY)


def test_unknown_master_data_is_named():
    values = contact(institution="mars-embassy", sozialraum="atlantis", topics=["p9-x"])
    errors = errors_of(lambda: validate_contact(values, MASTER, TODAY))
    assert errors["institution"] == "„mars-embassy“ steht nicht in den Stammdaten."
    assert errors["sozialraum"] == "„atlantis“ steht nicht in den Stammdaten."
    assert "topics" in errors


def test_a_sprechstunde_needs_one_of_the_places():
    errors = errors_of(lambda: validate_contact(contact(kind="sprechstunde"), MASTER, TODAY))
    assert errors == {"place": "Bitte auswählen."}
    validate_contact(contact(kind="sprechstunde", place="pelkum"), MASTER, TODAY)


def test_household_rules():
    errors = errors_of(
        lambda: validate_household(
            {"family_name": " ", "sozialraum": "hamm-westen", "herkunftsland": "bulgarien",
             "pakete": [6], "status": "aktiv", "languages": ["klingon"]},
            MASTER,
            TODAY,
        )
    )
    assert set(errors) == {"family_name", "pakete", "languages"}


def test_person_birth_year_must_be_plausible():
    values = {"given_name": "Иван", "family_name": "Петров", "relation": "kind",
              "birth_year": 2030}
    assert "birth_year" in errors_of(lambda: validate_person(values, TODAY))


def test_handout_needs_items_and_a_known_edition():
    errors = errors_of(
        lambda: validate_handout({"date": TODAY, "edition": "xx", "items": []}, MASTER, TODAY)
    )
    assert set(errors) == {"edition", "items"}


def test_goal_target_before_agreement_is_refused():
    values = {"handlungsfeld": "sprache", "text": "Sprachkurs A1", "agreed_on": TODAY,
              "target_date": TODAY - dt.timedelta(days=3), "status": "offen"}
    assert errors_of(lambda: validate_goal(values, MASTER, TODAY)) == {
        "target_date": "Das Zieldatum liegt vor der Vereinbarung."
    }


def test_observation_needs_the_child():
    values = {"date": TODAY, "concern": "gering"}
    assert "person_id" in errors_of(lambda: validate_observation(values, TODAY))


def test_several_errors_are_reported_together():
    values = contact(duration_min=-1, date=TODAY + dt.timedelta(days=9), institution=None)
    assert set(errors_of(lambda: validate_contact(values, MASTER, TODAY))) == {
        "duration_min", "date", "institution"}
