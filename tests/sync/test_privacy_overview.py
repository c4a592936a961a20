"""The coordination's Datenschutz counts over real packages: consent given, withdrawn,
missing; erased families; laptops in use and revoked."""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.services import Services
from hamm_field.services.privacy_overview import COUNTS
from hamm_field.services.sync import CentralOnly
from tests.sync.conftest import TODAY
from tests.sync.support import family, send


def test_the_counts_follow_consent_erasure_and_revocation(world):
    laptop = world.laptops[0]
    family(laptop, "Petrova")  # consent given
    sharing = family(laptop, "Ionescu")
    documentation = family(laptop, "Stoica")
    with laptop.context.store.engine.connect() as connection:
        consent_of = dict(connection.exec_driver_sql(
            "SELECT household_id, id FROM consent").fetchall())  # fmt: skip
    laptop.consents.edit(consent_of[sharing], withdrawn_on=TODAY, withdrawn_sharing=True)
    laptop.consents.edit(consent_of[documentation], withdrawn_on=TODAY,
                         withdrawn_documentation=True, pseudonymise=True)  # fmt: skip
    laptop.families.create(family_name="Popa", sozialraum="pelkum", herkunftsland="rumaenien")
    erased = family(laptop, "Dimitrova")
    send(world, 0, "a1.hfsync")
    world.central.erasures.erase_family(erased)
    world.central.privacy.restrict(sharing, "Richtigkeit bestritten")
    world.central.lost_devices.declare_lost(world.laptops[1].context.store.device_id)

    facts = {fact.key: fact.value for fact in world.central.privacy_overview.facts()}
    assert facts == {"families": 4, "with_consent": 2, "withdrawn": 1, "without_consent": 1,
                     "sharing_withdrawn": 1, "pseudonymous": facts["pseudonymous"],
                     "restricted": 1, "due": 0, "erased": 1, "laptops": 1,
                     "revoked": 1}  # fmt: skip
    assert facts["pseudonymous"] >= 1  # Stoica, besides families created without consent
    # Four years on, every family is past the default Löschfrist of 36 months.
    later = Services.for_store(world.central.context.store,
                               today=lambda: TODAY + dt.timedelta(days=4 * 365))
    assert {f.key: f.value for f in later.privacy_overview.facts()}["due"] == 4
    labels = [fact.label for fact in world.central.privacy_overview.facts()]
    assert labels[:4] == ["Familien", "Mit Einwilligung", "Einwilligung widerrufen",
                          "Ohne Einwilligung"]  # fmt: skip
    assert [key for key, _label, _count in COUNTS] == list(facts)
    rows = {row.worker_name: row for row in world.central.privacy_overview.devices()}
    assert rows["Worker 0"].families == 5 and not rows["Worker 0"].revoked
    assert rows["Worker 0"].records["contact"] == 3  # the erased family's contact is blank
    assert rows["Worker 1"].families == 0 and rows["Worker 1"].revoked
    with pytest.raises(CentralOnly):
        laptop.privacy_overview.facts()
