"""The Art. 15 report: everything stored about one family, in German and in their language."""

from __future__ import annotations

import pytest

from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports.person_data import render_person_data
from hamm_field.services import Services, setup
from hamm_field.services.person_data import second_language
from hamm_field.services.records import RecordNotFound
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.reports.pdf_tools import fonts_embedded, pdf_text
from tests.reports.support import make_family
from tests.reports.support import person_data as _data


def test_family_report_holds_everything_in_german_and_bulgarian(services):
    family, _mother, _child = make_family(services)
    text = pdf_text(services.person_data.family(family.id))
    # The family, its members (as written, Cyrillic) and its records.
    assert "Петрова" in text and "Мария Петрова" in text and "Иван Петров" in text
    assert "Wilhelmstraße 12" in text
    assert "Antrag auf Bürgergeld gemeinsam ausgefüllt" in text
    assert "Termin in zwei Wochen" in text
    assert "Kommunales Jobcenter (KJC)" in text
    assert "Weitergabe an Institutionen" in text  # the consent's scope
    assert "Stadtplan mit Behörden" in text
    assert "Schulplatz für Иван sichern" in text
    assert "Fehlt montags oft" in text  # Kindeswohl: the family may see it
    assert "Kontakt geändert" in text  # the audit trail
    # Both parts: German first, then the family's language (German where the
    # Bulgarian catalog has no translation yet).
    assert text.count("Antrag auf Bürgergeld gemeinsam ausgefüllt") == 2
    assert "Die Auskunft steht zuerst auf Deutsch" in text
    # Nothing of the other family.
    assert "Ionescu" not in text and "Andrei" not in text
    assert "Notiz der anderen Familie" not in text


def test_a_person_report_leaves_the_other_members_records_out(services):
    _family, mother, _child = make_family(services)
    text = pdf_text(services.person_data.person(mother.id))
    assert "Мария Петрова" in text
    assert "Antrag auf Bürgergeld gemeinsam ausgefüllt" in text  # the family's contacts
    assert "Schulplatz für Иван sichern" not in text  # the child's goal
    assert "Fehlt montags oft" not in text  # the child's observation


def test_a_laptop_says_the_complete_answer_comes_from_the_coordination(services, tmp_path, kdf):
    family, _mother, _child = make_family(services)
    text = pdf_text(services.person_data.family(family.id))
    assert "Die vollständige Auskunft erstellt die Koordination" in text

    central = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    try:
        coordination = Services.for_store(central.store, today=lambda: TODAY)
        family, _mother, _child = make_family(coordination)
        text = pdf_text(coordination.person_data.family(family.id))
        assert "Мария Петрова" in text and "Fehlt montags oft" in text
        assert "Die vollständige Auskunft erstellt die Koordination" not in text
    finally:
        central.store.close()


def test_a_deleted_record_is_still_listed_as_deleted(services):
    family, _mother, _child = make_family(services)
    contact = services.contacts.create(household_id=family.id, kind="telefonat",
                                       duration_min=5, paket=1, note="Falsch erfasst")  # fmt: skip
    services.contacts.delete(contact.id)
    text = pdf_text(services.person_data.family(family.id))
    assert "Falsch erfasst (gelöscht)" in text
    assert "Kontakt gelöscht" in text


def test_an_unknown_family_is_a_clear_error(services):
    with pytest.raises(RecordNotFound):
        services.person_data.family("no-such-family")


@pytest.mark.parametrize(
    ("languages", "second"),
    [(["bg"], "bg"), (["de", "ro"], "ro"), (["tr"], "tr"), (["rom"], "en"), ([], "en")],
)
def test_the_second_language_is_the_familys(languages, second):
    assert second_language(languages) == second


def test_the_second_part_uses_the_translation_of_its_language(monkeypatch):
    translated = {"Auskunft über gespeicherte Daten": "Kayıtlı veriler hakkında bilgi",
                  "Elternteil": "ebeveyn"}  # fmt: skip

    class Turkish:
        def __init__(self, language):
            self.language = language

        def __call__(self, message):
            return translated.get(message, message) if self.language == "tr" else message

    monkeypatch.setattr("hamm_field.reports.person_data.translator", Turkish)
    text = pdf_text(render_person_data(_data(), ("de", "tr")))
    assert "Auskunft über gespeicherte Daten" in text
    assert "Kayıtlı veriler hakkında bilgi" in text
    assert "Elternteil" in text and "ebeveyn" in text
    assert "Ayşe Yılmaz" in text and "Ayse Yilmaz" in text
    assert "Seite 1 von" in text


def test_one_language_gives_one_part_with_embedded_fonts(tmp_path):
    pdf = render_person_data(_data(), ("de", "de"))
    text = pdf_text(pdf)
    assert text.count("Auskunft über gespeicherte Daten") == 1
    assert "Keine Einträge." in text  # empty sections say so instead of vanishing
    assert fonts_embedded(pdf, tmp_path)
