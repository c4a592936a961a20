"""Starting the Qt application."""

from __future__ import annotations

import sys
from typing import Protocol

from PySide6.QtWidgets import QApplication

from hamm_field.ui.main_window import MainWindow


class DataLocation(Protocol):
    root: object

    def exists(self) -> bool: ...


def run(paths: DataLocation, language: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Hamm Field")
    window = MainWindow(str(paths.root), paths.exists())
    window.show()
    return app.exec()
