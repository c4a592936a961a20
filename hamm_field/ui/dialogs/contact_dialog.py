"""Kontakt erfassen: record (or correct) one contact of any kind, by keyboard in seconds.

Everything the dialog reads or writes goes through the background lane. What is typed
is autosaved as a draft inside the encrypted store (400 ms after the last change, and
at once when the main window locks), so a crash or a lock never loses it; the draft
goes away only when the contact is saved or the input is deliberately discarded.

The fields themselves, their layout and their values are :class:`ContactForm`'s
(``contact_form``); this module keeps what happens around them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from hamm_field.domain.errors import UserError, ValidationError
from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import gettext as _
from hamm_field.services import Services
from hamm_field.services.work import INSTITUTION_KINDS
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.contact_consent import SharingWarning
from hamm_field.ui.dialogs.contact_fields import KINDS
from hamm_field.ui.dialogs.contact_form import ContactForm, qdate
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import mark_destructive

DRAFT_DELAY_MS = 400
SUGGESTED = ("sozialraum", "paket")
"""The institution is suggested apart: only for a kind about one (see ``_suggest_institution``)."""


@dataclass
class _Loaded:
    master: MasterIndex
    contact: Any
    household: Any
    suggestions: dict[str, Any]
    draft: dict[str, Any] | None


def _load(services: Services, contact_id: str | None, household_id: str | None,
          draft_name: str) -> _Loaded:
    """Everything the dialog needs from the store, read in one background step."""
    contact = services.contacts.get(contact_id) if contact_id else None
    household_id = contact.household_id if contact else household_id
    household = services.families.get(household_id) if household_id else None
    hints = services.contacts.suggestions(household_id) if household_id and not contact else {}
    return _Loaded(services.context.master, contact, household, hints,
                   services.drafts.load(draft_name))


class ContactDialog(ContactForm, QDialog):
    """New contact (``contact_id`` None) or correction of a stored one."""

    saved = Signal(str)

    def __init__(self, ui: UiContext, *, household_id: str | None = None,
                 contact_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.contact_id = ui, contact_id
        self.draft_name = f"contact:{contact_id}" if contact_id else "contact:new"
        self.master: MasterIndex | None = None
        self._touched: set[str] = set()
        self._applying = self._saving = self._closed = False
        self._last_institution: str | None = None
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._build()
        self.sharing_warning = SharingWarning(ui, self)
        self.layout().insertWidget(1, self.sharing_warning)  # under the kind
        today = ui.services.context.today()
        self.date.setDate(qdate(today))
        self.follow_date.setDate(qdate(today + dt.timedelta(days=7)))
        self.retranslate()
        self._connect()
        self._follow_toggled()
        self.resize(920, 580)
        first = self.kind if (contact_id or household_id) else self.family
        first.setFocus()
        ui.submit(_load, ui.services, contact_id, household_id, self.draft_name,
                  parent=self, on_success=self._loaded, on_error=self._load_failed)

    def _connect(self) -> None:
        self.kind.changed.connect(lambda _k: self._changed("kind", self._kind_switched))
        self.family.textEdited.connect(lambda _t: self._changed("household_id"))
        self.family.chosen.connect(self._family_chosen)
        self.family.chosen.connect(self.sharing_warning.set_family)
        self.kind.changed.connect(lambda _k: self.sharing_warning.set_kind(self.kind.kind()))
        self.family.found.connect(self._family_found)
        self.paket.currentIndexChanged.connect(lambda _i: self._changed("paket", self._refilter))
        self.institution.editTextChanged.connect(
            lambda _t: self._changed("institution", self._update_hint))
        self.follow.toggled.connect(lambda _c: self._changed("follow_up", self._follow_toggled))
        signals = {
            "title": self.title_edit.textChanged, "outcome": self.outcome.textChanged,
            "participants": self.participants.valueChanged, "date": self.date.dateChanged,
            "duration_min": self.duration.valueChanged, "topics": self.topics.changed,
            "sozialraum": self.sozialraum.currentIndexChanged,
            "place": self.place.currentIndexChanged, "note": self.note.textChanged,
            "language": self.language.currentIndexChanged,
            "follow_up": self.follow_date.dateChanged,
        }
        for name, signal in signals.items():
            signal.connect(lambda *_a, name=name: self._changed(name))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        for number in range(1, len(KINDS) + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      activated=lambda n=number: self.kind.choose(n))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def has_input(self) -> bool:
        return bool(self._touched)

    # Reacting to input -----------------------------------------------------------

    def _changed(self, name: str, then: Any = None) -> None:
        if then is not None:
            then()
        if self._applying:
            return
        self._touched.add(name)
        self.slots[name].clear_error()
        if not self._closed:
            self._draft_timer.start()

    def _family_chosen(self, household_id: str | None) -> None:
        self._changed("household_id")
        if household_id:
            self.ui.submit(self.ui.services.contacts.suggestions, household_id, parent=self,
                           on_success=lambda hints: self._suggest(household_id, hints))

    def _suggest(self, household_id: str, hints: dict[str, Any]) -> None:
        """The family's Sozialraum, last Paket and institution, where nothing was chosen."""
        if isValid(self) and self.family.household_id == household_id:
            self._last_institution = hints.get("last_institution")
            self.apply({k: v for k, v in hints.items() if k in SUGGESTED
                        and k not in self._touched})
            self._suggest_institution()

    def _kind_switched(self) -> None:
        self._kind_changed()
        self._suggest_institution()
        self._update_hint()

    def _suggest_institution(self) -> None:
        """The family's last institution, for a kind about one (a Begleitung); none for a
        Hausbesuch, which would otherwise be counted under it. Typed choices stay."""
        if self.contact_id or "institution" in self._touched:
            return
        asks = self.kind.kind() in INSTITUTION_KINDS
        applying, self._applying = self._applying, True
        try:
            self.institution.set_key(self._last_institution if asks else None)
        finally:
            self._applying = applying
        self._update_hint()

    # Loading -----------------------------------------------------------------------

    def _loaded(self, loaded: _Loaded) -> None:
        if not isValid(self):
            return
        self.master = loaded.master
        self._applying = True
        try:
            self.sozialraum.set_entries(self._entries(MasterKind.SOZIALRAUM))
            self.place.set_entries(self._entries(MasterKind.SPRECHSTUNDEN_ORT))
            self.language.set_entries(self._entries(MasterKind.SPRACHE), none_text="–")
            self.institution.set_entries(  # found by the German name, too
                (e.key, e.label, e.name) for e in self.master.active(MasterKind.INSTITUTION))
        finally:
            self._applying = False
        self._show_topics(self.topics.checked())
        if loaded.contact is not None:
            self.apply(self._record_values(loaded.contact, loaded.household))
            if loaded.contact.erased:  # Art. 17: looked at, never edited
                self.save_button.setEnabled(False)
                self.general_error.setText(
                    _("Nach DSGVO gelöscht: nur noch lesbar, nicht mehr änderbar."))
        elif loaded.household is not None and "household_id" not in self._touched:
            self.apply({"household_id": loaded.household.id,
                        "family_text": self._describe(loaded.household)})
            self._suggest(loaded.household.id, loaded.suggestions)
        if loaded.draft and not self._touched:
            self.apply(loaded.draft)
            self._touched = set(loaded.draft.get("touched") or ["note"])
            self.notice.show()
        self.sharing_warning.set_kind(self.kind.kind())
        self.sharing_warning.set_family(self.family.household_id)

    def _entries(self, kind: MasterKind) -> list[tuple[str, str]]:
        assert self.master is not None
        return [(entry.key, entry.label) for entry in self.master.active(kind)]

    def _load_failed(self, error: BaseException) -> None:
        if isValid(self):
            self._show_general(error)

    # Saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Store the contact in the background; a second call while saving does nothing."""
        if self._saving or self._closed:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self._draft_timer.stop()
        for slot in self.slots.values():
            slot.clear_error()
        self.general_error.clear()
        payload = self._payload()
        contacts = self.ui.services.contacts
        if self.contact_id:
            call, args = contacts.edit, (self.contact_id,)
        else:
            call, args = contacts.create, ()
        self.ui.submit(lambda: call(*args, **payload), parent=self, changes="contact",
                       on_success=self._saved, on_error=self._save_failed)

    def _saved(self, record: Any) -> None:
        self._closed = True
        self._draft_timer.stop()
        self.ui.submit(self.ui.services.drafts.discard, self.draft_name)
        if isValid(self):
            self._saving = False
            self.saved.emit(record.id)
            self.accept()

    def _save_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self._show_errors(error.by_field())
        else:
            self._show_general(error)
        if self.has_input():
            self._draft_timer.start()

    def _show_errors(self, by_field: dict[str, str]) -> None:
        first: QWidget | None = None
        for name, slot in self.slots.items():
            if name in by_field:
                slot.show_error(by_field[name])
                if first is None and slot.isVisibleTo(self):
                    first = slot.field
        rest = [text for name, text in by_field.items() if name not in self.slots]
        self.general_error.setText("\n".join(rest))
        if first is not None:
            first.setFocus()

    def _show_general(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.general_error.setText(str(error))
        else:
            show_error(self, error, self.ui.log_file)

    # Drafts and closing ------------------------------------------------------------

    def save_draft(self) -> None:
        """Queue the typed values as a draft now (the main window calls this before locking)."""
        self._draft_timer.stop()
        if self._closed or not self.has_input():
            return
        self.ui.submit(self.ui.services.drafts.save, self.draft_name, self.values(), parent=self,
                       on_error=self._draft_failed)

    def _draft_failed(self, _error: BaseException) -> None:
        if isValid(self):
            self.general_error.setText(_("Der Entwurf konnte nicht gesichert werden."))

    def close_keeping_draft(self) -> None:
        """Close without asking and keep the draft (for the lock screen)."""
        self.save_draft()
        self._closed = True
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Esc, Abbrechen or the window's close button: ask first when something was typed."""
        if self._saving:
            return
        if self.has_input():
            focus = self.focusWidget()
            if not self._confirm_discard():
                self.activateWindow()
                if focus is not None:
                    focus.setFocus()  # back where the person was typing
                return
        self._closed = True
        self._draft_timer.stop()
        self.ui.submit(self.ui.services.drafts.discard, self.draft_name)
        super().reject()

    def _confirm_discard(self) -> bool:
        # The question goes into the text: a long title is cut off in the narrow box.
        box = QMessageBox(QMessageBox.Icon.Question, _("Hamm Field"), _("Eingaben verwerfen?"),
                          parent=self)
        box.setObjectName("discardQuestion")
        box.setInformativeText(_("Was Sie eingegeben haben, wird nicht gespeichert."))
        discard = box.addButton(_("Verwerfen"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Weiter bearbeiten"), QMessageBox.ButtonRole.RejectRole)
        discard.setObjectName("discard")
        mark_destructive(discard)
        keep.setObjectName("keep")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard
