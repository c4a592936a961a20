"""Write authority: what the sender of a package may change, in one place.

A valid signature says who sent a package, not what the sender may change. Every row is
checked against the rules below while the merge runs inside its one transaction; the
first row that breaks a rule raises, the transaction rolls back, and the package is
refused whole (``unauthorised`` or ``invalid``) with the store unchanged.

Rules for a laptop's package at the coordination (:class:`LaptopAuthority`):

- **Per table:** a laptop sends only field records (``LAPTOP_TABLES``). Devices, workers,
  keys, revocations, master data, erasures and restrictions are the coordination's alone.
- **Per row:** what the package changes must be the laptop's own writes: a new row is
  created and stamped by the sending device, an edited field carries its stamp, the
  creation of a stored row never changes. The laptop edits or deletes only records of
  families in its worker's caseload as the coordination knows it when the package
  arrives (``store/caseload.py``: the worker's own and shared families, those they ever
  worked with, those this device created), or records it created; a new record joins
  such a family or one created in the same package. Kindeswohl observations stay their
  author's. Who a record belongs to (``worker_id``, ``author_id``) is set at creation, to
  the laptop's worker, and never changed by a laptop; handing a family over is the
  coordination's. Nothing is erased by a laptop: an ``erased`` flag arrives only for a
  subject the coordination erased.
- **Shares:** a laptop may ask for a family of its caseload (or one of the same package)
  to be shared with an active colleague: it creates or re-activates that pair's
  ``family_share`` row. The row's id is derived from the pair, so the pair never changes;
  a laptop never ends or deletes a share, never names an unknown, inactive or
  coordination worker, and never its own (a family comes to a worker from the
  coordination or a colleague, and an ended share stays ended). The same pair may be
  shared at the coordination or by another laptop at the same time: each writes the
  same record with its own creation, so a laptop's later creation of that record is
  its own write, not a forged one.
- **Privacy:** a laptop may record that a family of its caseload withdrew its consent to
  documentation (a ``pseudonymisation`` row) but never change or delete one; restrictions
  (Art. 18) are set and lifted by the coordination alone.
- **Per value:** shapes and the domain's validation (``row_values.py``); every stamp lies
  within the manifest's range, whose end is at most a day ahead of the importing clock.

Return packages on a laptop (:class:`CoordinationAuthority`) come from the coordination,
which may issue every kind of record; their rows get the shape, value and clock checks.

The rules judge the *difference* a row makes (stored row before, merged row after), so a
package that re-sends rows the coordination already has, with other devices' stamps in
them, is fine, while the same stamps with a newer value are not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.engine import Connection

from hamm_field.domain.ids import share_id
from hamm_field.domain.record_labels import RECORD_FIELDS, SYNC_KINDS
from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import N_, gettext
from hamm_field.store import erasure, sync_rows
from hamm_field.store.caseload import writable_families
from hamm_field.sync.envelope import PackageRefused
from hamm_field.sync.merge import created_stamp, field_stamp, row_stamp
from hamm_field.sync.row_values import BadValue, RowRules, Shape, check_sync_columns, columns_of

Row = dict[str, Any]
Change = tuple[Row | None, Row, Row]  # stored before, merged after, as it arrived

LAPTOP_TABLES = frozenset({
    "household", "person", "consent", "contact", "starterpaket_handout", "case_phase", "goal",
    "observation", "family_share", "pseudonymisation",
})  # fmt: skip
AUTHOR_COLUMN = {
    "household": "worker_id", "contact": "worker_id", "starterpaket_handout": "worker_id",
    "case_phase": "worker_id", "goal": "worker_id", "observation": "author_id",
}  # fmt: skip
PERSON_COLUMNS = {
    "consent": ("person_id",), "goal": ("person_id",), "observation": ("person_id",),
    "starterpaket_handout": ("recipient_person_id",),
}  # fmt: skip
COLUMNS: dict[str, Shape] = {
    name: columns_of(model) for name, model in sync_rows.BY_NAME.items()
}


# Names of the sync columns and manifest fields, as a refusal names them.
SYNC_FIELDS = {
    "id": N_("Kennung"), "package_id": N_("Kennung"), "hlc": N_("Zeitstempel"),
    "created_hlc": N_("Zeitstempel"), "deleted_hlc": N_("Zeitstempel"),
    "stamps": N_("Zeitstempel"), "hlc_from": N_("Zeitstempel"), "hlc_to": N_("Zeitstempel"),
    "device_id": N_("Gerät"), "created_device": N_("Gerät"), "device": N_("Gerät"),
    "erased": N_("Löschvermerk"), "sequence": N_("Paketnummer"),
    "counts": N_("Anzahl der Datensätze"), "members": N_("Prüfsumme"), "schema": N_("Version"),
    "encryption_public": N_("Schlüssel"), "enrolment_proof": N_("Schlüssel"),
}  # fmt: skip


class _Label:
    """A record kind or field name, translated when the message is shown."""

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __format__(self, spec: str) -> str:
        return format(gettext(self.msgid), spec)


def _kind(table: str) -> _Label:
    return _Label(SYNC_KINDS.get(table, table))


class Unauthorised(PackageRefused):
    reason = "unauthorised"
    message = N_("Das Paket ändert Daten, die dieses Gerät nicht ändern darf ({kind}).")

    def __init__(self, table: str) -> None:
        super().__init__(kind=_kind(table))
        self.table = table


class InvalidPackage(PackageRefused):
    reason = "invalid"
    message = N_("Das Paket enthält ungültige Daten ({kind}, {field}).")

    def __init__(self, table: str, column: str) -> None:
        label = RECORD_FIELDS.get(column) or SYNC_FIELDS.get(column) or N_("Aufbau")
        super().__init__(kind=_kind(table), field=_Label(label))
        self.table, self.column = table, column


class Authority(Protocol):
    """What ``apply_rows`` asks while it merges; any method may raise a refusal."""

    def admit(self, table: str, rows: list[Row]) -> None: ...

    def check_changes(self, table: str, changes: list[Change]) -> None: ...

    def finish(self, connection: Connection) -> None: ...


def _stamps(row: Row) -> Iterable[int]:
    yield row["hlc"]
    yield row["created_hlc"]
    if row.get("deleted_hlc") is not None:
        yield row["deleted_hlc"]
    for stamp in row["stamps"].values():
        yield stamp[0]


def _shape(table: str, row: Row) -> None:
    try:
        check_sync_columns(row, COLUMNS[table])
    except BadValue as bad:
        raise InvalidPackage(table, bad.field) from None


def _changed_fields(table: str, before: Row, after: Row) -> frozenset[str]:
    return frozenset(
        name for name in COLUMNS[table]
        if before.get(name) != after.get(name) or field_stamp(before, name) != field_stamp(
            after, name)
    )  # fmt: skip


def _validate(rules: RowRules, table: str, row: Row, changed: frozenset[str] | None) -> None:
    try:
        rules.check(table, row, COLUMNS[table], changed)
    except BadValue as bad:
        raise InvalidPackage(table, bad.field) from None


@dataclass
class LaptopAuthority:
    """A laptop's package at the coordination; see the module's rules."""

    device_id: str
    worker_id: str | None
    caseload: set[str]
    erased: dict[str, set[str]]
    rules: RowRules
    hlc_from: int
    hlc_to: int
    new_families: set[str] = field(default_factory=set)
    new_persons: dict[str, str] = field(default_factory=dict)  # person -> its family
    wanted_families: dict[str, str] = field(default_factory=dict)  # family -> first table
    wanted_persons: dict[tuple[str, str | None], str] = field(default_factory=dict)
    expected: dict[str, int] | None = None  # the manifest's counts, checked at the end
    seen: dict[str, int] = field(default_factory=dict)
    colleagues: frozenset[str] = frozenset()  # whom a family may be shared with

    @classmethod
    def at_arrival(cls, connection: Connection, *, device_id: str, worker_id: str | None,
                   rules: RowRules, hlc_from: int, hlc_to: int,
                   expected: dict[str, int] | None = None) -> LaptopAuthority:  # fmt: skip
        """The caseload as the coordination knows it before this package is merged."""
        caseload = writable_families(connection, worker_id, device_id)
        return cls(device_id, worker_id, caseload, erasure.erased_subjects(connection), rules,
                   hlc_from, hlc_to, expected=expected,
                   colleagues=_colleagues(connection))  # fmt: skip

    def admit(self, table: str, rows: list[Row]) -> None:
        if table not in LAPTOP_TABLES:
            raise Unauthorised(table)
        self.seen[table] = self.seen.get(table, 0) + len(rows)
        for row in rows:
            _shape(table, row)
            if not self.hlc_from < row["hlc"] <= self.hlc_to:
                raise InvalidPackage(table, "hlc")
            if any(stamp > self.hlc_to for stamp in _stamps(row)):
                raise InvalidPackage(table, "hlc")

    def check_changes(self, table: str, changes: list[Change]) -> None:
        for before, after, incoming in changes:
            newer = before is None or row_stamp(incoming) > row_stamp(before)
            if newer and incoming["device_id"] != self.device_id:
                raise Unauthorised(table)  # the newest write claims another device
            if table == "family_share":
                self._share(before, after, incoming)
            if table == "pseudonymisation" and before is not None and (_changed_fields(
                    table, before, after) or before.get("deleted_hlc") != after.get(
                    "deleted_hlc")):
                raise Unauthorised(table)  # recorded once, never changed or taken back
            if before is None:
                self._new(table, incoming)
                _validate(self.rules, table, incoming, None)
            else:
                changed = _changed_fields(table, before, after)
                self._edit(table, before, after, changed, incoming)
                if changed:
                    _validate(self.rules, table, incoming, changed)

    def _new(self, table: str, row: Row) -> None:
        own = self.device_id
        if row["created_device"] != own or row["device_id"] != own or any(
                stamp[1] != own for stamp in row["stamps"].values()):
            raise Unauthorised(table)
        if row.get("erased") and not erasure.belongs_to_erased(table, row, self.erased):
            raise Unauthorised(table)
        author = AUTHOR_COLUMN.get(table)
        if author and row.get(author) != self.worker_id and (
                table == "observation" or row.get(author) is not None):
            raise Unauthorised(table)  # a laptop authors its own worker's records only
        if table == "household":
            self.new_families.add(row["id"])
            return
        if table == "person":
            self.new_persons[row["id"]] = row.get("household_id")
        self._family_reachable(table, row.get("household_id"))
        self._persons_known(table, row)

    def _edit(self, table: str, before: Row, after: Row, changed: frozenset[str],
              incoming: Row) -> None:  # fmt: skip
        own = self.device_id
        if created_stamp(after) != created_stamp(before) and not (
                table == "family_share" and created_stamp(after) == created_stamp(incoming)
                and incoming["created_device"] == own):  # the same share, made here as well
            raise Unauthorised(table)
        if row_stamp(after) != row_stamp(before) and after["device_id"] != own:
            raise Unauthorised(table)
        if any(field_stamp(after, name)[1] != own for name in changed):
            raise Unauthorised(table)
        if after.get("erased") and not before.get("erased") and not erasure.belongs_to_erased(
                table, after, self.erased):
            raise Unauthorised(table)
        if AUTHOR_COLUMN.get(table) in changed:
            raise Unauthorised(table)
        if not self._may_edit(table, before):
            raise Unauthorised(table)
        if "household_id" in changed:
            self._family_reachable(table, after.get("household_id"))
        if changed & set(PERSON_COLUMNS.get(table, ())):
            self._persons_known(table, after)

    def _share(self, before: Row | None, after: Row, incoming: Row) -> None:
        """A share request: the pair's own record, never ended, with an active colleague."""
        if incoming["id"] != share_id(incoming["household_id"], incoming["worker_id"]):
            raise InvalidPackage("family_share", "id")
        if before is not None and any(before.get(name) != after.get(name)
                                      for name in ("household_id", "worker_id")):
            raise Unauthorised("family_share")
        if after.get("deleted_hlc") is not None and (
                before is None or before.get("deleted_hlc") is None):
            raise Unauthorised("family_share")  # ending a share is the coordination's
        if before is not None and field_stamp(after, "active") == field_stamp(before, "active"):
            return  # whether it is active is not this package's write
        worker = after["worker_id"]
        if not after.get("active") or worker not in self.colleagues or worker == self.worker_id:
            raise Unauthorised("family_share")

    def _may_edit(self, table: str, before: Row) -> bool:
        if before["created_device"] == self.device_id:
            return True
        if table == "observation" and before.get("author_id") != self.worker_id:
            return False
        family = before["id"] if table == "household" else before.get("household_id")
        return family in self.caseload

    def _family_reachable(self, table: str, family: str | None) -> None:
        """A record joins a family of the caseload, or one this package creates."""
        if family is not None and family not in self.caseload:
            self.wanted_families.setdefault(family, table)

    def _persons_known(self, table: str, row: Row) -> None:
        """A record names persons of its own family (checked in :meth:`finish`)."""
        for column in PERSON_COLUMNS.get(table, ()):
            person = row.get(column)
            if person is not None:
                self.wanted_persons.setdefault((person, row.get("household_id")), table)

    def finish(self, connection: Connection) -> None:
        """References to families and persons, now that every row of the package is seen."""
        if self.expected is not None and self.seen != {
                table: count for table, count in self.expected.items() if count}:
            raise InvalidPackage("manifest", "counts")
        missing = {f: t for f, t in self.wanted_families.items() if f not in self.new_families}
        stored = _existing(connection, "household", missing)
        for family, table in missing.items():
            if family in stored:
                raise Unauthorised(table)  # someone else's family
            raise InvalidPackage(table, "household_id")
        families = dict(self.new_persons)
        elsewhere = {person for person, _family in self.wanted_persons} - set(families)
        families.update(_families_of_persons(connection, elsewhere))
        for (person, family), table in self.wanted_persons.items():
            if person not in families:
                raise InvalidPackage(table, PERSON_COLUMNS[table][0])
            theirs = families[person]
            if theirs != family:  # a member of another family
                if theirs not in self.caseload and theirs not in self.new_families:
                    raise Unauthorised(table)
                raise InvalidPackage(table, PERSON_COLUMNS[table][0])


