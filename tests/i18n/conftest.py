"""Fixtures for the language tests: the GUI fixtures, a store with demo data, and the
guarantee that every test leaves the app in German (Qt's catalog included)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from hamm_field.i18n import set_language
from hamm_field.ui.resources import stylesheet
from tests.gui.conftest import gateway, ui  # noqa: F401 - fixtures shared with tests/gui


def drop_closed_windows() -> None:
    """Delete the windows earlier tests closed, so a language switch reaches only live ones.

    pytest-qt closes a test's widgets and deletes them later, from an event loop that a
    test run without ``exec`` never enters.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def german_afterwards(qapp):
    """Restore German for our catalog and for Qt's after a test that switched it."""
    yield
    from hamm_field.ui.language import apply_language

    drop_closed_windows()
    apply_language("de")
    set_language("de")


@pytest.fixture
def central_ui(qtbot, tmp_path, kdf):
    """The coordination's store with demo data, for the screens only it has."""
    from hamm_field.app import store_paths
    from hamm_field.domain.vocab import DeviceRole
    from hamm_field.services import Services, setup
    from hamm_field.services.gateway import Gateway
    from hamm_field.ui.background import Runner
    from hamm_field.ui.context import UiContext
    from tests.conftest import PASSWORD, TODAY

    paths = store_paths(tmp_path / "central")
    created = setup.initialize(paths, device_role=DeviceRole.CENTRAL, name="Koordination",
                               password=PASSWORD, kdf=kdf)
    services = Services.for_store(created.store, today=lambda: TODAY)
    services.load_demo(24, seed=3)
    central_gateway = Gateway(paths, lambda: kdf, log_file=tmp_path / "central.log")
    context = UiContext(central_gateway, services, Runner())
    yield context
    context.runner.wait()
    services.close()


@pytest.fixture
def demo_services(services):
    """The field laptop of conftest, with a small set of demo families (some are mine)."""
    services.load_demo(24, seed=3)
    return services


@pytest.fixture
def styled(qapp, german_afterwards):
    qapp.setStyleSheet(stylesheet())
    yield
    qapp.setStyleSheet("")
