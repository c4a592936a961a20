"""First start: language, role, invitation, name, password, recovery key, demo data.

The store is created when the password page is confirmed (a commit page: there is no way
back, the key file exists from then on). Creating it calibrates Argon2 for about a second,
so it runs on the wizard's own background lane with a busy bar; the wizard has no
``UiContext`` yet because there are no services before the store exists. Afterwards
``opened`` holds the :class:`Opened` result and ``finished_setup`` emits it.

A laptop reads its invitation (if it has one) before the store exists: the invitation
names the worker and their role, so the name page is skipped, and the store is created
enrolled at the coordination. Started with an invitation file (one the person opened with
Hamm Field on a computer without a store), the wizard chooses "Laptop im Feld" and puts
the file on the invitation page, as if chosen there.

The pages are in :mod:`~hamm_field.ui.setup_pages` (those that only ask, and the page
ids, re-exported here) and :mod:`~hamm_field.ui.setup_store_pages` (those that make the
store); this module ties them together.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from hamm_field.i18n import gettext as _
from hamm_field.services.gateway import Gateway, Opened
from hamm_field.ui.background import Runner
from hamm_field.ui.setup_pages import (
    DEMO,
    INVITATION,
    LANGUAGE,
    NAME,
    PASSWORD,
    RECOVERY,
    ROLE,
    InvitationPage,
    LanguagePage,
    NamePage,
    RolePage,
    SetupPage,
)
from hamm_field.ui.setup_store_pages import DemoPage, PasswordPage, RecoveryPage

DEMO_FAMILIES = 300  # offered on the demo page; read when used, so tests can shrink it


class SetupWizard(QWizard):
    """The first-start wizard; ``finished_setup`` emits the :class:`Opened` store."""

    finished_setup = Signal(object)

    def __init__(
        self, gateway: Gateway, invitation: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.runner = Runner(self)
        self.opened: Opened | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.language_page, self.role_page = LanguagePage(), RolePage()
        self.name_page, self.password_page = NamePage(), PasswordPage()
        self.recovery_page, self.invitation_page = RecoveryPage(), InvitationPage()
        self.demo_page = DemoPage()
        pages = (self.language_page, self.role_page, self.name_page, self.password_page,
                 self.recovery_page, self.invitation_page, self.demo_page)  # fmt: skip
        for page_id, page in enumerate(pages):
            self.setPage(page_id, page)
        self.accepted.connect(lambda: self.finished_setup.emit(self.opened))
        if invitation is not None:
            self.role_page.field.setChecked(True)
            self.invitation_page.use_file(invitation)
        self.retranslate()
        self.resize(760, 560)

    @property
    def demo_families(self) -> int:
        """How many demo families the demo page offers and loads."""
        return DEMO_FAMILIES

    def _pages(self) -> list[SetupPage]:
        return [self.page(page_id) for page_id in self.pageIds()]  # type: ignore[misc]

    def retranslate(self) -> None:
        self.setWindowTitle(_("Hamm Field einrichten"))
        texts = {
            QWizard.WizardButton.BackButton: _("< &Zurück"),
            QWizard.WizardButton.NextButton: _("&Weiter >"),
            QWizard.WizardButton.CommitButton: _("&Einrichten"),
            QWizard.WizardButton.FinishButton: _("&Fertig"),
            QWizard.WizardButton.CancelButton: _("Abbrechen"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        for page in self._pages():
            page.retranslate()

    def choices(self) -> dict[str, Any]:
        """What was chosen on the pages, read on the GUI thread; an invitation (on a
        laptop) decides the name and role."""
        central = self.role_page.is_central()
        invitation = None if central else self.invitation_page.invitation
        invited_name = invitation.worker_name if invitation else ""
        return {
            "central": central,
            "name": invited_name or self.name_page.name.text().strip(),
            "worker_role": invitation.worker_role if invitation else self.role_page.worker_role(),
            "invitation": invitation,
            "language": self.language_page.language(),
        }

    def create_store(self, *, language: str, **choices: Any) -> Opened:
        """Background: create the store, then remember the chosen language."""
        opened = self.gateway.initialize(**choices)
        self.gateway.save_settings(replace(self.gateway.settings(), language=language))
        return opened

    def store_created(self) -> None:
        """From now on there is no way back and no cancelling: the key file exists."""
        self.setOption(QWizard.WizardOption.NoCancelButton, True)

    def reject(self) -> None:
        if self.opened is None and not self.password_page.creating:
            super().reject()

    def done(self, result: int) -> None:
        if not self.demo_page.loading:
            super().done(result)


__all__ = ["DEMO", "INVITATION", "LANGUAGE", "NAME", "PASSWORD", "RECOVERY", "ROLE", "SetupWizard"]
