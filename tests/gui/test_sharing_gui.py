"""Who works with a family, on screen: the coordination hands families over and shares
them (from the list and from the family page), a laptop shares a family with a colleague,
and "mit mir geteilt" finds the families colleagues share. Real stores of one world."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hamm_field.ui.family_model import SHARED_COLUMN
from hamm_field.ui.pages.families import FamiliesPage
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from tests.gui.conftest import wait_idle
from tests.gui.support import accept, rows, select

pytestmark = pytest.mark.gui


def new_family(services, name):
    return services.families.create(family_name=name, sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", languages=["bg"], pakete=[1],
                                    pseudonym=False)


def worker_id(world, laptop: int) -> str:
    return world.laptops[laptop].context.worker_id


def families_page(qtbot, ui) -> FamiliesPage:
    page = FamiliesPage(ui)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    wait_idle(qtbot, ui)
    return page


def detail_page(qtbot, ui, family_id) -> FamilyDetailPage:
    page = FamilyDetailPage(ui)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.show_family(family_id)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(page.content.isVisible)
    return page


def return_to(world, laptop: int) -> None:
    """The laptop sends a package; the coordination's return package comes back."""
    world.central.sync.import_files([world.package(laptop, f"from{laptop}.hfsync")])
    device = world.laptops[laptop].context.store.device_id
    back = world.central.sync.make_return(device, world.root / f"back{laptop}.hfsync")
    [applied] = world.laptops[laptop].sync.import_files([back.path])
    assert applied.refused is None


def test_coordination_hands_two_selected_families_to_a_colleague(qtbot, world, make_ui):
    central = world.central
    for name in ("Петрова", "Popescu", "Alieva"):
        new_family(central, name)
    ui = make_ui(central, "central")
    page = families_page(qtbot, ui)
    assert page.hand_over_button.isVisible() and not page.hand_over_button.isEnabled()
    assert not page.shared.isVisible()  # nothing is ever shared with the coordination

    select(page, "Петрова", "Popescu")
    assert page.hand_over_button.isEnabled()
    qtbot.mouseClick(page.hand_over_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.isVisible() and "2 Familien" in dialog.intro.text()
    assert not dialog.ok.isEnabled()
    dialog.choose(worker_id(world, 1))
    accept(qtbot, dialog)
    wait_idle(qtbot, ui)

    assert page.message.text() == "2 Familien an Worker 1 übergeben"
    shown = rows(page)
    assert shown["Петрова"][4] == shown["Popescu"][4] == "Worker 1"
    assert shown["Alieva"][4] == "Koordination"

    select(page, "Alieva", "Popescu")
    qtbot.mouseClick(page.share_button, Qt.MouseButton.LeftButton)
    page.dialog.tick(worker_id(world, 0))
    accept(qtbot, page.dialog)
    wait_idle(qtbot, ui)
    assert page.message.text() == "2 Familien mit Worker 0 geteilt"
    shown = rows(page)
    assert shown["Alieva"][SHARED_COLUMN] == shown["Popescu"][SHARED_COLUMN] == "Worker 0"
    assert shown["Петрова"][SHARED_COLUMN] == ""


def test_coordination_shares_and_unshares_on_the_family_page(qtbot, world, make_ui):
    family = new_family(world.central, "Петрова")
    ui = make_ui(world.central, "central")
    page = detail_page(qtbot, ui, family.id)
    row = page.sharing
    assert row.shared_label.text() == "Mit niemandem geteilt."
    assert row.responsible_button.isVisible() and row.share_button.text() == "Teilen mit…"

    qtbot.mouseClick(row.share_button, Qt.MouseButton.LeftButton)
    row.dialog.tick(worker_id(world, 0))
    accept(qtbot, row.dialog)
    wait_idle(qtbot, ui)
    assert row.shared_label.text() == "Geteilt mit: Worker 0"

    qtbot.mouseClick(row.responsible_button, Qt.MouseButton.LeftButton)
    row.dialog.choose(worker_id(world, 1))
    accept(qtbot, row.dialog)
    wait_idle(qtbot, ui)
    assert "Worker 1" in [label.text() for label in page.facts]  # zuständig
    assert row.shared_label.text() == "Geteilt mit: Worker 0"

    qtbot.mouseClick(row.share_button, Qt.MouseButton.LeftButton)
    row.dialog.tick(worker_id(world, 0), on=False)
    accept(qtbot, row.dialog)
    wait_idle(qtbot, ui)
    assert row.shared_label.text() == "Mit niemandem geteilt."
    assert world.central.sharing.people_of(family.id).shared == ()


def test_a_family_the_coordination_shares_is_found_with_mit_mir_geteilt(qtbot, world, make_ui):
    central = world.central
    shared, other = new_family(central, "Петрова"), new_family(central, "Popescu")
    central.sharing.set_responsible([shared.id, other.id], worker_id(world, 1))
    central.sharing.share([shared.id], [worker_id(world, 0)])
    return_to(world, 0)

    ui = make_ui(world.laptops[0], "laptop0")
    page = families_page(qtbot, ui)
    assert not page.hand_over_button.isVisible() and page.shared.isVisible()
    qtbot.mouseClick(page.shared, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    assert list(rows(page)) == ["Петрова"]
    assert rows(page)["Петрова"][4] == "Worker 1"
    assert page.count.text() == "1 Familie"


def test_a_laptop_shares_its_family_with_a_colleague(qtbot, world, make_ui):
    laptop = world.laptops[1]
    family = new_family(laptop, "Popescu")
    return_to(world, 1)  # brings the list of colleagues
    ui = make_ui(laptop, "laptop1")
    page = detail_page(qtbot, ui, family.id)
    row = page.sharing
    assert not row.responsible_button.isVisible()
    assert row.share_button.text() == "Mit Kollegin/Kollegen teilen…"

    qtbot.mouseClick(row.share_button, Qt.MouseButton.LeftButton)
    dialog = row.dialog
    listed = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert listed == ["Worker 0 (Schlüsselfigur)"]  # neither oneself nor the coordination
    dialog.tick(worker_id(world, 0))
    accept(qtbot, dialog)
    wait_idle(qtbot, ui)

    assert [c.name for c in laptop.sharing.people_of(family.id).shared] == ["Worker 0"]
    assert row.shared_label.text() == "Geteilt mit: Worker 0"
    assert row.note.isVisible()
    assert row.note.text() == "Wird mit dem nächsten Paket an die Koordination geschickt."


def test_a_laptop_without_known_colleagues_says_where_the_list_comes_from(
        qtbot, world, make_ui):
    laptop = world.laptops[0]
    family = new_family(laptop, "Alieva")
    ui = make_ui(laptop, "laptop0")
    page = detail_page(qtbot, ui, family.id)
    row = page.sharing
    assert "nächsten Rückpaket" in row.share_button.toolTip()
    qtbot.mouseClick(row.share_button, Qt.MouseButton.LeftButton)
    box = row.info_box
    assert box is not None and box.isVisible()
    assert "nächsten Rückpaket der Koordination" in box.text()
    box.close()
    QApplication.processEvents()
    assert laptop.sharing.people_of(family.id).shared == ()
