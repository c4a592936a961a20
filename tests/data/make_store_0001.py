"""Writes tests/data/store_0001: a store made by schema revision 0001.

Kept as a file so every later migration is tested against a store of a released
schema. Run once per released schema (with that release's code), never again.
Password: ``fixture-password``.
"""

import datetime as dt
import shutil
from pathlib import Path

from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths

TARGET = Path(__file__).parent / "store_0001"


def main() -> None:
    shutil.rmtree(TARGET, ignore_errors=True)
    result = setup.initialize(
        StorePaths(TARGET),
        device_role=DeviceRole.FIELD,
        name="Fixture Worker",
        password="fixture-password",
        kdf=calibrate_kdf(0),
    )
    services = Services.for_store(result.store, today=lambda: dt.date(2026, 11, 20))
    family = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg", "tr"], pakete=[1, 2],
    )
    services.persons.create(
        household_id=family.id, given_name="Мария", family_name="Петрова", relation="elternteil"
    )
    services.contacts.create(
        household_id=family.id, kind="begleitung", duration_min=90, institution="kinderarzt",
        paket=4, date=dt.date(2026, 11, 19), note="Termin beim Kinderarzt begleitet.",
    )
    with result.store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    result.store.close()
    for leftover in ("hamm_field.db-wal", "hamm_field.db-shm", "logs"):
        path = TARGET / leftover
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    (TARGET / "RECOVERY_KEY.txt").write_text(result.recovery_key + "\n")


if __name__ == "__main__":
    main()
