"""Caseload benchmarks on the loaded demo store: the duplicate review and a worker's caseload.

The coordination's review of likely duplicates groups every member by Latin name and birth
year and every family by address (``services/duplicates.py``); its baseline is the bare
grouping scan over the same persons in raw ``sqlcipher3``. A laptop's caseload
(``store/caseload.py``: responsible, shared, not closed too long) is computed for every
return package; its baseline is the plain lookup of the worker's families by ``worker_id``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.common import PASSWORD, Figure, median_of
from hamm_field.services.duplicates import candidate_pairs
from hamm_field.store.caseload import held_families
from hamm_field.store.engine import make_engine
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.paths import StorePaths

RAW_GROUPING = ("SELECT name_latin, birth_year, count(DISTINCT household_id) FROM person "
                "GROUP BY name_latin, birth_year HAVING count(DISTINCT household_id) > 1")
RAW_CASELOAD = "SELECT id FROM household WHERE worker_id = ?"


def run(work: Path, raw_open, repeat: int = 3) -> list[Figure]:  # type: ignore[no-untyped-def]
    """``raw_open(path, key)`` opens the same file in raw ``sqlcipher3``."""
    paths = StorePaths(work / "store")
    data_key, _worker = KeyFile.load(paths.keyfile).unlock_with_password(PASSWORD)
    engine = make_engine(paths.database, data_key)
    raw = raw_open(paths.database, data_key)
    try:
        with engine.connect() as connection:
            worker = connection.exec_driver_sql(
                "SELECT worker_id FROM household GROUP BY worker_id ORDER BY count(*) DESC LIMIT 1"
            ).scalar_one()
            review, _ = median_of(repeat, lambda: candidate_pairs(connection))
            caseload, _ = median_of(repeat, lambda: held_families(connection, worker,
                                                                  dt.date.today()))
            held = len(held_families(connection, worker, dt.date.today()))
            by_member, by_address = candidate_pairs(connection)
            found = len(by_member | by_address)
        scan, _ = median_of(repeat, lambda: raw.execute(RAW_GROUPING).fetchall())
        lookup, _ = median_of(repeat, lambda: raw.execute(RAW_CASELOAD, (worker,)).fetchall())
    finally:
        raw.close()
        engine.dispose()
    return [
        Figure(f"likely duplicates: candidate pairs (median of {repeat})", review, "s",
               "raw sqlcipher3 grouping of members", scan, "-",
               f"{found:,} pairs by member or address"),
        Figure(f"a worker's caseload for a return (median of {repeat})", caseload, "s",
               "raw sqlcipher3 families by worker_id", lookup, "-",
               f"{held:,} families held"),
    ]  # fmt: skip
