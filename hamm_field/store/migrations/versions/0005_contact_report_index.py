"""The Kennzahlen of a year: a narrow copy of the contacts' counted columns.

A report reads every contact of its period. The contact table carries notes and topics
and is about eight times wider than the columns the figures need, and every page of it
has to be decrypted. This partial covering index holds only those columns of the live
contacts, ordered by family, so a report reads an eighth of the pages and looks up the
families in order.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["household_id", "sozialraum", "paket", "language", "worker_id", "date", "kind",
           "institution", "duration_min", "participants", "hlc"]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_contact_report", "contact", COLUMNS,
                    sqlite_where=sa.text("deleted_hlc IS NULL"))  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_contact_report", table_name="contact")
