"""Key files and stores of other versions, shared by the store tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from hamm_field.store.engine import make_engine
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths

FLOOR = calibrate_kdf(0)  # what the tests use: the floor, there is nothing below it
RECOVERY = "0A1B-2C3D-4E5F6-G7H8-J9K0-MNPQR"  # printed before the check group existed


NEWER = "9.4.2"
FUTURE_SCHEMA = "0099_a_schema_of_the_future"


REFUSED = "Dieser Datenordner stammt von Hamm Field 9.4.2; bitte aktualisieren Sie Hamm Field."


def as_a_newer_version_left_it(paths: StorePaths, data_key: bytes, *, version: str | None = NEWER,
                               in_keyfile: bool = True) -> None:  # fmt: skip
    """What a newer version leaves behind: its migration ran (a schema revision this one does
    not know, a table it added), and it noted itself in the database and the key file.

    ``in_keyfile=False`` is a key file it did not get to write (or one of an old format)."""
    engine = make_engine(paths.database, data_key)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = ?",
                                       (FUTURE_SCHEMA,))  # fmt: skip
            connection.exec_driver_sql("CREATE TABLE future_thing (id TEXT PRIMARY KEY)")
            connection.exec_driver_sql("DELETE FROM local_state WHERE key = 'app_version'")
            if version is not None:
                connection.exec_driver_sql(
                    "INSERT INTO local_state (key, value) VALUES ('app_version', ?)", (version,))
    finally:
        engine.dispose()
    data = json.loads(paths.keyfile.read_text())
    data.pop("app_version", None)
    data.pop("schema", None)
    if in_keyfile:
        data |= {"app_version": version, "schema": FUTURE_SCHEMA}
    paths.keyfile.write_text(json.dumps(data, indent=2))


def snapshot(root: Path) -> dict[str, str]:
    """Every file in the data folder, by content (the lock file is held by the process)."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path != StorePaths(root).lock}  # fmt: skip
