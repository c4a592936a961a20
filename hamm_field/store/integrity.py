"""Checks that the encrypted file and the audit chain are whole."""

from __future__ import annotations

from dataclasses import dataclass

from hamm_field.store import audit
from hamm_field.store.unit import Store


@dataclass(frozen=True)
class IntegrityReport:
    cipher_ok: bool
    sqlite_ok: bool
    audit: audit.AuditCheck

    @property
    def ok(self) -> bool:
        return self.cipher_ok and self.sqlite_ok and self.audit.ok


def check_integrity(store: Store) -> IntegrityReport:
    with store.engine.connect() as connection:
        cipher = connection.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
        sqlite = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        connection.rollback()
    with store.read() as session:
        chain = audit.verify(session)
    return IntegrityReport(not cipher, sqlite == [("ok",)], chain)
