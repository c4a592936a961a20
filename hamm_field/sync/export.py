"""Export on the laptop: every change since the last acknowledged package, in one file.

Only field records travel (``authority.LAPTOP_TABLES``): the laptop's own worker and
device rows, and the master data it was given, are the coordination's to issue.

The file is written as a part file, fsynced, renamed, then read back and checked before
the user is told it is done. Re-sending is harmless: the central store merges a package
once and treats it again as a no-op, and changes are idempotent anyway.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import uuid7
from hamm_field.i18n import N_
from hamm_field.store import state, sync_rows
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment
from hamm_field.sync.authority import LAPTOP_TABLES
from hamm_field.sync.keys import PublicKeys
from hamm_field.sync.package import ACKED, LAST_EXPORT, SEQUENCE, seal_package, write_rows


class NotEnrolled(UserError):
    message = N_(
        "Dieser Laptop ist nicht bei der Koordination angemeldet. "
        "Bitte mit einer Einladungsdatei einrichten."
    )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    changes: int
    counts: dict[str, int]


def export_package(store: Store, out: Path) -> ExportResult:
    with store.read() as session:
        central_text = state.get(session, enrolment.CENTRAL)
        if central_text is None:
            raise NotEnrolled()
        keys = enrolment.own_keys(session)
        secret = state.get(session, enrolment.SECRET)
        acked = int(state.get(session, ACKED) or 0)
        sequence = int(state.get(session, SEQUENCE) or 0) + 1
    central = PublicKeys.from_dict(json.loads(central_text))
    highest = acked
    with store.engine.connect() as connection:
        def rows():  # type: ignore[no-untyped-def]
            nonlocal highest
            for table, row in sync_rows.changed_since(connection, acked, store.device_id,
                                                      LAPTOP_TABLES):
                highest = max(highest, row["hlc"])
                yield table, row

        payload = write_rows(store.paths.staging, rows())
        connection.rollback()
    package_id = uuid7()
    fields = {
        "device": store.device_id, "worker": store.worker_id, "package_id": package_id,
        "sequence": sequence, "hlc_from": acked, "hlc_to": highest,
        "encryption_public": keys.public().to_dict()["encryption"],
    }  # fmt: skip
    if secret:
        fields["enrolment_proof"] = enrolment.proof(base64.b64decode(secret), package_id)
    manifest = seal_package(out, payload, fields, sender=keys, recipient=central)
    with store.write() as writer:
        state.put(writer.session, SEQUENCE, str(sequence))
        state.put(writer.session, LAST_EXPORT, manifest["created"])
    return ExportResult(out, sequence, sum(payload.counts.values()), payload.counts)
