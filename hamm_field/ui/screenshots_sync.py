"""The screenshots that need a coordination and its laptops (``make screenshots``).

A coordination invites two laptops; both send their demo data, and a family is shared
between them, so both change it and the conflict review shows real conflicts. Then the
screens of sharing, handing over, duplicates, Kindeswohl alerts and invitations, each
with data made the way a user would make it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QWidget

from hamm_field import app
from hamm_field.domain.vocab import WorkerRole
from hamm_field.services import Services, setup
from hamm_field.services.gateway import Gateway
from hamm_field.services.views import FamilyFilter
from hamm_field.ui import screenshots as shots
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext


def save_with_dialog(window: QWidget, dialog: QWidget, out: Path, name: str, suffix: str,
                     ui: UiContext | None = None) -> None:  # fmt: skip
    """The window with its open dialog drawn on top, in the lower half so the screen it
    belongs to stays visible. Offscreen, a dialog is a window of its own, without a frame:
    a plain title bar stands in for the one the desktop draws."""
    shots.settle(ui)
    picture = window.grab()
    front = dialog.grab()
    bar = 26
    left = (picture.width() - front.width()) // 2
    top = max(bar, (picture.height() - front.height() - bar) * 2 // 3)
    painter = QPainter(picture)
    painter.fillRect(left, top - bar, front.width(), bar, QColor("#3c4650"))
    painter.setPen(QColor("white"))
    painter.drawText(left + 10, top - bar, front.width() - 20, bar,
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                     dialog.windowTitle())  # fmt: skip
    painter.drawPixmap(left, top, front)
    painter.setPen(QColor("#3c4650"))
    painter.drawRect(left - 1, top - bar - 1, front.width() + 1, front.height() + bar + 1)
    painter.end()
    path = out / f"{name}{suffix}.png"
    picture.save(str(path))
    print(path)


def _pick_file(path: Path) -> None:
    """What the next "open file" dialog hands back."""
    QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: (str(path), ""))


def _wait_for(done: Callable[[], bool]) -> None:
    while not done():
        QApplication.processEvents()
        shots.settle(seconds=0.05)


class World:
    """The coordination and two invited laptops, with their windows opened on demand."""

    def __init__(self, folder: Path, size: tuple[int, int]) -> None:
        self.folder, self.size = folder, size
        self.central_gateway = app.make_gateway(folder / "zentrale")
        self.central = self.central_gateway.initialize(
            central=True, name="Koordination Hamm", password=shots.PASSWORD).services
        self.laptops: list[tuple[Gateway, Services]] = []
        for name, role in (("Fatme Yusein", WorkerRole.SCHLUESSELFIGUR),
                           ("Ionela Popa", WorkerRole.SOZIALBETREUER)):  # fmt: skip
            invitation = self.central.sync.invite(name, role, folder / f"{name}.hfinvite")
            gateway = app.make_gateway(folder / name)
            joined = setup.join(gateway.paths, invitation=invitation.read_bytes(), name=name,
                                password=shots.PASSWORD, kdf=app.kdf_params())  # fmt: skip
            self.laptops.append((gateway, Services.for_store(joined.store)))
        self.fatme, self.ionela = (services for _gateway, services in self.laptops)
        self.stick = folder / "usb"
        (self.stick / "back").mkdir(parents=True)
        self.windows: list[Any] = []
        self.returns = 0

    def package(self, services: Services) -> Path:
        return services.sync.export(self.stick / services.sync.package_name()).path

    def give_back(self, services: Services) -> Path:
        self.returns += 1
        return self.central.sync.make_return(
            services.context.store.device_id, self.stick / "back" / f"{self.returns}.hfsync").path

    def window(self, services: Services) -> tuple[Any, UiContext]:
        from hamm_field.ui.main_window import MainWindow

        gateway = self.central_gateway if services is self.central else next(
            g for g, s in self.laptops if s is services)  # fmt: skip
        ui = UiContext(gateway, services, Runner())
        window = MainWindow(ui)
        window.resize(*self.size)
        window.show()
        self.windows.append((window, ui))
        return window, ui

    def close_windows(self) -> None:
        for window, ui in self.windows:
            ui.runner.wait()
            window.close()
        self.windows.clear()

    def close(self) -> None:
        self.close_windows()
        for services in (self.central, self.fatme, self.ionela):
            services.close()


def render_sync(out: Path, suffix: str, folder: Path, alone: Gateway,
                size: tuple[int, int]) -> None:  # fmt: skip
    """12–22; ``alone`` is a laptop set up without an invitation (not enrolled)."""
    world = World(folder, size)
    try:
        family, twin = _first_exchange(world)
        second = _conflicting_changes(world, family)
        _conflicts(world, out, suffix, second)
        _duplicates(world, out, suffix, twin)
        _sharing(world, out, suffix, family)
        _handover(world, out, suffix, family)
        _kindeswohl(world, out, suffix)
        _enrol_existing(world, out, suffix, alone)
        _wizard_invitation(world, out, suffix)
    finally:
        world.close()


def _first_exchange(world: World) -> tuple[str, str]:
    """Demo data on both laptops, one family met by both (a likely duplicate), all sent
    to the coordination; the busiest family of the first laptop is shared with the second.
    Returns that family and the first laptop's half of the duplicate."""
    world.fatme.load_demo(40, seed=3)
    world.ionela.load_demo(25, seed=4)
    twin = _meet_twice(world.fatme, world.ionela)
    world.central.sync.import_files([world.package(s) for s in (world.fatme, world.ionela)])
    family = shots.busy_family(world.fatme, status="aktiv")  # both change its status
    world.central.sharing.share([family], [world.ionela.context.worker_id])
    for services in (world.fatme, world.ionela):
        services.sync.import_files([world.give_back(services)])
    return family, twin


