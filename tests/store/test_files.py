"""Atomic writes: the target is either its old or its complete new content, never a mix."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from hamm_field.store import files
from hamm_field.store.files import atomic_write_bytes, atomic_write_text, atomic_writer


def _leftovers(directory: Path) -> list[str]:
    return [path.name for path in directory.iterdir() if path.name.endswith(".part")]


def test_writes_bytes_and_text(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "a.bin", b"\x00\x01data")
    atomic_write_text(tmp_path / "b.txt", "Grüße\nzwei Zeilen\n")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01data"
    assert (tmp_path / "b.txt").read_bytes() == "Grüße\nzwei Zeilen\n".encode()
    assert _leftovers(tmp_path) == []


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old")
    atomic_write_text(target, "new and longer")
    assert target.read_text() == "new and longer"
    assert _leftovers(tmp_path) == []


def test_streaming_writer(tmp_path: Path) -> None:
    target = tmp_path / "package.hfsync"
    with atomic_writer(target) as handle:
        for chunk in (b"one ", b"two ", b"three"):
            handle.write(chunk)
        assert not target.exists()  # nothing visible until the writer is done
    assert target.read_bytes() == b"one two three"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_is_private(tmp_path: Path) -> None:
    target = tmp_path / "keyfile.json"
    target.write_text("old")
    target.chmod(0o644)
    atomic_write_text(target, "secret")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_exception_in_writer_keeps_old_content(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old content")
    with pytest.raises(RuntimeError, match="boom"), atomic_writer(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old content"
    assert _leftovers(tmp_path) == []


def test_exception_without_old_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_writer(tmp_path / "new.bin") as handle:
        handle.write(b"x")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def _disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_on_fsync_keeps_old_content(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "keyfile.json"
    target.write_text("old")
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    with pytest.raises(OSError) as raised:
        atomic_write_text(target, "new" * 1000)
    assert raised.value.errno == errno.ENOSPC
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


class _FullDiskFile:
    """A file whose every write fails as on a full disk."""

    def __init__(self, handle) -> None:
        self._handle = handle

    def write(self, _data: bytes) -> int:
        _disk_full()
        return 0

    def __getattr__(self, name: str):
        return getattr(self._handle, name)

    def __enter__(self) -> _FullDiskFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._handle.close()


def test_full_disk_on_write_keeps_old_content(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "keyfile.json"
    target.write_text("old")
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda *a, **k: _FullDiskFile(real_fdopen(*a, **k)))
    with pytest.raises(OSError) as raised:
        atomic_write_bytes(target, b"new")
    assert raised.value.errno == errno.ENOSPC
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_failed_rename_removes_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "keyfile.json"
    target.write_text("old")
    monkeypatch.setattr(files.os, "replace", _disk_full)
    with pytest.raises(OSError):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_directory_fsync_is_best_effort(tmp_path: Path, monkeypatch) -> None:
    real_open = os.open

    def no_directory_open(path, flags, *args):
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "directories cannot be opened here")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", no_directory_open)
    atomic_write_text(tmp_path / "a.txt", "fine")
    assert (tmp_path / "a.txt").read_text() == "fine"


def test_temp_file_is_hidden_part_file_in_same_directory(tmp_path: Path) -> None:
    target = tmp_path / "keyfile.json"
    with atomic_writer(target):
        (temp,) = _leftovers(tmp_path)
        assert temp.startswith(".keyfile.json.")
        assert temp.endswith(".part")
    assert _leftovers(tmp_path) == []
