"""The sync commands driven as a coordinator's script would: real processes, real files."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hamm_field.store.paths import StorePaths
from tests.conftest import run_cli

CENTRAL, LAPTOP = "central password", "laptop password"


def test_invite_join_export_import_by_command_line(tmp_path):
    central, laptop = str(tmp_path / "central"), str(tmp_path / "laptop")
    assert run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
                   password=CENTRAL).code == 0
    invite = run_cli("--data-dir", central, "invite", "--worker", "Fatme", "--role",
                     "schluesselfigur", "--out", str(tmp_path / "f.invite"), password=CENTRAL)
    assert invite.code == 0, invite.err
    joined = run_cli("--data-dir", laptop, "init", "--role", "field", "--name", "Fatme Yusein",
                     "--invite", str(tmp_path / "f.invite"), password=LAPTOP)
    assert joined.code == 0, joined.err
    assert run_cli("--data-dir", laptop, "demo", "--families", "20", password=LAPTOP).code == 0
    exported = run_cli("--data-dir", laptop, "export", "--out", str(tmp_path / "p.hfsync"),
                       password=LAPTOP)
    assert exported.code == 0 and "geprüft" in exported.out
    first = run_cli("--data-dir", central, "import", str(tmp_path / "p.hfsync"),
                    password=CENTRAL)
    assert first.code == 0 and "Änderungen übernommen" in first.out
    second = run_cli("--data-dir", central, "import", str(tmp_path / "p.hfsync"),
                     password=CENTRAL)
    assert second.code == 0 and "schon eingelesen" in second.out
    status = run_cli("--data-dir", central, "status", password=CENTRAL)
    assert families(status.out) == 20
    devices = run_cli("--data-dir", central, "devices", password=CENTRAL).out
    # The coordination's name for the worker (from the invitation) is the one it lists.
    device = next(line.split()[0] for line in devices.splitlines() if "Fatme" in line)
    back = run_cli("--data-dir", central, "return", "--device", device, "--out",
                   str(tmp_path / "back.hfsync"), password=CENTRAL)
    assert back.code == 0 and "bestätigt bis Paket 1" in back.out
    applied = run_cli("--data-dir", laptop, "import", str(tmp_path / "back.hfsync"),
                      password=LAPTOP)
    assert applied.code == 0, applied.err
    laptop_status = run_cli("--data-dir", laptop, "status", password=LAPTOP).out
    acked = next(line for line in laptop_status.splitlines()
                 if line.startswith("Letzte Bestätigung:"))
    assert "noch nie" not in acked
    small = run_cli("--data-dir", laptop, "export", "--out", str(tmp_path / "p2.hfsync"),
                    password=LAPTOP)
    assert small.code == 0 and "(0 Änderungen)" in small.out
    (tmp_path / "bad.hfsync").write_bytes(b"HFPKG01\n" + os.urandom(300))
    bad = run_cli("--data-dir", central, "import", str(tmp_path / "bad.hfsync"),
                  password=CENTRAL)
    assert bad.code == 1
    assert bad.err.strip() == "bad.hfsync: abgelehnt – Die Paketdatei ist beschädigt oder " \
                              "unvollständig."


def families(status: str) -> int:
    line = next(line for line in status.splitlines() if line.startswith("Familien:"))
    return int("".join(ch for ch in line.split(":")[1] if ch.isdigit()))  # "1.500" in German


def test_killing_an_import_leaves_the_central_store_as_before(tmp_path):
    """A kill -9 in the middle of the merge: SQLite's transaction keeps the store whole."""
    central, laptop = str(tmp_path / "central"), str(tmp_path / "laptop")
    run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
            password=CENTRAL)
    run_cli("--data-dir", central, "invite", "--worker", "F", "--role", "schluesselfigur",
            "--out", str(tmp_path / "f.invite"), password=CENTRAL)
    run_cli("--data-dir", laptop, "init", "--role", "field", "--name", "F", "--invite",
            str(tmp_path / "f.invite"), password=LAPTOP)
    run_cli("--data-dir", laptop, "demo", "--families", "1500", password=LAPTOP)
    run_cli("--data-dir", laptop, "export", "--out", str(tmp_path / "big.hfsync"),
            password=LAPTOP)
    check = run_cli("--data-dir", central, "check", password=CENTRAL)
    before = run_cli("--data-dir", central, "status", password=CENTRAL).out
    environment = {**os.environ, "HAMM_FIELD_PASSWORD": CENTRAL, "HAMM_FIELD_KDF_SECONDS": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "hamm_field", "--data-dir", central, "import",
         str(tmp_path / "big.hfsync")], env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = StorePaths(Path(central)).staging
    deadline = time.monotonic() + 120
    while not list(staging.glob("*.payload")) and time.monotonic() < deadline:
        time.sleep(0.01)  # the payload is unpacked right before the merge begins
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL  # killed while still merging (it takes seconds)
    assert check.code == 0
    after = run_cli("--data-dir", central, "status", password=CENTRAL)
    assert after.code == 0
    # All or nothing: never a part of the package.
    assert families(after.out) in (families(before), 1500)
    assert run_cli("--data-dir", central, "check", password=CENTRAL).code == 0
    again = run_cli("--data-dir", central, "import", str(tmp_path / "big.hfsync"),
                    password=CENTRAL)
    assert again.code == 0
    assert families(run_cli("--data-dir", central, "status", password=CENTRAL).out) == 1500
