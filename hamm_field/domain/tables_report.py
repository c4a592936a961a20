"""Counts kept for the Kennzahlen, so a report reads thousands of rows, not a million.

They never travel and hold no names: each store derives them from its own contacts.
Triggers on ``contact`` and ``household`` (migration 0006) append every change of a
counted contact to ``report_log``; the commit of every write folds the log into the sums
(``report_sum``, and per family ``report_family``, migration 0011) and recomputes the
presence rows of the families it names (``store/report_counts.py``).

A missing value is stored as ``''`` (Paket: 0): the columns form primary keys, which in
SQLite must not be NULL, and an upsert only meets a row whose key compares equal.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from hamm_field.domain.vocab import INSTITUTION_KINDS

NOT_APPLICABLE_KEY = "-"
"""The presence key of an institution a contact's kind does not ask for (no master key
is a bare hyphen): counted under "entfällt", where a missing one is "o. A."."""

ASKED_KINDS = ", ".join(f"'{kind}'" for kind in sorted(INSTITUTION_KINDS))
"""The kinds of contact that ask for an institution, as an SQL list: the kept counts and
the report queries tell "o. A." from "entfällt" by the same list."""


class ReportSum(SQLModel, table=True):
    """Contacts per month and every key a report breaks them down by (no family)."""

    __tablename__ = "report_sum"
    __table_args__ = {"sqlite_with_rowid": False}

    month: str = Field(primary_key=True)  # YYYY-MM
    kind: str = Field(primary_key=True)
    sozialraum: str = Field(primary_key=True)
    paket: int = Field(primary_key=True)
    language: str = Field(primary_key=True)
    institution: str = Field(primary_key=True)
    worker_id: str = Field(primary_key=True)
    herkunftsland: str = Field(primary_key=True)
    contacts: int
    minutes: int
    participants: int


class ReportFamily(SQLModel, table=True):
    """The rows of ``report_sum`` split by family (``''``: the Veranstaltungen), so a
    filtered report of whole months is a range of these rows: sums per key, and distinct
    families per key. The filter columns come first in the key, after the month."""

    __tablename__ = "report_family"
    __table_args__ = {"sqlite_with_rowid": False}

    month: str = Field(primary_key=True)
    sozialraum: str = Field(primary_key=True)
    paket: int = Field(primary_key=True)
    worker_id: str = Field(primary_key=True)
    kind: str = Field(primary_key=True)
    language: str = Field(primary_key=True)
    institution: str = Field(primary_key=True)
    herkunftsland: str = Field(primary_key=True)
    household_id: str = Field(primary_key=True)
    contacts: int
    minutes: int
    participants: int


class ReportPresence(SQLModel, table=True):
    """In which months of ``year`` a family had a contact with ``key`` (bit ``m``: month
    ``m + 1``), so whole months of a year are one test per row, and each family is one
    row per key: distinct families are counted without sorting.
    """

    __tablename__ = "report_presence"
    __table_args__ = {"sqlite_with_rowid": False}

    dimension: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    key: str = Field(primary_key=True)
    household_id: str = Field(primary_key=True, index=True)
    mask: int


class ReportLog(SQLModel, table=True):
    """A counted contact entering (+1) or leaving (-1) the counts, until the next fold."""

    __tablename__ = "report_log"

    seq: int | None = Field(default=None, primary_key=True)
    sign: int
    household_id: str | None = None
    month: str
    kind: str
    sozialraum: str
    paket: int
    language: str
    institution: str
    worker_id: str
    herkunftsland: str
    minutes: int
    participants: int
