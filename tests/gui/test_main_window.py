"""The window a user sees after ``make run`` (the full GUI follows in its own issue)."""

import pytest

from hamm_field.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_window_says_where_the_data_lives(qtbot, tmp_path):
    window = MainWindow(str(tmp_path), store_exists=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Hamm Field"
    assert str(tmp_path) in window.info.text()


def test_window_tells_how_to_set_up_a_missing_store(qtbot, tmp_path):
    window = MainWindow(str(tmp_path), store_exists=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "hamm-field init" in window.info.text()
