"""``--lang`` reaches every line the command line prints, errors on stderr included."""

from __future__ import annotations

import pytest

from hamm_field.i18n import LANGUAGES
from tests.conftest import run_cli


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def test_wrong_password_is_one_line_in_each_language(new_store, paths):
    messages = {}
    for language in LANGUAGES:
        result = run_cli("--data-dir", str(paths.root), "--lang", language, "status",
                         password="not the password")
        assert result.code == 1, result
        assert result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, result.err
        messages[language] = lines[0]
    assert messages["de"] == "Das Passwort ist falsch."
    assert len(set(messages.values())) == len(LANGUAGES), messages
    assert has_cyrillic(messages["bg"]), messages["bg"]


@pytest.mark.parametrize("command", [["check"], ["devices"], ["export", "--out", "x.hfp"],
                                     ["import", "x.hfp"], ["passwd"]])
def test_every_command_that_opens_the_store_speaks_the_language(new_store, paths, command):
    bulgarian = run_cli("--data-dir", str(paths.root), "--lang", "bg", *command,
                        password="not the password")
    assert bulgarian.code == 1
    assert has_cyrillic(bulgarian.err), bulgarian.err


def test_usage_errors_and_help_are_german_by_default():
    result = run_cli("status", "--bogus")
    assert result.code == 2
    assert result.err.startswith("Aufruf: hamm-field")
    assert "hamm-field: Fehler: unbekannte Argumente: --bogus" in result.err
    help_text = run_cli("--help").out
    assert "Optionen:" in help_text and "diese Hilfe zeigen und beenden" in help_text
    assert "Verschlüsselung und Protokollkette prüfen" in help_text


def test_usage_errors_and_help_follow_lang():
    german = run_cli("--lang", "de", "report").err
    bulgarian = run_cli("--lang", "bg", "report").err
    assert has_cyrillic(bulgarian) and "Aufruf" not in bulgarian, bulgarian
    assert german != bulgarian
    english = run_cli("--lang", "en", "--help").out
    assert "Optionen" not in english and "Datenordner" not in english
