"""Payload files and the package container, with real encrypted files on disk."""

import os

import pytest

from hamm_field.domain.errors import StoreDamaged
from hamm_field.store import sync_rows
from hamm_field.sync.envelope import PackageDamaged
from hamm_field.sync.package import MAGIC, parse_package, read_package, write_package
from hamm_field.sync.payload import read_payload, write_payload
from tests.services.support import new_family


def test_payload_round_trip_is_encrypted(tmp_path):
    rows = [("household", {"id": f"h{n}", "family_name": "Петрова", "stamps": {}})
            for n in range(12_000)]
    path = tmp_path / "payload.db"
    key, counts = write_payload(path, rows)
    assert counts == {"household": 12_000}
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert "Петрова".encode() not in data
    back = [row for batch in read_payload(path, key) for row in batch]
    assert len(back) == 12_000 and back[0][1]["family_name"] == "Петрова"
    with pytest.raises(StoreDamaged):
        list(read_payload(path, os.urandom(32)))


def test_package_container_is_parsed_strictly(tmp_path):
    path = tmp_path / "x.hfsync"
    write_package(path, b"envelope-bytes", b"payload-bytes")
    package = read_package(path)
    assert (package.envelope, package.payload) == (b"envelope-bytes", b"payload-bytes")
    raw = path.read_bytes()
    for cut in (0, 3, len(MAGIC) + 2, len(MAGIC) + 4 + 5):
        with pytest.raises(PackageDamaged):
            parse_package(raw[:cut])
    with pytest.raises(PackageDamaged):
        parse_package(b"NOTAPKG!" + raw[8:])
    assert not list(tmp_path.glob("*.part"))


def test_changed_rows_come_with_parsed_stamps(services, new_store):
    family = new_family(services)
    services.families.edit(family.id, status="ruhend")
    with new_store.store.engine.connect() as connection:
        rows = dict(sync_rows.changed_since(connection, family.created_hlc))
    assert rows["household"]["status"] == "ruhend"
    assert set(rows["household"]["stamps"]) == {"status"}
