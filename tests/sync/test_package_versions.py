"""Packages name the Hamm Field that wrote them. A package of a newer format or schema is
refused with the version needed, kept in quarantine like every refused package, and never
called damaged; packages of format 1 still import; a laptop learns the coordination's
version from its return package."""

from __future__ import annotations

import base64
import json
import os
import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from hamm_field.domain import app_version
from hamm_field.services.sync import Sync
from hamm_field.sync import envelope as env
from hamm_field.sync import export, returns
from hamm_field.sync import package as package_module
from hamm_field.sync.envelope import PackageDamaged, PackageTooNew, open_envelope, read_sender
from hamm_field.sync.keys import KeyPair, PublicKeys
from hamm_field.sync.package import read_package, write_package
from tests.conftest import run_cli
from tests.sync.support import FUTURE_SCHEMA, NEEDED, NEWER, dump, with_manifest

UNNAMED = "Das Paket stammt von einer neueren Version. Bitte Hamm Field aktualisieren."
FIXTURE = Path("tests/data/envelope_v1.json")


def future_envelope(version: bytes, fmt: int = 3) -> bytes:
    """A head as every later format keeps it, then whatever that format holds."""
    return env.MAGIC + bytes([fmt, len(version)]) + version + os.urandom(300)


def seal_v1(*, manifest, payload_key, sender: KeyPair, recipient: PublicKeys, **_ignored):
    """An envelope exactly as format 1 laid it out (``tests/data/envelope_v1.json`` is one the
    code of that format wrote); its manifest had no ``app_version``."""
    manifest = {key: value for key, value in manifest.items() if key != "app_version"}
    box = {"manifest": manifest, "payload_key": base64.b64encode(payload_key).decode("ascii")}
    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes_raw()
    shared = ephemeral_key.exchange(X25519PublicKey.from_public_bytes(recipient.encryption))
    key = env._aead_key(shared, ephemeral, recipient.encryption)
    head, sender_public, nonce = env.MAGIC + b"\x01", sender.public().signing, os.urandom(12)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, env._canonical(box),
                                               head + ephemeral + sender_public)
    signed = b"".join([head, sender_public, ephemeral, nonce,
                       struct.pack(">I", len(ciphertext)), ciphertext])  # fmt: skip
    return signed + sender.signing.sign(signed)


def quarantine_notes(world) -> list[str]:  # type: ignore[no-untyped-def]
    return [path.read_text() for path in
            (world.root / "central" / "quarantine").glob("*.reason.txt")]  # fmt: skip


def central_refuses(world, path: Path):  # type: ignore[no-untyped-def]
    """Import ``path`` at the coordination; the refusal, with the store shown unchanged."""
    before = dump(world.central)
    [result] = world.central.sync.import_files([path])
    assert result.refused is not None
    assert dump(world.central) == before
    return result.refused


# --- Format 1 is still read ------------------------------------------------------------------


def test_an_envelope_written_by_format_1_code_still_opens():
    data = json.loads(FIXTURE.read_text())
    sealed = base64.b64decode(data["envelope"])
    laptop = KeyPair.from_private_json(json.dumps(data["laptop"]))
    central = KeyPair.from_private_json(json.dumps(data["central"]))
    assert sealed[:9] == b"HFSYNC1\0\x01"
    assert read_sender(sealed) == laptop.public().signing
    opened = open_envelope(sealed, recipient=central, trusted_sender=laptop.public().signing)
    assert opened.manifest == data["manifest"]
    assert opened.payload_key == base64.b64decode(data["payload_key"])
    again = seal_v1(manifest=data["manifest"], payload_key=opened.payload_key, sender=laptop,
                    recipient=central.public())  # the test's writer lays it out the same way
    assert again[:41] == sealed[:41] and len(again) == len(sealed)
    assert open_envelope(again, recipient=central,
                         trusted_sender=laptop.public().signing).manifest == data["manifest"]


def test_a_laptop_of_format_1_is_imported(world, monkeypatch):
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    monkeypatch.setattr(package_module, "seal", seal_v1)
    package = world.package(0, "old-laptop.hfsync")
    assert read_package(package).envelope[:9] == b"HFSYNC1\0\x01"
    [result] = world.central.sync.import_files([package])
    assert result.refused is None and result.changes > 0


def test_packages_now_name_the_app_that_wrote_them(world):
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")  # fmt: skip
    envelope = read_package(world.package(0, "a.hfsync")).envelope
    assert envelope[8] == 2 and env.writer_version(envelope) == app_version.current()
    assert env.head_for(app_version.current()) == envelope[: 10 + len(app_version.current())]


# --- A newer envelope format -----------------------------------------------------------------


def test_a_newer_format_names_the_version_needed():
    for read in (read_sender, env.envelope_length,
                 lambda data: open_envelope(data, recipient=KeyPair.generate(),
                                            trusted_sender=bytes(32))):  # fmt: skip
        with pytest.raises(PackageTooNew) as refused:
            read(future_envelope(NEWER.encode()))
        assert str(refused.value) == NEEDED and refused.value.reason == "schema_too_new"
    with pytest.raises(PackageTooNew):  # any later format byte keeps the field where it is
        read_sender(future_envelope(b"12.0.0", fmt=255))


