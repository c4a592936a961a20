"""Art. 15 PDF and Art. 20 JSON state a withdrawal's scope, a pseudonymisation and a
restriction: what the family asked for is part of what is stored about it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.reports.pdf_tools import pdf_text
from tests.reports.schema_check import errors
from tests.reports.support import make_family, schema

REASON = "Richtigkeit der Adresse bestritten"


@pytest.fixture
def central(tmp_path: Path, kdf) -> Services:
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)
    yield Services.for_store(result.store, today=lambda: TODAY)
    result.store.close()


def withdrawn(services, family, *, sharing: bool, documentation: bool):
    consent = services.views.consents(family.id)[0]
    services.consents.edit(consent.id, withdrawn_on=TODAY - dt.timedelta(days=3),
                           withdrawn_sharing=sharing, withdrawn_documentation=documentation,
                           pseudonymise=documentation)


def test_a_pseudonymous_familys_report_says_since_when_and_what_was_withdrawn(central):
    family, _mother, _child = make_family(central)
    withdrawn(central, family, sharing=True, documentation=True)
    text = " ".join(pdf_text(central.person_data.family(family.id)).split())
    assert pseudonym_for(family.id) in text and "Wilhelmstraße 12" not in text
    assert ("Pseudonymisiert seit 17.11.2026: Die Einwilligung in die Dokumentation wurde "
            "widerrufen.") in text
    # The consents table: the withdrawal's day and what it covers.
    assert "17.11.2026 (Dokumentation, Weitergabe an Institutionen)" in text

    document = json.loads(central.person_data.family_json(family.id))
    assert errors(document, schema()) == []
    assert document["pseudonymised_on"] == "2026-11-17" and document["restrictions"] == []
    consent = document["consents"][0]
    assert (consent["withdrawn_on"], consent["withdrawn_sharing"],
            consent["withdrawn_documentation"]) == ("2026-11-17", True, True)


def test_sharing_withdrawn_alone_is_named_as_such(central):
    family, _mother, _child = make_family(central)
    withdrawn(central, family, sharing=True, documentation=False)
    text = " ".join(pdf_text(central.person_data.family(family.id)).split())
    assert "17.11.2026 (Weitergabe an Institutionen)" in text
    assert "Pseudonymisiert" not in text and "Wilhelmstraße 12" in text
    document = json.loads(central.person_data.family_json(family.id))
    assert document["pseudonymised_on"] is None
    assert (document["consents"][0]["withdrawn_sharing"],
            document["consents"][0]["withdrawn_documentation"]) == (True, False)


def test_a_restriction_and_its_lifting_are_stated_at_the_top(central):
    family, _mother, _child = make_family(central)
    central.privacy.restrict(family.id, REASON)
    text = " ".join(pdf_text(central.person_data.family(family.id)).split())
    restricted = (f"Die Verarbeitung ist seit 20.11.2026 eingeschränkt (Art. 18 DSGVO), "
                  f"Grund: {REASON}")
    assert restricted in text
    assert text.index(restricted) < text.index("Sozialraum")  # at the top, before the data
    document = json.loads(central.person_data.family_json(family.id))
    assert document["restrictions"] == [{"since": "2026-11-20", "reason": REASON,
                                         "lifted_on": None, "lift_reason": None}]

    central.context.today = lambda: TODAY + dt.timedelta(days=5)
    central.privacy.lift_restriction(family.id, "Adresse geklärt")
    text = " ".join(pdf_text(central.person_data.family(family.id)).split())
    assert (f"Die Verarbeitung war seit 20.11.2026 eingeschränkt (Art. 18 DSGVO), Grund: "
            f"{REASON}. Die Einschränkung wurde am 25.11.2026 aufgehoben, Grund: Adresse "
            "geklärt") in text
    assert "Die Verarbeitung ist seit" not in text
    document = json.loads(central.person_data.family_json(family.id))
    assert errors(document, schema()) == []
    assert document["restrictions"] == [{"since": "2026-11-20", "reason": REASON,
                                         "lifted_on": "2026-11-25",
                                         "lift_reason": "Adresse geklärt"}]
    assert document["labels"]["sections"]["restrictions"]["de"] == (
        "Einschränkungen der Verarbeitung (Art. 18)")
    assert document["labels"]["fields"]["lift_reason"]["de"] == "Grund der Aufhebung"
