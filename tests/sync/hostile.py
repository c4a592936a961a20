"""Hostile packages, made the way a thief holding one enrolled laptop (and its password) can.

The laptop's private keys sit in its own store, the coordination's public keys in its
``local_state``: with both, any rows can be written into a payload, described by any
manifest and signed exactly as ``sync/export.py`` does. The signature is genuine; only
the write authority at the coordination stands between such a package and the store.

The scene every hostile test starts from is built once (a coordination and two enrolled
laptops with a family each) and copied per test, then opened with the stores' data keys:
a copy costs milliseconds, a new set-up with three key derivations much more.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hamm_field.domain.hlc import pack
from hamm_field.domain.ids import uuid7
from hamm_field.services import Services
from hamm_field.store import migrate, state, sync_rows
from hamm_field.store.engine import make_engine
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment
from hamm_field.sync.envelope import seal
from hamm_field.sync.keys import KeyPair, PublicKeys
from hamm_field.sync.package import ACKED, SEQUENCE, write_package
from hamm_field.sync.payload import write_payload
from tests.sync.conftest import TODAY, make_world

Row = dict[str, Any]
CENTRAL_PASSWORD = "central password"
YEAR_2226 = pack(int(dt.datetime(2226, 1, 1, tzinfo=dt.UTC).timestamp() * 1000), 0)

# Personal data of the scene and of the hostile rows. None of it may ever show up in a
# refusal message, the log or a quarantine note.
SECRETS = ("Opferova", "Opferstraße", "Vesela", "Kalina", "Angreiferova", "Eindringling",
           "Geheimweg")  # fmt: skip


@functools.cache
def schema() -> str:
    """The head revision (read once: alembic scans its scripts for it)."""
    return migrate.head_revision()


def keys_of(services: Services) -> KeyPair:
    """A store's own private keys, read the way an attacker with its password would."""
    with services.context.store.read() as session:
        return enrolment.own_keys(session)


def central_keys_known_to(laptop: Services) -> PublicKeys:
    with laptop.context.store.read() as session:
        return PublicKeys.from_dict(json.loads(state.get(session, enrolment.CENTRAL) or "{}"))


def load_row(services: Services, table: str, record_id: str) -> Row:
    with services.context.store.engine.connect() as connection:
        return sync_rows.load(connection, table, [record_id])[record_id]


def first_row(services: Services, table: str, where: str = "1 = 1") -> Row:
    with services.context.store.engine.connect() as connection:
        record_id = connection.exec_driver_sql(
            f'SELECT id FROM "{table}" WHERE {where} ORDER BY id LIMIT 1').scalar_one()
        return sync_rows.load(connection, table, [record_id])[record_id]


def seal_file(path: Path, rows: Iterable[tuple[str, Row]], manifest: dict[str, Any], *,
              sender: KeyPair, recipient: PublicKeys) -> Path:  # fmt: skip
    """Write ``rows`` as a payload, pin it in ``manifest`` (counts and hash filled in unless
    given), seal and sign: a package file exactly as the real code writes one."""
    payload_file = path.with_name(f".{uuid7()}.payload")
    try:
        payload_key, counts = write_payload(payload_file, rows)
        payload = payload_file.read_bytes()
    finally:
        payload_file.unlink(missing_ok=True)
    manifest = {"counts": counts, "members": {"payload": hashlib.sha256(payload).hexdigest()},
                **manifest}
    write_package(path, seal(manifest=manifest, payload_key=payload_key, sender=sender,
                             recipient=recipient), payload)
    return path


