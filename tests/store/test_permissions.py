"""Everything of a store is owner-only on POSIX, even under the usual umask 022.

With 022 the data folder used to be 755 and the database, its WAL and quarantined packages
644: any account on the machine could copy them, or watch them grow.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hamm_field.services import setup
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, run_cli
from tests.sync.conftest import make_world

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def not_private(root: Path) -> dict[str, str]:
    """Everything under ``root`` (itself included) that others could read, with its mode."""
    found = {}
    for path in [root, *root.rglob("*")]:
        wanted = 0o700 if path.is_dir() else 0o600
        if mode(path) != wanted:
            found[str(path.relative_to(root))] = oct(mode(path))
    return found


def test_a_store_set_up_and_used_on_the_command_line_is_owner_only(tmp_path, umask_022):
    data = tmp_path / "data"
    assert run_cli("--data-dir", str(data), "init", "--role", "field", "--name", "A").code == 0
    assert run_cli("--data-dir", str(data), "status").code == 0
    names = {path.name for path in data.rglob("*")}
    assert {"hamm_field.db", "hamm_field.key", "logs", "hamm_field.log"} <= names
    assert not_private(data) == {}


def test_a_store_set_up_through_the_services_is_owner_only_with_its_wal(umask_022, new_store):
    paths = new_store.store.paths
    with new_store.store.write() as writer:  # an open store with a write: -wal and -shm exist
        writer.session.connection()
    with new_store.store.read() as session:
        session.connection()
        wal = paths.database.with_name("hamm_field.db-wal")
        shm = paths.database.with_name("hamm_field.db-shm")
        assert wal.exists() and shm.exists()
        assert (mode(wal), mode(shm)) == (0o600, 0o600)
        assert not_private(paths.root) == {}


def test_staging_and_quarantine_are_owner_only(tmp_path, kdf, umask_022):
    world = make_world(tmp_path, kdf)
    try:
        world.laptops[0].families.create(family_name="Popa", sozialraum="pelkum",
                                         herkunftsland="rumaenien")
        good = world.package(0, "good.hfsync")
        data = bytearray(good.read_bytes())
        data[-40] ^= 0x01  # one flipped bit in the payload: refused and quarantined
        bad = tmp_path / "bad.hfsync"
        bad.write_bytes(bytes(data))
        central = world.central.context.store.paths
    finally:
        world.close()
    result = run_cli("--data-dir", str(central.root), "import", str(good), str(bad),
                     password="central password")
    assert result.code in (0, 1), result.err
    assert central.staging.is_dir()
    assert any(central.quarantine.iterdir()), "the flipped package was not quarantined"
    assert not_private(central.root) == {}


def test_opening_repairs_a_store_made_before_files_were_private(umask_022, new_store):
    paths: StorePaths = new_store.store.paths
    new_store.store.close()
    for folder in (paths.log_dir, paths.staging, paths.quarantine):
        folder.mkdir(mode=0o755, exist_ok=True)
        (folder / "older.txt").write_text("x")
        folder.chmod(0o755)
    for path in (paths.database, paths.keyfile, *paths.root.rglob("older.txt")):
        path.chmod(0o644)
    paths.root.chmod(0o755)
    store = setup.unlock(paths, PASSWORD)
    try:
        assert not_private(paths.root) == {}
    finally:
        store.close()
