"""The bundle's licence notices name every pinned distribution and every shipped text.

``resources/licenses/NOTICES.txt`` is shown in Einstellungen -> Über Hamm Field and ships
in the installed folder; a dependency added to the bundle's pins without a notice would
be distributed without its licence.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENSES = ROOT / "resources" / "licenses"
PINS = ROOT / "installer" / "requirements-bundle.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def notices() -> str:
    return (LICENSES / "NOTICES.txt").read_text(encoding="utf-8")


def pinned() -> dict[str, str]:
    return {name.lower().replace("_", "-"): version
            for name, version in PIN.findall(PINS.read_text(encoding="utf-8"))}


def test_the_pins_are_read() -> None:
    pins = pinned()
    assert pins["pyside6"].startswith("6.")
    assert {"pyinstaller", "sqlcipher3", "cryptography", "babel", "reportlab"} <= set(pins)


def test_every_pinned_distribution_has_a_notice_with_its_version() -> None:
    text = notices().lower()
    missing = [f"{name}=={version}" for name, version in pinned().items()
               if f"{name}=={version}".lower() not in text]
    assert not missing, f"NOTICES.txt names no entry for {missing}"


def test_every_full_text_named_in_the_notices_is_shipped() -> None:
    named = set()
    for line in re.findall(r"Full text: (.+)", notices()):
        named.update(re.findall(r"[\w.-]+\.txt", line))
    missing = sorted(name for name in named if not (LICENSES / name).is_file())
    assert named and not missing, f"NOTICES.txt names missing files: {missing}"


def test_every_shipped_licence_file_is_named_and_not_empty() -> None:
    text = notices()
    for path in LICENSES.glob("*.txt"):
        if path.name == "NOTICES.txt":
            continue
        assert path.name in text, f"{path.name} is not named in NOTICES.txt"
        assert len(path.read_text(encoding="utf-8").strip()) > 200, f"{path.name} is empty"


def test_the_qt_licences_are_there() -> None:
    lgpl = (LICENSES / "LGPL-3.0.txt").read_text(encoding="utf-8")
    gpl = (LICENSES / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "Version 3" in gpl
