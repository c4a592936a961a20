"""Refused packages: a note saying why, and for a while a copy of the file itself.

The copy lets the coordination show a refused package to support or compare it with the
laptop's, but it is as readable to this store as the package was: after a family is erased
it would still decrypt to the erased names. So a copy never outlives its use. It goes when
the coordination deletes it, when it is older than the retention period, and when an
erasure is issued for a subject its sending device could have carried (copies of an unknown
sender go too: anyone could have carried it). The note stays; it holds ids and codes only
(reason, sending device, arrival, the name the file arrived under) and says why its copy
is gone.

Layout in ``quarantine/``: ``<id>.hfsync`` (the copy) and ``<id>.reason.txt`` (the note, lines
of ``key: value``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection

from hamm_field.store.erasure import SUBJECT_ROWS
from hamm_field.store.files import atomic_write_text
from hamm_field.store.unit import Store

log = logging.getLogger(__name__)

NOTE_SUFFIX, COPY_SUFFIX = ".reason.txt", ".hfsync"
DEFAULT_DAYS, MIN_DAYS, MAX_DAYS = 30, 1, 365
# Why a copy went; the GUI says it in words.
REMOVED_AGE, REMOVED_ERASURE = "age", "erasure"
# Refused because it wrote beyond its sender's caseload: it may carry any family.
_BEYOND_CASELOAD = "unauthorised"
_ID = re.compile(r"[0-9a-f-]{36}")


@dataclass(frozen=True)
class Entry:
    """One refused package as its note tells it."""

    id: str
    reason: str
    file_name: str
    device_id: str  # "" when the sender is not known for sure
    arrived: dt.datetime
    removed: str  # "" while the copy is kept, else why it went
    copy: Path

    @property
    def has_copy(self) -> bool:
        return not self.removed and self.copy.exists()


def keep_refused(store: Store, staged: Path, *, reason: str, file_name: str,
                 device_id: str = "") -> None:
    """Move the staged copy of a refused package into quarantine beside a note of the facts.

    ``device_id`` is the enrolled device whose signature the import verified, "" when none
    did: the sender a damaged or forged file claims could point the erasure rule at the
    wrong device. Failing to keep the copy must not hide the refusal itself: that is
    logged, and the copy is left to the staging clean-up.
    """
    folder = store.paths.quarantine
    entry_id = staged.name.split(".", 1)[0]
    arrived = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_note(folder / f"{entry_id}{NOTE_SUFFIX}", {
            "reason": reason, "file": _one_line(file_name), "device": device_id,
            "arrived": arrived})  # fmt: skip
        os.replace(staged, folder / f"{entry_id}{COPY_SUFFIX}")  # same data folder
    except OSError as error:
        # entry_id is the staged copy's uuid7, never the file name the person chose
        log.warning("quarantine: entry %s not kept (%s)", entry_id, type(error).__name__)


def entries(quarantine: Path) -> list[Entry]:
    """Every note, newest first; an unreadable note is skipped (it is no package)."""
    found = []
    for note in quarantine.glob(f"*{NOTE_SUFFIX}") if quarantine.is_dir() else ():
        entry_id = note.name[: -len(NOTE_SUFFIX)]
        try:
            fields = _read_note(note)
            arrived = _moment(fields.get("arrived"), note)
        except (OSError, ValueError):
            continue
        found.append(Entry(entry_id, fields.get("reason", ""), fields.get("file", ""),
                           fields.get("device", ""), arrived, fields.get("removed", ""),
                           quarantine / f"{entry_id}{COPY_SUFFIX}"))  # fmt: skip
    return sorted(found, key=lambda entry: (entry.arrived, entry.id), reverse=True)


def delete(quarantine: Path, entry_id: str) -> None:
    """The coordination deletes one entry: the copy and its note."""
    if not _ID.fullmatch(entry_id):
        raise ValueError("not a quarantine entry id")
    (quarantine / f"{entry_id}{COPY_SUFFIX}").unlink(missing_ok=True)
    (quarantine / f"{entry_id}{NOTE_SUFFIX}").unlink(missing_ok=True)


def remove_expired(quarantine: Path, days: int, now: float | None = None) -> int:
    """Remove copies older than ``days`` (by the copy's time); returns how many went."""
    limit = (time.time() if now is None else now) - days * 86_400
    expired = [entry for entry in entries(quarantine)
               if entry.has_copy and _mtime(entry.copy) < limit]  # fmt: skip
    return _remove_copies(expired, REMOVED_AGE)


def remove_carried(quarantine: Path, devices: set[str]) -> int:
    """An erasure: remove the copies any of ``devices`` could have sent, those of an
    unknown sender, and those refused for writing beyond their sender's caseload."""
    carried = [entry for entry in entries(quarantine) if entry.has_copy and (
        not entry.device_id or entry.device_id in devices or entry.reason == _BEYOND_CASELOAD)]
    return _remove_copies(carried, REMOVED_ERASURE)


def _remove_copies(chosen: list[Entry], why: str) -> int:
    for entry in chosen:
        entry.copy.unlink(missing_ok=True)
        note = entry.copy.with_name(f"{entry.id}{NOTE_SUFFIX}")
        with contextlib.suppress(OSError, ValueError):
            _write_note(note, {**_read_note(note), "removed": why})
    if chosen:
        log.info("quarantine: copies removed: %d (%s)", len(chosen), why)
    return len(chosen)


def carrier_devices(connection: Connection, subject_table: str, subject_id: str) -> set[str]:
    """Every device whose packages could hold the subject's values, read before erasing.

    The subject's family decides (a person travels with their household): the devices of
    the workers whose caseload holds it (the one responsible, and everyone who recorded a
    contact for it, as ``sync/returns.py`` shares it), and every device that wrote any of
    its rows (creator, newest writer and each field's writer).
    """
    household = subject_id
    if subject_table in ("person", "observation"):
        household = connection.exec_driver_sql(
            f'SELECT household_id FROM "{subject_table}" WHERE id = ?',
            (subject_id,)).scalar() or ""
    devices = {row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM device WHERE worker_id IN ("
        "SELECT worker_id FROM household WHERE id = :h UNION "
        "SELECT worker_id FROM contact WHERE household_id = :h)", {"h": household})}
    for table, column in SUBJECT_ROWS["household"].items():
        devices.update(row[0] for row in connection.exec_driver_sql(
            f'SELECT device_id FROM "{table}" WHERE "{column}" = :h UNION '
            f'SELECT created_device FROM "{table}" WHERE "{column}" = :h UNION '
            f'SELECT json_extract(stamp.value, \'$[1]\') FROM "{table}", '
            f'json_each("{table}".stamps) AS stamp WHERE "{table}"."{column}" = :h',
            {"h": household}))  # fmt: skip
    return {device for device in devices if device}


def _write_note(note: Path, fields: dict[str, str]) -> None:
    atomic_write_text(note, "".join(f"{key}: {value}\n" for key, value in fields.items()))


def _read_note(note: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in note.read_text(encoding="utf-8").splitlines():
        key, _colon, value = line.partition(": ")
        fields.setdefault(key.strip(), value.strip())  # the first says it, as written
    return fields


def _one_line(name: str) -> str:
    """A file name as one line of the note: a line break in it could pose as another key."""
    return "".join(char if char.isprintable() else "?" for char in name)


def _moment(text: str | None, note: Path) -> dt.datetime:
    """When it arrived; a note of an older version has no date, its file's time tells."""
    if text:
        moment = dt.datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return dt.datetime.fromtimestamp(os.stat(note).st_mtime, dt.UTC)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()
