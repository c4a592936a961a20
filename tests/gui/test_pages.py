"""Heute, Kontakte, Starterpakete and Einstellungen on a real store."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from hamm_field.domain.tables import Worker
from hamm_field.i18n import current_language
from hamm_field.ui.pages.contacts import ContactsPage
from hamm_field.ui.pages.settings_page import SettingsPage
from hamm_field.ui.pages.starterpakete import StarterpaketePage
from hamm_field.ui.pages.today import TodayPage
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.services.support import begleitung, new_family

pytestmark = pytest.mark.gui


def texts(table, column):
    return [table.item(row, column).text() for row in range(table.rowCount())]


def show(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def test_today_shows_my_week_due_follow_ups_and_quiet_families(qtbot, ui, services):
    busy = new_family(services, "Петрова")
    quiet = new_family(services, "Popescu", herkunftsland="rumaenien")
    begleitung(services, busy, follow_up=TODAY)
    begleitung(services, quiet, date=TODAY - dt.timedelta(weeks=8))
    page = show(qtbot, TodayPage(ui))
    wait_idle(qtbot, ui)
    assert texts(page.week, 2) == ["Петрова"]
    assert texts(page.due, 1) == ["Петрова"]
    assert texts(page.quiet, 0) == ["Popescu"]
    with qtbot.waitSignal(page.family_opened) as opened:
        page.quiet.setCurrentCell(0, 0)
        page._open(page.quiet)
    assert opened.args == [quiet.id]


def test_today_button_asks_for_a_new_contact(qtbot, ui):
    page = show(qtbot, TodayPage(ui))
    wait_idle(qtbot, ui)
    with qtbot.waitSignal(page.new_contact_requested):
        page.record_button.click()


def test_contacts_list_filters_by_kind_and_paket(qtbot, ui, services):
    family = new_family(services)
    begleitung(services, family, paket=4)
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=1)
    page = show(qtbot, ContactsPage(ui))
    wait_idle(qtbot, ui)
    assert sorted(texts(page.table, 1)) == ["Begleitung", "Beratung"]
    page.kind.setCurrentIndex(page.kind.findData("beratung"))
    wait_idle(qtbot, ui)
    assert texts(page.table, 1) == ["Beratung"]
    page.kind.setCurrentIndex(0)
    page.paket.setCurrentIndex(page.paket.findData(4))
    wait_idle(qtbot, ui)
    assert texts(page.table, 1) == ["Begleitung"]
    assert texts(page.table, 4) == ["Kinderarztpraxis"]
    assert page.count.text() == "1 Kontakt"  # ngettext: one, not "1 Kontakte"


def test_deleting_a_contact_asks_first_and_reports_it_for_undo(qtbot, ui, services, monkeypatch):
    family = new_family(services)
    contact = begleitung(services, family)
    page = show(qtbot, ContactsPage(ui))
    wait_idle(qtbot, ui)
    page.table.setCurrentCell(0, 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    page._delete()
    wait_idle(qtbot, ui)
    assert page.table.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.deleted) as deleted:
        page._delete()
    assert deleted.args == ["contact", contact.id]
    wait_idle(qtbot, ui)
    assert page.table.rowCount() == 0


def test_starterpakete_lists_waiting_new_families(qtbot, ui, services):
    waiting = new_family(services, "Иванова", pakete=[1])
    new_family(services, "Stan", herkunftsland="rumaenien", pakete=[3])
    got = new_family(services, "Стоянова", pakete=[1])
    services.handouts.create(household_id=got.id, edition="bg", items=["stadtplan"])
    page = show(qtbot, StarterpaketePage(ui))
    wait_idle(qtbot, ui)
    assert texts(page.waiting, 0) == ["Иванова"]
    assert texts(page.recent, 1) == ["Стоянова"]
    assert texts(page.recent, 2) == ["Bulgarisch"]
    page.waiting.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.handout_requested) as requested:
        page.hand_out.click()
    assert requested.args == [waiting.id]


def test_settings_save_language_and_lock_minutes(qtbot, ui, gateway):
    page = show(qtbot, SettingsPage(ui))
    with qtbot.waitSignal(page.lock_minutes_chosen):
        page.lock_minutes.setValue(9)
    assert gateway.settings().lock_minutes == 9
    with qtbot.waitSignal(page.language_chosen) as chosen:
        page.language.setCurrentIndex(page.language.findData("bg"))
    assert chosen.args == ["bg"] and gateway.settings().language == "bg"
    assert current_language() == "de"  # the main window applies it


def test_settings_change_password(qtbot, ui, gateway, services):
    page = show(qtbot, SettingsPage(ui))
    type_text(page.old, "correct horse battery")
    type_text(page.new, "ein neues Passwort")
    type_text(page.repeat, "ein neues Passwort")
    page.change_button.click()
    qtbot.waitUntil(lambda: page.password_message.text() == "Das Passwort wurde geändert.",
                    timeout=10_000)
    gateway.check_password(services, "ein neues Passwort")


def test_settings_wrong_old_password_says_so(qtbot, ui):
    page = show(qtbot, SettingsPage(ui))
    type_text(page.old, "falsch falsch")
    type_text(page.new, "ein neues Passwort")
    type_text(page.repeat, "ein neues Passwort")
    page.change_button.click()
    qtbot.waitUntil(lambda: page.password_message.text() == "Das Passwort ist falsch.",
                    timeout=10_000)


def test_audit_view_only_for_the_coordination(qtbot, ui, services, new_store):
    page = show(qtbot, SettingsPage(ui))
    assert not page.audit_box.isVisible()
    with new_store.store.write() as writer:
        lead = writer.insert(Worker(name="Koordinatorin", role="koordination"))
    new_store.store.worker_id = lead.id
    ui.services.context._worker = None
    new_family(services)
    page = show(qtbot, SettingsPage(ui))
    wait_idle(qtbot, ui)
    assert page.audit_box.isVisible()
    assert "Familie angelegt" in texts(page.audit, 2)
