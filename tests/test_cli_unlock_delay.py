"""The command line keeps the count of wrong passwords across calls and refuses while waiting."""

from __future__ import annotations

import json
import os
import stat
import time

from hamm_field.services.unlock_attempts import FILE_NAME
from tests.conftest import PASSWORD


def test_a_wrong_password_is_counted_for_the_next_call(new_store, paths, cli) -> None:
    new_store.store.close()
    wrong = cli("--data-dir", str(paths.root), "status", password="not the password")
    assert wrong.code == 1 and wrong.err.strip() == "Das Passwort ist falsch."
    count = paths.root / FILE_NAME
    assert json.loads(count.read_text())["failures"] == 1
    if os.name == "posix":
        assert stat.S_IMODE(count.stat().st_mode) == 0o600
    assert "not the password" not in count.read_text()
    assert cli("--data-dir", str(paths.root), "status").code == 0
    assert not count.exists()  # the right password resets it


def test_while_a_wait_is_pending_the_cli_refuses_at_once(new_store, paths, cli) -> None:
    new_store.store.close()
    count = paths.root / FILE_NAME
    count.write_text(json.dumps({"failures": 8, "last_failure": time.time()}))  # waits 8 s
    for command in (["status"], ["passwd"]):
        result = cli("--data-dir", str(paths.root), *command, HAMM_FIELD_NEW_PASSWORD="x" * 12)
        assert result.code == 1, result
        assert result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("Zu viele falsche Passwörter. Der nächste Versuch ist in ")
    assert json.loads(count.read_text())["failures"] == 8  # a refused call counts nothing


def test_once_the_wait_is_over_the_right_password_opens(new_store, paths, cli) -> None:
    new_store.store.close()
    count = paths.root / FILE_NAME
    count.write_text(json.dumps({"failures": 8, "last_failure": time.time() - 9}))
    result = cli("--data-dir", str(paths.root), "status", password=PASSWORD)
    assert result.code == 0, result.err
    assert not count.exists()
