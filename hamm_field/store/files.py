"""Atomic file writes: a file is either its old content or its complete new content.

Every file the app writes (key file, packages, reports, settings) goes through here, so a
crash, a full disk or a pulled power cord never leaves a half-written key file behind. The
data goes to a private temp file in the same directory (same file system, so the rename is
atomic), is fsynced, renamed over the target, and then the directory is fsynced so the
rename itself survives a power cut. The temp file is created 0o600 because it may hold
secrets (the key file) before it gets its final name.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0)


def _open_temp(path: Path) -> tuple[int, Path]:
    """Create ``.<name>.<random>.part`` beside ``path``, exclusively and private."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(temp, _FLAGS, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {path}")


def _remove_stale_parts(path: Path) -> None:
    """Remove part files of ``path`` that a killed write left (a pulled stick, a kill -9).

    Only this target's own parts (``.<name>.<8 hex>.part``) go. Two writers of one file at
    once do not happen: a data folder has one process, and the files it writes are its own
    (a package's name carries its device).
    """
    stale = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.part")
    with contextlib.suppress(OSError):
        for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
            if stale.fullmatch(part.name):
                part.unlink(missing_ok=True)


def fsync_directory(directory: Path) -> None:
    """Make a rename durable; best effort where directories cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path | str) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces ``path``, on an error nothing changes."""
    path = Path(path)
    _remove_stale_parts(path)
    fd, temp = _open_temp(path)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_directory(path.parent)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    with atomic_writer(path) as handle:
        handle.write(data)


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace ``path`` with ``text`` as UTF-8, without newline translation."""
    atomic_write_bytes(path, text.encode("utf-8"))
