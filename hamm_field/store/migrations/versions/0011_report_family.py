"""Kept counts per family (``report_family``) for filtered reports, and "entfällt".

A filtered report of whole months reads ``report_family``: the contacts counted per month,
every key and family. The presence key of an institution a contact's kind does not ask for
becomes ``-`` ("entfällt"; a missing one stays ``''``, "o. A.").

Both are built from the contacts in a few set-based statements: ``report_family`` grouped
from the counted contacts, the institution presence rows of contacts without one grouped
again. A log not folded
yet (0006 and 0011 in one upgrade: 0006 logs every contact) is taken off the new rows, as
the fold at the end of the upgrade adds it.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = ("month", "sozialraum", "paket", "worker_id", "kind", "language", "institution",
        "herkunftsland", "household_id")  # fmt: skip
COLUMNS = ", ".join(KEYS)
# Every counted contact (live, and without a family or with a live one), with its keys
# as migration 0006 logs them.
COUNTED = (
    "FROM contact AS c LEFT JOIN household AS h ON h.id = c.household_id "
    "WHERE c.deleted_hlc IS NULL "
    "AND (c.household_id IS NULL OR (h.id IS NOT NULL AND h.deleted_hlc IS NULL))"
)
FAMILY_KEYS = (
    "substr(c.date, 1, 7), coalesce(c.sozialraum, ''), coalesce(c.paket, 0), "
    "coalesce(c.worker_id, ''), c.kind, coalesce(c.language, ''), "
    "coalesce(c.institution, ''), coalesce(h.herkunftsland, ''), coalesce(c.household_id, '')"
)
FILL = (
    f"INSERT INTO report_family ({COLUMNS}, contacts, minutes, participants) "
    f"SELECT {FAMILY_KEYS}, count(*), sum(c.duration_min), "
    "sum(CASE WHEN c.kind = 'veranstaltung' THEN coalesce(c.participants, 0) ELSE 0 END) "
    f"{COUNTED} GROUP BY {FAMILY_KEYS}"
)
LOGGED = COLUMNS.replace("household_id", "coalesce(household_id, '')")
UNLOGGED = (
    f"INSERT INTO report_family ({COLUMNS}, contacts, minutes, participants) "
    f"SELECT {LOGGED}, -sum(sign), -sum(sign * minutes), -sum(sign * participants) "
    f"FROM report_log WHERE true GROUP BY {LOGGED} "
    f"ON CONFLICT ({COLUMNS}) DO UPDATE SET contacts = contacts + excluded.contacts, "
    "minutes = minutes + excluded.minutes, participants = participants + excluded.participants"
)


def institution_presence(key: str) -> str:
    """The institution presence rows of contacts without one (of live families), ``key``
    their key; only these change (a third of the rows in the benchmark store)."""
    return (
        "INSERT INTO report_presence (dimension, year, key, household_id, mask) "
        "SELECT 'institution', CAST(substr(c.date, 1, 4) AS INTEGER) AS year, "
        f"{key} AS k, c.household_id, "
        "sum(DISTINCT 1 << (CAST(substr(c.date, 6, 2) AS INTEGER) - 1)) "
        "FROM contact AS c JOIN household AS h ON h.id = c.household_id "
        "WHERE c.deleted_hlc IS NULL AND h.deleted_hlc IS NULL "
        "AND coalesce(c.institution, '') = '' GROUP BY year, k, c.household_id"
    )


NOT_ASKED = ("CASE WHEN c.kind IN ('begleitung', 'schriftstueck', 'vermittlung') THEN '' "
             "ELSE '-' END")  # fmt: skip
WITHOUT = "DELETE FROM report_presence WHERE dimension = 'institution' AND key IN ('', '-')"


def upgrade() -> None:
    op.create_table(
        "report_family",
        *(sa.Column(name, sa.Integer() if name == "paket" else sa.String(), nullable=False)
          for name in KEYS),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ("contacts", "minutes", "participants")),
        sa.PrimaryKeyConstraint(*KEYS),
        sqlite_with_rowid=False,
    )  # fmt: skip
    op.execute(FILL)
    op.execute(UNLOGGED)
    op.execute(WITHOUT)
    op.execute(institution_presence(NOT_ASKED))


def downgrade() -> None:
    op.drop_table("report_family")
    op.execute(WITHOUT)
    op.execute(institution_presence("''"))
