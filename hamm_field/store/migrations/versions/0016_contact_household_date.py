"""The Löschfristen ask of every live family whether it had a contact since a day
(``store/retention.py``), at the coordination for each review and return package: a small
index of the live families to walk, and one seek per family into its live contacts.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_household_live", "household", ["id"],
        sqlite_where=sa.text("deleted_hlc IS NULL AND erased = 0"),
    )
    op.create_index(
        "ix_contact_household_live_date", "contact", ["household_id", "date"],
        sqlite_where=sa.text("deleted_hlc IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_household_live", table_name="household")
    op.drop_index("ix_contact_household_live_date", table_name="contact")
