"""Who works with a family: hand families over to one colleague, or share them with several.

Both dialogs only choose; the caller writes through ``services.sharing`` in the background.
The lists hold the colleagues the store knows (a laptop learns them from return packages).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_number
from hamm_field.services.sharing import Colleague

ID_ROLE = Qt.ItemDataRole.UserRole


def colleague_text(colleague: Colleague) -> str:
    try:
        role = WorkerRole(colleague.role).label
    except ValueError:
        role = colleague.role
    return f"{colleague.name} ({role})"


class _ChooserDialog(QDialog):
    """An intro, a list of colleagues, OK and Cancel."""

    def __init__(self, colleagues: Sequence[Colleague], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.colleagues = {c.worker_id: c for c in colleagues}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setProperty("data", True)  # names, shown as they are
        self.list.setSpacing(3)  # check boxes one above the other, each easy to hit
        self.intro.setBuddy(self.list)
        for colleague in colleagues:
            item = QListWidgetItem(colleague_text(colleague))
            item.setData(ID_ROLE, colleague.worker_id)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def retranslate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ResponsibleDialog(_ChooserDialog):
    """Zuständigkeit ändern: pick the one colleague who takes over ``count`` families."""

    def __init__(self, colleagues: Sequence[Colleague], *, count: int,
                 current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__([c for c in colleagues if c.worker_id != current], parent)
        self.count = count
        self.list.currentItemChanged.connect(lambda item, _old: self.ok.setEnabled(bool(item)))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.ok.setEnabled(False)
        self.retranslate()

    def chosen(self) -> Colleague | None:
        item = self.list.currentItem()
        return self.colleagues.get(item.data(ID_ROLE)) if item is not None else None

    def choose(self, worker_id: str) -> None:
        for item in self.items():
            if item.data(ID_ROLE) == worker_id:
                self.list.setCurrentItem(item)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Zuständigkeit ändern"))
        self.intro.setText(_(
            "Wer übernimmt die {count} Familien? Die bisher zuständigen Personen arbeiten "
            "danach nicht mehr mit ihnen.").format(count=format_number(self.count))
            if self.count > 1 else _("Wer übernimmt die Familie? Die bisher zuständige "
                                     "Person arbeitet danach nicht mehr mit ihr."))
        self.list.setAccessibleName(_("Kolleginnen und Kollegen"))
        self.ok.setText(_("&Übergeben"))


class ShareDialog(_ChooserDialog):
    """Teilen mit: tick the colleagues who work with the families too.

    ``shared`` are ticked from the start; with ``may_remove`` (the coordination) unticking
    one ends that share, otherwise (a laptop) they stay ticked and cannot be changed.
    """

    def __init__(self, colleagues: Sequence[Colleague], *, count: int,
                 shared: Iterable[str] = (), may_remove: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(colleagues, parent)
        self.count, self.may_remove = count, may_remove
        self.shared = set(shared)
        for item in self.items():
            on = item.data(ID_ROLE) in self.shared
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if on and not may_remove:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.list.itemChanged.connect(lambda _item: self._update_ok())
        self._update_ok()
        self.retranslate()

    def _ticked(self) -> set[str]:
        return {item.data(ID_ROLE) for item in self.items()
                if item.checkState() == Qt.CheckState.Checked}

    def added(self) -> list[Colleague]:
        new = self._ticked() - self.shared
        return [c for w, c in self.colleagues.items() if w in new]

    def removed(self) -> list[Colleague]:
        if not self.may_remove:
            return []
        gone = self.shared - self._ticked()
        return [c for w, c in self.colleagues.items() if w in gone]

    def tick(self, worker_id: str, on: bool = True) -> None:
        for item in self.items():
            if item.data(ID_ROLE) == worker_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_ok(self) -> None:
        self.ok.setEnabled(bool(self.added() or self.removed()))

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Teilen mit"))
        if self.count > 1:
            text = _("Mit wem werden die {count} Familien zusätzlich geteilt? Bestehende "
                     "Freigaben bleiben.").format(count=format_number(self.count))
        elif self.may_remove:
            text = _("Wer arbeitet außer der zuständigen Person mit der Familie? Ein "
                     "entfernter Haken beendet das Teilen.")
        else:
            text = _("Mit wem teilen Sie die Familie? Die Koordination bringt sie mit den "
                     "nächsten Rückpaketen auf deren Laptop.")
        self.intro.setText(text)
        self.list.setAccessibleName(_("Kolleginnen und Kollegen"))
        self.ok.setText(_("&Speichern") if self.may_remove else _("&Teilen"))
