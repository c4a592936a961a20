"""Enrolment: the coordination invites a laptop; its first package proves the invitation.

Every store has its own Ed25519/X25519 keys, kept in ``local_state`` inside the
encrypted database; the public halves are on its ``device`` row. An invitation file
carries the coordination's public keys, the master data, the ids the laptop will use
and a one-time secret. The laptop's first package proves the secret (HMAC over the
package id), so the central store learns the laptop's keys from a package it can trust.
The invitation names no person (DESIGN.md: nothing personal in a plaintext file): it
carries the worker's role, and the laptop's user types their name at setup. The
coordination lists the laptop under the name it gave when inviting. A reader still takes
a ``worker_name`` if an invitation carries one (kept for a protected invitation format
that may carry it encrypted).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Device, MasterItem, Worker
from hamm_field.domain.tables_sync import Enrolment
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.i18n import N_
from hamm_field.store import state, sync_rows
from hamm_field.store.unit import Writer
from hamm_field.sync.envelope import sign_bytes, verify_bytes
from hamm_field.sync.keys import KeyPair, PublicKeys

KEYPAIR = "sync_keypair"
CENTRAL = "sync_central_public"
SECRET = "sync_enrolment_secret"
FORMAT = 1


class InvitationDamaged(UserError):
    message = N_("Die Einladungsdatei ist beschädigt oder wurde verändert.")


class NotAnInvitation(UserError):
    message = N_("Diese Datei ist keine Einladung von Hamm Field.")


@dataclass(frozen=True)
class Invitation:
    central: PublicKeys
    worker_id: str
    worker_role: str
    device_id: str
    secret: bytes
    master: list[dict[str, Any]]
    worker_name: str = ""  # empty in invitations written before it was carried

    @property
    def fingerprint(self) -> str:
        return self.central.fingerprint()


def create_device_keys(writer: Writer, device_id: str) -> KeyPair:
    """Make this store's keys; the private half never leaves the encrypted store."""
    keys = KeyPair.generate()
    state.put(writer.session, KEYPAIR, keys.to_private_json())
    device = writer.session.get(Device, device_id)
    if device is not None:
        public = keys.public().to_dict()
        writer.update(device, {"signing_public": public["signing"],
                               "encryption_public": public["encryption"]})
    return keys


def own_keys(session: Session) -> KeyPair:
    text = state.get(session, KEYPAIR)
    if text is None:
        raise RuntimeError("this store has no sync keys")
    return KeyPair.from_private_json(text)


def proof(secret: bytes, package_id: str) -> str:
    return hmac.new(secret, package_id.encode(), hashlib.sha256).hexdigest()


def proves(invited: Enrolment, package_id: str, claimed: str) -> bool:
    """Does ``claimed`` prove the invitation's secret for this package?"""
    expected = proof(base64.b64decode(invited.secret), package_id)
    return bool(claimed) and hmac.compare_digest(expected, claimed)


def invite(writer: Writer, *, worker_name: str, worker_role: str, team: str | None = None
           ) -> bytes:  # fmt: skip
    """Central: add the worker (with their Träger, if known), remember the secret's hash,
    write the signed invitation. The Träger stays at the coordination: it is master data
    for its reports, and a laptop never sends worker rows."""
    keys = own_keys(writer.session)
    worker = writer.insert(Worker(name=worker_name, role=worker_role, team=team or None))
    device_id, secret = uuid7(), secrets.token_bytes(32)
    # The coordination issues every device row; the laptop's keys are added to it when
    # its first package proves the secret.
    writer.insert(Device(id=device_id, name=DeviceRole.FIELD.label, role=DeviceRole.FIELD.value,
                         worker_id=worker.id))
    writer.session.add(Enrolment(
        device_id=device_id, worker_id=worker.id,
        secret=base64.b64encode(secret).decode(),
        created_on=dt.date.today().isoformat(),
    ))  # fmt: skip
    connection = writer.session.connection()
    ids = list(writer.session.exec(select(MasterItem.id)).all())
    master = list(sync_rows.load(connection, "master_item", ids).values())
    body = {
        "format": FORMAT, "central": keys.public().to_dict(), "device_id": device_id,
        "worker_id": worker.id, "worker_role": worker_role,
        "secret": base64.b64encode(secret).decode(), "master": master,
    }  # fmt: skip
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    signature = base64.b64encode(sign_bytes(keys, data)).decode()
    return json.dumps({"invitation": body, "signature": signature}, indent=1).encode()


def read_invitation(raw: bytes) -> Invitation:
    """Parse and verify (self-signed: compare the fingerprint with the coordination).

    Anything that is not an invitation at all (a sync package, a document) raises
    :class:`NotAnInvitation`; an invitation that fails its checks :class:`InvitationDamaged`.
    """
    try:
        outer = json.loads(raw)
    except (ValueError, TypeError):
        raise NotAnInvitation() from None
    if not isinstance(outer, dict) or "invitation" not in outer:
        raise NotAnInvitation()
    try:
        body = outer["invitation"]
        central = PublicKeys.from_dict(body["central"])
        data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        verify_bytes(central.signing, data, base64.b64decode(outer["signature"]))
        role = WorkerRole(body["worker_role"]).value
        return Invitation(central, body["worker_id"], role, body["device_id"],
                          base64.b64decode(body["secret"]), list(body["master"]),
                          str(body.get("worker_name", "")).strip())
    except UserError:
        raise InvitationDamaged() from None
    except (ValueError, KeyError, TypeError) as error:
        raise InvitationDamaged() from error


def accept(writer: Writer, invitation: Invitation) -> None:
    """Laptop: remember the coordination's keys and the secret; take its master data."""
    state.put(writer.session, CENTRAL, json.dumps(invitation.central.to_dict()))
    state.put(writer.session, SECRET, base64.b64encode(invitation.secret).decode())
    connection = writer.session.connection()
    sync_rows.save(connection, "master_item", invitation.master)
