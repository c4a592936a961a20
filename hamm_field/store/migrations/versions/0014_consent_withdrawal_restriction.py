"""What a withdrawal of consent covers; pseudonymisations and restrictions (Art. 18).

A withdrawal recorded before this version named no scope. It is read as a withdrawal of
"Weitergabe an Institutionen" where that was given: that only stops referrals, while
making a family pseudonymous blanks names and is left to a person's explicit decision.

Revision ID: 0014
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
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
    with op.batch_alter_table("consent") as batch:
        batch.add_column(sa.Column("withdrawn_sharing", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("withdrawn_documentation", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("consent") as batch:
        batch.alter_column("withdrawn_sharing", server_default=None)
        batch.alter_column("withdrawn_documentation", server_default=None)
    op.execute("UPDATE consent SET withdrawn_sharing = 1 "
               "WHERE withdrawn_on IS NOT NULL AND scope_sharing = 1")
    op.create_table(
        "pseudonymisation", *_sync_columns(),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "restriction", *_sync_columns(),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("lift_reason", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for table in ("pseudonymisation", "restriction"):
        with op.batch_alter_table(table) as batch:
            batch.create_index(f"ix_{table}_hlc", ["hlc"], unique=False)
            batch.create_index(f"ix_{table}_household_id", ["household_id"], unique=False)


def downgrade() -> None:
    op.drop_table("restriction")
    op.drop_table("pseudonymisation")
    with op.batch_alter_table("consent") as batch:
        batch.drop_column("withdrawn_documentation")
        batch.drop_column("withdrawn_sharing")
