"""Indexes for the worker's own lists: "my contacts this week", "my families".

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_contact_worker_date", "contact", ["worker_id", "date"])
    op.create_index("ix_household_worker_status", "household", ["worker_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_household_worker_status", table_name="household")
    op.drop_index("ix_contact_worker_date", table_name="contact")
