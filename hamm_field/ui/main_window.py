"""The main window. For now a plain window that says where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from hamm_field import __version__
from hamm_field.i18n import gettext as _


class MainWindow(QMainWindow):
    def __init__(self, data_dir: str, store_exists: bool) -> None:
        super().__init__()
        self.setWindowTitle(_("Hamm Field"))
        self.setAccessibleName(_("Hamm Field Hauptfenster"))
        heading = QLabel(_("Hamm Field {version}").format(version=__version__))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        if store_exists:
            text = _("Datenspeicher: {path}").format(path=data_dir)
        else:
            text = _(
                "Noch kein Datenspeicher in {path}. Richten Sie ihn mit "
                "„hamm-field init“ ein."
            ).format(path=data_dir)
        self.info = QLabel(text)
        self.info.setObjectName("info")
        self.info.setWordWrap(True)
        layout = QVBoxLayout()
        for label in (heading, self.info):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(800, 500)
