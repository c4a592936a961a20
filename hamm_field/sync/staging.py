"""The first step of an import: a bounded, streamed copy of the package into ``staging/``.

Whatever a person picks (a file on a USB stick, a link to one, or by mistake a link to
``/dev/zero``, a pipe or a folder) is looked at before a byte is copied: only a regular
file no larger than :data:`MAX_PACKAGE_BYTES` is read. A link to a regular file is fine (a
stick's file manager makes them); what counts is what it points to, and the opened file is
checked once more, so a swap between the look and the open is caught. The copy then counts
what it reads and stops at the limit even if the file keeps growing, so nothing can fill
the disk. A full or read-only disk while copying is said as such, never as a damaged package.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from hamm_field.domain.errors import storage_error
from hamm_field.domain.ids import uuid7
from hamm_field.i18n import N_
from hamm_field.sync.envelope import PackageDamaged, PackageRefused
from hamm_field.sync.package import MAX_ENVELOPE

# The largest package a laptop can sensibly send: the envelope at its own limit plus a
# payload of a million changes (the import budget of DESIGN.md, all from one laptop). A
# real package of demo field work holds 815 bytes per change (100,331 changes in 81.7 MB,
# measured with the data of benchmarks/bench_sync.py); 2 KiB per change leaves room for
# long notes. About 1.9 GiB: large enough for any real backlog, small enough that a wrong
# file can never fill the disk.
MAX_CHANGES = 1_000_000
BYTES_PER_CHANGE = 2 * 1024
MAX_PACKAGE_BYTES = MAX_ENVELOPE + MAX_CHANGES * BYTES_PER_CHANGE
CHUNK = 1024 * 1024

# Non-blocking, so opening a pipe swapped in after the check cannot hang the import; no
# controlling terminal from a device; nothing inherited by a child process.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))  # fmt: skip
_WRITE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
                | getattr(os, "O_BINARY", 0))  # fmt: skip


class PackageTooLarge(PackageRefused):
    reason = "too_large"
    message = N_("Die Datei ist zu groß für ein Sync-Paket und wurde nicht eingelesen.")


class NotARegularFile(PackageRefused):
    reason = "not_a_file"
    message = N_("Das ist keine Paketdatei, sondern ein Ordner, ein Gerät oder eine "
                 "Verknüpfung dorthin.")


def check_source(status: os.stat_result) -> None:
    """Refuse anything but a regular file within the size limit."""
    if not stat.S_ISREG(status.st_mode):
        raise NotARegularFile()
    if status.st_size > MAX_PACKAGE_BYTES:
        raise PackageTooLarge()


def stage(staging: Path, source: Path) -> Path:
    """Copy ``source`` into ``staging`` under a fresh name; returns the copy.

    Refusals are :class:`PackageRefused`; a full or read-only staging folder raises the
    matching :class:`~hamm_field.domain.errors.UserError`. Nothing is left behind either way.
    """
    try:
        check_source(os.stat(source))  # follows a link: its target is what would be read
        fd = os.open(source, _READ_FLAGS)
    except OSError as error:
        raise PackageDamaged() from error
    with os.fdopen(fd, "rb", buffering=0) as reader:
        try:
            check_source(os.fstat(reader.fileno()))  # the file actually opened
        except OSError as error:
            raise PackageDamaged() from error
        return _copy(reader, staging)


def _copy(reader: BinaryIO, staging: Path) -> Path:
    staged = staging / f"{uuid7()}.hfsync"
    try:
        staging.mkdir(mode=0o700, parents=True, exist_ok=True)
        with os.fdopen(os.open(staged, _WRITE_FLAGS, 0o600), "wb") as writer:
            copy_bounded(reader, writer, MAX_PACKAGE_BYTES)
            writer.flush()
            os.fsync(writer.fileno())
    except BaseException as failure:
        staged.unlink(missing_ok=True)
        mapped = storage_error(failure, staging) if isinstance(failure, OSError) else None
        if mapped is None:
            raise
        raise mapped from failure
    return staged


def copy_bounded(reader: BinaryIO, writer: BinaryIO, limit: int) -> int:
    """Copy in fixed chunks; :class:`PackageTooLarge` as soon as more than ``limit`` bytes
    arrive, however much the source claimed to hold. Returns the bytes copied."""
    copied = 0
    while True:
        try:
            chunk = reader.read(min(CHUNK, limit + 1 - copied))
        except OSError as error:
            raise PackageDamaged() from error
        if not chunk:
            return copied
        copied += len(chunk)
        if copied > limit:
            raise PackageTooLarge()
        writer.write(chunk)


def clear_leftovers(staged: Path) -> None:
    """Remove the staged copy and everything made beside it (payload, ``-wal``, ``-shm``,
    ``-journal``): they are encrypted, but large and of no further use."""
    stem = staged.name.split(".", 1)[0]
    for leftover in staged.parent.glob(f"{stem}.*"):
        leftover.unlink(missing_ok=True)
