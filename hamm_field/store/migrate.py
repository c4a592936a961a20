"""Bring a store's schema to the newest revision with Alembic.

A store made by an older version opens in a newer one: :func:`upgrade` runs on every
open but checks the current revision first, so an up-to-date store costs one query.
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


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version knows (older packages are readable)."""
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


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
