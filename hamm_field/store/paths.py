"""Where a store's files live inside its data folder, and who may read them.

On POSIX everything of a store is owner-only: the folder and its ``logs``, ``staging`` and
``quarantine`` 0700, every file in them 0600, so another account on the machine sees nothing,
not even the size of the encrypted database. The command line and the GUI set the umask to
077 first thing (:func:`hamm_field.cli.keep_new_files_private`), so files made later
(SQLite's ``-wal`` and ``-shm``, rotated logs, staging copies) are born private; opening a
store repairs the modes of one made by an older version or under a looser umask
(:meth:`StorePaths.make_private`). On Windows the data folder lies in the user's own profile,
which other accounts cannot open.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from hamm_field.domain.errors import UserError, storage_error

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
_PROBE_BYTES = 64 * 1024  # about what SQLite needs to open a store: its -shm and a few pages


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("hamm-field", appauthor=False))


@dataclass(frozen=True)
class StorePaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "hamm_field.db"

    @property
    def keyfile(self) -> Path:
        return self.root / "hamm_field.key"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def staging(self) -> Path:
        """Where packages are copied and unpacked (encrypted files only)."""
        return self.root / "staging"

    @property
    def quarantine(self) -> Path:
        """Where refused packages are kept, each with a file naming the reason."""
        return self.root / "quarantine"

    @property
    def lock(self) -> Path:
        """Held by the one process working in this folder (:mod:`.folder_lock`); no store."""
        return self.root / "hamm_field.lock"

    def exists(self) -> bool:
        """A store is here: its database (without its key file it is there, yet locked)."""
        return self.database.exists()

    def make_private(self) -> None:
        """Owner-only modes for the data folder and everything in it (POSIX; best effort).

        Only files and folders of our own are here; links are left alone.
        """
        if os.name != "posix":
            return
        _chmod(self.root, PRIVATE_FOLDER)
        for folder in (self.root, self.log_dir, self.staging, self.quarantine):
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    _chmod(Path(entry.path), PRIVATE_FILE)
                elif entry.is_dir(follow_symlinks=False):
                    _chmod(Path(entry.path), PRIVATE_FOLDER)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # not ours or gone: opening the store says what matters
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)


def folder_problem(folder: Path) -> UserError | None:
    """Why ``folder`` takes no data (full disk, read-only, no permission), or None if it does.

    SQLite reports both a full disk and a folder it may not write to as "disk I/O error" or
    "unable to open database file"; only writing there ourselves tells which. The probe file
    holds zeros and is removed at once.
    """
    probe = folder / f".hamm_field.probe-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except OSError as error:
        return storage_error(error, folder)
    try:
        os.write(fd, bytes(_PROBE_BYTES))
        os.fsync(fd)
    except OSError as error:
        return storage_error(error, folder)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
    return None
