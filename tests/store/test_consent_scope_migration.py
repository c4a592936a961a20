"""Migration 0014: a withdrawal recorded before it stops sharing, and pseudonymises nobody."""

from __future__ import annotations

import datetime as dt

from alembic import command

from hamm_field.services import Services
from hamm_field.store import migrate
from tests.conftest import TODAY


def test_an_older_withdrawal_counts_as_sharing_withdrawn(new_store, services: Services) -> None:
    family = services.families.create(family_name="Petrova", sozialraum="hamm-westen",
                                      herkunftsland="bulgarien")
    both = services.consents.create(household_id=family.id, guardian_name="Vormund",
                                    scope_sharing=True, form_language="bg",
                                    given_on=TODAY - dt.timedelta(days=9))
    documentation_only = services.consents.create(household_id=family.id,
                                                  guardian_name="Vormund", form_language="bg",
                                                  given_on=TODAY - dt.timedelta(days=9))
    engine = new_store.store.engine
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
        connection.exec_driver_sql("UPDATE consent SET withdrawn_on = ?",
                                   ((TODAY - dt.timedelta(days=2)).isoformat(),))
    migrate.upgrade(engine)
    assert services.consents.get(both.id).withdrawn_sharing is True
    assert services.consents.get(documentation_only.id).withdrawn_sharing is False
    assert not services.consents.get(both.id).withdrawn_documentation
    assert services.privacy.family(family.id).sharing_withdrawn_on == TODAY - dt.timedelta(days=2)
    assert services.families.get(family.id).family_name == "Petrova"
