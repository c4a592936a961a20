"""A new store is built in a private folder inside the data folder and moved in last.

A set-up that is killed halfway (closed terminal, power cut, full disk) must leave either no
store or a whole one: a key file and a database without worker, device or keys look like a
store that every command then trips over. So everything of a new store is written into
``<data folder>/.setup-<random>/`` first, and only the finished, closed files move in.

Why this is atomic enough. The data folder may already hold the lock file, the logs and the
settings, so the build folder cannot be renamed onto it as a whole; its two files move one
by one, each with an atomic ``os.replace`` on the same file system, the key file first and
the database last. A store counts as present only once its database is there
(:meth:`StorePaths.exists`), so the database's arrival is the single commit point. Before the
first move the build folder gets a note with the new store's id, and any files of the store
being replaced (an incomplete one, or stray ``-wal``/``-shm`` files) are moved aside into it,
not deleted. Whatever a kill leaves, :func:`remove_leftovers` (run under the folder lock
before anything looks at the folder) undoes it: a build folder that still holds its database
never committed, so a key file in the data folder bearing the noted id goes and the files
moved aside come back; a build folder without its database did commit and is only deleted.
The data folder is fsynced between the key file and the database, and after both, so a
power cut cannot reorder the two renames.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from hamm_field.domain.errors import StoreExists, UserError
from hamm_field.store.files import atomic_write_text, fsync_directory
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.paths import StorePaths

log = logging.getLogger(__name__)

BUILD_PREFIX = ".setup-"
_MOVING = "moving-in"  # the note: the id of the store whose files are moving in
_ASIDE = "replaced"  # the replaced store's files, until the new one has committed


def _store_files(paths: StorePaths) -> list[Path]:
    """The files that make a store, the database last (it is the commit point)."""
    database = paths.database
    sidecars = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
    return [paths.keyfile, *sidecars, database]


def _store_id(keyfile: Path) -> str | None:
    try:
        return KeyFile.load(keyfile).store_id
    except (UserError, OSError):
        return None


@contextlib.contextmanager
def building(paths: StorePaths, *, replacing: str | None = None) -> Iterator[StorePaths]:
    """Yield the paths of a fresh build folder; on a clean exit its store moves into ``paths``.

    The caller closes the store it built before the block ends. ``replacing`` is the id of
    an incomplete store in ``paths`` that may be replaced; any other store there (or a lone
    database or key file) raises :class:`StoreExists` before anything is written.
    """
    remove_leftovers(paths)
    _check_target(paths, replacing)
    paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    build = StorePaths(paths.root / f"{BUILD_PREFIX}{secrets.token_hex(6)}")
    build.root.mkdir(mode=0o700)
    try:
        yield build
        _move_in(build, paths)
    except BaseException:
        _roll_back(paths, build.root)
        raise


def _check_target(paths: StorePaths, replacing: str | None) -> None:
    if not (paths.database.exists() or paths.keyfile.exists()):
        return
    if replacing is None or _store_id(paths.keyfile) != replacing:
        raise StoreExists(path=str(paths.root))


def _move_in(build: StorePaths, paths: StorePaths) -> None:
    _keyfile, wal, shm, _database = _store_files(build)
    if wal.exists() or shm.exists():
        raise RuntimeError("the new store is still open")  # its WAL would stay behind
    store_id = KeyFile.load(build.keyfile).store_id
    atomic_write_text(build.root / _MOVING, store_id)
    aside = build.root / _ASIDE
    aside.mkdir(mode=0o700)
    for path in _store_files(paths):
        if path.exists():
            os.replace(path, aside / path.name)
    os.replace(build.keyfile, paths.keyfile)
    fsync_directory(paths.root)
    os.replace(build.database, paths.database)  # the commit point
    fsync_directory(paths.root)
    shutil.rmtree(build.root, ignore_errors=True)
    log.info("new store %s moved into its data folder", store_id)


def remove_leftovers(paths: StorePaths) -> None:
    """Undo what a killed set-up left in ``paths.root``; the caller holds the folder lock."""
    if not paths.root.is_dir():
        return
    for build in paths.root.glob(f"{BUILD_PREFIX}*"):
        if build.is_dir():
            _roll_back(paths, build)


def _roll_back(paths: StorePaths, build: Path) -> None:
    """Remove one build folder, first undoing its moves if its store never committed."""
    note = build / _MOVING
    if (build / paths.database.name).exists() and note.exists():
        new_id = note.read_text(encoding="utf-8").strip()
        if paths.keyfile.exists() and _store_id(paths.keyfile) == new_id:
            paths.keyfile.unlink()
        aside = build / _ASIDE
        if aside.is_dir():
            for member in aside.iterdir():
                os.replace(member, paths.root / member.name)
        fsync_directory(paths.root)
        log.warning("an interrupted set-up was rolled back")
    shutil.rmtree(build, ignore_errors=True)
