"""The coordination's Datenschutz counts over real packages: consent given, withdrawn,
missing; erased families; laptops in use and revoked."""

from __future__ import annotations

import pytest

from hamm_field.services.privacy_overview import COUNTS
from hamm_field.services.sync import CentralOnly
from tests.sync.conftest import TODAY
from tests.sync.test_lost_device import family, send


def test_the_counts_follow_consent_erasure_and_revocation(world):
    laptop = world.laptops[0]
    family(laptop, "Petrova")  # consent given
    withdrawn = family(laptop, "Ionescu")
    with laptop.context.store.engine.connect() as connection:
        consent_id = connection.exec_driver_sql(
            "SELECT id FROM consent WHERE household_id = ?", (withdrawn,)).scalar_one()
    laptop.consents.edit(consent_id, withdrawn_on=TODAY)
    laptop.families.create(family_name="Popa", sozialraum="pelkum", herkunftsland="rumaenien")
    erased = family(laptop, "Dimitrova")
    send(world, 0, "a1.hfsync")
    world.central.erasures.erase_family(erased)
    world.central.lost_devices.declare_lost(world.laptops[1].context.store.device_id)

    facts = {fact.key: fact.value for fact in world.central.privacy_overview.facts()}
    assert facts == {"families": 3, "with_consent": 1, "withdrawn": 1, "without_consent": 1,
                     "pseudonymous": facts["pseudonymous"], "erased": 1, "laptops": 1,
                     "revoked": 1}  # fmt: skip
    labels = [fact.label for fact in world.central.privacy_overview.facts()]
    assert labels[:4] == ["Familien", "mit Einwilligung", "Einwilligung widerrufen",
                          "ohne Einwilligung"]  # fmt: skip
    assert [key for key, _label, _count in COUNTS] == list(facts)
    rows = {row.worker_name: row for row in world.central.privacy_overview.devices()}
    assert rows["Worker 0"].families == 4 and not rows["Worker 0"].revoked
    assert rows["Worker 0"].records["contact"] == 2  # the erased family's contact is blank
    assert rows["Worker 1"].families == 0 and rows["Worker 1"].revoked
    with pytest.raises(CentralOnly):
        laptop.privacy_overview.facts()
