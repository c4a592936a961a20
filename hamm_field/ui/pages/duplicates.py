"""Dubletten (coordination only): likely duplicate families, compared side by side.

The coordinator picks a pair, sees both families next to each other, chooses which one
stays and merges them, or marks the pair as not the same family. The merge runs in the
background; the list is loaded again afterwards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers


class FamilyPanel(QGroupBox):
    """One family of the pair, with the choice to keep it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep = QRadioButton()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.keep)  # right below its family, not at the far bottom
        layout.addStretch(1)

    def show_side(self, side: Any, sozialraum: str) -> None:
        self.setTitle(side.family_name)
        members = "<br>".join(
            f"{_esc(m.given_name)} {_esc(m.family_name)}"
            + (f" ({m.birth_year})" if m.birth_year else "") for m in side.members
        ) or "–"
        contacts = ngettext("{count} Kontakt", "{count} Kontakte", side.contacts).format(
            count=side.contacts)
        self.details.setText(
            f"<b>{_('Mitglieder')}:</b><br>{members}<br>"
            f"<b>{_('Adresse')}:</b> {_esc(side.address or '–')}<br>"
            f"<b>{_('Sozialraum')}:</b> {_esc(sozialraum)}<br>"
            f"<b>{_('Zuständig')}:</b> {_esc(side.worker_name or '–')}<br>{contacts}")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DuplicatesPage(Page):
    watches = ("household", "person", "contact")

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.pairs: list[Any] = []
        self.heading = heading("")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = make_table("duplicates")
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.panels = (FamilyPanel(), FamilyPanel())
        self.choice = QButtonGroup(self)
        for panel in self.panels:
            self.choice.addButton(panel.keep)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.merge)
        self.dismiss_button = QPushButton()
        self.dismiss_button.clicked.connect(self.dismiss)
        sides = QHBoxLayout()
        for panel in self.panels:
            sides.addWidget(panel, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 2)
        layout.addLayout(sides, 3)
        layout.addLayout(buttons)
        self.retranslate()
        self._show_selected()

    def title(self) -> str:
        return _("Dubletten")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.table.setAccessibleName(_("Mögliche Dubletten"))
        set_headers(self.table, [_("Familie"), _("Familie"), _("Grund")], stretch=2)
        for panel in self.panels:
            panel.keep.setText(_("Diese Familie behalten"))
        self.merge_button.setText(_("Zusammenführen"))
        self.dismiss_button.setText(_("Keine Dublette"))
        self.show_pairs(self.pairs)

    def refresh(self) -> None:
        self.ui.submit(self.ui.services.duplicates.likely_pairs, parent=self,
                       on_success=self.show_pairs)

    def show_pairs(self, pairs: list[Any]) -> None:
        chosen = self._selected()
        self.pairs = list(pairs)
        fill_table(self.table, [
            (_key(p), [p.first.family_name, p.second.family_name, _reason(p)])
            for p in self.pairs
        ])
        keys = [_key(p) for p in self.pairs]
        if self.pairs:
            row = keys.index(_key(chosen)) if chosen and _key(chosen) in keys else 0
            self.table.setCurrentCell(row, 0)
        self.hint.setText(ngettext(
            "{count} mögliche Dublette. Prüfen Sie beide Familien, bevor Sie sie "
            "zusammenführen: die Kontakte und Mitglieder der anderen gehen auf die "
            "behaltene Familie über.",
            "{count} mögliche Dubletten. Prüfen Sie beide Familien, bevor Sie sie "
            "zusammenführen: die Kontakte und Mitglieder der anderen gehen auf die "
            "behaltene Familie über.", len(self.pairs)).format(count=len(self.pairs)))
        self._show_selected()

    def _selected(self) -> Any:
        key = selected_id(self.table)
        return next((p for p in self.pairs if _key(p) == key), None)

    def _show_selected(self) -> None:
        pair = self._selected()
        for panel, side in zip(self.panels, (pair.first, pair.second) if pair else (None, None),
                               strict=True):  # fmt: skip
            panel.setVisible(side is not None)
            if side is not None:
                label = self.ui.services.context.master.label(MasterKind.SOZIALRAUM,
                                                              side.sozialraum)
                panel.show_side(side, label)
        if pair is not None and self.choice.checkedButton() is None:
            self.panels[0].keep.setChecked(True)
        self.merge_button.setEnabled(pair is not None)
        self.dismiss_button.setEnabled(pair is not None)

    def merge(self) -> None:
        pair = self._selected()
        if pair is None:
            return
        keep_first = self.panels[0].keep.isChecked()
        survivor, merged = (pair.first, pair.second) if keep_first else (pair.second, pair.first)
        answer = QMessageBox.question(
            self, _("Zusammenführen"),
            _("„{merged}“ wird in „{survivor}“ zusammengeführt. Alle Mitglieder, Kontakte und "
              "weiteren Einträge gehen auf „{survivor}“ über; „{merged}“ verschwindet auch "
              "von den Laptops. Fortfahren?").format(merged=merged.family_name,
                                                     survivor=survivor.family_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy(True)
        self.ui.submit(self.ui.services.duplicates.merge, survivor.id, merged.id, parent=self,
                       changes="household", on_success=self._done, on_error=self._failed)

    def dismiss(self) -> None:
        pair = self._selected()
        if pair is None:
            return
        self._busy(True)
        self.ui.submit(self.ui.services.duplicates.dismiss, pair.first.id, pair.second.id,
                       parent=self, on_success=self._done, on_error=self._failed)

    def _busy(self, busy: bool) -> None:
        self.merge_button.setEnabled(not busy)
        self.dismiss_button.setEnabled(not busy)

    def _done(self, _result: Any) -> None:
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        show_error(self, error, self.ui.log_file)


def _key(pair: Any) -> str:
    return f"{pair.first.id}|{pair.second.id}"


def _reason(pair: Any) -> str:
    reasons = []
    if pair.same_member:
        reasons.append(_("gleiches Mitglied"))
    if pair.same_address:
        reasons.append(_("gleiche Adresse"))
    return ", ".join(reasons)
