"""The command line, run as a separate process exactly as a coordinator's script would."""

import pytest

from hamm_field import __version__
from tests.conftest import PASSWORD


@pytest.fixture
def data_dir(tmp_path, cli):
    directory = tmp_path / "laptop"
    result = cli("--data-dir", str(directory), "init", "--role", "field", "--name", "Мария Тест")
    assert result.code == 0, result.err
    return directory, result


def test_version(cli):
    result = cli("--version", password=None)
    assert result.code == 0
    assert result.out.strip() == f"hamm-field {__version__}"


def test_init_prints_the_recovery_key_once_in_groups(data_dir):
    _directory, result = data_dir
    key_lines = [line.strip() for line in result.out.splitlines() if line.count("-") == 6]
    assert len(key_lines) == 1
    groups = key_lines[0].split("-")
    assert all(4 <= len(group) <= 5 for group in groups)
    assert "Wiederherstellungsschlüssel" in result.out


def test_status_shows_role_worker_and_counts(data_dir, cli):
    directory, _ = data_dir
    result = cli("--data-dir", str(directory), "status")
    assert result.code == 0, result.err
    assert "Laptop im Feld" in result.out
    assert "Мария Тест (Schlüsselfigur)" in result.out
    assert "Familien:" in result.out
    assert "Nicht synchronisierte Änderungen:" in result.out


def test_wrong_password_exits_1_with_one_clear_line(data_dir, cli):
    directory, _ = data_dir
    result = cli("--data-dir", str(directory), "status", password="wrong password")
    assert result.code == 1
    assert result.err.strip() == "Das Passwort ist falsch."
    assert result.err.count("\n") == 1
    assert result.out == ""


def test_status_without_a_store_says_to_set_one_up(tmp_path, cli):
    result = cli("--data-dir", str(tmp_path / "nothing"), "status")
    assert result.code == 1
    assert "Bitte zuerst einrichten" in result.err
    assert not (tmp_path / "nothing").exists()


def test_init_twice_is_a_user_error_and_changes_nothing(data_dir, cli):
    directory, _ = data_dir
    before = (directory / "hamm_field.key").read_bytes()
    result = cli("--data-dir", str(directory), "init", "--role", "field", "--name", "Other")
    assert result.code == 1
    assert "gibt es schon" in result.err
    assert (directory / "hamm_field.key").read_bytes() == before


def test_a_short_password_is_refused_at_init(tmp_path, cli):
    result = cli("--data-dir", str(tmp_path / "d"), "init", "--role", "field", "--name", "X",
                 password="short")
    assert result.code == 1
    assert result.err.strip() == "Das Passwort muss mindestens 8 Zeichen lang sein."


def test_wrong_usage_exits_2(cli):
    assert cli("init", "--role", "satellite", "--name", "X").code == 2
    assert cli("no-such-command").code == 2


def test_password_change_and_recovery(data_dir, cli):
    directory, init = data_dir
    key = next(line.strip() for line in init.out.splitlines() if line.count("-") == 6)
    changed = cli("--data-dir", str(directory), "passwd",
                  HAMM_FIELD_NEW_PASSWORD="second password")
    assert changed.code == 0, changed.err
    assert cli("--data-dir", str(directory), "status").code == 1
    assert cli("--data-dir", str(directory), "status", password="second password").code == 0
    wrong = cli("--data-dir", str(directory), "passwd", "--recovery",
                HAMM_FIELD_RECOVERY_KEY="0000-0000-00000-0000-0000-00000",
                HAMM_FIELD_NEW_PASSWORD="third password")
    assert wrong.code == 1
    assert wrong.err.strip() == "Der Wiederherstellungsschlüssel ist falsch."
    recovered = cli("--data-dir", str(directory), "passwd", "--recovery",
                    HAMM_FIELD_RECOVERY_KEY=key.lower(), HAMM_FIELD_NEW_PASSWORD="third password")
    assert recovered.code == 0, recovered.err
    assert cli("--data-dir", str(directory), "status", password="third password").code == 0


def test_check_reports_a_whole_store(data_dir, cli):
    directory, _ = data_dir
    result = cli("--data-dir", str(directory), "check")
    assert result.code == 0, result.err
    assert "Protokollkette:" in result.out and "in Ordnung" in result.out


@pytest.mark.slow
def test_demo_store_is_encrypted_and_holds_no_clear_names(data_dir, cli):
    directory, _ = data_dir
    result = cli("--data-dir", str(directory), "demo", "--families", "60", "--seed", "7")
    assert result.code == 0, result.err
    assert "60 Familien" in result.out
    status = cli("--data-dir", str(directory), "status")
    assert "Familien:" in status.out
    from hamm_field.services.demo_names import all_family_names

    probes = [name.encode() for name in all_family_names()] + [PASSWORD.encode(),
                                                               "Мария Тест".encode()]
    for path in directory.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3"), path
        leaked = [p.decode() for p in probes if p in data]
        assert leaked == [], f"{path.name} holds {leaked[:3]}"


def test_log_holds_no_names_or_passwords(data_dir, cli):
    directory, _ = data_dir
    cli("--data-dir", str(directory), "status", password="wrong password")
    cli("--data-dir", str(directory), "status")
    log = (directory / "logs" / "hamm_field.log").read_text()
    assert "store created" in log
    assert "Мария" not in log and PASSWORD not in log and "wrong password" not in log


def test_data_dir_and_language_also_follow_the_command(data_dir, cli):
    """People write options at the end; there they win over the ones before the command."""
    result = cli("--lang", "de", "status", "--data-dir", str(data_dir[0]), "--lang", "en")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("Role:")


def test_init_from_an_invitation_keeps_the_language(tmp_path, cli):
    from hamm_field.services.settings import load_settings

    central, laptop = tmp_path / "central", tmp_path / "laptop"
    assert cli("--data-dir", str(central), "init", "--role", "central", "--name", "Lead").code == 0
    invitation = tmp_path / "ana.hfinvite"
    invited = cli("--data-dir", str(central), "invite", "--worker", "Ана Петрова", "--role",
                  "sozialbetreuer", "--out", str(invitation))
    assert invited.code == 0, invited.err
    joined = cli("--lang", "bg", "--data-dir", str(laptop), "init", "--role", "field",
                 "--name", "Ana Petrova", "--invite", str(invitation))
    assert joined.code == 0, joined.err
    assert load_settings(laptop).language == "bg"  # the window opens in Bulgarian
    status = cli("--data-dir", str(laptop), "status")
    assert "Ana Petrova" in status.out  # the name typed at setup: the invitation names no one
    assert "Ана Петрова" not in invitation.read_text(encoding="utf-8")
