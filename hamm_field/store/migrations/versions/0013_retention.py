"""Löschfristen: the coordination's retention rules and holds (both replicated).

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
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


def upgrade() -> None:
    op.create_table(
        "retention_rule", *_sync_columns(),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_retention_rule_hlc", "retention_rule", ["hlc"])
    op.create_table(
        "retention_hold", *_sync_columns(),
        sa.Column("household_id", sa.String(length=36),
                  sa.ForeignKey("household.id", deferrable=True, initially="DEFERRED"),
                  nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("hlc", "household_id"):
        op.create_index(f"ix_retention_hold_{column}", "retention_hold", [column])


def downgrade() -> None:
    op.drop_table("retention_hold")
    op.drop_table("retention_rule")
