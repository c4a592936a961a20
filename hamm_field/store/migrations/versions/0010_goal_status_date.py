"""Goals remember the day their status was set (``goal.status_changed_on``).

The Kennzahlen of a past period count a goal as reached or closed by that day, so a later
edit no longer moves them. Existing rows are filled from what the store knows:

- a status edited after the goal was created: the day of that edit's version stamp (the
  milliseconds of its hybrid clock, in local time), the day the worker saved it;
- a status the goal was created with: ``offen`` since ``agreed_on``; any other status
  since ``review_date`` if one is recorded (the review that found it), but not after the
  day the record was created, else since ``agreed_on``. The creation day itself says
  little: demo data and bulk loads are stamped on the day they were loaded.

Never before ``agreed_on`` (validation refuses that). An edited status's stamp is copied
to the new field, so status and date travel as one write (``services/work.Goals``) and a
laptop that migrated before its status edit reached the coordination still wins both
fields there. Row stamps (``hlc``) stay: nothing is sent again for the migration, and
every store computes the same date from the same row.

Revision ID: 0010
Revises: 0009
"""

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _day_of(hlc: int) -> dt.date:
    return dt.datetime.fromtimestamp((hlc >> 16) / 1000).date()


def status_day(status: str, agreed_on: str, review_date: str | None, created_hlc: int,
               stamps: dict) -> tuple[dt.date, list | None]:  # fmt: skip
    """The day the status was set, and the stamp to give the date (None: the creation's)."""
    agreed = dt.date.fromisoformat(agreed_on)
    edited = stamps.get("status")
    if edited is not None:
        return max(agreed, _day_of(int(edited[0]))), edited
    if status == "offen" or not review_date:
        return agreed, None
    reviewed = min(dt.date.fromisoformat(review_date), _day_of(created_hlc))
    return max(agreed, reviewed), None


def upgrade() -> None:
    with op.batch_alter_table("goal") as batch:
        batch.add_column(sa.Column("status_changed_on", sa.Date(), nullable=True))
    connection = op.get_bind()
    rows = connection.exec_driver_sql(
        "SELECT id, status, agreed_on, review_date, created_hlc, stamps FROM goal"
    ).fetchall()
    updates = []
    for record_id, status, agreed_on, review_date, created_hlc, raw in rows:
        stamps = json.loads(raw) if raw else {}
        day, stamp = status_day(status, agreed_on, review_date, created_hlc or 0, stamps)
        if stamp is not None:
            stamps["status_changed_on"] = stamp
        updates.append((day.isoformat(), json.dumps(stamps), record_id))
    if updates:
        connection.exec_driver_sql(
            "UPDATE goal SET status_changed_on = ?, stamps = ? WHERE id = ?", updates
        )


def downgrade() -> None:
    op.get_bind().exec_driver_sql(
        "UPDATE goal SET stamps = json_remove(stamps, '$.status_changed_on') "
        "WHERE json_extract(stamps, '$.status_changed_on') IS NOT NULL"
    )
    with op.batch_alter_table("goal") as batch:
        batch.drop_column("status_changed_on")
