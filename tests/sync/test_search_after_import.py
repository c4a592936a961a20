"""The coordination finds families by what arrived in packages: members, renames, deletions.

The import recomputes the derived search text of every family it touches in bulk; these
tests pin that it is the same text the app computes when a person saves on the laptop.
"""

from hamm_field.services.views import FamilyFilter


def found(services, query):
    return [h.family_name for h in services.views.search_families(FamilyFilter(query=query))]


def search_text(services, household_id):
    with services.context.store.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT search_text FROM household WHERE id = ?", (household_id,)).scalar_one()


def test_members_renames_and_deletions_arrive_in_the_central_search(world):
    laptop = world.laptops[0]
    family = laptop.families.create(family_name="Стоянова", sozialraum="pelkum",
                                    herkunftsland="bulgarien")
    child = laptop.persons.create(household_id=family.id, given_name="Мария",
                                  family_name="Стоянова", relation="kind", birth_year=2017)
    laptop.persons.create(household_id=family.id, given_name="Emre", family_name="Yilmaz",
                          relation="elternteil", birth_year=1990)
    world.central.sync.import_files([world.package(0, "a1.hfsync")])
    assert found(world.central, "maria") == ["Стоянова"]  # Cyrillic member, Latin query
    assert found(world.central, "yilmaz") == ["Стоянова"]
    assert search_text(world.central, family.id) == search_text(laptop, family.id)

    laptop.persons.edit(child.id, given_name="Елена")
    laptop.persons.delete(child.id)
    laptop.persons.create(household_id=family.id, given_name="Ayse", family_name="Yilmaz",
                          relation="kind", birth_year=2019)
    world.central.sync.import_files([world.package(0, "a2.hfsync")])
    assert found(world.central, "maria") == [] and found(world.central, "elena") == []
    assert found(world.central, "ayse") == ["Стоянова"]
    assert search_text(world.central, family.id) == search_text(laptop, family.id)