def _colleagues(connection: Connection) -> frozenset[str]:
    """Active field workers, as ``services.sharing`` offers them to share with."""
    return frozenset(row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM worker WHERE deleted_hlc IS NULL AND active = 1 AND role != ?",
        (WorkerRole.KOORDINATION.value,)))  # fmt: skip


def _families_of_persons(connection: Connection, persons: Iterable[str]) -> dict[str, str]:
    wanted = sorted(persons)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = tuple(wanted[start : start + 500])
        found.update(connection.exec_driver_sql(
            f'SELECT id, household_id FROM person WHERE id IN ({", ".join("?" * len(chunk))})',
            chunk).all())  # fmt: skip
    return found


def _existing(connection: Connection, table: str, ids: Iterable[str]) -> set[str]:
    wanted = sorted(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = tuple(wanted[start : start + 500])
        found.update(row[0] for row in connection.exec_driver_sql(
            f'SELECT id FROM "{table}" WHERE id IN ({", ".join("?" * len(chunk))})', chunk))
    return found


@dataclass
class CoordinationAuthority:
    """A return package on a laptop: any kind of record, with valid values and sane stamps."""

    rules: RowRules
    newest_allowed: int

    def admit(self, table: str, rows: list[Row]) -> None:
        if table not in COLUMNS:
            raise Unauthorised(table)
        for row in rows:
            _shape(table, row)
            if any(stamp > self.newest_allowed for stamp in _stamps(row)):
                raise InvalidPackage(table, "hlc")

    def check_changes(self, table: str, changes: list[Change]) -> None:
        for before, after, incoming in changes:
            changed = None if before is None else _changed_fields(table, before, after)
            if changed is None or changed:
                _validate(self.rules, table, incoming, changed)

    def finish(self, connection: Connection) -> None:
        return None
