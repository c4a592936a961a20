"""``hamm-field retention due``: the coordination's list of what is past its Löschfrist."""

import re

from tests.conftest import run_cli

CENTRAL = "central password"
LINE = re.compile(r"^[0-9a-f-]{36}  (household|observation) +\w+ +\d{4}-\d\d-\d\d  "
                  r"\d{4}-\d\d-\d\d  (due|marked|hold:\d{4}-\d\d-\d\d)$")


def test_retention_due_lists_old_families_by_id_only(tmp_path):
    central = str(tmp_path / "central")
    assert run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
                   password=CENTRAL).code == 0
    assert run_cli("--data-dir", central, "retention", "due", password=CENTRAL).out == ""
    loaded = run_cli("--data-dir", central, "demo", "--families", "8", "--year", "2020",
                     password=CENTRAL)
    assert loaded.code == 0, loaded.err
    due = run_cli("--data-dir", central, "retention", "due", password=CENTRAL)
    assert due.code == 0, due.err
    lines = due.out.splitlines()
    assert lines and all(LINE.match(line) for line in lines), due.out
    assert sum(" household " in line for line in lines) == 8
