"""Fixtures the store tests share."""

from __future__ import annotations

import os

import pytest

from hamm_field.store.keyfile import KeyFile
from tests.store.support import FLOOR, RECOVERY


@pytest.fixture
def data_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def keyfile(data_key: bytes) -> KeyFile:
    keys = KeyFile.new("store-1")
    keys.add_password("worker-1", "richtig geheim", data_key, FLOOR)
    keys.set_recovery(RECOVERY, data_key)
    return keys
