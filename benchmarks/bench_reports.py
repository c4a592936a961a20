"""Report benchmarks: the Kennzahlen of a year over 1M contacts as JSON, and as PDF.

Budgets (DESIGN.md): Kennzahlen report over 1M contacts <= 3 s (JSON) / <= 6 s (PDF). The
store is a central store with 100,000 demo families of one complete year (about 946,000
contacts, the same data ``bench_store`` loads), built once and kept in
``benchmarks/out/reports-store-<families>-<year>`` because loading it takes minutes.

Each figure is the median of several runs, through the services exactly as the ``report``
command and the Berichte screen call them (figures computed, then rendered). A year
without filters reads the counts the store keeps; a filtered year of whole months reads
the counts kept per family (``report_family``): one filter each of Sozialraum
(Hamm-Westen, two thirds of the contacts), Paket, worker and Träger (each the one with
the most contacts in the year: the slowest case), and one pair (Hamm-Westen and that
Paket); budgets <= 1 s and <= 2 s. The queries of a filtered report that do not read
contacts (Starterpakete, goals, Kindeswohl, new families) are timed on their own, and
Hamm-Westen is also counted from the contacts. Beside them, in the same run: one
``GROUP BY`` breakdown (contacts,
Begleitungen and distinct families by Sozialraum, the heart of every breakdown; one scan
of the table) run by raw ``sqlcipher3`` on the same file, and by plain ``sqlite3`` on an
unencrypted copy of the contact table; and the same figures counted from the contacts,
in one part and in two parts side by side.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.common import OUT_DIR, PASSWORD, SQLITE_PRAGMAS, Figure, median_of, timed
from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports import kennzahlen
from hamm_field.reports import kennzahlen_sql as q
from hamm_field.reports.kennzahlen_parts import MAX_PARTS, default_parts
from hamm_field.reports.model import Filters, Period
from hamm_field.reports.periods import period_for
from hamm_field.services import Services, demo, setup
from hamm_field.store.engine import connect_raw
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths

SEED = 1
RUNS = 5
FILTER_RUNS = 3
PDF_RUNS = 3
BREAKDOWN = (
    "SELECT sozialraum, count(*), sum(kind = 'begleitung'), count(DISTINCT household_id) "
    "FROM contact NOT INDEXED WHERE deleted_hlc IS NULL AND date >= ? AND date <= ? "
    "GROUP BY sozialraum"
)


def store_dir(families: int, year: int) -> Path:
    return OUT_DIR / f"reports-store-{families}-{year}"


def cached_store(families: int, year: int) -> tuple[StorePaths, dict[str, Any]]:
    """The central demo store of ``families`` families, loaded once and then reused."""
    paths = StorePaths(store_dir(families, year))
    marker = paths.root / "loaded.json"
    if marker.exists():
        return paths, json.loads(marker.read_text())
    if paths.root.exists():  # an interrupted load: start again
        for path in sorted(paths.root.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    result = setup.initialize(paths, device_role=DeviceRole.CENTRAL, name="Benchmark",
                              password=PASSWORD, kdf=calibrate_kdf(0))  # fmt: skip
    seconds, summary = timed(lambda: demo.load_demo(result.store, families=families, seed=SEED,
                                                    year=year))  # fmt: skip
    result.store.close()
    loaded = {"families": summary.families, "contacts": summary.contacts,
              "load_seconds": seconds}  # fmt: skip
    marker.write_text(json.dumps(loaded))
    return paths, loaded


def plain_copy(paths: StorePaths, data_key: bytes) -> Path:
    """The contact table in an unencrypted file (demo data only), for the sqlite3 baseline."""
    plain = paths.root / "contacts-plain.db"
    if plain.exists():
        return plain
    connection = connect_raw(paths.database, data_key)
    connection.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    connection.execute("CREATE TABLE plain.contact AS SELECT * FROM main.contact")
    connection.execute("DETACH DATABASE plain")
    connection.close()
    return plain


def _baselines(paths: StorePaths, data_key: bytes, year: Period) -> tuple[float, float]:
    params = (year.start.isoformat(), year.end.isoformat())
    cipher = connect_raw(paths.database, data_key)
    cipher_median, _ = median_of(RUNS, lambda: cipher.execute(BREAKDOWN, params).fetchall())
    cipher.close()
    plain = sqlite3.connect(str(plain_copy(paths, data_key)), isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        plain.execute(pragma)
    plain_median, _ = median_of(RUNS, lambda: plain.execute(BREAKDOWN, params).fetchall())
    plain.close()
    return cipher_median, plain_median


def _largest(store: Any, year: Period) -> dict[str, Any]:
    """The Paket, worker and Träger with the most contacts in ``year``."""
    months = (year.start.strftime("%Y-%m"), year.end.strftime("%Y-%m"))
    kept = ("FROM report_family WHERE month BETWEEN ? AND ? AND {column} != '' "
            "GROUP BY {column} ORDER BY sum(contacts) DESC LIMIT 1")  # fmt: skip
    with store.engine.connect() as connection:
        def first(sql: str) -> Any:
            return connection.exec_driver_sql(sql, months).scalar_one()

        return {
            "paket": first("SELECT paket " + kept.format(column="paket")),
            "worker_id": first("SELECT worker_id " + kept.format(column="worker_id")),
            "team": first("SELECT w.team FROM report_family AS r JOIN worker AS w "
                          "ON w.id = r.worker_id WHERE r.month BETWEEN ? AND ? "
                          "AND w.team IS NOT NULL GROUP BY w.team "
                          "ORDER BY sum(r.contacts) DESC LIMIT 1"),
        }  # fmt: skip


def _family_queries(store: Any, year: Period, filters: Filters) -> float:
    """The queries of a filtered report besides the contact figures, in one snapshot."""
    where = filters if filters.sozialraum is None else replace(filters, sozialraum="hamm-westen")

    def run() -> None:
        with store.read() as session:
            cursor = kennzahlen.dbapi_connection(session).cursor()
            for sql in (q.handouts(year, where), q.goals(year, where),
                        q.concerns(year, where), q.new_families(year, where)):  # fmt: skip
                cursor.execute(sql.text, sql.params).fetchall()

    return median_of(FILTER_RUNS, run)[0]


def _filtered(reports: Any, store: Any, year: Period, unfiltered: float, raw: float
              ) -> list[Figure]:  # fmt: skip
    """The filtered years through the services, beside the unfiltered one."""
    largest = _largest(store, year)
    westen = Filters(sozialraum="Hamm-Westen")
    cases = [("Sozialraum Hamm-Westen", westen, "<= 1 s"),
             (f"Paket {largest['paket']}", Filters(paket=largest["paket"]), "<= 1 s"),
             ("the busiest worker", Filters(worker_id=largest["worker_id"]), "<= 1 s"),
             (f"Träger {largest['team']}", Filters(team=largest["team"]), "<= 1 s"),
             (f"Hamm-Westen + Paket {largest['paket']}",
              Filters(sozialraum="Hamm-Westen", paket=largest["paket"]), "<= 2 s")]  # fmt: skip
    figures = []
    for label, filters, budget in cases:
        median, times = median_of(FILTER_RUNS, lambda f=filters: reports.render(
            reports.report(year, f, compare=False), "json"))  # fmt: skip
        figures.append(Figure(
            f"  JSON of the year, {label} (median of {FILTER_RUNS})", median, "s",
            "the year without filters (kept counts)", unfiltered, budget,
            f"{median / raw:.2f}x the raw sqlcipher3 GROUP BY ({raw:.2f} s); runs "
            + ", ".join(f"{t:.2f}" for t in times)))  # fmt: skip

    def directly() -> None:
        with store.read() as session:
            kennzahlen.compute(session, year, westen, app_version="bench", kept_counts=False)

    direct, _ = median_of(FILTER_RUNS, directly)
    figures.append(Figure("  Hamm-Westen counted from the contacts (as before report_family)",
                          direct, "s", "from the counts per family", figures[0].value))
    figures.append(Figure("  Hamm-Westen: Starterpakete, goals, Kindeswohl, new families",
                          _family_queries(store, year, westen), "s",
                          "the whole filtered report", figures[0].value))  # fmt: skip
    return figures


def _load() -> str:
    if not hasattr(os, "getloadavg"):
        return "load unknown"
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def run(families: int, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    """``work`` is unused: the store is kept between runs (see the module docstring)."""
    year_number = dt.date.today().year - 1
    paths, loaded = cached_store(families, year_number)
    store = setup.unlock(paths, PASSWORD)
    services = Services.for_store(store)
    year = period_for("jahr", dt.date(year_number, 6, 1))
    reports = services.reports

    def as_json() -> bytes:
        return reports.render(reports.report(year, compare=False), "json")

    data = as_json()  # warm the OS cache, as a second report in a session would find it
    chosen, load = default_parts(), _load()  # what the service chooses as the runs begin
    json_median, json_times = median_of(RUNS, as_json)

    def in_parts(parts: int) -> None:
        with store.read() as session:
            kennzahlen.compute(session, year, Filters(), app_version="bench", parts=parts,
                               kept_counts=False)  # fmt: skip

    one_part_median, _ = median_of(RUNS, lambda: in_parts(1))
    two_parts_median, _ = median_of(RUNS, lambda: in_parts(MAX_PARTS))
    month = period_for("monat", dt.date(year_number, 6, 1))
    month_median, _ = median_of(RUNS, lambda: reports.render(
        reports.report(month, compare=False), "json"))  # fmt: skip
    cipher_median, plain_median = _baselines(paths, store.data_key, year)
    filtered = _filtered(reports, store, year, json_median, cipher_median)
    contacts = json.loads(data)["kontakte"]
    figures = [
        Figure(f"Kennzahlen JSON of a year, {contacts:,} contacts (median of {RUNS})",
               json_median, "s", "raw sqlcipher3: one GROUP BY breakdown", cipher_median,
               "<= 3 s", f"{chosen} part(s) by the load ({load}); runs "
               + ", ".join(f"{t:.2f}" for t in json_times)),
        Figure("  the same figures counted from the contacts, in one part", one_part_median,
               "s", f"in {MAX_PARTS} parts side by side", two_parts_median),
        *filtered,
        Figure("  raw sqlcipher3 breakdown vs plain sqlite3", cipher_median, "s",
               "plain sqlite3: the same GROUP BY", plain_median),
        Figure(f"  Kennzahlen JSON of one month (median of {RUNS})", month_median, "s",
               "a year", json_median),
    ]  # fmt: skip
    if importlib.util.find_spec("hamm_field.reports.pdf_report") is not None:
        def as_pdf() -> bytes:
            return reports.render(reports.report(year, compare=True), "pdf")

        pdf_median, pdf_times = median_of(PDF_RUNS, as_pdf)
        figures.append(Figure(
            f"Kennzahlen PDF of a year, with the previous year (median of {PDF_RUNS})",
            pdf_median, "s", "JSON of the year", json_median, "<= 6 s",
            "runs " + ", ".join(f"{t:.2f}" for t in pdf_times)))  # fmt: skip
    services.close()
    return figures, {"families": families, "year": year_number, "seed": SEED, **loaded}
