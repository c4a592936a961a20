"""A full disk, a read-only data folder and a lost key file each say what happened.

They used to say "beschädigt" (a coordinator might throw a valid store away), "Bitte zuerst
einrichten" (which would lose the data) or print a raw traceback. Each case here: exit 1,
the exact line, and the store unchanged.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlmodel import select

from hamm_field.domain.errors import DiskFull, FolderNotWritable, StoreDamaged
from hamm_field.domain.tables import Household
from hamm_field.store import engine
from hamm_field.store.engine import disk_problem
from tests.conftest import PASSWORD, run_cli
from tests.store.cli_in_process import cli_in_process, folder_names, store_dump, store_files

DISK_FULL = ("Auf dem Datenträger ist kein Platz mehr. Bitte Platz schaffen und noch einmal "
             "versuchen; es wurde nichts geändert.\n")


def not_writable(folder: Path) -> str:
    return (f"In den Ordner {folder} darf Hamm Field nicht schreiben (schreibgeschützt oder "
            "keine Berechtigung). Es wurde nichts geändert.\n")


@pytest.fixture
def main(monkeypatch, capsys):
    with cli_in_process(monkeypatch, capsys) as run:
        yield run


@pytest.fixture
def store(new_store):
    """A closed store: its folder, data key, content and files, to compare after."""
    new_store.store.close()
    paths, key = new_store.store.paths, new_store.store.data_key
    return paths, key, store_dump(paths, key), store_files(paths)


def assert_unchanged(store) -> None:
    paths, key, dump, files = store
    assert store_files(paths) == files
    assert store_dump(paths, key) == dump


def sqlite_error(code: int, text: str) -> sqlcipher.OperationalError:
    error = sqlcipher.OperationalError(text)
    error.sqlite_errorcode = code
    return error


def refuse_new_files(monkeypatch, folder: Path, code: int) -> None:
    """Creating a file in ``folder`` fails with ``code``, as on a full or read-only disk."""
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def sqlite_cannot_open(monkeypatch, code: int, text: str) -> None:
    def refuse(*_args, **_kwargs):
        raise sqlite_error(code, text)

    monkeypatch.setattr(sqlcipher, "connect", refuse)


# --- a lost key file ------------------------------------------------------------------------


def test_a_missing_key_file_says_so_and_never_suggests_setting_up(store):
    paths = store[0]
    paths.keyfile.unlink()
    result = run_cli("--data-dir", str(paths.root), "status")
    assert result.code == 1
    assert result.err == (
        f"Die Schlüsseldatei {paths.keyfile} fehlt. Der Datenspeicher ist noch da, lässt sich "
        "ohne sie aber nicht öffnen: bitte die Schlüsseldatei aus der Sicherung an diese "
        "Stelle zurücklegen.\n")
    assert result.out == ""
    assert not paths.keyfile.exists()
    again = run_cli("--data-dir", str(paths.root), "init", "--role", "field", "--name", "X")
    assert again.code == 1  # and setting up over it is refused: the database stays
    assert not paths.keyfile.exists()
    assert store_dump(paths, store[1]) == store[2]


# --- a full disk ----------------------------------------------------------------------------


def test_init_on_a_full_disk_says_so_without_a_traceback(tmp_path, monkeypatch, main):
    """Not even the data folder or its log can be made: the log is skipped, not a crash."""
    data = tmp_path / "data"
    real_mkdir = os.mkdir

    def full_disk_mkdir(path, *args, **kwargs):
        if Path(path).is_relative_to(tmp_path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", full_disk_mkdir)
    result = main("--data-dir", str(data), "init", "--role", "field", "--name", "Ana Test")
    assert (result.code, result.err, result.out) == (1, DISK_FULL, "")
    assert not data.exists()


def test_unlocking_on_a_full_disk_is_not_called_damage(store, monkeypatch, main):
    """SQLite says "disk I/O error" when it cannot make its -shm file; a write tells why."""
    paths = store[0]
    sqlite_cannot_open(monkeypatch, sqlcipher.SQLITE_IOERR, "disk I/O error")
    refuse_new_files(monkeypatch, paths.root, errno.ENOSPC)
    result = main("--data-dir", str(paths.root), "status")
    assert (result.code, result.err, result.out) == (1, DISK_FULL, "")
    monkeypatch.undo()
    assert_unchanged(store)


def test_writing_on_a_full_disk_changes_nothing(store, monkeypatch, main):
    """SQLite's own limit gives the real "database or disk is full" at the first new page."""
    paths = store[0]
    monkeypatch.setattr(engine, "_PRAGMAS", (*engine._PRAGMAS, "PRAGMA max_page_count = 1"))
    result = main("--data-dir", str(paths.root), "demo", "--families", "20")
    assert (result.code, result.err, result.out) == (1, DISK_FULL, "")
    monkeypatch.undo()
    assert_unchanged(store)


