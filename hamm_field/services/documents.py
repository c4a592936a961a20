"""Printable documents: the Notfallblatt and the Starterpaket receipt.

Both are built in memory and handed to the caller as bytes; they hold names (and the
recovery key), so nothing here writes a temp file. The GUI shows and prints them from
memory. Writing one to disk is :func:`save_document`, used only when a person explicitly
chooses "Speichern unter…"; it goes through the atomic writer like every other file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from hamm_field.domain.tables import Person, Worker
from hamm_field.domain.vocab import MasterKind, Relation
from hamm_field.i18n import current_language
from hamm_field.reports.receipt import ReceiptData, handout_receipt_pdf
from hamm_field.reports.receipt_texts import EDITIONS as RECEIPT_EDITIONS
from hamm_field.reports.recovery_sheet import recovery_sheet_pdf
from hamm_field.services import Services
from hamm_field.store.files import atomic_write_bytes


@dataclass(frozen=True)
class HandoutForm:
    """What the handout dialog offers for one family, loaded in one background call."""

    family_name: str
    members: list[tuple[str, str]]  # (person id, "Given Family")
    items: list[tuple[str, str]]  # (master key, label), in master order
    editions: list[tuple[str, str]]
    default_edition: str


def recovery_sheet(services_or_worker_name: Services | str, recovery_key: str) -> bytes:
    """The Notfallblatt in the current language, for the working user (or a given name)."""
    if isinstance(services_or_worker_name, str):
        name, created = services_or_worker_name, dt.date.today()
    else:
        worker = services_or_worker_name.context.worker
        name = worker.name if worker else ""
        created = services_or_worker_name.context.today()
    return recovery_sheet_pdf(
        recovery_key, worker_name=name, created=created, language=current_language()
    )


def _person_name(person: Person | None) -> str:
    return f"{person.given_name} {person.family_name}".strip() if person else ""


def handout_form(services: Services, household_id: str) -> HandoutForm:
    """The family's name and members, the active items and editions, a default edition.

    The default edition is the family's first language when there is an edition in it,
    else German.
    """
    household = services.families.get(household_id)
    master = services.context.master
    statement = (
        select(Person)
        .where(Person.household_id == household_id, col(Person.deleted_hlc).is_(None))
        .order_by(Person.relation != Relation.ELTERNTEIL.value, Person.given_name)
    )
    with services.context.store.read() as session:
        members = [(p.id, _person_name(p)) for p in session.exec(statement)]
    editions = [(e.key, e.label) for e in master.active(MasterKind.STARTERPAKET_EDITION)]
    keys = {key for key, _label in editions}
    first = household.languages[0] if household.languages else None
    default = first if first in keys else ("de" if "de" in keys else editions[0][0])
    return HandoutForm(
        family_name=household.family_name,
        members=members,
        items=[(e.key, e.label) for e in master.active(MasterKind.STARTERPAKET_ITEM)],
        editions=editions,
        default_edition=default,
    )


def receipt_data(services: Services, handout_id: str) -> ReceiptData:
    handout = services.handouts.get(handout_id)
    household = services.families.get(handout.household_id)
    master = services.context.master
    with services.context.store.read() as session:
        worker = session.get(Worker, handout.worker_id) if handout.worker_id else None
        recipient = (
            session.get(Person, handout.recipient_person_id)
            if handout.recipient_person_id
            else None
        )
        recipient_name = _person_name(recipient)
        worker_name = worker.name if worker else ""
    # An edition without receipt texts (added later by the coordination) prints German only.
    edition = handout.edition if handout.edition in RECEIPT_EDITIONS else "de"
    return ReceiptData(
        family_name=household.family_name,
        date=handout.date,
        worker_name=worker_name,
        edition=edition,
        edition_label=master.name(MasterKind.STARTERPAKET_EDITION, handout.edition),
        items=tuple((k, master.name(MasterKind.STARTERPAKET_ITEM, k)) for k in handout.items),
        recipient_name=recipient_name,
    )


def handout_receipt(services: Services, handout_id: str) -> bytes:
    """The bilingual Empfangsbestätigung of one stored handout, as PDF bytes."""
    return handout_receipt_pdf(receipt_data(services, handout_id))


def save_document(path: Path | str, data: bytes) -> None:
    """Write a document the user chose to save, atomically (temp name, fsync, rename)."""
    atomic_write_bytes(path, data)
