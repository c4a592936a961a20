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


CIPHER_PRAGMAS = ("cipher_version", "cipher_provider", "cipher_provider_version",
                  "cipher_page_size", "cipher_use_hmac", "cipher_hmac_algorithm",
                  "cipher_plaintext_header_size", "journal_mode", "synchronous",
                  "secure_delete", "temp_store", "foreign_keys")  # fmt: skip


def cipher_settings(store: Store) -> dict[str, str]:
    """What SQLCipher and SQLite report for this open store, pragma by pragma, so the record
    of processing (Art. 30) states the encryption as it is, not as the design meant it."""
    values: dict[str, str] = {}
    with store.engine.connect() as connection:
        for name in CIPHER_PRAGMAS:
            row = connection.exec_driver_sql(f"PRAGMA {name}").fetchone()
            values[name] = "" if row is None else str(row[0])
        connection.rollback()
    return values
