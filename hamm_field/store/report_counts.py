"""Folding ``report_log`` into the Kennzahlen counts (tables in ``domain/tables_report.py``).

Runs at the end of every write transaction, so a committed store has an empty log and
counts that match its contacts; all of it is set-based SQL:

- the log's +1/-1 rows are added into ``report_sum`` by key, and into ``report_family`` by
  key and family; keys that reach zero go;
- each family the log names gets its ``report_presence`` rows computed again from its live
  contacts (a mask cannot be decremented: another contact may share the month);
- the log is emptied.
"""

from __future__ import annotations

from typing import Any

from hamm_field.domain.tables_report import ASKED_KINDS, NOT_APPLICABLE_KEY

KEYS = ", ".join(("month", "kind", "sozialraum", "paket", "language", "institution",
                  "worker_id", "herkunftsland"))  # fmt: skip
# report_presence dimensions and the column of report_presence_source they key by
DIMENSIONS = {
    "familie": "''",
    "sozialraum": "sozialraum",
    "paket": "paket",
    "sprache": "language",
    "institution": "institution",
    "mitarbeitende": "worker_id",
    "herkunftsland": "herkunftsland",  # the family's, so a change marks it for a refresh
}
ADD_SUMS = (
    f"INSERT INTO report_sum ({KEYS}, contacts, minutes, participants) "
    f"SELECT {KEYS}, sum(sign), sum(sign * minutes), sum(sign * participants) "
    f"FROM report_log WHERE true GROUP BY {KEYS} "
    f"ON CONFLICT ({KEYS}) DO UPDATE SET contacts = contacts + excluded.contacts, "
    "minutes = minutes + excluded.minutes, participants = participants + excluded.participants"
)
DROP_EMPTY_SUMS = (
    "DELETE FROM report_sum WHERE contacts = 0 "
    "AND month IN (SELECT DISTINCT month FROM report_log)"
)
FAMILY_KEYS = ", ".join(("month", "sozialraum", "paket", "worker_id", "kind", "language",
                        "institution", "herkunftsland", "household_id"))  # fmt: skip
LOGGED_FAMILY = FAMILY_KEYS.replace("household_id", "coalesce(household_id, '')")
ADD_FAMILIES = (
    f"INSERT INTO report_family ({FAMILY_KEYS}, contacts, minutes, participants) "
    f"SELECT {LOGGED_FAMILY}, sum(sign), sum(sign * minutes), sum(sign * participants) "
    f"FROM report_log WHERE true GROUP BY {LOGGED_FAMILY} "
    f"ON CONFLICT ({FAMILY_KEYS}) DO UPDATE SET contacts = contacts + excluded.contacts, "
    "minutes = minutes + excluded.minutes, participants = participants + excluded.participants"
)
# Only the rows the log touched, each found through the primary key.
DROP_EMPTY_FAMILIES = (
    f"DELETE FROM report_family WHERE ({FAMILY_KEYS}) IN "
    f"(SELECT DISTINCT {LOGGED_FAMILY} FROM report_log) AND contacts = 0"
)
DIRTY = (
    "CREATE TEMP TABLE report_dirty (household_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "INSERT OR IGNORE INTO temp.report_dirty "
    "SELECT household_id FROM report_log WHERE household_id IS NOT NULL",
    "DELETE FROM report_presence "
    "WHERE household_id IN (SELECT household_id FROM temp.report_dirty)",
)
# The live contacts of those families. CROSS JOIN keeps SQLite's join order: from the
# few families to their contacts, never a scan of every contact.
SOURCE = (
    "CREATE TEMP TABLE report_presence_source AS "
    "SELECT c.household_id AS household_id, CAST(substr(c.date, 1, 4) AS INTEGER) AS year, "
    "CAST(substr(c.date, 6, 2) AS INTEGER) - 1 AS bit, "
    "coalesce(c.sozialraum, '') AS sozialraum, "
    "coalesce(CAST(c.paket AS TEXT), '') AS paket, coalesce(c.language, '') AS language, "
    f"CASE WHEN coalesce(c.institution, '') = '' AND c.kind NOT IN ({ASKED_KINDS}) "
    f"THEN '{NOT_APPLICABLE_KEY}' ELSE coalesce(c.institution, '') END AS institution, "
    "coalesce(c.worker_id, '') AS worker_id, "
    "coalesce(h.herkunftsland, '') AS herkunftsland "
    "FROM temp.report_dirty AS d "
    "CROSS JOIN household AS h ON h.id = d.household_id AND h.deleted_hlc IS NULL "
    "CROSS JOIN contact AS c ON c.household_id = d.household_id AND c.deleted_hlc IS NULL"
)
PRESENCE = (
    "INSERT INTO report_presence (dimension, year, key, household_id, mask) "
    "SELECT '{dimension}', year, {column}, household_id, sum(DISTINCT 1 << bit) "
    "FROM temp.report_presence_source GROUP BY year, {column}, household_id"
)
DROP_TEMP = (
    "DROP TABLE IF EXISTS temp.report_dirty",
    "DROP TABLE IF EXISTS temp.report_presence_source",
)


def _run(connection: Any, sql: str) -> Any:
    """``connection``: a SQLAlchemy connection or a DB-API connection/cursor."""
    if hasattr(connection, "exec_driver_sql"):
        return connection.exec_driver_sql(sql)
    return connection.execute(sql)


def pending(connection: Any) -> bool:
    """True while changes wait in the log (only inside an unfinished write, normally)."""
    return bool(_run(connection, "SELECT EXISTS (SELECT 1 FROM report_log)").fetchone()[0])


def fold(connection: Any) -> None:
    """Bring the counts up to date with the log, inside the caller's transaction."""
    if not pending(connection):
        return
    _run(connection, ADD_SUMS)
    _run(connection, DROP_EMPTY_SUMS)
    _run(connection, ADD_FAMILIES)
    _run(connection, DROP_EMPTY_FAMILIES)
    for sql in (*DROP_TEMP, *DIRTY, SOURCE):
        _run(connection, sql)
    for dimension, column in DIMENSIONS.items():
        _run(connection, PRESENCE.format(dimension=dimension, column=column))
    for sql in DROP_TEMP:
        _run(connection, sql)
    _run(connection, "DELETE FROM report_log")
