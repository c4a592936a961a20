"""Kept counts per family (``report_family``) for filtered reports, and "entfällt".

A filtered report of whole months reads ``report_family``: the contacts counted per month,
every key and family. The presence key of an institution a contact's kind does not ask for
becomes ``-`` ("entfällt"; a missing one stays ``''``, "o. A.").

Both are built from the contacts, set-based, the way migration 0006 built the counts:
the kept counts are emptied and every counted contact is logged, and opening the store
folds the log into all of them. That holds whatever the log held before (0006 and 0011
may run in one upgrade, with 0006's log not folded yet).

Revision ID: 0011
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = ("month", "sozialraum", "paket", "worker_id", "kind", "language", "institution",
        "herkunftsland", "household_id")  # fmt: skip
LOG_COLUMNS = ("sign, household_id, month, kind, sozialraum, paket, language, institution, "
               "worker_id, herkunftsland, minutes, participants")  # fmt: skip
# As migration 0006 logs every counted contact (its triggers are unchanged).
LOG_EVERY_CONTACT = (
    f"INSERT INTO report_log ({LOG_COLUMNS}) SELECT 1, c.household_id, substr(c.date, 1, 7), "
    "c.kind, coalesce(c.sozialraum, ''), coalesce(c.paket, 0), coalesce(c.language, ''), "
    "coalesce(c.institution, ''), coalesce(c.worker_id, ''), coalesce(h.herkunftsland, ''), "
    "c.duration_min, "
    "CASE WHEN c.kind = 'veranstaltung' THEN coalesce(c.participants, 0) ELSE 0 END "
    "FROM contact AS c LEFT JOIN household AS h ON h.id = c.household_id "
    "WHERE c.deleted_hlc IS NULL "
    "AND (c.household_id IS NULL OR (h.id IS NOT NULL AND h.deleted_hlc IS NULL))"
)


def _rebuild() -> None:
    for table in ("report_log", "report_sum", "report_presence"):
        op.execute(f"DELETE FROM {table}")
    op.execute(LOG_EVERY_CONTACT)


def upgrade() -> None:
    op.create_table(
        "report_family",
        *(sa.Column(name, sa.Integer() if name == "paket" else sa.String(), nullable=False)
          for name in KEYS),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ("contacts", "minutes", "participants")),
        sa.PrimaryKeyConstraint(*KEYS),
        sqlite_with_rowid=False,
    )  # fmt: skip
    _rebuild()


def downgrade() -> None:
    op.drop_table("report_family")
    _rebuild()
