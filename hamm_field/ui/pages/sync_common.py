"""What the laptop's and the coordination's Sync screens share: folders, times, results."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QWidget

from hamm_field.domain.translit import to_latin
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment

PACKAGE_FILTER = "*.hfsync"
# Where the last file was written or read: usually the USB stick, again next time.
_last_folder = {"path": ""}


def choose_folder(parent: QWidget, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, _last_folder["path"])
    if not folder:
        return None
    _last_folder["path"] = folder
    return Path(folder)


def choose_packages(parent: QWidget, title: str, several: bool) -> list[Path]:
    """Package files to read; the filter shows packages first, any file on request."""
    filters = _("Sync-Pakete ({pattern});;Alle Dateien (*)").format(pattern=PACKAGE_FILTER)
    if several:
        names, _chosen = QFileDialog.getOpenFileNames(parent, title, _last_folder["path"],
                                                      filters)  # fmt: skip
    else:
        name, _chosen = QFileDialog.getOpenFileName(parent, title, _last_folder["path"], filters)
        names = [name] if name else []
    if names:
        _last_folder["path"] = str(Path(names[0]).parent)
    return [Path(name) for name in names]


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix`` in ``folder``, numbered when taken: a file already there (an earlier
    invitation, say) is never overwritten."""
    path, number = folder / f"{stem}{suffix}", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    return path


def file_word(name: str) -> str:
    """A name as a safe, readable part of a file name: "Fatme Yusein" -> "fatme-yusein"."""
    return re.sub(r"[^a-z0-9]+", "-", to_latin(name).lower()).strip("-") or "laptop"


def short_id(device_id: str) -> str:
    """The random end of a device's UUIDv7 (its start is a time shared by many)."""
    return device_id[-8:]


def moment_text(iso: str | None, never: str) -> str:
    """A stored UTC time as local date and time; ``never`` when there is none yet."""
    if not iso:
        return never
    try:
        value = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_moment(value.astimezone())


def progress_bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setAccessibleName(name)
    bar.setMaximumWidth(520)
    bar.hide()
    return bar


OK_STYLE, REFUSED_STYLE = "color: #1e7b34; font-weight: 600;", "color: #b3261e;"
REFUSED_COLOUR = "#b3261e"


def result_label() -> QLabel:
    """What the last action did; hidden (taking no room) until there is something."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_result(label: QLabel, text: str, *, ok: bool) -> None:
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else REFUSED_STYLE)
    label.setVisible(bool(text))


class Section(QWidget):
    """A part of the Sync screen that sets its texts again when the language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
