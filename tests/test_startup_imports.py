"""Starting is cheap: what ``--version``, ``--help`` and the unlock window load, in a fresh process.

Not a timing test (``benchmarks/bench_startup.py`` has the figures): each start runs in its
own interpreter and reports which modules it had imported, so this test session's own
imports do not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, run_cli

MARK = "loaded-modules:"
# Run hamm_field as ``python -m hamm_field`` would, then report the modules loaded.
WRAPPER = f"""
import json, runpy, sys
sys.argv = ["hamm-field", *json.loads(sys.argv[1])]
try:
    runpy.run_module("hamm_field", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
print({MARK!r} + json.dumps(sorted(sys.modules)))
"""
# Neither --version nor any --help may load these (nor anything below them).
NOT_FOR_HELP = (
    "hamm_field.services", "hamm_field.store", "hamm_field.sync", "hamm_field.reports",
    "sqlalchemy", "sqlmodel", "sqlcipher3", "cryptography", "alembic", "reportlab", "PySide6",
)
# The unlock window comes before SQL, cryptography, migrations and the store's engine.
# The store's three plain file helpers (paths, the folder lock, atomic writes) are in use
# before it: they hold the data folder's lock and read the settings, and load nothing heavy.
NOT_BEFORE_UNLOCK = (
    "sqlalchemy", "sqlmodel", "sqlcipher3", "cryptography", "alembic", "reportlab",
    "hamm_field.sync", "hamm_field.reports", "hamm_field.domain.tables",
    "hamm_field.services.setup", "hamm_field.ui.main_window",
)
PLAIN_STORE_MODULES = {
    "hamm_field.store", "hamm_field.store.paths", "hamm_field.store.folder_lock",
    "hamm_field.store.files",
}


def loaded(*args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, json.dumps(args)],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert lines, done.stderr
    return done, set(json.loads(lines[-1][len(MARK):]))


def under(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("args", [
    ("--version",), ("--help",), ("init", "--help"), ("--lang", "bg", "--help"),
    ("--lang", "en", "status", "--help"),
])  # fmt: skip
def test_version_and_help_load_no_services_sql_crypto_or_qt(args):
    done, modules = loaded(*args)
    assert under(modules, NOT_FOR_HELP) == []
    assert done.stderr == ""
    assert "hamm-field" in done.stdout


def test_help_is_still_translated_and_lists_every_command():
    done, _modules = loaded("--lang", "bg", "--help")
    assert "Използване:" in done.stdout  # argparse's "usage:" in Bulgarian
    for command in ("init", "status", "demo", "report", "export", "import"):
        assert f"    {command} " in done.stdout


def test_the_report_command_still_gets_its_options():
    result = run_cli("report", "--format", "json", password=None)
    assert result.code == 2  # wrong usage: --out is missing
    assert "--out" in result.err and "Aufruf: hamm-field report" in result.err


@pytest.fixture
def store_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "laptop"
    result = run_cli("--data-dir", str(folder), "init", "--role", "field", "--name", "Ana Test")
    assert result.code == 0, result.err
    return folder


@pytest.mark.gui
def test_the_unlock_window_is_shown_before_the_store_layer_is_loaded(store_folder):
    done, modules = loaded("--data-dir", str(store_folder), HAMM_FIELD_STARTUP_PROBE="1",
                           HAMM_FIELD_KDF_SECONDS="0", QT_QPA_PLATFORM="offscreen")  # fmt: skip
    assert done.stderr.startswith("startup: unlock-window-shown "), done.stderr
    assert "hamm_field.ui.unlock_dialog" in modules and "PySide6.QtWidgets" in modules
    assert under(modules, NOT_BEFORE_UNLOCK) == []
    assert under(modules, ("hamm_field.store",)) == sorted(PLAIN_STORE_MODULES & modules)


def test_open_names_a_missing_file_in_one_line_before_any_window(tmp_path):
    missing = tmp_path / "weg.hfsync"
    result = run_cli("--data-dir", str(tmp_path / "data"), "--open", str(missing),
                     password=PASSWORD, QT_QPA_PLATFORM="offscreen")  # fmt: skip
    assert result.code == 1
    assert result.err == f"Die Datei „{missing}“ gibt es nicht.\n"
    assert not (tmp_path / "data").exists()  # nothing made, not even the folder
