"""Search as you type over 100,000 families: an ordered index of the search keys.

The family list shows the first 200 matches in search-key order. With this partial
index SQLite walks the keys in order and stops after 200 matches instead of sorting
every match, and the LIKE test reads the index, not the table.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_household_search", "household", ["search_text", "id"],
        sqlite_where=sa.text("deleted_hlc IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_household_search", table_name="household")
