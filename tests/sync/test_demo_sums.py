"""Demo data behaves like reality: the coordination's year is the sum of its laptops' years.

Two laptops, enrolled with ``init --invite``, each load their worker's demo caseload; the
coordination, with no demo data of its own, imports both packages. Every number of the
report contract (DESIGN.md, ``reports/render_json.py``) must then add up: the laptops'
families are disjoint, so even the distinct-family counts do. Everything goes through the
command line, in separate processes, as a coordinator's script would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

CENTRAL, LAPTOP = "central password", "laptop password"
YEAR = dt.date.today().year - 1  # a whole year, whatever day the test runs
LAPTOPS = (("Fatme", "schluesselfigur", 40), ("Ivan", "sozialbetreuer", 30))

NOT_ADDITIVE = {
    # Rounded to two decimals per report, so the sum of two rounded values may differ from
    # the rounded sum by 0.01. Durations are whole multiples of 5 minutes: compared in minutes.
    ("begleitungsstunden",): "rounded hours",
}
NOT_NUMBERS = {("app_version",), ("data_hash",), ("period", "from"), ("period", "to")}


def ok(result, what: str):  # type: ignore[no-untyped-def]
    assert result.code == 0, f"{what}: {result.err}"
    return result


def numbers(tree: dict[str, Any], path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every leaf of the report JSON by its key path."""
    leaves: dict[tuple[str, ...], Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            leaves.update(numbers(value, (*path, key)))
        else:
            leaves[(*path, key)] = value
    return leaves


def report(data_dir: str, password: str, out: Path, *extra: str) -> dict[str, Any]:
    ok(run_cli("--data-dir", data_dir, "report", "--format", "json", "--out", str(out),
               "--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31", *extra, password=password),
       f"report {data_dir}")
    return json.loads(out.read_text(encoding="utf-8"))


def enrol_and_load(tmp_path: Path, central: str) -> list[str]:
    """Laptops set up from invitations, demo data on each, their packages imported."""
    laptops = []
    for name, role, families in LAPTOPS:
        invite, laptop = tmp_path / f"{name}.invite", str(tmp_path / name)
        ok(run_cli("--data-dir", central, "invite", "--worker", name, "--role", role,
                   "--out", str(invite), password=CENTRAL), "invite")
        ok(run_cli("--data-dir", laptop, "init", "--role", "field", "--name", name,
                   "--invite", str(invite), password=LAPTOP), "init --invite")
        ok(run_cli("--data-dir", laptop, "demo", "--families", str(families), "--year",
                   str(YEAR), password=LAPTOP), "demo")
        package = tmp_path / f"{name}.hfsync"
        ok(run_cli("--data-dir", laptop, "export", "--out", str(package), password=LAPTOP),
           "export")
        imported = ok(run_cli("--data-dir", central, "import", str(package), password=CENTRAL),
                      "import")
        assert "Änderungen übernommen" in imported.out
        laptops.append(laptop)
    return laptops


def test_the_coordinations_year_is_the_sum_of_the_laptops_years(tmp_path):
    central = str(tmp_path / "central")
    ok(run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
               password=CENTRAL), "init central")
    laptops = enrol_and_load(tmp_path, central)
    parts = [numbers(report(laptop, LAPTOP, tmp_path / f"{n}.json"))
             for n, laptop in enumerate(laptops)]
    whole = numbers(report(central, CENTRAL, tmp_path / "central.json"))

    # Breakdown rows with nothing in them may be left out: a missing row counts 0.
    # A laptop's report names its worker in ``filter``: a label, not a figure.
    keys = {key for key in set(whole).union(*parts) - NOT_NUMBERS - set(NOT_ADDITIVE)
            if key[0] != "filter"}
    assert keys, "the report has no figures"
    wrong = {}
    for key in sorted(keys):
        values = [part.get(key, 0) for part in parts]
        assert all(isinstance(v, int) for v in [*values, whole.get(key, 0)]), key
        if whole.get(key, 0) != sum(values):
            wrong[".".join(key)] = (whole.get(key, 0), values)
    assert not wrong, f"coordination != laptop 1 + laptop 2: {wrong}"

    def minutes(leaves: dict[tuple[str, ...], Any]) -> int:
        return round(leaves[("begleitungsstunden",)] * 60)

    assert minutes(whole) == sum(minutes(part) for part in parts)
    # Real data in every laptop's share, so the sums prove something.
    for part in parts:
        assert part[("begleitungen",)] > 0 and part[("kontakte",)] > 0
        assert part[("begleitete_familien",)] > 0 and part[("starterpakete",)] > 0
    assert parts[1][("ziele", "gesamt")] > 0  # the Sozialbetreuer's case management
    assert whole[("period", "from")] == f"{YEAR}-01-01"
    # And a laptop's own report is what the coordination counts for that worker.
    for (name, _role, _families), part in zip(LAPTOPS, parts, strict=True):
        theirs = numbers(report(central, CENTRAL, tmp_path / f"{name}.json", "--worker", name))
        assert {k: v for k, v in theirs.items() if k not in NOT_NUMBERS} == {
            k: v for k, v in part.items() if k not in NOT_NUMBERS}, name


def test_a_laptops_caseload_keeps_the_shares_of_the_seeds(tmp_path):
    """About 90 % Bulgarian families, two thirds of the Begleitungen in Hamm-Westen."""
    laptop, invite = str(tmp_path / "laptop"), tmp_path / "f.invite"
    central = str(tmp_path / "central")
    ok(run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
               password=CENTRAL), "init central")
    ok(run_cli("--data-dir", central, "invite", "--worker", "Fatme", "--role",
               "schluesselfigur", "--out", str(invite), password=CENTRAL), "invite")
    ok(run_cli("--data-dir", laptop, "init", "--role", "field", "--name", "Fatme",
               "--invite", str(invite), password=LAPTOP), "init --invite")
    ok(run_cli("--data-dir", laptop, "demo", "--families", "300", "--year", str(YEAR),
               password=LAPTOP), "demo")
    figures = report(laptop, LAPTOP, tmp_path / "laptop.json")
    families = Counter({land: cell["familien"]
                        for land, cell in figures["nach_herkunftsland"].items()})
    assert 0.8 <= families["Bulgarien"] / sum(families.values()) <= 0.97
    begleitungen = {room: cell["begleitungen"] for room, cell in figures["nach_sozialraum"].items()}
    assert 0.55 <= begleitungen.get("Hamm-Westen", 0) / figures["begleitungen"] <= 0.78
