"""Where the shipped resources (stylesheet, fonts) are found."""

from __future__ import annotations

import sys
from pathlib import Path


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
