"""The Qt binding must not eat references to None: a long session would crash.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call that returns
nothing, so after some thousand clicks the process aborts with "none_dealloc". The
project pins a release without that fault; this test catches a bump back into it.
"""

import sys

import pytest
from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QComboBox, QLabel

pytestmark = pytest.mark.gui


def test_qt_calls_keep_the_reference_count_of_none(qtbot):
    label, combo, plain = QLabel(), QComboBox(), QObject()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    combo.addItem("alle", None)
    before = sys.getrefcount(None)
    for _ in range(5_000):
        plain.setObjectName("x")
        label.setText("Петрова")
        combo.currentData()
        QModelIndex().data()
    assert sys.getrefcount(None) - before > -100
