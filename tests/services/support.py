"""Records the service tests share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamm_field.reports.model import Period
from tests.sync.conftest import World


@dataclass
class Clash:
    family_id: str
    packages: list  # the two packages with the concurrent edits, as imported
    winner: int  # index of the laptop whose edit the central store holds
    values: list[str]  # the value each laptop wrote

    @property
    def loser(self) -> int:
        return 1 - self.winner


def share_family(world: World, name: str = "Petrova") -> str:
    """Laptop 0 records a family; the coordination hands it to laptop 1's worker."""
    keyfigure, caseworker = world.laptops
    family = keyfigure.families.create(family_name=name, sozialraum="pelkum",
                                       herkunftsland="bulgarien")
    world.central.sync.import_files([world.package(0, "k1.hfsync"),
                                     world.package(1, "c1.hfsync")])
    world.central.families.edit(family.id, worker_id=caseworker.context.worker_id)
    back = world.central.sync.make_return(caseworker.context.store.device_id,
                                          world.root / "c-back1.hfsync")
    assert caseworker.sync.import_files([back.path])[0].refused is None
    return family.id


def clash(world: World, values: tuple[str, str] = ("Petrowa", "Петрова")) -> Clash:
    """Both laptops rename the same family; the central store imports both packages."""
    family_id = share_family(world)
    for laptop, value in zip(world.laptops, values, strict=True):
        laptop.families.edit(family_id, family_name=value)
    packages = [world.package(0, "k2.hfsync"), world.package(1, "c2.hfsync")]
    results = world.central.sync.import_files(packages)
    assert [r.refused for r in results] == [None, None]
    held = world.central.families.get(family_id).family_name
    return Clash(family_id, packages, list(values).index(held), list(values))


YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")


def family(services, name, *, member=("Ivana", 1990), address=None, months=(3, 11)):
    """A family with one member and one Begleitung in each of ``months``."""
    record = services.families.create(family_name=name, sozialraum="hamm-westen",
                                      herkunftsland="bulgarien", pakete=[1], address=address)
    given, year = member
    surname = name if name.isascii() else "Петрова"
    services.persons.create(household_id=record.id, given_name=given, family_name=surname,
                            birth_year=year, relation="elternteil")
    for month in months:
        services.contacts.create(household_id=record.id, kind="begleitung", duration_min=30,
                                 paket=1, institution="kinderarzt",
                                 date=dt.date(2026, month, 5))
    return record.id


def meet_twice(world):
    """Two Schlüsselfiguren record the same family, in Cyrillic and in Latin letters."""
    first = family(world.laptops[0], "Петрова", member=("Ивана", 1990))
    second = family(world.laptops[1], "Petrova", member=("Ivana", 1990), months=(3,))
    world.central.sync.import_files([world.package(0, "a.hfsync"), world.package(1, "b.hfsync")])
    return first, second


def new_family(services, name="Петрова", **extra):
    values = {"family_name": name, "sozialraum": "hamm-westen", "herkunftsland": "bulgarien",
              "languages": ["bg", "tr"], "pakete": [1, 2]}
    values.update(extra)
    return services.families.create(**values)


def begleitung(services, family, **extra):
    values = {"household_id": family.id, "kind": "begleitung", "duration_min": 60,
              "institution": "kinderarzt", "paket": 4}
    values.update(extra)
    return services.contacts.create(**values)