@pytest.mark.parametrize("version", [
    app_version.current().encode(),  # no newer app wrote it: a flipped format byte
    b"0.0.1",
    b"",
    b"9.4.2 ",  # a space
    b"9.4.2\n",
    b"9.4.\xff",
    "9.4.\u0436".encode(),
    b"9" * 33,  # one longer than the bound
    b"<script>",
])  # fmt: skip
def test_a_newer_format_that_names_no_newer_version_is_damaged(version):
    with pytest.raises(PackageDamaged) as refused:
        read_sender(future_envelope(version))
    assert type(refused.value) is PackageDamaged


def test_a_length_beyond_the_file_is_damaged():
    head = env.MAGIC + bytes([3, 200]) + b"9.4.2"
    with pytest.raises(PackageDamaged):
        read_sender(head)


def test_a_package_of_a_newer_format_is_quarantined_as_too_new(world, tmp_path):
    path = tmp_path / "from-the-future.hfsync"
    write_package(path, future_envelope(NEWER.encode()), b"payload of a later format")
    refused = central_refuses(world, path)
    assert str(refused) == NEEDED
    [note] = quarantine_notes(world)
    assert "reason: schema_too_new" in note and "file: from-the-future.hfsync" in note
    [listed] = world.central.sync.quarantined()
    assert (listed.reason, listed.copy_kept) == ("schema_too_new", True)


def test_the_command_line_says_which_version_is_needed(world, tmp_path):
    path = tmp_path / "from-the-future.hfsync"
    write_package(path, future_envelope(NEWER.encode()), b"payload of a later format")
    world.central.close()
    result = run_cli("--data-dir", str(world.root / "central"), "import", str(path),
                     password="central password")
    assert (result.code, result.err) == (1, f"{path.name}: abgelehnt – {NEEDED}\n"), result.err


# --- A newer manifest ------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [{"schema": FUTURE_SCHEMA}, {"format": 2}])
def test_a_manifest_of_a_newer_schema_or_format_names_the_version(world, monkeypatch, changes):
    laptop = world.laptops[0]
    [first] = world.central.sync.import_files([world.package(0, "enrols.hfsync")])
    assert first.refused is None  # the laptop is known by its key from now on
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    with_manifest(monkeypatch, export, app_version=NEWER, **changes)
    refused = central_refuses(world, world.package(0, "newer.hfsync"))
    assert str(refused) == NEEDED
    [note] = quarantine_notes(world)
    assert "reason: schema_too_new" in note
    assert f"device: {laptop.context.store.device_id}" in note  # its signature was verified


def test_an_unknown_schema_from_a_version_that_is_not_newer_is_still_too_new(world, monkeypatch):
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")  # fmt: skip
    with_manifest(monkeypatch, export, schema=FUTURE_SCHEMA)
    refused = central_refuses(world, world.package(0, "dev-build.hfsync"))
    assert str(refused) == UNNAMED and refused.reason == "schema_too_new"


@pytest.mark.parametrize("version", ["9" * 33, "9.4.2; rm", 942, None, ["9.4.2"]])
def test_an_app_version_out_of_shape_is_invalid(world, monkeypatch, version):
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")  # fmt: skip
    with_manifest(monkeypatch, export, app_version=version)
    refused = central_refuses(world, world.package(0, "odd.hfsync"))
    assert refused.reason == "invalid"


# --- The return package ----------------------------------------------------------------------


def round_trip(world, tmp_path, coordination_version: str | None = None) -> Sync:  # type: ignore[no-untyped-def]
    """Laptop 0 sends a package, the coordination (posing as ``coordination_version``) returns
    one, the laptop reads it; the laptop's Sync service."""
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    [imported] = world.central.sync.import_files([world.package(0, "a.hfsync")])
    assert imported.refused is None
    back = tmp_path / "back.hfsync"
    with pytest.MonkeyPatch.context() as patch:
        if coordination_version is not None:
            patch.setattr(app_version, "CURRENT", coordination_version)
        world.central.sync.make_return(laptop.context.store.device_id, back)
    [result] = laptop.sync.import_files([back])
    assert result.refused is None, result.refused
    return laptop.sync


def test_the_laptop_learns_a_newer_version_at_the_coordination(world, tmp_path):
    sync = round_trip(world, tmp_path, NEWER)
    status = sync.status()
    assert (status.coordination_version, status.newer_at_coordination) == (NEWER, NEWER)


def test_the_same_version_at_the_coordination_is_no_news(world, tmp_path):
    status = round_trip(world, tmp_path).status()
    assert status.coordination_version == app_version.current()
    assert status.newer_at_coordination is None


@pytest.mark.parametrize("older", ["0.0.9", "0.1", "nightly"])
def test_an_older_or_unparsable_coordination_version_is_no_news(world, tmp_path, older):
    status = round_trip(world, tmp_path, older).status()
    assert status.newer_at_coordination is None


def test_a_return_package_of_a_newer_schema_is_refused_with_the_version(world, tmp_path,
                                                                        monkeypatch):
    laptop = world.laptops[0]
    [imported] = world.central.sync.import_files([world.package(0, "a.hfsync")])
    assert imported.refused is None
    with_manifest(monkeypatch, returns, schema=FUTURE_SCHEMA, app_version=NEWER)
    back = tmp_path / "back.hfsync"
    world.central.sync.make_return(laptop.context.store.device_id, back)
    before = dump(laptop)
    [result] = laptop.sync.import_files([back])
    assert str(result.refused) == NEEDED
    assert dump(laptop) == before
