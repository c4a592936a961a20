"""The return ledger: each return package written and the families it carried (local).

Revision ID: 0015
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "return_ledger",
        sa.Column("package_id", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("acked_sequence", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("families", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("package_id"),
    )
    with op.batch_alter_table("return_ledger") as batch:
        batch.create_index("ix_return_ledger_device_id", ["device_id"], unique=False)


def downgrade() -> None:
    op.drop_table("return_ledger")
