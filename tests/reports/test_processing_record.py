"""The Verzeichnis von Verarbeitungstätigkeiten (Art. 30): generated from the installation."""

from __future__ import annotations

import pytest
from sqlalchemy import text as sql

from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.services.processing_record import OnlyCoordination
from hamm_field.services.settings import Settings, save_settings
from hamm_field.store.integrity import cipher_settings
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY, run_cli
from tests.reports.pdf_tools import fonts_embedded, page_texts, pdf_text

HEADINGS = ("1. Verantwortlicher", "2. Zwecke der Verarbeitung",
            "3. Kategorien betroffener Personen", "4. Kategorien personenbezogener Daten",
            "5. Empfänger", "6. Übermittlung in Drittländer", "7. Löschfristen",
            "8. Technische und organisatorische Maßnahmen", "9. Prüfung und Freigabe")  # fmt: skip


@pytest.fixture
def central(tmp_path, kdf):
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store, today=lambda: TODAY)
    family = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                      herkunftsland="bulgarien", address="Wilhelmstraße 12",
                                      pseudonym=False)
    services.persons.create(household_id=family.id, given_name="Мария",
                            family_name="Петрова", relation="elternteil")  # fmt: skip
    yield services
    result.store.close()


def test_the_record_states_the_installations_real_settings(central, tmp_path):
    central.sync.set_closed_months(9)
    central.sync.set_quarantine_days(14)
    save_settings(central.context.store.paths.root, Settings(lock_minutes=12))
    pdf = central.processing_record.pdf()
    text = pdf_text(pdf)
    assert "Verzeichnis von Verarbeitungstätigkeiten" in text
    for heading in HEADINGS:
        assert heading in text
    # Encryption and keys as the open store and its key file report them.
    cipher = cipher_settings(central.context.store)
    assert f"SQLCipher {cipher['cipher_version']}" in text
    assert cipher["cipher_hmac_algorithm"] in text and "secure_delete an" in text
    (params,) = KeyFile.load(central.context.store.paths.keyfile).password_kdfs()
    assert f"Argon2id gestreckt: {params.memory_cost // 1024} MiB, {params.iterations} " \
           "Durchläufe" in text
    assert "ein Wiederherstellungsschlüssel" in text
    assert "mindestens 8 Zeichen" in text and "bis 30 Sekunden" in text
    assert "Automatische Sperre nach 12 Minuten" in text  # this computer's setting
    assert "Umschlag Format 2" in text and "Ed25519" in text and "X25519" in text
    # The settings of the coordination, and the counts of this store.
    assert "9 Monate nach Abschluss" in text and "Kopie 14 Tage" in text and "14 Tage;" in text
    assert "Familien: 1 (davon unter Pseudonym: 0), Personen: 1" in text
    assert "Kette in Ordnung" in text
    assert "Kommunales Jobcenter (KJC)" in text  # institutions from the master data
    # The controller's and the officer's fields are left to complete.
    assert "Datenschutzbeauftragte/r (Name, Kontaktdaten)" in text
    assert "Freigabe (Name, Datum, Unterschrift)" in text
    # Counts only: nobody's name or address.
    for personal in ("Петрова", "Мария", "Wilhelmstraße"):
        assert personal not in text
    assert page_texts(pdf)[0].startswith("Verzeichnis von Verarbeitungstätigkeiten")
    assert fonts_embedded(pdf, tmp_path)


def test_the_default_retention_is_stated(central):
    text = pdf_text(central.processing_record.pdf())
    assert "36 Monate nach dem letzten Kontakt oder nach Abschluss des Falls" in text
    assert "24 Monate nach ihrem Datum" in text
    assert "6 Monate nach Abschluss" in text  # the laptops' default


def test_the_retention_the_coordination_set_is_stated(central):
    central.retention.set_rules({"family_months": 60, "kindeswohl_months": 84})
    text = pdf_text(central.processing_record.pdf())
    assert "60 Monate nach dem letzten Kontakt" in text
    assert "84 Monate nach ihrem Datum" in text
    assert "36 Monate" not in text  # the default is replaced


def test_a_broken_audit_chain_is_said_so(central):
    with central.context.store.engine.begin() as connection:
        connection.execute(sql("UPDATE audit_entry SET action = 'delete' WHERE seq = 2"))
    text = pdf_text(central.processing_record.pdf())
    assert "Kette unterbrochen bei Eintrag 2" in text


def test_a_laptop_does_not_make_the_record(services):
    with pytest.raises(OnlyCoordination):
        services.processing_record.pdf()


def test_the_cli_writes_the_record_only_at_the_coordination(tmp_path):
    central, laptop = tmp_path / "central", tmp_path / "laptop"
    assert run_cli("--data-dir", str(central), "init", "--role", "central",
                   "--name", "Koordination").code == 0  # fmt: skip
    done = run_cli("--data-dir", str(central), "report", "processing-record", "--out",
                   str(tmp_path / "verzeichnis"))  # fmt: skip
    assert done.code == 0, done.err
    assert "Verzeichnis von Verarbeitungstätigkeiten geschrieben" in done.out
    written = tmp_path / "verzeichnis.pdf"
    assert "7. Löschfristen" in pdf_text(written.read_bytes())

    usage = run_cli("--data-dir", str(central), "report", "processing-record")
    assert usage.code == 2 and "--out" in usage.err
    wrong = run_cli("--data-dir", str(central), "report", "processing-record", "--format",
                    "csv", "--out", str(tmp_path / "x.csv"))  # fmt: skip
    assert wrong.code == 2 and not (tmp_path / "x.csv").exists()

    assert run_cli("--data-dir", str(laptop), "init", "--role", "field",
                   "--name", "Fatme").code == 0  # fmt: skip
    refused = run_cli("--data-dir", str(laptop), "report", "processing-record", "--out",
                      str(tmp_path / "laptop.pdf"))  # fmt: skip
    assert refused.code == 1 and "Koordination" in refused.err
    assert not (tmp_path / "laptop.pdf").exists()
