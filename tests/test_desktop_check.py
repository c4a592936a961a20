"""The missing-system-packages line that replaces Qt's "could not load the platform plugin xcb"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hamm_field.ui import desktop_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops only")


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
    ],
)
def test_a_library_is_named_by_its_debian_package(soname: str, package: str) -> None:
    assert desktop_check.debian_package(soname) == package


def test_the_x11_plugin_is_checked_only_when_qt_would_load_it() -> None:
    assert desktop_check.uses_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert desktop_check.uses_xcb({})
    assert not desktop_check.uses_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert not desktop_check.uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})


def test_the_check_reports_what_the_dynamic_linker_cannot_find_in_the_real_plugin() -> None:
    plugin = desktop_check._xcb_plugin()
    ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    expected = {
        desktop_check.debian_package(line.split()[0])
        for line in ldd.splitlines() if "not found" in line
    }
    assert set(desktop_check.missing_desktop_packages(plugin)) == expected


def test_a_library_that_is_there_is_not_reported() -> None:
    nothing = desktop_check._xcb_plugin().with_name("nothing.so")
    assert desktop_check.missing_libraries(nothing) == []
    # libqoffscreen needs nothing beyond what the offscreen tests already use
    offscreen = desktop_check._xcb_plugin().with_name("libqoffscreen.so")
    assert "libxcb-icccm4" not in desktop_check.missing_desktop_packages(offscreen)


def test_the_line_names_the_packages_to_install() -> None:
    line = desktop_check.missing_packages_line(["libxcb-icccm4", "libxcb-keysyms1"])
    assert line.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert "\n" not in line
    assert os.linesep not in line
