"""Round trips between laptops and the coordination, shared by the sync tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hamm_field.domain.ids import uuid7
from hamm_field.services import Services
from hamm_field.sync import package as package_module
from hamm_field.sync.returns import build_return
from tests.sync.conftest import TODAY, World


def _texts(services):
    """Every text value of every table, to look for a name the way an attacker would."""
    found = []
    with services.context.store.engine.connect() as connection:
        tables = [r[0] for r in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in connection.exec_driver_sql(f'SELECT * FROM "{table}"'):
                found.extend(str(value) for value in row if isinstance(value, str))
    return "\n".join(found)


def family_with_contact(laptop: Services, name: str) -> str:
    family = laptop.families.create(family_name=name, sozialraum="pelkum",
                                    herkunftsland="bulgarien")
    laptop.persons.create(household_id=family.id, given_name="Ana", family_name=name,
                          relation="elternteil")
    laptop.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=1)
    return family.id


def send(world: World, laptop: int, name: str) -> None:
    [result] = world.central.sync.import_files([world.package(laptop, name)])
    assert result.refused is None


def give_back(world: World, laptop: int, name: str, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """The coordination's return package for a laptop, read on that laptop."""
    device = world.laptops[laptop].context.store.device_id
    path = world.root / name
    if today is None:
        world.central.sync.make_return(device, path)
    else:
        build_return(world.central.context.store, device, path, today=today)
    [result] = world.laptops[laptop].sync.import_files([path])
    assert result.refused is None
    return result


def worker(services: Services) -> str:
    worker_id = services.context.worker_id
    assert worker_id
    return worker_id


NOTE = "Kind wirkt vernachlässigt, Geschwister versorgen es."


def observe(laptop: Services, family_name: str, concern: str) -> str:
    family = laptop.families.create(family_name=family_name, sozialraum="pelkum",
                                    herkunftsland="bulgarien")
    child = laptop.persons.create(household_id=family.id, given_name="Ayşe",
                                  family_name=family_name, relation="kind", birth_year=2016)
    laptop.observations.create(household_id=family.id, person_id=child.id, concern=concern,
                               note=NOTE, date=TODAY)
    return family.id


def family(laptop: Services, name: str, *, child: bool = False) -> str:
    created = laptop.families.create(family_name=name, sozialraum="hamm-westen",
                                     herkunftsland="bulgarien")  # fmt: skip
    mother = laptop.persons.create(household_id=created.id, given_name="Ana", family_name=name,
                                   relation="elternteil", birth_year=1990)  # fmt: skip
    laptop.consents.create(household_id=created.id, person_id=mother.id, form_language="bg")
    laptop.contacts.create(household_id=created.id, kind="begleitung", duration_min=60,
                           institution="kinderarzt", paket=4, date=dt.date(2025, 3, 4))  # fmt: skip
    if child:
        kid = laptop.persons.create(household_id=created.id, given_name="Kalina",
                                    family_name=name, relation="kind")  # fmt: skip
        laptop.observations.create(household_id=created.id, person_id=kid.id, concern="gering")
    return created.id


NEWER = "9.4.2"
NEEDED = ("Dieses Paket stammt von Hamm Field 9.4.2; zum Einlesen ist Hamm Field 9.4.2 oder "
          "neuer nötig.")


FUTURE_SCHEMA = "0099_a_schema_of_the_future"


def with_manifest(monkeypatch, module, **changes) -> None:  # type: ignore[no-untyped-def]
    """``module`` seals its manifests with ``changes``, signed as ever."""
    real = package_module.seal_package

    def seal_package(out, payload, fields, **keys):  # type: ignore[no-untyped-def]
        return real(out, payload, {**fields, **changes}, **keys)

    monkeypatch.setattr(module, "seal_package", seal_package)


OLD = dt.date(2026, 1, 12)  # the old family's last contact
LATER = dt.date(2029, 6, 1)  # 36 months after OLD, not yet after RECENT


def _family(services, name, contact_on, note=None):
    family = services.families.create(family_name=name, sozialraum="hamm-westen",
                                      herkunftsland="bulgarien", pakete=[1])
    services.contacts.create(household_id=family.id, kind="begleitung", duration_min=90,
                             institution="kinderarzt", paket=1, date=contact_on,
                             note=note or f"Termin bei Dr. Weber für {name}")
    return family


def _at(services, day):
    services.context.today = lambda: day
    return services


def _back(world, laptop, name):
    services = world.laptops[laptop]
    back = world.central.sync.make_return(services.context.store.device_id, world.root / name)
    [applied] = services.sync.import_files([back.path])
    assert applied.refused is None
    return applied


def _sync(world, laptop, name):
    [result] = world.central.sync.import_files([world.package(laptop, f"{name}.hfsync")])
    assert result.refused is None
    return _back(world, laptop, f"{name}-back.hfsync")


def accepted(central: Services, *packages: Path) -> None:
    results = central.sync.import_files(list(packages))
    assert [r.refused for r in results] == [None] * len(packages), [
        str(r.refused) for r in results]


def return_to(world: World, laptop: int) -> None:
    services = world.laptops[laptop]
    back = world.central.sync.make_return(services.context.store.device_id,
                                          world.root / f"back-{uuid7()[-8:]}.hfsync")
    [applied] = services.sync.import_files([back.path])
    assert applied.refused is None, str(applied.refused)


def enrolled(world: World) -> None:
    """Both laptops' first packages imported and answered: each knows its colleagues."""
    accepted(world.central, world.package(0, "a-1.hfsync"), world.package(1, "b-1.hfsync"))
    return_to(world, 0)
    return_to(world, 1)


def dump(services):
    """Every row of every table, for an exact before/after comparison."""
    with services.context.store.engine.connect() as connection:
        tables = [r[0] for r in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(tuple, connection.exec_driver_sql(f'SELECT * FROM "{t}"')))
                for t in tables}
