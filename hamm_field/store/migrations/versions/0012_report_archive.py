"""The report archive: reports the coordination closed as sent, signed (local table).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_archive",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("archived_at", sa.String(), nullable=False),
        sa.Column("worker_id", sa.String(), nullable=True),
        sa.Column("period_start", sa.String(), nullable=False),
        sa.Column("period_end", sa.String(), nullable=False),
        sa.Column("period_preset", sa.String(), nullable=False),
        sa.Column("filters", sa.String(), nullable=False),
        sa.Column("external", sa.Boolean(), nullable=False),
        sa.Column("figures", sa.LargeBinary(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("data_hash", sa.String(), nullable=False),
        sa.Column("watermark", sa.Integer(), nullable=False),
        sa.Column("json_sha256", sa.String(), nullable=False),
        sa.Column("pdf_sha256", sa.String(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("key_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_archive") as batch:
        batch.create_index("ix_report_archive_json_sha256", ["json_sha256"], unique=False)
        batch.create_index("ix_report_archive_pdf_sha256", ["pdf_sha256"], unique=False)


def downgrade() -> None:
    op.drop_table("report_archive")
