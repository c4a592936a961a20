"""Search ranks a family by its own name above families found through a member, cheaply."""

from __future__ import annotations

from alembic import command
from sqlalchemy.dialects import sqlite
from sqlmodel import text

from hamm_field.domain.translit import search_key
from hamm_field.services import Services
from hamm_field.store import migrate
from hamm_field.store.search import (
    EXACT,
    PREFIX,
    THROUGH_MEMBER,
    FamilyFilter,
    find_households,
    ranked_ids,
)


def _family(services: Services, name: str, *members: str, address: str | None = None) -> str:
    household = services.families.create(
        family_name=name, sozialraum="hamm-westen", herkunftsland="bulgarien", languages=["bg"],
        pakete=[1], pseudonym=False, address=address)
    for given in members:
        given_name, _, family_name = given.partition(" ")
        services.persons.create(household_id=household.id, given_name=given_name,
                                family_name=family_name or name, relation="kind")
    return household.id


def test_own_name_first_then_prefix_then_through_a_member(services: Services) -> None:
    through = _family(services, "Петров", "Иван", "Мария Петрова")
    starts = _family(services, "Петровами")
    exact = _family(services, "Петрова", "Елена", "Гергана", "Димо")
    with services.context.store.read() as session:
        hits = find_households(session, FamilyFilter(query="petrova"))
        second_page = find_households(session, FamilyFilter(query="petrova"), offset=1, limit=5)
    assert [(h.household.id, h.rank) for h in hits] == [
        (exact, EXACT), (starts, PREFIX), (through, THROUGH_MEMBER)]
    assert hits[0].given_names == ("Гергана", "Димо") and hits[0].member_count == 3
    assert [h.household.id for h in second_page] == [starts, through]
    assert services.views.count_families(FamilyFilter(query="petrova")) == 3


def test_every_rank_seeks_or_walks_the_search_index(services: Services) -> None:
    """No part of the ranked page reads the table or sorts all matches (100k families)."""
    statement = ranked_ids(FamilyFilter(query="petrova"), search_key("petrova"), 200).select()
    sql = str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with services.context.store.engine.connect() as connection:
        plan = [row[3] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    reads = [step for step in plan if "household" in step]
    assert len(reads) == 3, plan
    assert all("USING INDEX ix_household_search" in step for step in reads), plan
    assert sum("search_text>? AND search_text<?" in step for step in reads) == 2, plan


def test_an_older_store_gets_the_new_search_keys(new_store, services: Services) -> None:
    """Migration 0009 refreshes stored keys: "Stojanowa" finds a family saved before."""
    _family(services, "Стоянова")
    engine = new_store.store.engine
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")  # the later migrations change other tables
        connection.execute(text("UPDATE household SET search_text = 'stozanova'"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    with engine.connect() as connection:  # the old key (searching needs today's schema)
        assert connection.execute(text("SELECT search_text FROM household")).all() == [
            ("stozanova",)]
    migrate.upgrade(engine)
    assert services.views.count_families(FamilyFilter(query="Stojanowa")) == 1
