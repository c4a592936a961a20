"""A lost laptop: the coordination locks it out and lists exactly the families it held.

Real stores and real packages: a laptop sends packages and reads return packages (one of
them carrying a family another laptop recorded and the coordination shared), then is
lost. What it recorded after its last package is not listed, and the document says so.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.services import Services
from hamm_field.services.lost_device import NoSuchLaptop
from hamm_field.services.sync import CentralOnly
from hamm_field.store.device_holdings import written_by_device, written_families
from hamm_field.sync.importer import DeviceRevoked
from tests.conftest import run_cli
from tests.reports.pdf_tools import fonts_embedded, pdf_text
from tests.sync.support import family, give_back, send


@pytest.fixture
def lost(world):  # type: ignore[no-untyped-def]
    """Laptop 0 holds Petrova, Ionescu (its own) and Dimitrova (shared to it); laptop 1
    keeps Georgieva to itself; laptop 0 records Neumann after its last package."""
    first, second = world.laptops
    family(first, "Petrova", child=True)
    family(first, "Ionescu")
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    shared = family(second, "Dimitrova")
    family(second, "Georgieva")
    send(world, 1, "b1.hfsync")
    world.central.sharing.share([shared], [first.context.worker_id])
    give_back(world, 0, "r2.hfsync")
    family(first, "Neumann")  # never sent: the coordination cannot know it
    return world


def test_the_inventory_lists_exactly_the_families_the_laptop_held(lost):
    device = lost.laptops[0].context.store.device_id
    held = lost.central.lost_devices.holdings(device)
    names = sorted(r.family_name for r in _rows(lost.central, held.families))
    assert names == ["Dimitrova", "Ionescu", "Petrova"]
    assert held.records["observation"] == 1  # its own observation, none of laptop 1's
    assert held.records["person"] == 4 and held.records["contact"] == 3
    assert held.oldest == dt.date(2025, 3, 4)
    assert held.received.packages == 1 and len(held.returns) == 2
    with lost.central.context.store.engine.connect() as connection:  # the overview's pass
        every = written_by_device(connection, [laptop.context.store.device_id
                                               for laptop in lost.laptops])  # fmt: skip
        for laptop in lost.laptops:
            device = laptop.context.store.device_id
            assert every[device] == written_families(connection, device)


def test_declaring_it_lost_locks_it_out_and_writes_the_document(lost, tmp_path):
    device = lost.laptops[0].context.store.device_id
    result = lost.central.lost_devices.declare_lost(device)
    assert result.newly_revoked and result.families == 3
    [refused] = lost.central.sync.import_files([lost.package(0, "a2.hfsync")])
    assert isinstance(refused.refused, DeviceRevoked)
    text = pdf_text(result.pdf)
    for name in ("Petrova", "Ionescu", "Dimitrova"):
        assert name in text
    assert "Georgieva" not in text and "Neumann" not in text
    assert "ist der Koordination nicht bekannt" in text
    assert "Worker 0" in text and device in text
    assert "Argon2id" in text and "64 MiB Speicher, 3 Durchgänge" in text
    assert "mindestens 8 Zeichen" in text and "SQLCipher 4" in text
    assert "Beobachtungen Kindeswohl" in text and "Ungefähr 3 Familien mit 4 Personen" in text
    assert "binnen 72 Stunden" in text
    assert fonts_embedded(result.pdf, tmp_path)
    again = lost.central.lost_devices.declare_lost(device)  # the document once more
    assert not again.newly_revoked and again.families == 3


def test_returns_of_an_older_version_count_the_workers_families_of_today(world):
    """A return written before the ledger existed: the laptop's next package shows that it
    read one, so every family its worker holds today is listed, and the document says why."""
    first, second = world.laptops
    family(first, "Petrova")
    send(world, 0, "a1.hfsync")
    shared = family(second, "Dimitrova")
    family(second, "Georgieva")
    send(world, 1, "b1.hfsync")
    world.central.sharing.share([shared], [first.context.worker_id])
    give_back(world, 0, "r1.hfsync")
    with world.central.context.store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM return_ledger")  # as an older version left it
    device = first.context.store.device_id
    assert world.central.lost_devices.holdings(device).returns == []
    family(first, "Ionescu")
    send(world, 0, "a2.hfsync")  # starts after the acknowledgement of r1
    result = world.central.lost_devices.declare_lost(device)
    assert result.families == 3
    text = pdf_text(result.pdf)
    assert "Dimitrova" in text and "Georgieva" not in text
    assert "nicht verzeichnet" in text


def test_nothing_of_it_is_written_outside_the_store(lost):
    """The PDF is bytes in memory: no file in the data folder or staging holds a name."""
    root = lost.central.context.store.paths.root
    before = {p for p in root.rglob("*") if p.is_file()}
    lost.central.lost_devices.declare_lost(lost.laptops[0].context.store.device_id)
    after = {p for p in root.rglob("*") if p.is_file()}
    for path in after - before:
        assert b"Petrova" not in path.read_bytes()
    for path in after:
        if path.suffix in (".log", ".json", ".txt"):
            assert b"Petrova" not in path.read_bytes()


def test_a_laptop_is_found_by_its_worker_or_its_id(lost):
    service = lost.central.lost_devices
    device = lost.laptops[1].context.store.device_id
    assert service.find("worker 1") == device
    assert service.find(device[-8:]) == device
    with pytest.raises(NoSuchLaptop):
        service.find("Niemand")
    with pytest.raises(CentralOnly):
        lost.laptops[0].lost_devices.find("Worker 0")


def test_the_command_line_writes_the_pdf_where_asked(lost, tmp_path):
    data = str(lost.central.context.store.paths.root)
    lost.close()
    out = tmp_path / "meldung.pdf"
    done = run_cli("--data-dir", data, "device", "lost", "Worker 0", "--pdf", str(out),
                   password="central password")  # fmt: skip
    assert done.code == 0, done.err
    assert "Petrova" not in done.out and "3 Familien" in done.out
    assert "Petrova" in pdf_text(out.read_bytes())


def _rows(services: Services, ids: frozenset[str]):  # type: ignore[no-untyped-def]
    from hamm_field.store.device_holdings import family_rows

    with services.context.store.engine.connect() as connection:
        return family_rows(connection, ids)