class Forger:
    """Rows and packages in the name of one store (a laptop, or the coordination for return
    packages), stamped by its clock and signed with its real keys."""

    def __init__(self, laptop: Services, out: Path) -> None:
        self.laptop = laptop
        self.out = out
        self.keys = keys_of(laptop)

    @property
    def device(self) -> str:
        return self.laptop.context.store.device_id

    @property
    def worker(self) -> str:
        return self.laptop.context.worker_id or ""

    def now(self) -> int:
        return self.laptop.context.store.clock.now()

    def fresh(self, template: Row, **values: Any) -> Row:
        """A new record made from a real one: a new id, created now by this laptop."""
        stamp = self.now()
        return {**template, **values, "id": uuid7(), "hlc": stamp, "device_id": self.device,
                "created_hlc": stamp, "created_device": self.device, "stamps": {},
                "deleted_hlc": None, "erased": 0}  # fmt: skip

    def edited(self, row: Row, **changes: Any) -> Row:
        """An edit of ``row`` stamped now by this laptop, field by field, as the store does."""
        stamp = self.now()
        stamps = {**row["stamps"], **{name: [stamp, self.device] for name in changes}}
        return {**row, **changes, "stamps": stamps, "hlc": stamp, "device_id": self.device}

    def marked(self, row: Row, **columns: Any) -> Row:
        """A write of bookkeeping columns (``erased``, ``hlc``): no field stamp of its own."""
        stamp = self.now()
        return {**row, "hlc": stamp, "device_id": self.device, **columns}

    def deleted(self, row: Row) -> Row:
        stamp = self.now()
        return {**row, "deleted_hlc": stamp, "hlc": stamp, "device_id": self.device}

    def erasure(self, subject_table: str, subject_id: str) -> Row:
        stamp = self.now()
        return {"id": uuid7(), "hlc": stamp, "device_id": self.device, "created_hlc": stamp,
                "created_device": self.device, "stamps": {}, "deleted_hlc": None, "erased": 0,
                "subject_table": subject_table, "subject_id": subject_id,
                "issued_on": TODAY.isoformat()}  # fmt: skip

    def manifest(self, **overrides: Any) -> dict[str, Any]:
        """The manifest of the laptop's next package, as ``sync/export.py`` writes it (its
        counts and payload hash are filled in when sealed), with ``overrides``."""
        with self.laptop.context.store.read() as session:
            acked = int(state.get(session, ACKED) or 0)
            sequence = int(state.get(session, SEQUENCE) or 0) + 1
        return {
            "format": 1, "schema": schema(), "device": self.device,
            "worker": self.worker, "package_id": uuid7(), "sequence": sequence,
            "hlc_from": acked, "hlc_to": acked,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "encryption_public": self.keys.public().to_dict()["encryption"], **overrides,
        }  # fmt: skip

    def package(self, name: str, rows: list[tuple[str, Row]], **manifest: Any) -> Path:
        """A package of ``rows`` as the laptop's next one; ``manifest`` overrides any field.

        The laptop's own sequence counter moves on, as it would for a real export, so its
        later genuine packages do not reuse the number.
        """
        base = self.manifest()
        base["hlc_to"] = max([base["hlc_from"], *(row["hlc"] for _table, row in rows
                                                  if isinstance(row.get("hlc"), int))])
        with self.laptop.context.store.write() as writer:
            state.put(writer.session, SEQUENCE, str(base["sequence"]))
        return seal_file(self.out / name, rows, {**base, **manifest}, sender=self.keys,
                         recipient=central_keys_known_to(self.laptop))


def forge_return(path: Path, rows: list[tuple[str, Row]], *, sender: KeyPair,
                 laptop: Services, **manifest: Any) -> Path:  # fmt: skip
    """A return package for ``laptop``, signed by ``sender`` (the coordination's real key,
    or anybody else's), laid out as ``sync/returns.py`` writes one."""
    base = {
        "format": 1, "kind": "return", "schema": schema(),
        "device": laptop.context.store.device_id, "package_id": uuid7(), "acked_hlc": 0,
        "acked_sequence": 0, "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    return seal_file(path, rows, {**base, **manifest}, sender=sender,
                     recipient=keys_of(laptop).public())


@dataclass(frozen=True)
class SceneIds:
    """The records of the scene. Laptop 0 is the victim, laptop 1 the attacker."""

    victim_family: str
    victim_parent: str
    victim_child: str
    victim_contact: str
    victim_observation: str
    victim_event: str
    attacker_family: str
    attacker_person: str
    attacker_contact: str


@dataclass
class Scene:
    root: Path
    central: Services
    victim: Services
    attacker: Services
    ids: SceneIds
    forger: Forger
    opener: StoreOpener = field(repr=False)  # holds the data keys

    def row(self, table: str, record_id: str) -> Row:
        """The coordination's copy of a record: what a hostile edit starts from."""
        return load_row(self.central, table, record_id)

    @property
    def central_dir(self) -> Path:
        return self.root / "central"

    def close_central(self) -> None:
        self.central.close()

    def reopen_central(self) -> None:
        self.central = self.opener.open(self.central_dir, "central")

    def close(self) -> None:
        for services in (self.central, self.victim, self.attacker):
            services.close()


