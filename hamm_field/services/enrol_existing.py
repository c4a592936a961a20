"""Enrolling a laptop that was set up without an invitation, keeping what it recorded.

Its rows name the worker and device ids it made for itself; the coordination accepts
writes only under the ids it issued. Loading an invitation therefore renames those ids
everywhere (:mod:`hamm_field.store.reidentify`) and stores the enrolment as
:func:`hamm_field.services.setup.join` does, in one write transaction. What was recorded
before then belongs to the invited worker and travels with the first package.

The key file names the worker in its password slot, and a slot can only be wrapped anew
with the password, so the person confirms it. Order: the invited worker's slot is added
to the key file (after the old one, which keeps opening the store), then the database is
rewritten and committed, then the old slot goes. A crash before the commit leaves the
store as it was (plus an unused slot); one after it is finished at the next unlock
(:func:`hamm_field.store.reidentify.settle_keyfile`).

The audit log is a hash chain and is not rewritten: its entries up to the enrolment keep
the old ids, and the enrolment's entry (action ``enrol``, entity ``device``, the old
device id as its record, the new worker and device as its author) links them to the new
ones; ``local_state`` keeps both old ids (``enrolled_from``).
"""

from __future__ import annotations

import contextlib
import json
import logging

from hamm_field.domain.errors import UserError, WrongPassword
from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.services.setup import InvitedWorker, NameMissing, read_invitation
from hamm_field.store import audit, reidentify, state
from hamm_field.store.keyfile import KeyFile, PasswordUnlock
from hamm_field.store.unit import Store, Writer
from hamm_field.sync import enrolment

log = logging.getLogger(__name__)

ACTION = "enrol"


class AlreadyEnrolled(UserError):
    message = N_("Dieser Laptop ist schon bei der Koordination angemeldet. Eine Einladung "
                 "wird nur auf einem Laptop geladen, der noch nicht angemeldet ist.")  # fmt: skip


class CoordinationStore(UserError):
    message = N_("Dies ist die zentrale Ablage der Koordination. Eine Einladung wird auf "
                 "einem Laptop geladen.")  # fmt: skip


class EnrolExisting:
    """Load an invitation on a laptop that is already in use but not yet enrolled."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def possible(self) -> bool:
        """Is this a laptop the coordination has not enrolled yet (the button shows)?"""
        try:
            self.check()
        except UserError:
            return False
        return True

    def check(self) -> None:
        """Raise the one reason this store cannot load an invitation, if there is one."""
        with self.context.store.read() as session:
            role = state.get(session, "device_role")
            enrolled = state.get(session, enrolment.CENTRAL) is not None
        if role == DeviceRole.CENTRAL.value:
            raise CoordinationStore()
        if enrolled:
            raise AlreadyEnrolled()

    def read(self, invitation: bytes) -> InvitedWorker:
        """Whom the invitation is for; refuses before anything is shown or changed."""
        self.check()
        return read_invitation(invitation)

    def current_name(self) -> str:
        worker = self.context.worker
        return worker.name if worker is not None else ""

    def enrol(self, invitation: bytes, *, name: str, password: str) -> None:
        """Take the invitation's ids and keys; everything recorded so far is kept."""
        self.check()
        invited = enrolment.read_invitation(invitation)
        name = name.strip()
        if not name:
            raise NameMissing()
        store = self.context.store
        old_worker, old_device = store.worker_id, store.device_id
        if not old_worker or old_worker != store.owner_id:
            raise WrongPassword()  # only the laptop's own worker enrols it
        keyfile = KeyFile.load(store.paths.keyfile)
        unlocked = keyfile.open_with_password(password)
        if unlocked.user_id != old_worker or unlocked.data_key != store.data_key:
            raise WrongPassword()
        _add_slot(store, keyfile, invited.worker_id, password, unlocked)
        try:
            with store.write() as writer:
                _rewrite(writer, invited, name, old_worker, old_device)
        except BaseException:
            with contextlib.suppress(Exception):
                _drop_slot(store, invited.worker_id)
            raise
        store.worker_id = store.owner_id = invited.worker_id
        store.device_id = invited.device_id
        self.context._worker = None
        reidentify.settle_keyfile(store)
        log.info("laptop %s enrolled from an invitation as %s", old_device, invited.device_id)


def _add_slot(store: Store, keyfile: KeyFile, worker_id: str, password: str,
              unlocked: PasswordUnlock) -> None:  # fmt: skip
    """The invited worker's slot beside the old one; a leftover of a cut-off try is replaced."""
    if worker_id in keyfile.user_ids():
        keyfile.remove_password(worker_id)
    keyfile.add_password(worker_id, password, unlocked.data_key, unlocked.kdf)
    keyfile.save(store.paths.keyfile)


def _drop_slot(store: Store, worker_id: str) -> None:
    keyfile = KeyFile.load(store.paths.keyfile)
    if worker_id in keyfile.user_ids():
        keyfile.remove_password(worker_id)
        keyfile.save(store.paths.keyfile)


def _rewrite(writer: Writer, invited: enrolment.Invitation, name: str,
             old_worker: str, old_device: str) -> None:  # fmt: skip
    """All of it in the caller's transaction: ids, the worker, the enrolment, the audit."""
    connection = writer.session.connection()
    reidentify.rename_ids(connection, {old_worker: invited.worker_id,
                                       old_device: invited.device_id})  # fmt: skip
    reidentify.rekey_shares(connection, invited.worker_id)
    writer.device_id, writer.worker_id = invited.device_id, invited.worker_id
    worker = writer.session.get(Worker, invited.worker_id)
    if worker is None:
        raise RuntimeError("the worker row was not renamed")
    writer.update(worker, {"name": name, "role": invited.worker_role})
    enrolment.accept(writer, invited)
    state.put(writer.session, reidentify.ENROLLED_FROM,
              json.dumps({"worker": old_worker, "device": old_device}))  # fmt: skip
    audit.append(writer.session, hlc=writer.clock.now(), device_id=invited.device_id,
                 worker_id=invited.worker_id, action=ACTION, entity="device",
                 record_id=old_device, fields=[])  # fmt: skip
