"""``hamm-field report`` on a demo store, run as a coordinator's script would run it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import run_cli
from tests.reports.support import ADDED_KEYS, CONTRACT_KEYS


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("report") / "central"
    init = run_cli("--data-dir", str(directory), "init", "--role", "central",
                   "--name", "Koordination")  # fmt: skip
    assert init.code == 0, init.err
    demo = run_cli("--data-dir", str(directory), "demo", "--families", "300", "--year", "2025")
    assert demo.code == 0, demo.err
    return directory


def report(directory, *args: str):
    return run_cli("--data-dir", str(directory), "report", *args)


def test_json_of_a_demo_year_is_self_consistent(demo_store, tmp_path):
    out = tmp_path / "kennzahlen.json"
    result = report(demo_store, "--from", "2025-01-01", "--to", "2025-12-31",
                    "--format", "json", "--out", str(out))  # fmt: skip
    assert result.code == 0, result.err
    assert str(out) in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == CONTRACT_KEYS | ADDED_KEYS
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert data["filter"] == {}
    assert sum(data["starterpakete_nach_ausgabe"].values()) == data["starterpakete"]
    assert "Julia Becker" in data["nach_mitarbeiter"]
    assert sum(cell["kontakte"] for cell in data["nach_mitarbeiter"].values()) == data["kontakte"]
    assert data["kontakte"] > 2000 and data["begleitete_familien"] == 300
    assert sum(data["kontakte_nach_art"].values()) == data["kontakte"]
    assert data["kontakte_nach_art"]["begleitung"] == data["begleitungen"]
    for name in ("nach_monat", "nach_sozialraum", "nach_integrationspaket",
                 "nach_herkunftsland", "nach_sprache", "nach_institution"):
        cells = data[name].values()
        assert sum(cell["kontakte"] for cell in cells) == data["kontakte"], name
        assert sum(cell["begleitungen"] for cell in cells) == data["begleitungen"], name
    assert len(data["nach_monat"]) == 12
    westen = data["nach_sozialraum"]["Hamm-Westen"]["begleitungen"] / data["begleitungen"]
    assert 0.55 <= westen <= 0.78
    bulgarian = data["nach_herkunftsland"]["Bulgarien"]["begleitungen"] / data["begleitungen"]
    assert 0.8 <= bulgarian <= 0.97
    assert len(data["data_hash"]) == 64


def test_json_filter_names_each_applied_filter(demo_store, tmp_path):
    out = tmp_path / "filtered.json"
    result = report(demo_store, "--preset", "jahr", "--date", "2025-06-01", "--format", "json",
                    "--out", str(out), "--sozialraum", "Hamm-Westen", "--paket", "2",
                    "--worker", "julia becker", "--team", "AWO", "--rolle", "sozialbetreuer")
    assert result.code == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["filter"] == {"sozialraum": "Hamm-Westen", "paket": 2,
                              "mitarbeiter": "Julia Becker", "traeger": "AWO",
                              "rolle": "sozialbetreuer"}  # fmt: skip
    assert set(data["nach_mitarbeiter"]) <= {"Julia Becker"}
    external = tmp_path / "external.json"
    result = report(demo_store, "--preset", "jahr", "--date", "2025-06-01", "--format", "json",
                    "--out", str(external), "--team", "DRK", "--external")  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(external.read_text(encoding="utf-8"))
    assert data["filter"] == {"traeger": "DRK"} and "nach_mitarbeiter" not in data
    assert "Sabine Wagner" not in external.read_text(encoding="utf-8")


def test_external_csv_in_english_opens_with_semicolons(demo_store, tmp_path):
    out = tmp_path / "kennzahlen.csv"
    result = run_cli("--data-dir", str(demo_store), "--lang", "en", "report", "--preset",
                     "quartal", "--date", "2025-05-05", "--format", "csv", "--out", str(out),
                     "--external", "--sozialraum", "Uentrop")  # fmt: skip
    assert result.code == 0, result.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert next(row for row in rows if row and row[0] == "Contacts")[1] != ""
    assert any(row[1:2] == ["< 5"] for row in rows)  # Uentrop is small: something is hidden
    period = next(row for row in rows if len(row) > 1 and "2025" in row[1])
    assert "Apr 2025" in period[1] and "Jun 2025" in period[1]


def test_same_data_same_hash(demo_store, tmp_path):
    hashes = []
    for name in ("a.json", "b.json"):
        result = report(demo_store, "--preset", "jahr", "--date", "2025-06-01", "--format",
                        "json", "--out", str(tmp_path / name))  # fmt: skip
        assert result.code == 0, result.err
        hashes.append(json.loads((tmp_path / name).read_text())["data_hash"])
    assert hashes[0] == hashes[1]


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2025-02-30", "--to", "2025-03-31"), "ist kein Datum der Form JJJJ-MM-TT"),
    (("--from", "2025-06-01", "--to", "2025-01-31"), "Der Zeitraum endet vor seinem Beginn"),
    (("--from", "2025-01-01", "--to", "2025-12-31", "--sozialraum", "Atlantis"),
     "Unbekannte Auswahl für den Bericht: Atlantis"),
    (("--from", "2025-01-01", "--to", "2025-12-31", "--worker", "Niemand"),
     "Keine Person namens „Niemand“ im Team."),
    (("--from", "2025-01-01", "--to", "2025-12-31", "--team", "schluesselfigur"),
     "Unbekannte Auswahl für den Bericht: schluesselfigur"),  # a role, not a Träger
])  # fmt: skip
def test_user_errors_exit_1_with_one_line_and_write_nothing(demo_store, tmp_path, args, message):
    out = tmp_path / "r.json"
    result = report(demo_store, *args, "--format", "json", "--out", str(out))
    assert result.code == 1
    assert message in result.err and result.err.count("\n") == 1
    assert not out.exists()


def test_team_is_the_traeger_and_rolle_the_role(demo_store, tmp_path):
    """The demo's Sozialbetreuer work for the AWO, the Caritas, the DRK and the city; the
    Schlüsselfiguren for one Träger of their own."""
    figures = {}
    for name, args in (("all", ()), ("awo", ("--team", "AWO")),
                       ("care", ("--rolle", "sozialbetreuer")),
                       ("key", ("--rolle", "schluesselfigur")),
                       ("office", ("--rolle", "koordination")),
                       ("both", ("--team", "AWO", "--rolle", "schluesselfigur"))):
        out = tmp_path / f"{name}.json"
        result = report(demo_store, "--from", "2025-01-01", "--to", "2025-12-31",
                        *args, "--format", "json", "--out", str(out))  # fmt: skip
        assert result.code == 0, result.err
        figures[name] = json.loads(out.read_text())["kontakte"]
    assert 0 < figures["awo"] < figures["care"] < figures["all"]
    assert figures["care"] + figures["key"] + figures["office"] == figures["all"]
    assert figures["both"] == 0


def test_a_report_without_a_period_is_wrong_usage(demo_store, tmp_path):
    result = report(demo_store, "--format", "json", "--out", str(tmp_path / "r.json"))
    assert result.code == 2
    assert "--preset" in result.err


def test_a_folder_that_does_not_exist_is_a_user_error(demo_store, tmp_path):
    out = tmp_path / "missing" / "r.json"
    result = report(demo_store, "--preset", "jahr", "--date", "2025-01-01", "--format", "json",
                    "--out", str(out))  # fmt: skip
    assert result.code == 1
    assert "lässt sich nicht schreiben" in result.err


def test_a_laptop_asked_for_a_colleagues_figures_refuses_with_one_line(tmp_path):
    """It used to exit 0 with its own worker's figures, under the colleague's filter."""
    central, laptop = str(tmp_path / "central"), str(tmp_path / "laptop")
    assert run_cli("--data-dir", central, "init", "--role", "central", "--name", "K").code == 0
    for name, out in (("Desislava Todorova", "d.invite"), ("Ана Петрова", "a.invite")):
        assert run_cli("--data-dir", central, "invite", "--worker", name, "--role",
                       "schluesselfigur", "--out", str(tmp_path / out)).code == 0
    assert run_cli("--data-dir", laptop, "init", "--role", "field", "--name", "Ана Петрова",
                   "--invite", str(tmp_path / "a.invite")).code == 0
    package, back = tmp_path / "p.hfsync", tmp_path / "back.hfsync"
    assert run_cli("--data-dir", laptop, "export", "--out", str(package)).code == 0
    assert run_cli("--data-dir", central, "import", str(package)).code == 0
    devices = run_cli("--data-dir", central, "devices").out
    device = next(line.split()[0] for line in devices.splitlines() if "Ана Петрова" in line)
    assert run_cli("--data-dir", central, "return", "--device", device, "--out",
                   str(back)).code == 0
    assert run_cli("--data-dir", laptop, "import", str(back)).code == 0  # knows the team now

    out = tmp_path / "r.json"
    year = ("--preset", "jahr", "--date", "2025-01-01", "--format", "json", "--out", str(out))
    refused = report(laptop, *year, "--worker", "Desislava Todorova")
    assert refused.code == 1 and not out.exists()
    assert "nur Ihre eigene Arbeit" in refused.err and refused.err.count("\n") == 1
    own = report(laptop, *year, "--worker", "Ана Петрова")
    assert own.code == 0, own.err
    assert json.loads(out.read_text(encoding="utf-8"))["filter"] == {"mitarbeiter": "Ана Петрова"}
    unasked = report(laptop, *year)  # narrowed all the same, and the file says so
    assert unasked.code == 0, unasked.err
    assert json.loads(out.read_text(encoding="utf-8"))["filter"] == {"mitarbeiter": "Ана Петрова"}
