"""GUI fixtures: real widgets on a real encrypted store, driven with qtbot offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from hamm_field.app import store_paths
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.services.gateway import Gateway
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from hamm_field.ui.setup_wizard import SetupWizard
from tests.conftest import PASSWORD, TODAY
from tests.sync.conftest import make_world


@pytest.fixture
def gateway(paths, tmp_path):
    return Gateway(store_paths(paths.root), lambda: calibrate_kdf(0),
                   log_file=tmp_path / "hamm_field.log")


@pytest.fixture
def ui(qtbot, gateway, services):
    runner = Runner()
    context = UiContext(gateway, services, runner)
    yield context
    runner.wait()


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Cyrillic included, as key events (QTest.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the person presses it: an open completion popup gets it first."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    QTest.keyClick(target, key, modifier)


def type_keys(text: str) -> None:
    """ASCII keys to whatever has the focus (use type_text for other letters)."""
    for char in text:
        press(char)


def wait_idle(qtbot, ui: UiContext, timeout: int = 10_000) -> None:
    """Wait until the background lane has finished and its signals were delivered."""
    qtbot.waitUntil(lambda: not ui.runner.is_busy, timeout=timeout)


@pytest.fixture
def page(qtbot, ui):
    widget = FamilyDetailPage(ui)
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    return widget


@pytest.fixture
def central(tmp_path, kdf, gateway):
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)
    services = Services.for_store(result.store, today=lambda: TODAY)
    runner = Runner()
    yield UiContext(gateway, services, runner)
    runner.wait()
    result.store.close()


@pytest.fixture
def world(tmp_path, kdf):
    built = make_world(tmp_path / "stores", kdf)
    yield built
    built.close()


@pytest.fixture
def make_ui(world, tmp_path):
    """A GUI context on one of the world's stores; its background lane is drained at the end."""
    contexts: list[UiContext] = []

    def make(services, name: str) -> UiContext:  # type: ignore[no-untyped-def]
        gateway = Gateway(StorePaths(world.root / name), lambda: calibrate_kdf(0),
                          log_file=tmp_path / f"{name}.log")
        context = UiContext(gateway, services, Runner())
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.runner.wait()


@pytest.fixture
def wizard(qtbot, gateway):
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    wizard.runner.wait()
    if wizard.opened is not None:
        wizard.opened.services.close()
