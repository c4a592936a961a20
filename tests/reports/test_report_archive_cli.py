"""``hamm-field report --archive`` and ``report verify FILE`` through the real entry point."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

YEAR = ("--preset", "jahr", "--date", "2025-06-01")


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    directory = tmp_path_factory.mktemp("archive") / "central"
    init = run_cli("--data-dir", str(directory), "init", "--role", "central",
                   "--name", "Koordination")  # fmt: skip
    assert init.code == 0, init.err
    demo = run_cli("--data-dir", str(directory), "demo", "--families", "40", "--year", "2025")
    assert demo.code == 0, demo.err
    return directory


def report(directory, *args: str):
    return run_cli("--data-dir", str(directory), "report", *args)


def test_an_archived_pdf_verifies_with_one_line(central, tmp_path):
    pdf = tmp_path / "bericht.pdf"
    closed = report(central, *YEAR, "--format", "pdf", "--out", str(pdf), "--archive")
    assert closed.code == 0, closed.err
    assert "Bericht abgeschlossen am" in closed.out and "01.01.2025" in closed.out
    checked = report(central, "verify", str(pdf))
    assert checked.code == 0, checked.err
    assert checked.out.count("\n") == 1
    assert "stimmt mit dem abgeschlossenen Bericht vom" in checked.out
    assert "01.01.2025 – 31.12.2025" in checked.out


def test_an_edited_json_exits_1_naming_the_figure(central, tmp_path):
    path = tmp_path / "bericht.json"
    closed = report(central, *YEAR, "--format", "json", "--out", str(path), "--archive",
                    "--external")  # fmt: skip
    assert closed.code == 0, closed.err
    assert report(central, "verify", str(path)).code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["begleitungen"] += 10
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    checked = report(central, "verify", str(path))
    assert checked.code == 1
    assert checked.err.count("\n") == 1
    assert "wurde verändert" in checked.err and "begleitungen" in checked.err
    assert f"{data['begleitungen']} statt {data['begleitungen'] - 10}" in checked.err


def test_a_file_not_in_the_archive_exits_1(central, tmp_path):
    path = tmp_path / "fremd.pdf"
    written = report(central, *YEAR, "--format", "pdf", "--out", str(path))  # not closed
    assert written.code == 0, written.err
    checked = report(central, "verify", str(path))
    assert checked.code == 1 and checked.err.count("\n") == 1
    assert "kein abgeschlossener Bericht" in checked.err


def test_verify_without_a_file_and_report_without_out_are_wrong_usage(central, tmp_path):
    assert report(central, "verify").code == 2
    missing = report(central, *YEAR, "--format", "json")
    assert missing.code == 2 and "--out" in missing.err


def test_a_laptop_refuses_to_archive_and_writes_nothing(tmp_path):
    laptop = tmp_path / "laptop"
    assert run_cli("--data-dir", str(laptop), "init", "--role", "field", "--name", "Ana").code == 0
    out = tmp_path / "r.pdf"
    refused = report(laptop, *YEAR, "--format", "pdf", "--out", str(out), "--archive")
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "Koordination" in refused.err
    assert not out.exists()


def test_verify_names_the_worker_a_closed_report_was_filtered_by(central, tmp_path):
    pdf = tmp_path / "julia.pdf"
    closed = report(central, *YEAR, "--worker", "Julia Becker", "--format", "pdf",
                    "--out", str(pdf), "--archive")  # fmt: skip
    assert closed.code == 0, closed.err
    checked = report(central, "verify", str(pdf))
    assert checked.code == 0, checked.err
    assert "Mitarbeiter/in: Julia Becker" in checked.out  # a name, not an id
