"""Import reads only regular files of a sane size, copies them bounded, and leaves nothing
behind in staging; an export cut short leaves no part file on the stick."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from pathlib import Path

import pytest

from hamm_field.domain.errors import DiskFull
from hamm_field.services import setup
from hamm_field.store.files import atomic_write_bytes, atomic_writer
from hamm_field.store.paths import StorePaths
from hamm_field.sync import package, staging
from hamm_field.sync.staging import MAX_PACKAGE_BYTES, PackageTooLarge
from tests.conftest import PASSWORD
from tests.sync.support import dump

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def central_paths(world) -> StorePaths:  # type: ignore[no-untyped-def]
    return StorePaths(world.root / "central")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def refused_untouched(world, source: Path, reason: str) -> None:  # type: ignore[no-untyped-def]
    """Import ``source``: refused with ``reason``, the store as before, nothing kept."""
    before = dump(world.central)
    [result] = world.central.sync.import_files([source])
    assert result.refused is not None and result.refused.reason == reason
    assert dump(world.central) == before
    paths = central_paths(world)
    assert leftovers(paths.staging) == []
    assert leftovers(paths.quarantine) == []


@posix_only
def test_a_link_to_an_endless_device_is_refused_before_reading(world, tmp_path):
    link = tmp_path / "zero.hfsync"
    link.symlink_to("/dev/zero")
    refused_untouched(world, link, "not_a_file")
    [result] = world.central.sync.import_files([link])
    assert str(result.refused) == ("Das ist keine Paketdatei, sondern ein Ordner, ein Gerät "
                                   "oder eine Verknüpfung dorthin.")


@posix_only
def test_a_pipe_is_refused_without_waiting_for_a_writer(world, tmp_path):
    pipe = tmp_path / "pipe.hfsync"
    os.mkfifo(pipe)
    refused_untouched(world, pipe, "not_a_file")


def test_a_folder_is_refused(world, tmp_path):
    folder = tmp_path / "folder.hfsync"
    folder.mkdir()
    refused_untouched(world, folder, "not_a_file")


def test_a_file_one_byte_over_the_limit_is_refused_unread(world, tmp_path):
    huge = tmp_path / "huge.hfsync"
    with huge.open("wb") as handle:
        handle.truncate(MAX_PACKAGE_BYTES + 1)  # sparse: no disk space used
    refused_untouched(world, huge, "too_large")
    [result] = world.central.sync.import_files([huge])
    assert str(result.refused) == ("Die Datei ist zu groß für ein Sync-Paket und wurde "
                                   "nicht eingelesen.")


def test_the_limit_leaves_room_for_a_million_changes():
    assert MAX_PACKAGE_BYTES >= 16 * 2**20 + 1_000_000 * 815 * 2  # measured: 815 B a change


class GrowingFile(io.RawIOBase):
    """A file that was small when looked at and keeps growing while it is read."""

    def __init__(self) -> None:
        self.handed_out = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.handed_out += size
        return bytes(size)


def test_a_file_growing_while_copied_stops_at_the_limit():
    limit = 3 * staging.CHUNK + 5
    growing, copied = GrowingFile(), io.BytesIO()
    with pytest.raises(PackageTooLarge):
        staging.copy_bounded(growing, copied, limit)
    assert len(copied.getvalue()) <= limit
    assert growing.handed_out == limit + 1  # not a byte more read than needed to know


@posix_only
def test_a_swap_between_the_check_and_the_open_is_caught(world, tmp_path, monkeypatch):
    """The first look says "regular file"; what was opened is a pipe: refused, no hang."""
    pipe = tmp_path / "swapped.hfsync"
    os.mkfifo(pipe)
    real = staging.check_source
    looks = []

    def first_look_passes(status: os.stat_result) -> None:
        looks.append(status)
        if len(looks) > 1:
            real(status)

    monkeypatch.setattr(staging, "check_source", first_look_passes)
    refused_untouched(world, pipe, "not_a_file")
    assert len(looks) == 2  # the opened file was looked at again


def test_a_link_to_a_real_package_is_imported(world, tmp_path):
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    link = tmp_path / "link.hfsync"
    link.symlink_to(world.package(0, "real.hfsync"))
    [result] = world.central.sync.import_files([link])
    assert result.refused is None and result.changes > 0
    assert leftovers(central_paths(world).staging) == []


def test_a_refused_package_leaves_only_its_quarantine_copy(world, tmp_path):
    world.laptops[0].load_demo(3, seed=3)
    data = world.package(0, "good.hfsync").read_bytes()
    bad = tmp_path / "bad.hfsync"
    bad.write_bytes(data[: len(data) // 2])
    [result] = world.central.sync.import_files([bad])
    assert result.refused.reason == "damaged"
    paths = central_paths(world)
    assert leftovers(paths.staging) == []
    assert len(list(paths.quarantine.glob("*.hfsync"))) == 1


def test_a_full_disk_while_staging_says_so_and_leaves_nothing(world, monkeypatch):
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    package = world.package(0, "fine.hfsync")

    def disk_fills(reader, writer, limit):  # type: ignore[no-untyped-def]
        writer.write(reader.read(1000))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(staging, "copy_bounded", disk_fills)
    before = dump(world.central)
    [result] = world.central.sync.import_files([package])
    assert isinstance(result.refused, DiskFull)
    assert "beschädigt" not in str(result.refused)
    assert str(result.refused).startswith("Auf dem Datenträger ist kein Platz mehr.")
    assert dump(world.central) == before
    assert leftovers(central_paths(world).staging) == []
    monkeypatch.undo()
    [again] = world.central.sync.import_files([package])  # the package itself was fine
    assert again.refused is None and again.changes > 0


def test_leftovers_in_staging_are_gone_after_the_next_open(new_store, paths):
    new_store.store.close()
    paths.staging.mkdir(exist_ok=True)
    names = ["0190.hfsync", "0190.payload", "0190.payload-wal", "0190.payload-shm",
             "0190.payload-journal", ".0191.payload", ".0191.payload-journal"]
    for name in names:
        (paths.staging / name).write_bytes(b"encrypted leftovers")
    (paths.staging / "unpacked").mkdir()
    (paths.staging / "unpacked" / "x").write_bytes(b"x")
    store = setup.unlock(paths, PASSWORD)
    try:
        assert leftovers(paths.staging) == []
    finally:
        store.close()


def test_a_failed_export_leaves_no_part_file_and_changes_nothing(world, tmp_path, monkeypatch):
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    stick = tmp_path / "stick"
    stick.mkdir()
    name = laptop.sync.package_name()

    @contextlib.contextmanager
    def stick_fills(path):  # type: ignore[no-untyped-def]
        with atomic_writer(path) as handle:
            handle.write(b"half a package")
            assert [p.suffix for p in stick.iterdir()] == [".part"]  # it was written
            raise OSError(errno.ENOSPC, "No space left on device")
            yield handle

    monkeypatch.setattr(package, "atomic_writer", stick_fills)
    with pytest.raises(DiskFull):
        laptop.sync.export(stick / name)
    assert leftovers(stick) == []
    assert laptop.sync.package_name() == name  # the same package is written next time


def test_a_stale_part_file_of_a_killed_export_goes_with_the_next_export(world, tmp_path):
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    stick = tmp_path / "stick"
    stick.mkdir()
    name = laptop.sync.package_name()
    stale = stick / f".{name}.0a1b2c3d.part"  # what a kill -9 during the write leaves
    stale.write_bytes(b"half a package")
    other = stick / ".hamm-field-other-1.hfsync.0a1b2c3d.part"  # another file's: stays
    other.write_bytes(b"not ours")
    laptop.sync.export(stick / name)
    assert leftovers(stick) == sorted([other.name, name])


def test_a_stale_part_file_goes_with_the_next_write_of_the_same_file(tmp_path):
    """Return packages, invitations and reports are written the same way."""
    target = tmp_path / "back.hfsync"
    (tmp_path / ".back.hfsync.ffff0000.part").write_bytes(b"stale")
    (tmp_path / ".back.hfsync.2.ffff0000.part").write_bytes(b"another file's")
    (tmp_path / ".back.hfsync.notours.part").write_bytes(b"not a part name of ours")
    atomic_write_bytes(target, b"new")
    assert leftovers(tmp_path) == sorted([".back.hfsync.2.ffff0000.part",
                                          ".back.hfsync.notours.part", "back.hfsync"])
