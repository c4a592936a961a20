"""The laptop's Sync screen says when the coordination runs a newer Hamm Field, learnt from
the return package it read; and a return package it cannot read names the version needed."""

from __future__ import annotations

import pytest

from hamm_field.domain import app_version
from hamm_field.sync import returns
from hamm_field.ui.pages.sync_laptop import LaptopSync
from tests.gui.support import click, pick_files, show_page
from tests.sync.support import FUTURE_SCHEMA, NEEDED, NEWER, with_manifest

pytestmark = pytest.mark.gui

NOTICE = f"Neue Version bei der Koordination erhältlich: Hamm Field {NEWER}"


def return_package(world, tmp_path, coordination_version: str | None):  # type: ignore[no-untyped-def]
    """Laptop 0's package merged at the coordination, which (posing as
    ``coordination_version``) writes the return package for it."""
    laptop = world.laptops[0]
    laptop.families.create(family_name="Petrova", sozialraum="pelkum", herkunftsland="bulgarien")
    [imported] = world.central.sync.import_files([world.package(0, "a.hfsync")])
    assert imported.refused is None
    back = tmp_path / "back.hfsync"
    with pytest.MonkeyPatch.context() as patch:
        if coordination_version is not None:
            patch.setattr(app_version, "CURRENT", coordination_version)
        world.central.sync.make_return(laptop.context.store.device_id, back)
    return back


def read_on_the_laptop(qtbot, world, make_ui, monkeypatch, back):  # type: ignore[no-untyped-def]
    """The laptop's Sync screen after reading ``back`` through its button: page and section."""
    ui = make_ui(world.laptops[0], "laptop0")
    page = show_page(qtbot, ui)
    section = page.section
    assert isinstance(section, LaptopSync)
    assert section.update_notice.isHidden()
    pick_files(monkeypatch, back)
    click(qtbot, ui, section.return_button)
    qtbot.waitUntil(lambda: not ui.runner.is_busy)  # the status read after the package
    return page, section


def test_a_newer_coordination_is_announced_after_its_return_package(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    back = return_package(world, tmp_path, NEWER)
    _page, section = read_on_the_laptop(qtbot, world, make_ui, monkeypatch, back)
    assert "Rückpaket eingelesen" in section.return_result.text()
    qtbot.waitUntil(section.update_notice.isVisible)
    assert section.update_notice.text() == NOTICE


def test_the_same_version_at_the_coordination_shows_no_notice(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    back = return_package(world, tmp_path, None)
    _page, section = read_on_the_laptop(qtbot, world, make_ui, monkeypatch, back)
    assert "Rückpaket eingelesen" in section.return_result.text()
    qtbot.waitUntil(lambda: section.last_ack.text() != "noch keine")  # the status is shown
    assert section.update_notice.isHidden()


def test_a_return_package_too_new_to_read_names_the_version(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        with_manifest(patch, returns, schema=FUTURE_SCHEMA, app_version=NEWER)
        back = return_package(world, tmp_path, None)
    _page, section = read_on_the_laptop(qtbot, world, make_ui, monkeypatch, back)
    assert section.return_result.text() == f"Nicht eingelesen: {NEEDED}"
    assert section.return_button.isEnabled()
