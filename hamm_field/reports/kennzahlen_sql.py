"""The SQL behind the Kennzahlen: which rows count, and the aggregates over them.

Every figure is an aggregate computed by SQLite; Python only reads the few result rows.
Over a million contacts the expensive part is sorting, so the contacts of the period are
read from the encrypted table once, into narrow temporary tables (kept in memory:
``temp_store = MEMORY``), and grouped there, with small integer codes for families and
workers (``kz_household``: the rank by id, ``kz_worker``: the row id):

- ``kz_contact``: one row per counted contact, only the columns the figures need;
- ``kz_group``: contacts grouped by family and the dimensions that rarely change within a
  family (Sozialraum, Integrationspaket, Sprache, worker), so those breakdowns and the
  per-family figures group a third of the rows;
- ``kz_family``: one row per family (and one for the Veranstaltungen, without family).

The contacts of a family all land in one set of these tables, so the families can be
split into parts counted side by side (``kennzahlen_parts.py``).

Which rows count (DOMAIN.md; the same rules in every query):

- tombstones (``deleted_hlc IS NOT NULL``) never count, nor anything of a deleted family;
  erased rows do count (an erasure blanks names, not the work done);
- a contact counts in the period of its date; a Veranstaltung adds its participants and
  no family;
- an empty value is a missing one (``o. A.``), as the kept counts have it; where the
  dimension does not apply the key is ``NOT_APPLICABLE_KEY`` (``entfällt``): the
  Herkunftsland of a Veranstaltung, the institution of a kind that does not ask for one;
- filters: for contacts the contact's own Sozialraum, Paket and worker; for handouts,
  goals, observations and new families the family's Sozialraum and Pakete and the worker
  who made the record (for new families the family's responsible worker); ``team`` is the
  Träger (``worker.team``) of that worker and ``role`` its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hamm_field.domain.tables_report import ASKED_KINDS, NOT_APPLICABLE_KEY
from hamm_field.reports.model import Filters, Period

TEMP_TABLES = ("kz_family", "kz_group", "kz_contact", "kz_worker", "kz_household")

# Digest columns of a group of rows: how many, and their version stamps. A stamp changes
# with every edit, delete and merge of a row, so these change whenever the data does.
# (The milliseconds of the stamps are summed: that cannot overflow 64 bits.)
DIGEST = "count(*) AS n, sum({t}hlc >> 16) AS h1, max({t}hlc) AS h3"
KINDS = ("beratung", "hausbesuch", "sprechstunde", "schriftstueck", "telefonat", "vermittlung",
         "veranstaltung")  # fmt: skip


@dataclass(frozen=True)
class Sql:
    """A statement and its parameters (qmark style)."""

    text: str
    params: tuple[Any, ...] = ()


def _range(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


def worker_conditions(filters: Filters) -> list[tuple[str, str]]:
    """The filters that select workers by a column of ``worker``: Träger and role."""
    pairs = (("team", filters.team), ("role", filters.role))
    return [(column, value) for column, value in pairs if value is not None]


def code_tables(low: int, high: int) -> list[Sql]:
    """Small integer codes for the families with a row id in ``(low, high]`` and for
    workers (their row ids): sorting and counting distinct integers is about twice as fast
    as 36-character ids. A family's code is its rank by id.
    Deleted families get no code, and with it their contacts drop out."""
    return [
        Sql("CREATE TEMP TABLE kz_household (id TEXT PRIMARY KEY, family INTEGER UNIQUE, "
            "herkunftsland TEXT, hlc INTEGER) WITHOUT ROWID"),
        Sql("INSERT INTO kz_household SELECT id, row_number() OVER (ORDER BY id), "
            "nullif(herkunftsland, ''), hlc FROM household "
            "WHERE deleted_hlc IS NULL AND rowid > ? AND rowid <= ?", (low, high)),
        Sql("CREATE TEMP TABLE kz_worker (id TEXT PRIMARY KEY, worker INTEGER) WITHOUT ROWID"),
        Sql("INSERT INTO kz_worker SELECT id, rowid FROM worker"),
    ]


def contact_rows(
    period: Period, filters: Filters, *, with_events: bool, use_date_index: bool
) -> Sql:
    """Fill ``kz_contact`` with the contacts of the period that pass the filters: those of
    the families in ``kz_household`` and, ``with_events``, the Veranstaltungen.

    Over a long period the date index costs a random page read per row, and one scan of
    the table is faster, so the caller decides with the table's size in mind; one worker's
    contacts are read through the index of worker and date.
    """
    family = "(c.household_id IS NULL OR f.family IS NOT NULL)" if with_events \
        else "f.family IS NOT NULL"
    where = ["c.deleted_hlc IS NULL", "c.date >= ?", "c.date <= ?", family]
    params: list[Any] = list(_range(period))
    if filters.sozialraum is not None:
        where.append("c.sozialraum = ?")
        params.append(filters.sozialraum)
    if filters.paket is not None:
        where.append("c.paket = ?")
        params.append(filters.paket)
    if filters.worker_id is not None:
        where.append("c.worker_id = ?")
        params.append(filters.worker_id)
    for column, value in worker_conditions(filters):
        where.append(f"c.worker_id IN (SELECT id FROM worker WHERE {column} = ?)")
        params.append(value)
    narrow = use_date_index or filters.worker_id is not None  # (worker_id, date) index
    source = "contact AS c" if narrow else "contact AS c NOT INDEXED"
    text = (
        "CREATE TEMP TABLE kz_contact AS SELECT "
        "f.family AS family, c.kind AS kind, c.kind = 'begleitung' AS b, "
        "substr(c.date, 1, 7) AS month, nullif(c.sozialraum, '') AS sozialraum, "
        "nullif(c.paket, '') AS paket, nullif(c.institution, '') AS institution, "
        "nullif(c.language, '') AS language, w.worker AS worker, "
        "c.duration_min AS minutes, "
        "CASE WHEN c.kind = 'veranstaltung' THEN c.participants END AS participants, "
        "c.hlc AS hlc "
        f"FROM {source} LEFT JOIN kz_household AS f ON f.id = c.household_id "
        f"LEFT JOIN kz_worker AS w ON w.id = c.worker_id WHERE {' AND '.join(where)}"
    )
    return Sql(text, tuple(params))


def grouped() -> Sql:
    """``kz_group``: per family and slowly changing dimensions, with per-kind sums."""
    kinds = ", ".join(f"sum(kind = '{kind}') AS k_{kind}" for kind in KINDS)
    return Sql(
        "CREATE TEMP TABLE kz_group AS SELECT family, sozialraum, paket, language, worker, "
        "sum(b) AS nb, sum(b * minutes) AS minutes_b, total(participants) AS participants, "
        f"{kinds}, sum(institution IS NULL AND kind IN ({ASKED_KINDS})) AS n_no_institution, "
        f"sum((institution IS NULL AND kind IN ({ASKED_KINDS})) * b) AS nb_no_institution, "
        f"sum(institution IS NULL AND kind NOT IN ({ASKED_KINDS})) AS n_not_asked, "
        f"{DIGEST.format(t='')} "
        "FROM kz_contact GROUP BY family, sozialraum, paket, language, worker"
    )


def families() -> Sql:
    """``kz_family``: one row per family with its id, Herkunftsland and stamp; the
    Veranstaltungen share the row ``NULL``."""
    return Sql(
        "CREATE TEMP TABLE kz_family AS SELECT g.family AS family, h.id AS id, "
        "h.herkunftsland AS herkunftsland, h.hlc AS hlc, sum(g.n) AS n, sum(g.nb) AS nb, "
        "sum(g.h1) AS h1, max(g.h3) AS h3 "
        "FROM kz_group AS g LEFT JOIN kz_household AS h ON h.family = g.family "
        "GROUP BY g.family"
    )


def headline() -> Sql:
    kinds = ", ".join(f"sum(k_{kind})" for kind in KINDS)
    return Sql(
        f"SELECT sum(n), sum(nb), sum(minutes_b), total(participants), {kinds} FROM kz_group"
    )


def family_count() -> Sql:
    return Sql("SELECT count(family) FROM kz_family")


def breakdown_from_groups(column: str) -> Sql:
    """A breakdown by a dimension of ``kz_group``: contacts, Begleitungen, families."""
    return Sql(
        f"SELECT {column}, sum(n), sum(nb), count(DISTINCT family) FROM kz_group "
        f"GROUP BY {column}"
    )


def by_month() -> Sql:
    return Sql(
        "SELECT month, count(*), sum(b), count(DISTINCT family) FROM kz_contact GROUP BY month"
    )


def by_institution() -> Sql:
    """Contacts with an institution, then those without one from the per-family groups,
    which count them without sorting every contact again: key ``NULL`` ("o. A.") where
    the kind asks for one, else ``NOT_APPLICABLE_KEY`` ("entfällt"; never a Begleitung)."""
    return Sql(
        "SELECT institution, count(*), sum(b), count(DISTINCT family) FROM kz_contact "
        "WHERE institution IS NOT NULL GROUP BY institution "
        "UNION ALL SELECT NULL, sum(n_no_institution), sum(nb_no_institution), "
        "count(DISTINCT CASE WHEN n_no_institution > 0 THEN family END) FROM kz_group "
        "HAVING sum(n_no_institution) > 0 "
        f"UNION ALL SELECT '{NOT_APPLICABLE_KEY}', sum(n_not_asked), 0, "
        "count(DISTINCT CASE WHEN n_not_asked > 0 THEN family END) FROM kz_group "
        "HAVING sum(n_not_asked) > 0"
    )


def by_herkunftsland() -> Sql:
    """The family's Herkunftsland; the Veranstaltungen (no family) fall under
    ``NOT_APPLICABLE_KEY`` ("entfällt"), a family nobody gave one under ``NULL``."""
    return Sql(
        f"SELECT CASE WHEN family IS NULL THEN '{NOT_APPLICABLE_KEY}' ELSE herkunftsland END "
        "AS country, sum(n), sum(nb), count(family) FROM kz_family GROUP BY country"
    )


def contact_digest() -> Sql:
    """How many families and contacts counted, and the stamps of the contacts and of the
    family rows the Herkunftsland was read from."""
    return Sql(
        "SELECT count(id), sum(n), sum(h1), max(h3), sum(hlc >> 16), max(hlc) FROM kz_family"
    )


def _family_scope(filters: Filters, worker_column: str) -> tuple[list[str], list[Any]]:
    """Conditions on a record of a family (alias ``h`` for the family)."""
    where, params = ["h.deleted_hlc IS NULL"], []
    if filters.sozialraum is not None:
        where.append("h.sozialraum = ?")
        params.append(filters.sozialraum)
    if filters.paket is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(h.pakete) WHERE value = ?)")
        params.append(filters.paket)
    if filters.worker_id is not None:
        where.append(f"{worker_column} = ?")
        params.append(filters.worker_id)
    for column, value in worker_conditions(filters):
        where.append(f"{worker_column} IN (SELECT id FROM worker WHERE {column} = ?)")
        params.append(value)
    return where, params


def new_families(period: Period, filters: Filters) -> Sql:
    """Families whose first contact lies in the period: the recorded first-contact date,
    or, where none was recorded, the date of the family's earliest contact."""
    where, params = _family_scope(filters, "h.worker_id")
    first = (
        "coalesce(h.first_contact, (SELECT min(c.date) FROM contact AS c "
        "WHERE c.household_id = h.id AND c.deleted_hlc IS NULL))"
    )
    where.append(f"{first} BETWEEN ? AND ?")
    return Sql(
        f"SELECT {DIGEST.format(t='h.')} FROM household AS h WHERE {' AND '.join(where)}",
        (*params, *_range(period)),
    )


