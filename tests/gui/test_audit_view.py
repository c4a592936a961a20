"""The coordination's audit log answers "who changed this family" in the reader's words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.store.paths import StorePaths
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.language import apply_language
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.settings_page import SettingsPage
from tests.conftest import PASSWORD, TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.services.support import new_family

pytestmark = pytest.mark.gui

RAW_NAMES = ("household", "contact", "erasure", "family_name", "issued_on", "subject_id",
             "duration_min", "create", "update")  # fmt: skip
NOTE = "Termin bei Dr. Weber"


@pytest.fixture
def central(tmp_path, kdf, gateway):
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store, today=lambda: TODAY)
    runner = Runner()
    yield UiContext(gateway, services, runner)
    runner.wait()
    result.store.close()


@pytest.fixture
def families(central):
    """Петрова with a contact and an edit, Popescu by a colleague, Стоянова erased."""
    services = central.services
    petrova = new_family(services, "Петрова")
    contact = services.contacts.create(household_id=petrova.id, kind="beratung",
                                       duration_min=30, paket=1)  # fmt: skip
    services.contacts.edit(contact.id, duration_min=45, note=NOTE)
    services.families.edit(petrova.id, address="Westenwall 1")
    erased = new_family(services, "Стоянова")
    services.erasures.erase_family(erased.id)
    with services.context.store.write() as writer:
        colleague = writer.insert(Worker(name="Kollegin Meier", role="fachkraft"))
    lead = services.context.store.worker_id
    services.context.store.worker_id = colleague.id
    popescu = new_family(services, "Popescu", herkunftsland="rumaenien")
    services.context.store.worker_id = lead
    return petrova, popescu, erased, colleague


def open_page(qtbot, ui) -> SettingsPage:
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    wait_idle(qtbot, ui)
    return page


def rows(page) -> list[list[str]]:
    table = page.audit
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def row_of(page, family: str, action: str) -> list[str]:
    return next(r for r in rows(page) if r[3] == family and r[2] == action)


def test_the_log_names_kind_family_and_fields_in_german_never_raw_names(qtbot, central,
                                                                       families):
    page = open_page(qtbot, central)
    cells = [cell for row in rows(page) for cell in row]
    for raw in RAW_NAMES:
        assert not [cell for cell in cells if raw in cell.split(", ") or raw in cell.split()]
    assert not [cell for cell in cells if NOTE in cell or "Westenwall" in cell]
    assert row_of(page, "Петрова", "Familie geändert")[4] == "Adresse"
    assert row_of(page, "Петрова", "Kontakt geändert")[4] == "Dauer (Minuten), Notiz"
    assert row_of(page, "Петрова", "Kontakt angelegt")[4] == ""  # every field: says nothing
    assert row_of(page, "Popescu", "Familie angelegt")[1] == "Kollegin Meier"
    assert row_of(page, "gelöscht", "Löschung (DSGVO) angelegt")[1] == "Koordination"
    assert [page.audit.horizontalHeaderItem(c).text() for c in range(5)] == [
        "Zeit", "Wer", "Aktion", "Familie", "Felder"]
    assert page.audit_box.count.text() == f"{len(rows(page))} Einträge"


def test_the_log_follows_a_switch_to_bulgarian(qtbot, central, families):
    page = open_page(qtbot, central)
    try:
        apply_language("bg")
        wait_idle(qtbot, central)
        assert page.audit_box.title() == "Дневник: кой какво и кога е променил"
        assert page.audit.horizontalHeaderItem(0).text() == "Време"
        changed = row_of(page, "Петрова", "Промяна: Семейство")
        assert changed[4] == "Адрес"
        assert row_of(page, "Петрова", "Промяна: Контакт")[4] == "Времетраене (минути), Бележка"
        assert page.audit_box.worker.itemText(0) == "всички"
    finally:
        apply_language("de")
    assert row_of(page, "Петрова", "Familie geändert")[4] == "Adresse"


def test_family_worker_and_period_narrow_the_rows(qtbot, central, families):
    *_others, colleague = families
    page = open_page(qtbot, central)
    everything = len(rows(page))
    view = page.audit_box

    type_text(view.family, "petrova")  # any spelling: Latin letters find the Cyrillic name
    qtbot.waitUntil(lambda: {r[3] for r in rows(page)} == {"Петрова"}, timeout=10_000)
    wait_idle(qtbot, central)
    assert len(rows(page)) == 4  # created, contact created and changed, address
    view.family.clear()
    qtbot.waitUntil(lambda: len(rows(page)) == everything, timeout=10_000)

    view.worker.setCurrentIndex(view.worker.findData(colleague.id))
    wait_idle(qtbot, central)
    assert {r[1] for r in rows(page)} == {"Kollegin Meier"}
    assert {r[3] for r in rows(page)} == {"Popescu"}
    view.worker.setCurrentIndex(0)
    wait_idle(qtbot, central)

    with central.services.context.store.write() as writer:  # an entry of last year
        writer.session.connection().exec_driver_sql(
            "UPDATE audit_entry SET at = '2025-06-01T10:00:00+00:00' WHERE seq = 1")
    view.period.setCurrentIndex(view.period.findText("letzte 30 Tage"))
    wait_idle(qtbot, central)
    assert len(rows(page)) == everything - 1
    assert view.count.text() == f"{everything - 1} Einträge"


def test_enter_or_a_double_click_opens_the_family_of_a_row(qtbot, central, families):
    petrova, *_rest = families
    page = open_page(qtbot, central)
    table = page.audit
    row = next(i for i, r in enumerate(rows(page)) if r[2] == "Kontakt angelegt")
    table.setCurrentCell(row, 0)
    table.setFocus()
    with qtbot.waitSignal(page.family_opened) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [petrova.id]

    erased_row = next(i for i, r in enumerate(rows(page)) if r[3] == "gelöscht")
    table.setCurrentCell(erased_row, 0)
    with qtbot.assertNotEmitted(page.family_opened):
        qtbot.keyClick(table, Qt.Key.Key_Return)

    rect = table.visualRect(table.model().index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.family_opened) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [petrova.id]


def test_the_main_window_opens_the_family_from_the_log(qtbot, central, families):
    petrova, *_rest = families
    window = MainWindow(central)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, central)
    window.navigate(window.pages.index(window.settings))
    wait_idle(qtbot, central)
    window.settings.audit_box.family_opened.emit(petrova.id)
    wait_idle(qtbot, central)
    assert window.stack.currentWidget() is window.detail
    assert window.detail.heading.text() == "Петрова"
    QApplication.processEvents()
