"""Renaming this store's own worker and device ids everywhere they occur.

A laptop set up without an invitation wrote its own ids into every row: the author
columns, ``device_id``/``created_device``, the device parts of the ``stamps`` JSON,
``local_state`` (its ``worker_id``/``device_id`` and values that name them, such as
drafts). Loading an invitation later gives it the ids the coordination issued; this
module rewrites the old ones in the caller's transaction, so it happens wholly or not.

Ids are UUIDs: a text that contains one names that record, so a plain substring
replacement in every text value is exact. Left alone on purpose:

- ``audit_entry``: a hash chain; rewriting would break it. Its older entries keep the old
  ids, and the caller appends an entry that links the old device to the new ids.
- the Kennzahlen tables (``report_*``): the contact triggers log the change of
  ``worker_id`` and the write's fold moves the counts, as for any edit.
- ``family_share`` ids are derived from (family, worker) and are computed again.
"""

from __future__ import annotations

import errno
import json
import logging

from sqlalchemy.engine import Connection

from hamm_field.domain.ids import share_id
from hamm_field.store import state
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.unit import Store

log = logging.getLogger(__name__)

UNTOUCHED = frozenset({"audit_entry", "report_sum", "report_presence", "report_family",
                       "report_log", "alembic_version"})  # fmt: skip


def _tables(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows if name not in UNTOUCHED]


def _columns(connection: Connection, table: str) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def rename_ids(connection: Connection, renames: dict[str, str]) -> int:
    """Replace each old id (key) by its new one (value) in every text value of every
    table but :data:`UNTOUCHED`; returns how many rows changed. Needs the deferred
    foreign keys of the schema: parents and children are renamed one after the other."""
    params: dict[str, str] = {}
    for number, (old, new) in enumerate(renames.items()):
        params |= {f"old{number}": old, f"new{number}": new}
    changed = 0
    for table in _tables(connection):
        for column in _columns(connection, table):
            target, matches = f'"{column}"', []
            for number in range(len(renames)):
                target = f"replace({target}, :old{number}, :new{number})"
                matches.append(f'instr("{column}", :old{number}) > 0')
            result = connection.exec_driver_sql(
                f'UPDATE "{table}" SET "{column}" = {target} '
                f'WHERE typeof("{column}") = \'text\' AND ({" OR ".join(matches)})',
                params,
            )
            changed += result.rowcount or 0
    return changed


def rekey_shares(connection: Connection, worker_id: str) -> None:
    """Give the shares of ``worker_id`` the ids their (family, worker) pair now derives."""
    rows = connection.exec_driver_sql(
        "SELECT id, household_id FROM family_share WHERE worker_id = ?", (worker_id,)
    ).all()
    for old_id, household_id in rows:
        new_id = share_id(household_id, worker_id)
        if new_id != old_id:
            connection.exec_driver_sql(
                "UPDATE family_share SET id = ? WHERE id = ?", (new_id, old_id)
            )


ENROLLED_FROM = "enrolled_from"  # local_state: the ids the store had before its invitation


def settle_keyfile(store: Store) -> None:
    """After an unlock: finish a re-identification the key file has not caught up with.

    Loading an invitation adds a password slot for the invited worker before the
    database is rewritten and drops the old worker's slot after the commit. Killed in
    between, the old slot (first in the file) still opens the store: the one working is
    then the store's new owner, and the old slot goes now. Best effort, like every key
    file update after an unlock: a file that cannot be written now is tried next time.
    """
    with store.read() as session:
        before = state.get(session, ENROLLED_FROM)
    if before is None or not store.owner_id:
        return
    old_worker = json.loads(before)["worker"]
    if store.worker_id == old_worker:
        store.worker_id = store.owner_id
    keyfile = KeyFile.load(store.paths.keyfile)
    users = keyfile.user_ids()
    if old_worker in users and store.owner_id in users:
        keyfile.remove_password(old_worker)
        try:
            keyfile.save(store.paths.keyfile)
        except OSError as error:
            log.warning("key file not updated (slot of the former worker id): %s",
                        errno.errorcode.get(error.errno or 0))  # fmt: skip
