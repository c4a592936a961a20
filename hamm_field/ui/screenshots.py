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


def render(out: Path, language: str, size: tuple[int, int] = SIZE) -> None:
    from hamm_field.ui.main_window import MainWindow
    from hamm_field.ui.screenshots_sync import render_sync  # it uses this module's helpers
    from hamm_field.ui.setup_wizard import SetupWizard
    from hamm_field.ui.unlock_dialog import UnlockDialog

    # The small laptops' pictures are named by their width: 04-familien-bg-1024.png.
    suffix = ("" if language == "de" else f"-{language}") + ("" if size == SIZE else f"-{size[0]}")
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
        window.resize(*size)
        window.show()
        shots: list[tuple[str, Callable[[], None]]] = [
            ("03-heute", lambda: window.navigate(0)),
            ("04-familien", lambda: window.navigate(1)),
            ("05-familie", lambda: window.open_family(busy_family(services))),
            ("06-kontakte", lambda: window.navigate(2)),
            ("07-starterpakete", lambda: window.navigate(3)),
            ("08-einstellungen", lambda: window.navigate(6)),
            ("15-berichte", lambda: window.navigate(window.pages.index(window.reports))),
        ]
        for name, show in shots:
            show()
            save(window, out, name, suffix, ui)
        family = busy_family(services)
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
        render_sync(out, suffix, folder, gateway, size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def busy_family(services, status: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """A family of the person using the store, with a full timeline; the same one in
    every run (ties go by name, not by the random ids)."""
    me = services.context.worker_id
    families = services.views.search_families(FamilyFilter(worker_id=me, status=status),
                                              limit=50)  # fmt: skip
    return max(families, key=lambda f: (len(services.views.timeline(f.id)), f.family_name)).id


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m hamm_field.ui.screenshots")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="de", choices=("de", "bg", "ro", "tr", "en"))
    parser.add_argument("--size", default="x".join(map(str, SIZE)),
                        help="window size, e.g. 1024x600 to check the small laptops")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    render(out, args.lang, (width, height))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
