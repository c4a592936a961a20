"""``check``: is the store whole? Encryption pages, SQLite structure, audit chain."""

from __future__ import annotations

from dataclasses import dataclass

from hamm_field.i18n import gettext as _
from hamm_field.store.integrity import check_integrity
from hamm_field.store.unit import Store


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    database: str
    audit: str
    audit_entries: int


def check_store(store: Store) -> CheckResult:
    report = check_integrity(store)
    database = _("in Ordnung") if report.cipher_ok and report.sqlite_ok else _("beschädigt")
    if report.audit.ok:
        chain = _("in Ordnung")
    else:
        chain = _("verändert ab Eintrag {seq}").format(seq=report.audit.first_bad_seq)
    return CheckResult(report.ok, database, chain, report.audit.entries)
