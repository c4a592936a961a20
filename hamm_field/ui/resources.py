"""Where the shipped resources (stylesheet, fonts, icon, licence notices) are found."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_FILE = Path("icons") / "hamm_field.png"  # 256 px, rendered from hamm_field.svg
NOTICES_FILE = "NOTICES.txt"


def resources_dir() -> Path:
    """``resources/`` of the source tree, or of the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def stylesheet() -> str:
    try:
        return (resources_dir() / "stylesheet.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def app_icon() -> QIcon:
    """The app's icon; set on the application, every window and dialog inherits it.

    A PNG rather than the SVG source, so no SVG plugin is needed; Qt scales it down for
    title bars and task bars. Empty (no icon, no warning) when the file is missing.
    """
    path = resources_dir() / ICON_FILE
    return QIcon(str(path)) if path.is_file() else QIcon()


def licenses_dir() -> Path:
    """The third-party licence notices (``NOTICES.txt``) and the full licence texts."""
    return resources_dir() / "licenses"
