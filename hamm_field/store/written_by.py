"""Which Hamm Field wrote a store, and refusing a store that a newer one wrote.

A store records the newest app version that opened it in two places: ``local_state``
(``app_version``) inside the encrypted database, and the key file beside it, together with
the schema revision of the database (``app_version`` and ``schema``, plaintext).

Opening checks the key file first, before any password: a schema revision this app does not
know (:func:`~hamm_field.store.migrate.known_revisions`) means a newer version migrated the
store, and it is refused at once, named by the version recorded there. Nobody waits for a key
derivation, or reads "wrong password", on a store this app could not open anyway. The version
is no secret (every report names it), and a changed key file does no harm with it: without the
fields the refusal only moves to the database, which stays the authority; with made-up ones
the store does not open, as without its key file. The database is checked after the unlock
and before any migration, so Alembic never meets a revision it does not know.

A refusal changes nothing in the data folder. The promise this relies on: every later
version keeps recording both, in both places, under these names.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from hamm_field.domain import app_version
from hamm_field.domain.errors import StoreTooNew
from hamm_field.store import migrate
from hamm_field.store.keyfile import KeyFile

APP_VERSION = "app_version"  # local_state: the newest Hamm Field that opened this store


def refused(recorded: object) -> StoreTooNew:
    """The refusal, named by ``recorded`` when that is a version newer than this one."""
    version = app_version.valid(recorded)
    return StoreTooNew.of(version if app_version.is_newer(version) else None)


def check_keyfile(keyfile: KeyFile) -> None:
    """Refuse before the password: the key file names a schema this app does not know."""
    if keyfile.schema is not None and keyfile.schema not in migrate.known_revisions():
        raise refused(keyfile.app_version)


def check_database(engine: Engine, keyfile: KeyFile | None = None) -> None:
    """Refuse a database whose schema revision this app does not know; reads only."""
    with engine.connect() as connection:
        unknown = migrate.unknown_revision(connection)
        recorded = _recorded(connection) if unknown else None
        connection.rollback()
    if unknown:
        raise refused(recorded or (keyfile.app_version if keyfile else None))


def _recorded(connection: Connection) -> str | None:
    """The version a newer store names, if it has the table this one knows."""
    try:
        value = connection.exec_driver_sql(
            "SELECT value FROM local_state WHERE key = ?", (APP_VERSION,)).scalar()
    except SQLAlchemyError:
        return None
    return app_version.valid(value)


def note_database(engine: Engine) -> None:
    """After the migration: record this app in ``local_state`` if it is the newest yet."""
    with engine.begin() as connection:
        recorded = _recorded(connection)
        newest = app_version.newest(recorded)
        if newest != recorded:
            connection.exec_driver_sql(
                "INSERT INTO local_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (APP_VERSION, newest))


def note_keyfile(keyfile: KeyFile) -> bool:
    """Record this app and the head schema in ``keyfile``; True if the file must be saved."""
    return keyfile.record_writer(app_version.current(), migrate.head_revision())
