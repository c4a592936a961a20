"""The "Datenschutz" overview of the coordination: counts, and what each laptop holds.

The counts are a list of (label, value) facts, each made by one small function in
:data:`COUNTS`, so a new count is one function and one line there. Counts only: no name
leaves the store through this view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.services.context import Context
from hamm_field.services.lost_device import LostDevices, read_holdings
from hamm_field.store import retention
from hamm_field.store.device_holdings import written_by_device

LIVE = "h.deleted_hlc IS NULL AND h.erased = 0"
VALID = ("SELECT 1 FROM consent AS c WHERE c.household_id = h.id AND c.deleted_hlc IS NULL "
         "AND c.erased = 0")  # fmt: skip


@dataclass(frozen=True)
class Fact:
    key: str  # stable, for tests and scripts
    label: str  # translated when asked for
    value: int


@dataclass(frozen=True)
class DeviceHolding:
    """One laptop's row of the overview."""

    device_id: str
    worker_name: str
    revoked: bool
    families: int
    records: dict[str, int]  # table -> records
    oldest: dt.date | None
    last_package: dt.datetime | None
    last_return: dt.datetime | None


def _count(connection: Connection, sql: str) -> int:
    return int(connection.exec_driver_sql(sql).scalar_one())


def families(connection: Connection, _today: dt.date) -> int:
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE}")


def with_consent(connection: Connection, _today: dt.date) -> int:
    """A consent whose documentation part stands (sharing alone may be withdrawn)."""
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              f"AND EXISTS ({VALID} AND (c.withdrawn_on IS NULL "
                              "OR c.withdrawn_documentation = 0))")  # fmt: skip


def withdrawn(connection: Connection, _today: dt.date) -> int:
    """Consent to documentation withdrawn in every consent given."""
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              f"AND EXISTS ({VALID}) AND NOT EXISTS ({VALID} AND "
                              "(c.withdrawn_on IS NULL OR c.withdrawn_documentation = 0))"
                  )  # fmt: skip


def sharing_withdrawn(connection: Connection, _today: dt.date) -> int:
    """Sharing with institutions withdrawn and not given again since (as the family page
    says it: ``services/privacy.py``)."""
    last = ("SELECT max(c.withdrawn_on) FROM consent AS c WHERE c.household_id = h.id "
            "AND c.deleted_hlc IS NULL AND c.withdrawn_sharing = 1")  # fmt: skip
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              f"AND ({last}) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM consent "
                              "AS r WHERE r.household_id = h.id AND r.deleted_hlc IS NULL "
                              "AND r.scope_sharing = 1 AND r.withdrawn_sharing = 0 "
                              f"AND r.given_on > ({last}))")  # fmt: skip


def without_consent(connection: Connection, _today: dt.date) -> int:
    """No consent recorded at all."""
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              f"AND NOT EXISTS ({VALID})")  # fmt: skip


def pseudonymous(connection: Connection, _today: dt.date) -> int:
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              "AND h.pseudonym = 1")  # fmt: skip


def restricted(connection: Connection, _today: dt.date) -> int:
    """Processing restricted under Art. 18 and not lifted."""
    return _count(connection, f"SELECT count(*) FROM household AS h WHERE {LIVE} "
                              "AND EXISTS (SELECT 1 FROM restriction AS r WHERE "
                              "r.household_id = h.id AND r.deleted_hlc IS NULL "
                              "AND r.lifted_on IS NULL)")  # fmt: skip


def due(connection: Connection, today: dt.date) -> int:
    """Past their Löschfrist and not on hold: what the list "Zur Löschung fällig" offers."""
    return len(retention.blocked_families(connection, today))


def erased(connection: Connection, _today: dt.date) -> int:
    return _count(connection, "SELECT count(*) FROM household WHERE erased = 1")


def laptops(connection: Connection, _today: dt.date) -> int:
    return _count(connection, "SELECT count(*) FROM device WHERE role = 'field' "
                              "AND deleted_hlc IS NULL AND revoked_on IS NULL")  # fmt: skip


def revoked(connection: Connection, _today: dt.date) -> int:
    return _count(connection, "SELECT count(*) FROM device WHERE role = 'field' "
                              "AND deleted_hlc IS NULL AND revoked_on IS NOT NULL")  # fmt: skip


COUNTS: list[tuple[str, str, Callable[[Connection, dt.date], int]]] = [
    ("families", N_("Familien"), families),
    ("with_consent", N_("Mit Einwilligung"), with_consent),
    ("withdrawn", N_("Einwilligung widerrufen"), withdrawn),
    ("without_consent", N_("Ohne Einwilligung"), without_consent),
    ("sharing_withdrawn", N_("Weitergabe an Institutionen widerrufen"), sharing_withdrawn),
    ("pseudonymous", N_("Unter Pseudonym geführt"), pseudonymous),
    ("restricted", N_("Verarbeitung eingeschränkt (Art. 18)"), restricted),
    ("due", N_("Zur Löschung fällig (ohne Aufbewahrung)"), due),
    ("erased", N_("Nach Art. 17 gelöscht"), erased),
    ("laptops", N_("Laptops in Gebrauch"), laptops),
    ("revoked", N_("Gesperrte Laptops"), revoked),
]
"""(key, label, count): the rows of the overview, in this order."""


@dataclass(frozen=True)
class Snapshot:
    """The whole overview, loaded in one background call."""

    facts: list[Fact]
    devices: list[DeviceHolding]


class PrivacyOverview:
    def __init__(self, context: Context, lost: LostDevices) -> None:
        self.context, self.lost = context, lost

    def facts(self) -> list[Fact]:
        """Every count of :data:`COUNTS`, read in one connection (central only)."""
        self.lost.require_central()
        with self.context.store.engine.connect() as connection:
            today = self.context.today()
            return [Fact(key, _(label), count(connection, today))
                    for key, label, count in COUNTS]

    def devices(self) -> list[DeviceHolding]:
        """Each laptop and what it holds, as far as the coordination knows."""
        self.lost.require_central()
        rows = []
        with self.context.store.engine.connect() as connection:
            laptops = self.lost.laptops()
            written = written_by_device(connection, [device.id for device, _w in laptops])
            for device, worker in laptops:
                found = read_holdings(connection, device, worker, self.context.today(),
                                      written.get(device.id, set()))  # fmt: skip
                rows.append(DeviceHolding(
                    device.id, found.worker_name, device.revoked_on is not None,
                    len(found.families), found.records, found.oldest, found.received.last,
                    found.last_return))  # fmt: skip
        return sorted(rows, key=lambda row: (row.revoked, row.worker_name.casefold()))

    def snapshot(self) -> Snapshot:
        return Snapshot(self.facts(), self.devices())