@dataclass(frozen=True)
class StoreOpener:
    """Opens copies of the template's stores with their data keys (no key derivation)."""

    keys: dict[str, tuple[bytes, str | None]] = field(repr=False)

    def store(self, folder: Path, name: str) -> Store:
        data_key, worker_id = self.keys[name]
        paths = StorePaths(folder)
        return Store(make_engine(paths.database, data_key), paths, data_key, worker_id)

    def open(self, folder: Path, name: str) -> Services:
        return Services.for_store(self.store(folder, name), today=lambda: TODAY)


class Template:
    """The scene, built once: both laptops enrolled, each with a family of its own."""

    def __init__(self, root: Path, kdf) -> None:  # type: ignore[no-untyped-def]
        self.root = root / "scene"
        world = make_world(self.root, kdf)
        victim, attacker = world.laptops
        try:
            self.ids = _fill(victim, attacker)
            exports = self.root / "exports"
            exports.mkdir()
            packages = [exports / "victim-1.hfsync", exports / "attacker-1.hfsync"]
            victim.sync.export(packages[0])
            attacker.sync.export(packages[1])
            results = world.central.sync.import_files(packages)
            assert [r.refused for r in results] == [None, None], "the scene's own packages"
            self.opener = StoreOpener({
                name: (services.context.store.data_key, services.context.store.worker_id)
                for name, services in (("central", world.central), ("laptop0", victim),
                                       ("laptop1", attacker))
            })  # fmt: skip
        finally:
            world.close()

    def copy(self, target: Path) -> Scene:
        root = target / "scene"
        shutil.copytree(self.root, root)
        central = self.opener.open(root / "central", "central")
        victim = self.opener.open(root / "laptop0", "laptop0")
        attacker = self.opener.open(root / "laptop1", "laptop1")
        forged = root / "forged"
        forged.mkdir()
        return Scene(root, central, victim, attacker, self.ids, Forger(attacker, forged),
                     self.opener)


_BUILT: dict[str, Template] = {}


def shared_template(tmp_path_factory, kdf) -> Template:  # type: ignore[no-untyped-def]
    """The template, built once per test session for every module that copies it."""
    if "scene" not in _BUILT:
        _BUILT["scene"] = Template(tmp_path_factory.mktemp("hostile-scene"), kdf)
    return _BUILT["scene"]


def _fill(victim: Services, attacker: Services) -> SceneIds:
    family = victim.families.create(family_name="Opferova", sozialraum="pelkum",
                                    herkunftsland="bulgarien", address="Opferstraße 1",
                                    pakete=[1])  # fmt: skip
    parent = victim.persons.create(household_id=family.id, given_name="Vesela",
                                   family_name="Opferova", relation="elternteil")
    child = victim.persons.create(household_id=family.id, given_name="Kalina",
                                  family_name="Opferova", relation="kind", birth_year=2018)
    contact = victim.contacts.create(household_id=family.id, kind="beratung", duration_min=30,
                                     paket=1, note="Opferstraße: Antrag besprochen")
    observation = victim.observations.create(household_id=family.id, person_id=child.id,
                                             concern="gering", note="Kalina müde")
    event = victim.contacts.create(kind="veranstaltung", title="Elterncafé", participants=12,
                                   duration_min=90, sozialraum="pelkum")
    own = attacker.families.create(family_name="Angreiferova", sozialraum="pelkum",
                                   herkunftsland="rumaenien", address="Geheimweg 13")
    member = attacker.persons.create(household_id=own.id, given_name="Eindringling",
                                     family_name="Angreiferova", relation="elternteil")
    visit = attacker.contacts.create(household_id=own.id, kind="beratung", duration_min=20,
                                     paket=1)
    return SceneIds(family.id, parent.id, child.id, contact.id, observation.id, event.id,
                    own.id, member.id, visit.id)


def fake_keys() -> tuple[KeyPair, dict[str, str]]:
    """A key pair the attacker made, and its public half as a device row holds it."""
    pair = KeyPair.generate()
    public = pair.public()
    return pair, {"signing_public": base64.b64encode(public.signing).decode(),
                  "encryption_public": base64.b64encode(public.encryption).decode()}


def send(scene: Scene, *rows: tuple[str, dict[str, Any]], **manifest: Any) -> Path:
    return scene.forger.package(f"hostile-{uuid7()[-8:]}.hfsync", list(rows), **manifest)


def own_family_edit(scene: Scene) -> tuple[str, dict[str, Any]]:
    """A row the attacker may send: it proves a refused package is refused whole."""
    return "household", scene.forger.edited(scene.row("household", scene.ids.attacker_family),
                                            address="Geheimweg 14")
