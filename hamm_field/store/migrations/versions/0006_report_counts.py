"""Counts for the Kennzahlen, kept up to date by triggers (see domain/tables_report.py).

A contact counts while it and its family are live (a Veranstaltung has no family), with
its family's Herkunftsland. Every change to that appends the old row with -1 and the new
one with +1 to ``report_log``: an insert, an edit of a counted column, a delete, and on
the family's side a new family, a changed Herkunftsland, a deleted or restored family.
The log of the existing contacts is written here; opening the store folds it.

Migration 0005's covering index goes: only filtered reports count contacts now, and the
index cost every contact written (raw inserts of the sync benchmark's million changes: 48 s
with it, 37 s without).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED = ("date", "kind", "household_id", "sozialraum", "paket", "language", "institution",
           "worker_id", "duration_min", "participants", "deleted_hlc")  # fmt: skip
# migration 0005's covering index for counting contacts, which the counts make unneeded
REPORT_INDEX = ["household_id", "sozialraum", "paket", "language", "worker_id", "date", "kind",
                "institution", "duration_min", "participants", "hlc"]  # fmt: skip
LOG_COLUMNS = ("sign, household_id, month, kind, sozialraum, paket, language, institution, "
               "worker_id, herkunftsland, minutes, participants")  # fmt: skip


def _log_values(sign: int, c: str, herkunftsland: str) -> str:
    return (
        f"{sign}, {c}.household_id, substr({c}.date, 1, 7), {c}.kind, "
        f"coalesce({c}.sozialraum, ''), coalesce({c}.paket, 0), coalesce({c}.language, ''), "
        f"coalesce({c}.institution, ''), coalesce({c}.worker_id, ''), "
        f"coalesce({herkunftsland}, ''), {c}.duration_min, "
        f"CASE WHEN {c}.kind = 'veranstaltung' THEN coalesce({c}.participants, 0) ELSE 0 END"
    )


def _log_contact(sign: int, c: str) -> str:
    """Log the contact ``c`` (NEW or OLD) if it counts: live, and without a family or
    with a live one."""
    return (
        f"INSERT INTO report_log ({LOG_COLUMNS}) SELECT {_log_values(sign, c, 'h.herkunftsland')} "
        f"FROM (SELECT 1) LEFT JOIN household AS h ON h.id = {c}.household_id "
        f"WHERE {c}.deleted_hlc IS NULL "
        f"AND ({c}.household_id IS NULL OR (h.id IS NOT NULL AND h.deleted_hlc IS NULL));"
    )


def _log_family(sign: int, h: str) -> str:
    """Log every live contact of the family ``h`` (NEW or OLD) if the family is live."""
    return (
        f"INSERT INTO report_log ({LOG_COLUMNS}) "
        f"SELECT {_log_values(sign, 'c', f'{h}.herkunftsland')} FROM contact AS c "
        f"WHERE c.household_id = {h}.id AND c.deleted_hlc IS NULL AND {h}.deleted_hlc IS NULL;"
    )


TRIGGERS = {
    "report_contact_insert": f"AFTER INSERT ON contact BEGIN {_log_contact(1, 'NEW')} END",
    "report_contact_update": (
        "AFTER UPDATE ON contact WHEN "
        + " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in COUNTED)
        + f" BEGIN {_log_contact(-1, 'OLD')} {_log_contact(1, 'NEW')} END"
    ),
    "report_contact_delete": f"AFTER DELETE ON contact BEGIN {_log_contact(-1, 'OLD')} END",
    "report_household_insert": f"AFTER INSERT ON household BEGIN {_log_family(1, 'NEW')} END",
    "report_household_update": (
        "AFTER UPDATE ON household WHEN OLD.herkunftsland IS NOT NEW.herkunftsland "
        "OR (OLD.deleted_hlc IS NULL) != (NEW.deleted_hlc IS NULL) "
        f"BEGIN {_log_family(-1, 'OLD')} {_log_family(1, 'NEW')} END"
    ),
    "report_household_delete": f"AFTER DELETE ON household BEGIN {_log_family(-1, 'OLD')} END",
}


def upgrade() -> None:
    op.create_table(
        "report_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sign", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.String(), nullable=True),
        *(sa.Column(name, sa.String(), nullable=False)
          for name in ("month", "kind", "sozialraum")),
        sa.Column("paket", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False)
          for name in ("language", "institution", "worker_id", "herkunftsland")),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )  # fmt: skip
    op.create_table(
        "report_sum",
        *(sa.Column(name, sa.String(), nullable=False)
          for name in ("month", "kind", "sozialraum")),
        sa.Column("paket", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False)
          for name in ("language", "institution", "worker_id", "herkunftsland")),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "kind", "sozialraum", "paket", "language",
                                "institution", "worker_id", "herkunftsland"),
        sqlite_with_rowid=False,
    )  # fmt: skip
    op.create_table(
        "report_presence",
        sa.Column("dimension", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("household_id", sa.String(), nullable=False),
        sa.Column("mask", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("dimension", "year", "key", "household_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_report_presence_household_id", "report_presence", ["household_id"])
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.drop_index("ix_contact_report", table_name="contact")
    op.execute(
        f"INSERT INTO report_log ({LOG_COLUMNS}) "
        f"SELECT {_log_values(1, 'c', 'h.herkunftsland')} FROM contact AS c "
        "LEFT JOIN household AS h ON h.id = c.household_id WHERE c.deleted_hlc IS NULL "
        "AND (c.household_id IS NULL OR (h.id IS NOT NULL AND h.deleted_hlc IS NULL))"
    )


def downgrade() -> None:
    op.create_index("ix_contact_report", "contact", REPORT_INDEX,
                    sqlite_where=sa.text("deleted_hlc IS NULL"))  # fmt: skip
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_report_presence_household_id", table_name="report_presence")
    for table in ("report_presence", "report_sum", "report_log"):
        op.drop_table(table)
