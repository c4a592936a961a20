"""Nothing personal reaches the log, even when the database fails on a row of a person.

SQLAlchemy puts the row it was writing into its error text (``[parameters: …]``), so a
failed import used to copy names and addresses into ``logs/hamm_field.log``.
"""

from __future__ import annotations

import errno
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy.exc

from hamm_field import logsetup
from hamm_field.store import engine
from hamm_field.store.engine import connect_raw
from hamm_field.store.paths import StorePaths
from tests.conftest import run_cli
from tests.store.cli_in_process import cli_in_process, log_text
from tests.sync.conftest import make_world

GIVEN, FAMILY, ADDRESS = "Zlatomira", "Xyzzyova", "Quellenweg 17b, 59063 Hamm"
CENTRAL_PASSWORD = "central password"


def personal_data_in(text: str) -> list[str]:
    """The parts of the probe person found in ``text``, in any case (search keys are lower)."""
    lowered = text.lower()
    return [word for word in (GIVEN, FAMILY, "Quellenweg", "xiziova") if word.lower() in lowered]


@dataclass(frozen=True)
class Central:
    paths: StorePaths
    data_key: bytes
    package: Path


@pytest.fixture
def central(tmp_path, kdf) -> Central:
    """A coordination store and a package from a laptop with the probe family in it, twice."""
    world = make_world(tmp_path, kdf)
    try:
        laptop = world.laptops[0]
        for _ in range(2):
            family = laptop.families.create(family_name=FAMILY, sozialraum="pelkum",
                                            herkunftsland="bulgarien", address=ADDRESS)
            laptop.persons.create(household_id=family.id, given_name=GIVEN, family_name=FAMILY,
                                  relation="kind", birth_year=2017)
        package = world.package(0, "laptop0.hfsync")
        store = world.central.context.store
        return Central(store.paths, store.data_key, package)
    finally:
        world.close()


def add_probe_constraint(central: Central) -> None:
    """One address per family: the second probe family then violates it on import."""
    connection = connect_raw(central.paths.database, central.data_key)
    try:
        connection.execute("CREATE UNIQUE INDEX probe_one_address ON household(address)")
    finally:
        connection.close()


def test_a_constraint_violation_logs_the_error_class_but_no_name_or_address(central):
    add_probe_constraint(central)
    result = run_cli("--data-dir", str(central.paths.root), "import", str(central.package),
                     password=CENTRAL_PASSWORD)
    assert result.code == 3, result.err
    assert "Protokoll" in result.err
    log = log_text(central.paths)
    assert personal_data_in(log) == []
    assert personal_data_in(result.err) == []
    assert "sqlalchemy.exc.IntegrityError" in log
    assert "[SQLITE_CONSTRAINT" in log
    assert "Traceback (most recent call last):" in log
    assert 'sync_rows.py", line' in log  # the frames are kept: the bug can be found


def test_a_locked_database_logs_the_error_class_but_no_name_or_address(central, monkeypatch,
                                                                        capsys):
    # A short busy timeout: the CLI gives up waiting for the lock at once instead of in 10 s.
    pragmas = tuple(p.replace("busy_timeout = 10000", "busy_timeout = 50") for p in
                    engine._PRAGMAS)
    assert pragmas != engine._PRAGMAS
    monkeypatch.setattr(engine, "_PRAGMAS", pragmas)
    holder = connect_raw(central.paths.database, central.data_key)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        with cli_in_process(monkeypatch, capsys) as main:
            result = main("--data-dir", str(central.paths.root), "import",
                          str(central.package), password=CENTRAL_PASSWORD)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 3, result.err
    log = log_text(central.paths)
    assert personal_data_in(log) == []
    assert personal_data_in(result.err) == []
    assert "sqlalchemy.exc.OperationalError" in log
    assert "[SQLITE_BUSY" in log


def test_database_errors_carry_no_parameters(services):
    """Not even the error object itself, which a caller might show or log elsewhere."""
    store = services.context.store
    with store.engine.begin() as connection:
        connection.exec_driver_sql("CREATE UNIQUE INDEX probe_one_address ON household(address)")
    services.families.create(family_name=FAMILY, sozialraum="pelkum", herkunftsland="bulgarien",
                             address=ADDRESS)
    with pytest.raises(sqlalchemy.exc.IntegrityError) as raised:
        services.families.create(family_name=FAMILY, sozialraum="pelkum",
                                 herkunftsland="bulgarien", address=ADDRESS)
    assert "UNIQUE constraint failed: household.address" in str(raised.value)
    assert personal_data_in(str(raised.value)) == []


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = logsetup.configure(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def _fail_with_personal_data() -> None:
    try:
        raise KeyError(f"{GIVEN} {FAMILY}")
    except KeyError as error:
        raise ValueError(f"no family at {ADDRESS}") from error


def test_no_exception_text_reaches_the_log_in_any_form(log_file):
    log = logging.getLogger("hamm_field.test")
    try:
        _fail_with_personal_data()
    except ValueError as error:
        log.exception("import failed")
        log.error("import failed: %s", error)
        log.error(error)
        log.error("import failed: %(why)s", {"why": error})
    disk = OSError(errno.ENOSPC, "No space left on device", f"/media/{FAMILY}.pdf")
    log.error("report failed", exc_info=disk)
    text = log_file.read_text(encoding="utf-8")
    assert personal_data_in(text) == []
    assert "import failed: ValueError" in text
    assert text.count("Traceback (most recent call last):") == 3  # two chained, one OSError
    assert "KeyError\n\nThe above exception was the direct cause" in text
    assert "in _fail_with_personal_data" in text
    assert "OSError [ENOSPC]" in text


def test_a_traceback_written_in_full_elsewhere_is_not_reused(log_file):
    """Logging caches a formatted traceback on the record; the log formats its own."""
    other = io.StringIO()
    loud = logging.StreamHandler(other)
    loud.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.handlers.insert(0, loud)
    try:
        try:
            _fail_with_personal_data()
        except ValueError:
            logging.getLogger("hamm_field.test").exception("failed")
    finally:
        root.removeHandler(loud)
    assert FAMILY in other.getvalue()  # the record did carry the text
    assert personal_data_in(log_file.read_text(encoding="utf-8")) == []


def test_a_log_that_cannot_be_written_stays_silent(log_file, capsys):
    """A full disk under the log must not print the record and its arguments to stderr."""
    handler = logging.getLogger().handlers[0]
    handler.stream.close()
    handler.stream = open(log_file, encoding="utf-8")  # read-only: every write fails  # noqa: SIM115
    logging.getLogger("hamm_field.test").error("write failed for %s", FAMILY)
    assert capsys.readouterr().err == ""


def test_no_log_folder_means_no_log_not_a_crash(tmp_path, capsys):
    blocked = tmp_path / "logs"
    blocked.write_text("not a folder")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        assert logsetup.configure(blocked) is None
        logging.getLogger("hamm_field.test").error("nowhere to go")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
    assert capsys.readouterr().err == ""
    assert blocked.read_text() == "not a folder"