def handouts(period: Period, filters: Filters) -> Sql:
    where, params = _family_scope(filters, "s.worker_id")
    where += ["s.deleted_hlc IS NULL", "s.date BETWEEN ? AND ?"]
    return Sql(
        f"SELECT s.edition, {DIGEST.format(t='s.')} FROM starterpaket_handout AS s "
        f"JOIN household AS h ON h.id = s.household_id WHERE {' AND '.join(where)} "
        "GROUP BY s.edition ORDER BY s.edition",
        (*params, *_range(period)),
    )


def goals(period: Period, filters: Filters) -> Sql:
    """Integrationsziele active in the period (agreed on or before its end, not closed
    before its start), and of those the ones whose status became ``erreicht`` in it.

    Both read the day the status was set, never today's status alone, so a later status
    change dated after the period leaves the period's figures as they were. A goal
    closed (``erreicht`` or ``verworfen``) during or after the period was active in it.
    A row an older version wrote without that day is read as dated ``agreed_on``.
    """
    where, params = _family_scope(filters, "g.worker_id")
    since = "coalesce(g.status_changed_on, g.agreed_on)"
    where += ["g.deleted_hlc IS NULL", "g.agreed_on <= ?",
              f"NOT (g.status IN ('erreicht', 'verworfen') AND {since} < ?)"]  # fmt: skip
    start, end = _range(period)
    return Sql(
        f"SELECT coalesce(sum(g.status = 'erreicht' AND {since} BETWEEN ? AND ?), 0), "
        f"{DIGEST.format(t='g.')} FROM goal AS g JOIN household AS h ON h.id = g.household_id "
        f"WHERE {' AND '.join(where)}",
        (start, end, *params, end, start),
    )


