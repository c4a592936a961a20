"""The Windows installer script compiles with the real makensis and says what it promises.

The setup program cannot run here, so this checks what can be checked on Linux: the script
compiles without a single warning (a LangString missing for a language is one), the output
is a Windows program that asks for no admin rights and carries the version and the icon, it
packs the bundle it was given, writes only per-user registry keys, runs the signing hook on
both the installer and the uninstaller, and every text exists in all five languages.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import hamm_field

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "installer" / "hamm_field.nsi"
ICON = ROOT / "resources" / "icons" / "hamm_field.ico"
LANGUAGES = ["German", "English", "Bulgarian", "Romanian", "Turkish"]


def _makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    if os.environ.get("HAMM_FIELD_REQUIRE_NSIS") == "1":
        pytest.fail(
            "makensis is not installed, but HAMM_FIELD_REQUIRE_NSIS=1 asks for the installer "
            "test: install NSIS (Debian/Ubuntu: apt-get install nsis)"
        )
    pytest.skip("makensis is not installed (Debian/Ubuntu: apt-get install nsis)")


def _placeholder_icon(path: Path) -> Path:
    """A valid 16 x 16, 32-bit ICO, for a tree where the app icon is not made yet."""
    size = 16
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = bytes((0x80, 0x40, 0x20, 0xFF)) * size * size
    mask = bytes(4 * size)  # 16 px of 1 bit, each row padded to 32 bits
    image = header + pixels + mask
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), 6 + 16)
    path.write_bytes(struct.pack("<HHH", 0, 1, 1) + entry + image)
    return path


def _fake_bundle(folder: Path) -> Path:
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    (folder / "HammField.exe").write_bytes(b"MZ windowed app stand-in")
    (folder / "hamm-field.exe").write_bytes(b"MZ console app stand-in")
    (folder / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"library stand-in")
    return folder


def _icon_images(icon: Path) -> list[bytes]:
    data = icon.read_bytes()
    count = struct.unpack_from("<HHH", data, 0)[2]
    images = []
    for index in range(count):
        size, offset = struct.unpack_from("<II", data, 6 + 16 * index + 8)
        images.append(data[offset : offset + size])
    return images


@dataclass(frozen=True)
class Build:
    setup: Path
    icon: Path
    log: str
    signed: list[tuple[str, bytes]]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    makensis = _makensis()
    tmp = tmp_path_factory.mktemp("installer")
    bundle = _fake_bundle(tmp / "hamm-field")
    icon = ICON if ICON.exists() else _placeholder_icon(tmp / "placeholder.ico")
    setup = tmp / "out" / f"HammField-Setup-{hamm_field.__version__}.exe"
    setup.parent.mkdir()
    # A stand-in for signtool: notes each file it is given and how it starts.
    signed_log = tmp / "signed.txt"
    recorder = tmp / "record_signing.py"
    recorder.write_text(
        "import sys\n"
        f"with open({str(signed_log)!r}, 'a') as log:\n"
        "    log.write(sys.argv[1] + '\\t' + open(sys.argv[1], 'rb').read(2).hex() + '\\n')\n"
    )
    # No VERSION given: the script reads hamm_field.__version__ itself (asserted below).
    result = subprocess.run(
        [
            makensis,
            "-WX",  # any warning fails the build
            "-V4",
            f"-DBUNDLE_DIR={bundle}",
            f"-DOUTFILE={setup}",
            f"-DICON={icon}",
            f'-DSIGN_COMMAND="{sys.executable}" "{recorder}" "%1"',
            str(SCRIPT),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    log = (result.stdout + result.stderr).decode("utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    signed = []
    if signed_log.exists():
        for line in signed_log.read_text().splitlines():
            path, start = line.split("\t")
            signed.append((path, bytes.fromhex(start)))
    return Build(setup=setup, icon=icon, log=log, signed=signed)


def test_the_setup_program_is_a_windows_program(build: Build) -> None:
    data = build.setup.read_bytes()
    assert data[:2] == b"MZ"
    pe_offset = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    # Per user: the manifest asks for no elevation, so no admin prompt appears.
    assert b'requestedExecutionLevel level="asInvoker"' in data
    version = hamm_field.__version__
    assert f"Hamm Field {version} Setup".encode("utf-16-le") in data
    assert "ProductVersion".encode("utf-16-le") in data
    for image in _icon_images(build.icon):
        assert image in data


def test_it_packs_the_bundle_it_was_given(build: Build) -> None:
    for name in ("HammField.exe", "hamm-field.exe", "Qt6Core.dll"):
        assert re.search(rf'File: "{re.escape(name)}" \d+ bytes', build.log), name
    assert 'WriteUninstaller: "$INSTDIR\\Uninstall.exe"' in build.log


def test_it_installs_for_the_user_only(build: Build) -> None:
    writes = re.findall(r"^(?:WriteReg\w+|DeleteReg\w+): (\S+)", build.log, re.MULTILINE)
    assert writes
    assert all(path.startswith("HKCU\\") for path in writes), writes
    assert 'InstallDir: "$LOCALAPPDATA\\Programs\\Hamm Field"' in build.log
    assert "SetShellVarContext: current" in build.log
    assert 'CreateShortcut: "$SMPROGRAMS\\Hamm Field.lnk"->"$INSTDIR\\HammField.exe"' in build.log


def test_double_clicked_files_open_in_the_app(build: Build) -> None:
    command = '"$INSTDIR\\HammField.exe" --open "%1"'
    types = ((".hfsync", "HammField.Package"), (".hfinvite", "HammField.Invitation"))
    for extension, progid in types:
        assert f"WriteRegStr: HKCU\\Software\\Classes\\{extension}\\={progid}" in build.log
        assert (
            f"WriteRegStr: HKCU\\Software\\Classes\\{progid}\\shell\\open\\command\\={command}"
            in build.log
        )
    assert build.log.count("Call shell32::SHChangeNotify(i 0x08000000") == 2


def test_the_uninstall_entry_is_complete(build: Build) -> None:
    key = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\HammField\\"
    written = re.findall(rf"^WriteReg\w+: {re.escape(key)}(\w+)=(.*)$", build.log, re.MULTILINE)
    values = dict(written)
    assert values["DisplayVersion"] == hamm_field.__version__
    assert values["QuietUninstallString"] == '"$INSTDIR\\Uninstall.exe" /S'
    expected = "DisplayName Publisher DisplayIcon UninstallString InstallLocation NoModify NoRepair"
    assert {*expected.split(), "EstimatedSize"} <= values.keys()


def test_the_signing_hook_runs_on_installer_and_uninstaller(build: Build) -> None:
    assert len(build.signed) == 2, build.signed
    assert all(start == b"MZ" for _, start in build.signed)
    assert Path(build.signed[-1][0]).resolve() == build.setup.resolve()


def test_a_missing_bundle_is_named(tmp_path: Path) -> None:
    makensis = _makensis()
    result = subprocess.run(
        [makensis, f"-DBUNDLE_DIR={tmp_path}", f"-DOUTFILE={tmp_path / 'x.exe'}", str(SCRIPT)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "make bundle" in (result.stdout + result.stderr).decode("utf-8", errors="replace")
    assert not (tmp_path / "x.exe").exists()


def _lang_strings(text: str) -> dict[str, dict[str, str]]:
    strings: dict[str, dict[str, str]] = {}
    for name, language, value in re.findall(
        r'^LangString (\w+) \$\{LANG_(\w+)\} "(.*)"$', text, re.MULTILINE
    ):
        assert language not in strings.setdefault(name, {}), (name, language)
        strings[name][language] = value
    return strings


def test_every_text_is_there_in_all_five_languages() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert re.findall(r'^!insertmacro MUI_LANGUAGE "(\w+)"', text, re.MULTILINE) == LANGUAGES
    strings = _lang_strings(text)
    assert len(strings) >= 8
    wanted = {language.upper() for language in LANGUAGES}
    for name, by_language in strings.items():
        assert set(by_language) == wanted, name
        assert all(value.strip() for value in by_language.values()), name
    # Each translation differs from the German (proper names aside), and every $(Text) the
    # script uses is one of these.
    for name in ("AppRunning", "FinishInstall", "FinishUninstall"):
        others = [strings[name][language] for language in wanted - {"GERMAN"}]
        assert strings[name]["GERMAN"] not in others, name
    used = set(re.findall(r"\$\((\w+)\)", text))
    assert used <= set(strings), used - set(strings)


def test_the_last_pages_say_where_the_data_stays() -> None:
    strings = _lang_strings(SCRIPT.read_text(encoding="utf-8"))
    for name in ("FinishInstall", "FinishUninstall"):
        for value in strings[name].values():
            assert "$LOCALAPPDATA\\hamm-field" in value, name
