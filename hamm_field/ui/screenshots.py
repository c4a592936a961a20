"""Render every main screen with demo data, offscreen, to PNG (``make screenshots``).

A throwaway store in a temporary folder is set up and filled with demo data; nothing
of a real store is touched. The pictures go to ``docs/screenshots/<name>.png``, with
``--lang`` in the name for other languages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HAMM_FIELD_KDF_SECONDS", "0")

from PySide6.QtWidgets import QApplication, QWidget

from hamm_field import app
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.application import make_app
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.language import apply_language

SIZE = (1366, 768)
PASSWORD = "screenshot password"


def settle(ui: UiContext | None = None, seconds: float = 0.4) -> None:
    """Let background work finish and the screen repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end or (ui and ui.runner.is_busy):
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str, suffix: str, ui: UiContext | None = None) -> None:
    settle(ui)
    path = out / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    print(path)


def render(out: Path, language: str) -> None:
    from hamm_field.ui.main_window import MainWindow
    from hamm_field.ui.setup_wizard import SetupWizard
    from hamm_field.ui.unlock_dialog import UnlockDialog

    suffix = "" if language == "de" else f"-{language}"
    make_app()
    apply_language(language)
    folder = Path(tempfile.mkdtemp(prefix="hamm-field-shots-"))
    try:
        gateway = app.make_gateway(folder)
        wizard = SetupWizard(gateway)
        wizard.show()
        save(wizard, out, "01-einrichtung", suffix)
        wizard.close()
        opened = gateway.initialize(central=False, name="Ayşe Yusein", password=PASSWORD)
        opened.services.load_demo(300)
        opened.services.close()
        unlock = UnlockDialog(gateway)
        unlock.show()
        save(unlock, out, "02-entsperren", suffix)
        unlock.close()

        services = gateway.unlock(PASSWORD).services
        ui = UiContext(gateway, services, Runner())
        window = MainWindow(ui)
        window.resize(*SIZE)
        window.show()
        shots: list[tuple[str, Callable[[], None]]] = [
            ("03-heute", lambda: window.navigate(0)),
            ("04-familien", lambda: window.navigate(1)),
            ("05-familie", lambda: window.open_family(_busy_family(services))),
            ("06-kontakte", lambda: window.navigate(2)),
            ("07-starterpakete", lambda: window.navigate(3)),
            ("08-einstellungen", lambda: window.navigate(6)),
            ("15-berichte", lambda: window.navigate(window.pages.index(window.reports))),
        ]
        for name, show in shots:
            show()
            save(window, out, name, suffix, ui)
        family = _busy_family(services)
        dialog = window.new_contact(family)
        save(dialog, out, "09-kontakt-erfassen", suffix, ui)
        dialog.close_keeping_draft()
        handout = window.hand_out(family)
        save(handout, out, "10-starterpaket", suffix, ui)
        handout.close()
        window.lock()
        save(window, out, "11-gesperrt", suffix, ui)
        ui.runner.wait()
        window.close()
        services.close()
        render_sync(out, suffix, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def render_sync(out: Path, suffix: str, folder: Path) -> None:
    """A coordination and two invited laptops; both change the address and the status of
    the same family, so the conflict review shows real conflicts."""
    from PySide6.QtWidgets import QFileDialog

    from hamm_field.domain.vocab import WorkerRole
    from hamm_field.services import Services, setup
    from hamm_field.ui.main_window import MainWindow

    central_gateway = app.make_gateway(folder / "zentrale")
    central = central_gateway.initialize(central=True, name="Koordination Hamm",
                                         password=PASSWORD).services
    laptops = []
    for name, role in (("Fatme Yusein", WorkerRole.SCHLUESSELFIGUR),
                       ("Ionela Popa", WorkerRole.SOZIALBETREUER)):
        invitation = central.sync.invite(name, role, folder / f"{name}.hfinvite")
        gateway = app.make_gateway(folder / name)
        joined = setup.join(gateway.paths, invitation=invitation.read_bytes(), name=name,
                            password=PASSWORD, kdf=app.kdf_params())
        laptops.append((gateway, Services.for_store(joined.store)))
    (_gw, fatme), (_gw2, ionela) = laptops
    fatme.load_demo(40, seed=3)
    ionela.load_demo(25, seed=4)
    stick = folder / "usb"
    stick.mkdir()
    central.sync.import_files([s.sync.export(stick / s.sync.package_name()).path
                               for s in (fatme, ionela)])
    family = _busy_family(fatme)
    central.families.edit(family, worker_id=ionela.context.worker_id)
    for services in (fatme, ionela):
        back = central.sync.make_return(services.context.store.device_id, stick / "back")
        services.sync.import_files([back.path])
    ionela.families.edit(family, address="Wilhelmstr. 12a, 59067 Hamm", status="ruhend")
    fatme.families.edit(family, address="Wilhelmstraße 12, 59067 Hamm", status="abgeschlossen")
    second = [ionela.sync.export(stick / ionela.sync.package_name()).path,
              stick / fatme.sync.package_name()]  # written on the laptop's Sync screen

    ui = UiContext(laptops[0][0], fatme, Runner())
    window = MainWindow(ui)
    window.resize(*SIZE)
    window.show()
    window.navigate(window.pages.index(window.sync))
    settle(ui)
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(stick))  # type: ignore[method-assign]
    window.sync.section.export_button.click()  # type: ignore[union-attr]
    settle(ui)
    save(window, out, "12-sync-laptop", suffix, ui)
    ui.runner.wait()
    window.close()
    damaged = stick / "kaputt.hfsync"
    damaged.write_bytes(second[0].read_bytes()[:-100])

    ui = UiContext(central_gateway, central, Runner())
    window = MainWindow(ui)
    window.resize(*SIZE)
    window.show()
    window.navigate(window.pages.index(window.sync))
    settle(ui)
    QFileDialog.getOpenFileNames = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: ([str(p) for p in (*second, damaged)], ""))
    window.sync.section.imports.import_button.click()  # type: ignore[union-attr]
    settle(ui)
    save(window, out, "13-sync-zentrale", suffix, ui)
    window.sync.section.tabs.setCurrentIndex(2)  # type: ignore[union-attr]
    save(window, out, "14-konflikt", suffix, ui)
    ui.runner.wait()
    window.close()
    for services in (central, fatme, ionela):
        services.close()


def _busy_family(services) -> str:  # type: ignore[no-untyped-def]
    """A family of the person using the store, with a full timeline."""
    me = services.context.worker_id
    families = services.views.search_families(FamilyFilter(worker_id=me), limit=50)
    return max(families, key=lambda f: len(services.views.timeline(f.id))).id


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m hamm_field.ui.screenshots")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="de", choices=("de", "bg", "ro", "tr", "en"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    render(out, args.lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
