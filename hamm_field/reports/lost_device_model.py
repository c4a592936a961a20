"""What the lost-device document shows: plain values, filled by ``services/lost_device.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class LostFamily:
    """A family whose data the coordination knows to have been on the laptop."""

    name: str  # "" when erased (Art. 17)
    pseudonym: bool
    erased: bool
    sozialraum: str  # the master-data label
    persons: int
    last_return: dt.datetime | None  # the last return package that carried it
    in_last_return: bool
    written: bool  # the laptop's own packages brought records of it
    assigned: bool = False  # its worker's today, standing in for unrecorded returns


@dataclass(frozen=True)
class Protection:
    """How the data on a laptop is protected, as this installation does it."""

    memory_mib: int  # Argon2id of the coordination's own key file (its strongest slot)
    iterations: int
    lanes: int
    floor_mib: int  # what no laptop goes below
    floor_iterations: int
    min_password: int
    free_tries: int
    max_wait_seconds: int


@dataclass(frozen=True)
class LostDeviceData:
    worker_name: str
    team: str
    device_id: str
    revoked_on: dt.date | None
    packages: int
    first_package: dt.datetime | None
    last_package: dt.datetime | None
    returns: int
    last_return: dt.datetime | None
    families: tuple[LostFamily, ...]
    records: tuple[tuple[str, int], ...]  # (table, stored records of those families)
    oldest: dt.date | None
    protection: Protection
    created: dt.datetime
    app_version: str
    unrecorded_returns: bool = False  # the laptop read returns written before the ledger

    @property
    def persons(self) -> int:
        return sum(family.persons for family in self.families)

    def holds(self, table: str) -> bool:
        return any(kind == table and count for kind, count in self.records)
