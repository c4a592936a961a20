"""Every write is audited; tampering with the chain is detected."""

from sqlmodel import select

from hamm_field.domain.tables_local import AuditEntry
from hamm_field.store import audit


def make_history(services):
    family = services.families.create(
        family_name="Георгиева", sozialraum="hamm-westen", herkunftsland="bulgarien"
    )
    services.families.edit(family.id, status="ruhend")
    services.families.delete(family.id)
    return family


def raw(store, sql, *params):
    with store.engine.begin() as connection:
        connection.exec_driver_sql(sql, params)


def check(store):
    with store.read() as session:
        return audit.verify(session)


def test_every_write_adds_an_entry_with_who_what_and_which_fields(services, new_store):
    family = make_history(services)
    with new_store.store.read() as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.record_id == family.id).order_by(AuditEntry.seq)
        ).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].fields == ["status"]
    assert all(e.worker_id == new_store.store.worker_id for e in entries)
    assert all(e.entity == "household" for e in entries)
    assert check(new_store.store).ok


def test_audit_holds_field_names_not_values(services, new_store):
    make_history(services)
    with new_store.store.read() as session:
        rows = session.exec(select(AuditEntry)).all()
    assert not any("Георгиева" in str(audit.audit_payload(r)) for r in rows)


def test_a_changed_entry_is_detected(services, new_store):
    make_history(services)
    raw(new_store.store, "UPDATE audit_entry SET action = 'delete' WHERE seq = 3")
    result = check(new_store.store)
    assert not result.ok and result.first_bad_seq == 3


def test_a_removed_entry_in_the_middle_is_detected(services, new_store):
    make_history(services)
    raw(new_store.store, "DELETE FROM audit_entry WHERE seq = 5")
    result = check(new_store.store)
    assert not result.ok and result.first_bad_seq == 5


def test_a_removed_tail_is_detected(services, new_store):
    make_history(services)
    raw(new_store.store, "DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)")
    assert not check(new_store.store).ok


def test_a_rewritten_chain_without_the_head_is_detected(services, new_store):
    """Recomputing every hash after an edit still fails against the kept head."""
    make_history(services)
    store = new_store.store
    raw(store, "UPDATE audit_entry SET worker_id = 'someone-else' WHERE seq = 2")
    with store.read() as session:
        prev = audit.GENESIS
        for entry in session.exec(select(AuditEntry).order_by(AuditEntry.seq)):
            entry.prev_hash = prev
            entry.hash = audit.entry_hash(entry)
            prev = entry.hash
            session.add(entry)
        session.commit()
    assert not check(store).ok
