"""Search keys read a j after a vowel as the Bulgarian й (German "Stojanowa" spelling).

The search text of a family is derived from the names by ``translit.search_key``, which
changed; the stored texts are recomputed so old families are found by the new keys too.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

from hamm_field.store.sync_rows import refresh_search_texts

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM household")]
    refresh_search_texts(connection, ids)


def downgrade() -> None:
    """The old keys would only find fewer families; nothing to undo."""
