"""GUI benchmarks on the store ``bench_store`` loaded (100k families, ~1M contacts).

Budgets (DESIGN.md): open the store and show the main window <= 1.5 s (the deliberate KDF
apart); search as you type <= 100 ms p95 per keystroke; save a contact <= 50 ms p95. Each
figure stands beside the same work done with raw ``sqlcipher3`` in the same run. Runs in a
child process, so ``ru_maxrss`` is the peak memory of a GUI session on that store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy.dialects import sqlite
from sqlmodel import select

from benchmarks.bench_store import raw_cipher_open
from benchmarks.common import PASSWORD, ROOT, Figure, timed
from hamm_field.domain.tables import Household
from hamm_field.domain.translit import search_key
from hamm_field.services import Services
from hamm_field.services.gateway import Gateway
from hamm_field.services.views import FamilyFilter
from hamm_field.store import migrate
from hamm_field.store.engine import make_engine
from hamm_field.store.keyfile import KeyFile, calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.store.search import ranked_ids
from hamm_field.store.unit import Store

TYPED = ("petrova", "stefan", "ивано", "yusein", "hamm")
SAVES = 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _open(paths: StorePaths) -> Store:
    data_key, worker_id = KeyFile.load(paths.keyfile).unlock_with_password(PASSWORD)
    engine = make_engine(paths.database, data_key)
    migrate.upgrade(engine)
    return Store(engine, paths, data_key, worker_id)


def _window_shown(paths: StorePaths) -> tuple[float, Any]:
    """Unlocked key -> main window shown with Heute and the first page of Familien loaded."""
    from PySide6.QtWidgets import QApplication

    from hamm_field.ui.application import make_app
    from hamm_field.ui.background import Runner
    from hamm_field.ui.context import UiContext
    from hamm_field.ui.main_window import MainWindow

    make_app()
    start = time.perf_counter()
    services = Services.for_store(_open(paths))
    ui = UiContext(Gateway(paths, lambda: calibrate_kdf(0)), services, Runner())
    window = MainWindow(ui)
    window.resize(1366, 768)
    window.show()
    window.navigate(1)
    while ui.runner.is_busy or window.families.model.rowCount() == 0:
        QApplication.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start, (window, ui)


def _ranked_sql(query: str) -> str:
    """The ranked page's SQL for ``query`` (see ``store.search``), values inlined."""
    page = ranked_ids(FamilyFilter(query=query), search_key(query), 200)
    statement = select(Household.id, Household.family_name).join(
        page, page.c.id == Household.id).order_by(page.c.rank, page.c.key, page.c.id).limit(200)
    return str(statement.compile(dialect=sqlite.dialect(),
                                 compile_kwargs={"literal_binds": True}))


MEMBERS_SQL = ("SELECT household_id, given_name FROM person WHERE household_id IN ({}) "
               "AND deleted_hlc IS NULL ORDER BY household_id, birth_year IS NULL, "
               "birth_year, given_name")


def _keystrokes(services: Services) -> tuple[list[float], list[float]]:
    """Each prefix as typed: the ranked list page with the members of its families, and
    the count, like the Familien model asks."""
    ours, raw = [], []
    store = services.context.store
    connection = raw_cipher_open(store.paths.database, store.data_key)
    count = "SELECT count(*) FROM household WHERE deleted_hlc IS NULL AND search_text LIKE ?"

    def raw_keystroke(sql: str, pattern: str) -> None:
        ids = [row[0] for row in connection.execute(sql).fetchall()]
        connection.execute(MEMBERS_SQL.format(", ".join("?" * len(ids))), ids).fetchall()
        connection.execute(count, (pattern,)).fetchone()

    for word in TYPED:
        for end in range(1, len(word) + 1):
            flt = FamilyFilter(query=word[:end])
            ours.append(timed(lambda f=flt: (services.views.find_families(f),
                                             services.views.count_families(f)))[0])
            sql, pattern = _ranked_sql(word[:end]), f"%{search_key(word[:end])}%"
            raw.append(timed(lambda s=sql, p=pattern: raw_keystroke(s, p))[0])
    connection.close()
    return ours, raw


def _saves(services: Services) -> tuple[list[float], list[float]]:
    family = services.views.search_families(FamilyFilter(query="petrova"), limit=1)[0]
    ours = [timed(lambda: services.contacts.create(
        household_id=family.id, kind="begleitung", duration_min=60, institution="kinderarzt",
        paket=4, note="Benchmark"))[0] for _ in range(SAVES)]  # fmt: skip
    store = services.context.store
    connection = raw_cipher_open(store.paths.database, store.data_key)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA journal_mode = WAL")
    raw = []
    for number in range(SAVES):
        def insert(n: int = number) -> None:
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO contact (id, hlc, device_id, created_hlc, created_device, stamps, "
                "erased, kind, date, duration_min, household_id, topics, sozialraum, "
                "follow_up_done) VALUES (?, 0, '', 0, '', '{}', 0, 'begleitung', ?, 60, ?, "
                "'[]', 'hamm-westen', 0)",
                (f"raw-{n}", dt.date.today().isoformat(), family.id))
            connection.execute("COMMIT")
        raw.append(timed(insert)[0])
    connection.execute("DELETE FROM contact WHERE id LIKE 'raw-%'")
    connection.close()
    return ours, raw


def child(root: Path) -> dict[str, Any]:
    paths = StorePaths(root)
    shown, (window, ui) = _window_shown(paths)
    services = ui.services
    ours, raw = _keystrokes(services)
    save_ours, save_raw = _saves(services)
    ui.runner.wait()
    window.close()
    return {
        "window_seconds": shown, "keystrokes": len(ours),
        "search_p50": statistics.median(ours), "search_p95": percentile(ours, 0.95),
        "search_raw_p50": statistics.median(raw), "search_raw_p95": percentile(raw, 0.95),
        "save_p50": statistics.median(save_ours), "save_p95": percentile(save_ours, 0.95),
        "save_raw_p50": statistics.median(save_raw), "save_raw_p95": percentile(save_raw, 0.95),
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }  # fmt: skip


def run(work: Path, open_seconds: float | None = None) -> list[Figure]:
    """Measure in a child process on ``work/store`` (made by bench_store)."""
    command = [sys.executable, "-m", "benchmarks.bench_gui", "--dir", str(work / "store")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        Figure("GUI: unlocked key -> main window with Familien shown", r["window_seconds"], "s",
               "open store + first query", open_seconds, "<= 1.5 s",
               "engine, migration check, main window, Heute and first 200 families"),
        Figure(f"search per keystroke p95 ({r['keystrokes']} keys)", r["search_p95"], "s",
               "raw sqlcipher3 same SQL p95", r["search_raw_p95"], "<= 100 ms p95",
               f"p50 {r['search_p50'] * 1000:.0f} ms, raw p50 "
               f"{r['search_raw_p50'] * 1000:.0f} ms; page of 200 + count"),
        Figure(f"save a contact p95 ({SAVES} saves)", r["save_p95"], "s",
               "raw sqlcipher3 insert + commit p95", r["save_raw_p95"], "<= 50 ms p95",
               f"p50 {r['save_p50'] * 1000:.1f} ms, raw p50 {r['save_raw_p50'] * 1000:.1f} ms; "
               "validation, stamps, audit entry, fsync"),
        Figure("GUI session peak memory (ru_maxrss)", r["maxrss_kib"], "KiB"),
    ]  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    print(json.dumps(child(Path(parser.parse_args().dir))))
