"""Bring a store's schema to the newest revision with Alembic.

A store made by an older version opens in a newer one: :func:`upgrade` runs on every
open but checks the current revision first, so an up-to-date store costs one query. A store
whose revision this version does not know (:func:`known_revisions`) was made by a newer one:
it is refused before this module is asked to migrate it (:mod:`hamm_field.store.written_by`).
"""

from __future__ import annotations

import logging
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from hamm_field.store import report_counts

log = logging.getLogger(__name__)


@cache
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "hamm_field.store:migrations")
    return config


@cache
def _scripts() -> ScriptDirectory:
    """The migration scripts, read once: asked on every open and every package."""
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this version knows (older packages are readable)."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def unknown_revision(connection: Connection) -> str | None:
    """The store's revision when this version does not know it (a newer one made it)."""
    current = current_revision(connection)
    return None if current is None or current in known_revisions() else current


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    with engine.connect() as connection:
        current = current_revision(connection)
        connection.rollback()
    if current == head_revision():
        return
    log.info("migrating store schema from %s to %s", current, head_revision())
    with engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        report_counts.fold(connection)  # a migration may have logged contacts to count
