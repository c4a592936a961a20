"""Migration 0010 dates the status of goals a store already had."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from hamm_field.services import Services
from hamm_field.store import migrate
from hamm_field.store.versioning import field_stamp

D = dt.date


def _day(hlc: int) -> dt.date:
    return dt.datetime.fromtimestamp((hlc >> 16) / 1000).date()


def test_an_older_store_dates_each_status_by_its_edit(new_store, services: Services) -> None:
    family = services.families.create(family_name="Petrova", sozialraum="hamm-westen",
                                      herkunftsland="bulgarien").id  # fmt: skip
    goals = services.goals

    def make(agreed: dt.date, status: str, review: dt.date | None = None) -> str:
        return goals.create(household_id=family, handlungsfeld="sprache", text="Kurs",
                            agreed_on=agreed, status=status, review_date=review).id  # fmt: skip

    edited = make(D(2020, 1, 10), "offen")
    goals.edit(edited, status="erreicht")  # the stamp of this edit dates it
    created_open = make(D(2021, 2, 1), "offen")
    created_reviewed = make(D(2021, 2, 1), "nicht_erreicht", D(2021, 5, 3))
    created_unreviewed = make(D(2021, 2, 1), "verworfen")
    engine = new_store.store.engine
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")  # the column and its stamps are gone
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info('goal')")}
        assert "status_changed_on" not in columns
        connection.execute(text("UPDATE goal SET stamps = '{}' WHERE id != :id"), {"id": edited})
    migrate.upgrade(engine)
    record = goals.get(edited)
    status_stamp = field_stamp(record, "status")
    assert record.status_changed_on == _day(status_stamp[0]) == dt.date.today()  # the edit's day
    assert field_stamp(record, "status_changed_on") == status_stamp  # they travel as one
    assert goals.get(created_open).status_changed_on == D(2021, 2, 1)
    assert goals.get(created_reviewed).status_changed_on == D(2021, 5, 3)
    assert goals.get(created_unreviewed).status_changed_on == D(2021, 2, 1)
