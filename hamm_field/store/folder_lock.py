"""One process per data folder: an exclusive lock held for the life of the process.

Two processes on one store race in ways SQLite alone does not catch: two ``init`` both
build a store and the second destroys the first, two password changes both report success
while only one key file survives, two imports meet "database is locked". So every command
and the GUI lock the data folder before they read or write anything in it, and a second
process stops with one clear line.

The lock is :mod:`filelock`'s operating-system lock (``flock`` on POSIX, ``msvcrt.locking``
on Windows) on ``hamm_field.lock`` inside the data folder. The system drops it when the
process ends, however it ends, so a crash never leaves the folder locked; the soft
fallback (a lock file whose mere existence locks) is switched off for that reason. The
file stays on POSIX (removing it would race a process that has just opened it); it is
empty and owner-only, and no sign of a store: a store is its database and key file.
"""

from __future__ import annotations

from filelock import FileLock, Timeout

from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_
from hamm_field.store.paths import StorePaths


class FolderInUse(UserError):
    message = N_("Hamm Field ist mit diesem Datenordner schon geöffnet.")


class FolderLock:
    """The exclusive lock on one data folder; ``acquire`` never waits.

    Keep the object for as long as the lock is to be held: once it is garbage, the lock
    goes (see ``hamm_field.app.folder_locked``).
    """

    def __init__(self, paths: StorePaths) -> None:
        self.paths = paths
        self._lock = FileLock(
            paths.lock, timeout=0, mode=0o600, thread_local=False, fallback_to_soft=False
        )

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, *, create: bool = False) -> None:
        """Take the lock, creating the data folder first (owner-only) with ``create``.

        Raises :class:`FolderInUse` when another process holds it.
        """
        if create:
            self.paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise FolderInUse() from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
