"""Wrong passwords in a row, and the growing wait before the next try.

After five wrong passwords every further try waits: 1 s, then 2, 4, 8, 16, at most 30 s. The
right password resets the count. Five free tries, as on common phone and desktop lock
screens: whoever only mistypes never waits, someone guessing at the prompt or the unlock
window manages a few tries a minute. The GUI (unlock dialog and lock screen) and the command
line share the count; it lives in a small file in the data folder, as every CLI call is a new
process. The file holds a number and a time, no secret; it is written atomically and
owner-only (0600), like every file the app writes.

It is not a defence against whoever owns the data folder: they can delete the file, or copy
the key file and guess offline, where only the cost of Argon2id per guess counts (see
:mod:`hamm_field.store.kdf`). So a missing or unreadable file simply counts as no wrong
tries, and a clock set back counts as the wait being over rather than locking a person out.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hamm_field.domain.errors import UserError, WrongPassword
from hamm_field.i18n import N_
from hamm_field.store.files import atomic_write_text

log = logging.getLogger(__name__)

FILE_NAME = "unlock_attempts.json"
FREE_ATTEMPTS = 5
MAX_DELAY_SECONDS = 30


class UnlockDelayed(UserError):
    message = N_(
        "Zu viele falsche Passwörter. Der nächste Versuch ist in {seconds} s möglich."
    )


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong passwords in a row: 0, then 1, 2, 4 … 30."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** min(failures - FREE_ATTEMPTS, 8))


@dataclass(frozen=True)
class UnlockAttempts:
    """The count of one data folder; ``clock`` gives wall-clock seconds (shared by processes)."""

    path: Path
    clock: Callable[[], float] = time.time

    @classmethod
    def in_folder(cls, root: Path, clock: Callable[[], float] = time.time) -> UnlockAttempts:
        return cls(Path(root) / FILE_NAME, clock)

    def _read(self) -> tuple[int, float]:
        """(wrong passwords in a row, time of the last); (0, 0) if none or unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = data["failures"], data["last_failure"]
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0
        if type(failures) is not int or not isinstance(last, int | float) or failures < 0:
            return 0, 0.0
        return failures, float(last)

    def failures(self) -> int:
        return self._read()[0]

    def wait_seconds(self) -> int:
        """Whole seconds until the next try is allowed; 0 if it is allowed now."""
        failures, last = self._read()
        delay, now = delay_after(failures), self.clock()
        if not delay or now < last:  # a clock set back: the wait counts as over
            return 0
        return max(0, math.ceil(last + delay - now))

    def check(self) -> None:
        """Raise :class:`UnlockDelayed` while a wait is pending (before any derivation)."""
        seconds = self.wait_seconds()
        if seconds:
            raise UnlockDelayed(seconds=seconds)

    def record_failure(self) -> None:
        record = {"failures": self.failures() + 1, "last_failure": self.clock()}
        try:
            atomic_write_text(self.path, json.dumps(record) + "\n")
        except OSError as error:  # the wrong password is what the person must hear about
            log.warning("failed unlock not counted: %s", errno.errorcode.get(error.errno or 0))

    def record_success(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("attempt count not reset: %s", errno.errorcode.get(error.errno or 0))

    @contextlib.contextmanager
    def counting(self) -> Iterator[None]:
        """Around one password check: refuse while waiting, count a wrong one, reset on success."""
        self.check()
        try:
            yield
        except WrongPassword:
            self.record_failure()
            raise
        self.record_success()