def _meet_twice(first: Services, second: Services) -> str:
    """The second laptop records, on its own, a family the first one has: same address,
    one member with the same name and year of birth."""
    mine = first.context.worker_id
    for family in first.views.search_families(FamilyFilter(worker_id=mine), limit=50):
        adults = [p for p in first.views.persons(family.id) if p.birth_year and
                  p.birth_year < 2000]  # fmt: skip
        if family.address and adults:
            break
    else:
        raise RuntimeError("the demo data has no family with an address and an adult")
    copy = second.families.create(family_name=family.family_name, sozialraum=family.sozialraum,
                                  herkunftsland=family.herkunftsland, address=family.address,
                                  languages=list(family.languages))  # fmt: skip
    person = adults[0]
    second.persons.create(household_id=copy.id, given_name=person.given_name,
                          family_name=person.family_name, relation=person.relation,
                          birth_year=person.birth_year)  # fmt: skip
    return family.id


def _conflicting_changes(world: World, family: str) -> list[Path]:
    """Both laptops change the shared family; the second laptop's package is written now,
    the first one's on its Sync screen."""
    world.ionela.families.edit(family, address="Wilhelmstr. 12a, 59067 Hamm", status="ruhend")
    world.fatme.families.edit(family, address="Wilhelmstraße 12, 59067 Hamm",
                              status="abgeschlossen")  # fmt: skip
    _observe(world.ionela)
    return [world.package(world.ionela), world.stick / world.fatme.sync.package_name()]


def _observe(laptop: Services) -> None:
    """A Kindeswohl observation of concern "erheblich" in a newly met family."""
    family = laptop.families.create(family_name="Stoyanova", sozialraum="pelkum",
                                    herkunftsland="bulgarien")  # fmt: skip
    child = laptop.persons.create(household_id=family.id, given_name="Elena",
                                  family_name="Stoyanova", relation="kind", birth_year=2015)
    laptop.observations.create(household_id=family.id, person_id=child.id, concern="erheblich",
                               note="Kind wirkt vernachlässigt, Koordination informiert.",
                               date=dt.date.today())  # fmt: skip


def _conflicts(world: World, out: Path, suffix: str, second: list[Path]) -> None:
    window, ui = world.window(world.fatme)
    window.navigate(window.pages.index(window.sync))
    shots.settle(ui)
    QFileDialog.getExistingDirectory = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: str(world.stick))
    window.sync.section.export_button.click()
    shots.save(window, out, "12-sync-laptop", suffix, ui)
    damaged = world.stick / "kaputt.hfsync"
    damaged.write_bytes(second[0].read_bytes()[:-100])

    window, ui = world.window(world.central)
    window.navigate(window.pages.index(window.sync))
    shots.settle(ui)
    QFileDialog.getOpenFileNames = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: ([str(p) for p in (*second, damaged)], ""))
    window.sync.section.imports.import_button.click()
    shots.save(window, out, "13-sync-zentrale", suffix, ui)
    window.sync.section.tabs.setCurrentIndex(2)
    shots.save(window, out, "14-konflikt", suffix, ui)
    world.close_windows()


