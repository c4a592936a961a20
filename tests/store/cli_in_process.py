"""Helpers for tests that run the command line in this process, so they can put a fault
(a full disk, a locked database) at one seam, and compare a store before and after."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hamm_field import cli
from hamm_field.store.engine import connect_raw
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, CliResult


@contextmanager
def cli_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator:
    """``run(*args, password=…)`` calls ``cli.main`` as ``python -m hamm_field`` would.

    ``main`` sets up the log and the umask of the whole process; both are put back after.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    umask = os.umask(0o022)
    os.umask(umask)

    def run(*args: str, password: str = PASSWORD, **env: str) -> CliResult:
        monkeypatch.setenv("HAMM_FIELD_PASSWORD", password)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    try:
        yield run
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)
        os.umask(umask)


def store_dump(paths: StorePaths, data_key: bytes) -> dict[str, list]:
    """Every row of every table, to show that a refused command changed nothing."""
    connection = connect_raw(paths.database, data_key)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"'), key=repr)
                for table in tables}  # fmt: skip
    finally:
        connection.close()


def store_files(paths: StorePaths) -> dict[str, bytes]:
    """The store's own files (not the log, which notes every command) by name."""
    return {path.name: path.read_bytes() for path in (paths.database, paths.keyfile)
            if path.exists()}  # fmt: skip


def log_text(paths: StorePaths) -> str:
    log = paths.log_dir / "hamm_field.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def folder_names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.exists() else set()
