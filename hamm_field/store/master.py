"""Master data in the store: seeding the defaults and loading the index."""

from __future__ import annotations

from sqlmodel import Session, select

from hamm_field.domain.master_index import MasterEntry, MasterIndex
from hamm_field.domain.masterdata import default_master_data, master_id
from hamm_field.domain.tables import MasterItem
from hamm_field.store.unit import Writer


def seed_defaults(writer: Writer) -> int:
    """Insert the default master data that is not there yet; returns how many rows."""
    existing = set(writer.session.exec(select(MasterItem.id)).all())
    added = 0
    for order, seed in enumerate(default_master_data()):
        item_id = master_id(seed.kind, seed.key)
        if item_id in existing:
            continue
        writer.insert(
            MasterItem(
                id=item_id,
                kind=str(seed.kind),
                key=seed.key,
                label=seed.label,
                parent=seed.parent,
                tags=list(seed.tags),
                sort_order=order,
            )
        )
        added += 1
    return added


def load_index(session: Session) -> MasterIndex:
    rows = session.exec(
        select(MasterItem).where(MasterItem.deleted_hlc.is_(None)).order_by(MasterItem.sort_order)
    )
    return MasterIndex.of(
        MasterEntry(row.kind, row.key, row.label, row.parent, tuple(row.tags), row.active)
        for row in rows
    )
