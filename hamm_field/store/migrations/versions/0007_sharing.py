"""Families shared with workers besides their responsible one, and merged families' ids.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_hlc", sa.Integer(), nullable=False),
        sa.Column("created_device", sa.String(length=36), nullable=False),
        sa.Column("stamps", sa.JSON(), nullable=False),
        sa.Column("deleted_hlc", sa.Integer(), nullable=True),
        sa.Column("erased", sa.Boolean(), nullable=False),
    ]


def _reference(name: str, target: str) -> sa.Column:
    return sa.Column(name, sa.String(length=36),
                     sa.ForeignKey(target, deferrable=True, initially="DEFERRED"),
                     nullable=False)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "family_share", *_sync_columns(),
        _reference("household_id", "household.id"), _reference("worker_id", "worker.id"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("hlc", "household_id", "worker_id"):
        op.create_index(f"ix_family_share_{column}", "family_share", [column])
    op.create_table(
        "household_redirect", *_sync_columns(), _reference("target_id", "household.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("hlc", "target_id"):
        op.create_index(f"ix_household_redirect_{column}", "household_redirect", [column])


def downgrade() -> None:
    op.drop_table("household_redirect")
    op.drop_table("family_share")