def test_a_full_disk_while_saving_the_key_file_keeps_the_old_one(store, monkeypatch, main):
    paths = store[0]
    refuse_new_files(monkeypatch, paths.root, errno.ENOSPC)
    result = main("--data-dir", str(paths.root), "passwd",
                  HAMM_FIELD_NEW_PASSWORD="ein neues Passwort")
    assert (result.code, result.err) == (1, DISK_FULL)
    monkeypatch.undo()
    assert_unchanged(store)
    assert main("--data-dir", str(paths.root), "status", password=PASSWORD).code == 0


def test_services_raise_disk_full_and_keep_what_was_saved(services, monkeypatch):
    store = services.context.store
    store.engine.dispose()  # new connections get the page limit
    monkeypatch.setattr(engine, "_PRAGMAS", (*engine._PRAGMAS, "PRAGMA max_page_count = 1"))
    saved: list[str] = []
    with pytest.raises(DiskFull):
        for number in range(200):
            saved.append(services.families.create(
                family_name=f"Familie {number}", sozialraum="pelkum",
                herkunftsland="bulgarien").id)
    with store.read() as session:
        assert sorted(session.exec(select(Household.id)).all()) == sorted(saved)


# --- a folder Hamm Field may not write to ---------------------------------------------------


def make_read_only(folder: Path) -> None:
    """chmod 0500; as root (CI) chmod stops nothing, so the immutable flag is used instead."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True) if shutil.which(
        "chattr") else None
    if done is None or done.returncode != 0:
        pytest.skip("running as root, and this file system has no immutable flag: a "
                    "read-only folder cannot be made (the monkeypatched test still runs)")


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o700)


def test_a_read_only_data_folder_says_so(store):
    paths = store[0]
    before = folder_names(paths.root)
    make_read_only(paths.root)
    try:
        result = run_cli("--data-dir", str(paths.root), "status")
    finally:
        make_writable(paths.root)
    assert (result.code, result.err, result.out) == (1, not_writable(paths.root), "")
    assert folder_names(paths.root) <= before | {"hamm_field.lock"}
    assert_unchanged(store)


def test_a_read_only_data_folder_says_so_also_as_root(store, monkeypatch, main):
    """The same seam, made by hand: SQLite cannot make its -wal/-shm, nor can we a file."""
    paths = store[0]
    (paths.root / "hamm_field.lock").touch()  # as a first command in the folder made it
    paths.log_dir.mkdir(exist_ok=True)
    sqlite_cannot_open(monkeypatch, sqlcipher.SQLITE_CANTOPEN, "unable to open database file")
    refuse_new_files(monkeypatch, paths.root, errno.EACCES)
    result = main("--data-dir", str(paths.root), "status")
    assert (result.code, result.err, result.out) == (1, not_writable(paths.root), "")
    monkeypatch.undo()
    assert_unchanged(store)


# --- what counts as a disk problem ----------------------------------------------------------


def test_only_disk_problems_are_mapped(tmp_path, monkeypatch):
    database = tmp_path / "hamm_field.db"
    assert isinstance(disk_problem(sqlite_error(sqlcipher.SQLITE_FULL, "full"), database),
                      DiskFull)
    # A wrong key or a damaged file is not the disk's fault, nor is a broken constraint ...
    for code in (sqlcipher.SQLITE_NOTADB, 19, 1):
        assert disk_problem(sqlite_error(code, "x"), database) is None
    # ... and an I/O error on a disk that takes data is not blamed on it either.
    assert disk_problem(sqlite_error(sqlcipher.SQLITE_IOERR, "disk I/O error"), database) is None
    assert list(tmp_path.iterdir()) == []  # the probe file went again
    refuse_new_files(monkeypatch, tmp_path, errno.EROFS)
    problem = disk_problem(sqlite_error(sqlcipher.SQLITE_READONLY, "readonly"), database)
    assert isinstance(problem, FolderNotWritable)
    assert str(problem) == not_writable(tmp_path).rstrip("\n")


def test_a_wrong_key_is_still_damage(store):
    paths = store[0]
    with pytest.raises(StoreDamaged):
        engine.connect_raw(paths.database, bytes(32))
