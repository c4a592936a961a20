"""Name the system packages a Linux desktop lacks before Qt fails on them.

Qt's X11 platform plugin links a dozen ``libxcb-*`` libraries that PySide6's wheels do not
ship and a fresh Debian or Ubuntu desktop may lack (``libxcb-cursor0``, ``libxcb-icccm4``,
``libxcb-keysyms1`` ...). Without them Qt aborts with "Could not load the Qt platform plugin
xcb", a line no field worker can act on. So before the first window, on Linux under X11,
``ldd`` (part of every glibc system) tells which libraries the plugin cannot find, and the
app says in one line which packages to install.

Debian names a library's package after its soname (Debian Policy 8.1): ``libfoo.so.N`` is in
``libfooN``, or ``libfoo-N`` when the name ends in a digit. That rule covers every library the
plugin needs, so no table has to be kept up to date with Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from hamm_field.i18n import gettext as _

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_SONAME = re.compile(r"^(lib.+)\.so\.(\d+)")


def debian_package(soname: str) -> str:
    """``libxcb-icccm.so.4`` -> ``libxcb-icccm4``; ``libdbus-1.so.3`` -> ``libdbus-1-3``."""
    match = _SONAME.match(soname)
    if match is None:
        return soname
    name, version = match.group(1).lower(), match.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def missing_libraries(binary: Path) -> list[str]:
    """The sonames ``binary`` needs that the dynamic linker cannot find, in ``ldd``'s order."""
    ldd = shutil.which("ldd")
    if ldd is None or not binary.is_file():
        return []
    try:
        result = subprocess.run([ldd, str(binary)], capture_output=True, text=True,
                                timeout=10, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return []
    return list(dict.fromkeys(_NOT_FOUND.findall(result.stdout)))


def _xcb_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo  # QtCore only: no platform is loaded yet

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def uses_xcb(environ: dict[str, str] | None = None) -> bool:
    """Whether Qt is about to load its X11 plugin (not offscreen, not Wayland)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def missing_desktop_packages(plugin: Path | None = None) -> list[str]:
    """Debian packages to install so that Qt's X11 plugin loads; empty when nothing lacks."""
    if plugin is None:
        if not uses_xcb():
            return []
        plugin = _xcb_plugin()
    return [debian_package(soname) for soname in missing_libraries(plugin)]


def missing_packages_line(packages: list[str]) -> str:
    return _(
        "Für die Oberfläche fehlen Systempakete. Bitte installieren: sudo apt install {packages}"
    ).format(packages=" ".join(packages))
