"""A store made by an older schema opens in this version, data intact."""

import shutil

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import select

from hamm_field.domain.tables import Contact, Household
from hamm_field.services import setup
from hamm_field.store import migrate
from hamm_field.store.paths import StorePaths
from hamm_field.store.schema import metadata
from tests.conftest import TODAY  # noqa: F401 - keeps the fixture module loaded

FIXTURE = "tests/data/store_0001"


def test_store_of_schema_0001_opens_after_the_newest_migration(tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(FIXTURE, copy)
    store = setup.unlock(StorePaths(copy), "fixture-password")
    with store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        indexes = {row[1] for row in connection.exec_driver_sql("PRAGMA index_list('contact')")}
    assert "ix_contact_worker_date" in indexes
    with store.read() as session:
        family = session.exec(select(Household)).one()
        contact = session.exec(select(Contact)).one()
    assert family.family_name == "Петрова"
    assert contact.kind == "begleitung" and contact.duration_min == 90
    assert contact.note == "Termin beim Kinderarzt begleitet."
    store.close()


def test_the_fixture_can_also_be_recovered_with_its_printed_key(tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(FIXTURE, copy)
    key = (copy / "RECOVERY_KEY.txt").read_text().strip()
    setup.unlock_with_recovery(StorePaths(copy), key).close()


def test_migrations_produce_exactly_the_models_schema(new_store):
    with new_store.store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