def _duplicates(world: World, out: Path, suffix: str, twin: str) -> None:
    window, ui = world.window(world.central)
    page = window.duplicates
    assert page is not None
    window.navigate(window.pages.index(page))
    shots.settle(ui)
    for row, pair in enumerate(page.pairs):
        if twin in (pair.first.id, pair.second.id):
            page.table.setCurrentCell(row, 0)
    shots.save(window, out, "16-dubletten", suffix, ui)
    world.close_windows()


def _sharing(world: World, out: Path, suffix: str, family: str) -> None:
    window, ui = world.window(world.central)
    window.navigate(window.pages.index(window.families))
    window.open_family(family)
    shots.save(window, out, "17-familie-teilen", suffix, ui)

    window.navigate(window.pages.index(window.families))
    shots.settle(ui)
    page = window.families
    model = page.table.selectionModel()
    rows = [row for row in range(page.model.rowCount())
            if page.model.household_id(row) == family][:1] or [0]  # fmt: skip
    first = max(0, rows[0] - 1)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(first, first + 3):
        model.select(page.model.index(row, 0), flags)
    page.table.scrollTo(page.model.index(first, 0),
                        QAbstractItemView.ScrollHint.PositionAtTop)  # fmt: skip
    dialog = page.share()
    assert dialog is not None
    dialog.tick(world.ionela.context.worker_id)
    save_with_dialog(window, dialog, out, "18-teilen-dialog", suffix, ui)
    dialog.reject()
    world.close_windows()


def _handover(world: World, out: Path, suffix: str, family: str) -> None:
    """The coordination hands three of the first laptop's families to the second; the
    first laptop recorded a contact in one of them meanwhile, so that one waits for the
    contact's confirmation."""
    fatme = world.fatme
    mine = [f.id for f in fatme.views.search_families(
        FamilyFilter(worker_id=fatme.context.worker_id), limit=50) if f.id != family][:3]
    world.central.sharing.set_responsible(mine, world.ionela.context.worker_id)
    fatme.contacts.create(household_id=mine[-1], kind="hausbesuch", duration_min=20, paket=1)
    back = world.give_back(fatme)
    window, ui = world.window(fatme)
    window.navigate(window.pages.index(window.sync))
    shots.settle(ui)
    _pick_file(back)
    window.sync.section.return_button.click()
    shots.save(window, out, "19-rueckpaket-uebergabe", suffix, ui)
    world.close_windows()


def _kindeswohl(world: World, out: Path, suffix: str) -> None:
    window, ui = world.window(world.central)
    window.navigate(window.pages.index(window.today))
    shots.save(window, out, "22-kindeswohl-hinweise", suffix, ui)
    world.close_windows()


def _enrol_existing(world: World, out: Path, suffix: str, alone: Gateway) -> None:
    invitation = world.central.sync.invite("Ayşe Yusein", WorkerRole.SCHLUESSELFIGUR,
                                           world.folder / "ayse.hfinvite")  # fmt: skip
    services = alone.unlock(shots.PASSWORD).services
    try:
        world.laptops.append((alone, services))
        window, ui = world.window(services)
        window.navigate(window.pages.index(window.sync))
        shots.settle(ui)
        box = window.sync.section.enrol_box
        _pick_file(invitation)
        box.button.click()
        _wait_for(lambda: box.dialog is not None and box.dialog.isVisible())
        box.dialog.password.setText(shots.PASSWORD)
        save_with_dialog(window, box.dialog, out, "20-einladung-laden", suffix, ui)
        box.dialog.reject()
        world.close_windows()
    finally:
        world.laptops.pop()
        services.close()


def _wizard_invitation(world: World, out: Path, suffix: str) -> None:
    from hamm_field.ui.setup_wizard import SetupWizard

    invitation = world.central.sync.invite("Nadia Neu", WorkerRole.SOZIALBETREUER,
                                           world.folder / "nadia.hfinvite")  # fmt: skip
    wizard = SetupWizard(app.make_gateway(world.folder / "neu"), invitation)
    wizard.show()
    page = wizard.invitation_page
    _wait_for(lambda: not page.reading)
    while wizard.currentPage() is not page:
        wizard.next()
    shots.save(wizard, out, "21-einrichtung-einladung", suffix)
    wizard.runner.wait()
    wizard.close()