def concerns(period: Period, filters: Filters) -> Sql:
    """Kindeswohl observations with a considerable concern: counted, never listed."""
    where, params = _family_scope(filters, "o.author_id")
    where += ["o.deleted_hlc IS NULL", "o.concern = 'erheblich'", "o.date BETWEEN ? AND ?"]
    return Sql(
        f"SELECT {DIGEST.format(t='o.')} FROM observation AS o "
        f"JOIN household AS h ON h.id = o.household_id WHERE {' AND '.join(where)}",
        (*params, *_range(period)),
    )


def labels() -> Sql:
    """Master-data names, the live row of a key first (a deleted one only as fallback)."""
    return Sql(
        "SELECT kind, key, label, sort_order FROM master_item "
        "ORDER BY deleted_hlc IS NULL, sort_order"
    )


def workers() -> Sql:
    """Worker names by the code ``kz_contact`` holds (the row id) and by id."""
    return Sql("SELECT rowid, id, name FROM worker")


def names_digest() -> Sql:
    """The stamps of the names the breakdowns are keyed by (master data, workers)."""
    return Sql(
        f"SELECT 'master', {DIGEST.format(t='')} FROM master_item "
        f"UNION ALL SELECT 'worker', {DIGEST.format(t='')} FROM worker"
    )


def date_span() -> Sql:
    """The first and last contact date, each read from the date index at once."""
    return Sql("SELECT (SELECT min(date) FROM contact), (SELECT max(date) FROM contact)")
