"""The whole round by command line, as a coordination would run it: two invited laptops
with a year of work each, both packages merged, Kennzahlen that add up, a second import
that changes nothing, and return packages that make the next export small."""

import json

from tests.conftest import run_cli

CENTRAL, LAPTOP = "central password", "laptop password"
YEAR = ("--from", "2026-01-01", "--to", "2026-12-31")
PER_RECORD = ("app_version", "data_hash", "period")  # differ between stores by design


def _report(data_dir, password, out, *extra):
    result = run_cli("--data-dir", data_dir, "report", *YEAR, "--format", "json",
                     "--out", str(out), *extra, password=password)
    assert result.code == 0, result.err
    figures = json.loads(out.read_text(encoding="utf-8"))
    return {key: value for key, value in figures.items() if key not in PER_RECORD}


def _count(status, label):
    line = next(line for line in status.splitlines() if line.startswith(label + ":"))
    return int("".join(ch for ch in line.split(":")[1] if ch.isdigit()))


def test_two_laptops_a_year_each_merge_into_figures_that_add_up(tmp_path):
    central = str(tmp_path / "central")
    assert run_cli("--data-dir", central, "init", "--role", "central", "--name", "Lead",
                   password=CENTRAL).code == 0
    laptops = []
    for number, (name, role) in enumerate((("Fatme Yusein", "schluesselfigur"),
                                           ("Ionela Popa", "sozialbetreuer"))):
        invite = tmp_path / f"{number}.invite"
        assert run_cli("--data-dir", central, "invite", "--worker", name, "--role", role,
                       "--out", str(invite), password=CENTRAL).code == 0
        laptop = str(tmp_path / f"laptop{number}")
        assert run_cli("--data-dir", laptop, "init", "--role", "field", "--name", name,
                       "--invite", str(invite), password=LAPTOP).code == 0
        demo = run_cli("--data-dir", laptop, "demo", "--families", "40", "--seed",
                       str(number + 1), "--year", "2026", password=LAPTOP)
        assert demo.code == 0, demo.err
        laptops.append((name, laptop))

    packages = []
    for number, (_name, laptop) in enumerate(laptops):
        package = tmp_path / f"p{number}.hfsync"
        assert run_cli("--data-dir", laptop, "export", "--out", str(package),
                       password=LAPTOP).code == 0
        assert b"Fatme" not in package.read_bytes() and b"Ionela" not in package.read_bytes()
        packages.append(package)
    merged = run_cli("--data-dir", central, "import", *map(str, packages), password=CENTRAL)
    assert merged.code == 0, merged.err

    # Each worker's Kennzahlen at the coordination are exactly those of their laptop.
    central_figures = _report(central, CENTRAL, tmp_path / "all.json")
    for number, (name, laptop) in enumerate(laptops):
        own = _report(laptop, LAPTOP, tmp_path / f"own{number}.json")
        assert own["kontakte"] > 0
        assert _report(central, CENTRAL, tmp_path / f"c{number}.json", "--worker", name) == own
    assert central_figures["kontakte"] >= sum(
        _report(laptop, LAPTOP, tmp_path / f"again{n}.json")["kontakte"]
        for n, (_name, laptop) in enumerate(laptops))

    again = run_cli("--data-dir", central, "import", *map(str, packages), password=CENTRAL)
    assert again.code == 0 and again.out.count("schon eingelesen") == 2
    assert _report(central, CENTRAL, tmp_path / "all2.json") == central_figures

    devices = run_cli("--data-dir", central, "devices", password=CENTRAL).out
    for number, (name, laptop) in enumerate(laptops):
        device = next(line.split()[0] for line in devices.splitlines() if name in line)
        back = tmp_path / f"back{number}.hfsync"
        assert run_cli("--data-dir", central, "return", "--device", device, "--out",
                       str(back), password=CENTRAL).code == 0
        assert run_cli("--data-dir", laptop, "import", str(back), password=LAPTOP).code == 0
        small = run_cli("--data-dir", laptop, "export", "--out",
                        str(tmp_path / f"next{number}.hfsync"), password=LAPTOP)
        assert small.code == 0 and "(0 Änderungen)" in small.out, small.out

    # The demo's families shared by colleagues (as a return would bring them) were never at
    # the coordination: its return does not list them, and each laptop let go of them. What
    # is left is the laptops' own work, all of it at the coordination.
    statuses = [run_cli("--data-dir", laptop, "status", password=LAPTOP).out
                for _name, laptop in laptops]
    central_status = run_cli("--data-dir", central, "status", password=CENTRAL).out
    for label in ("Familien", "Personen", "Kontakte", "Starterpakete"):
        assert _count(central_status, label) == sum(_count(s, label) for s in statuses), label
