"""The database file is SQLCipher 4, keyed with a raw key, with the pragmas DESIGN.md fixes."""

import os

import pytest

from hamm_field.domain.errors import StoreDamaged
from hamm_field.store.engine import connect_raw, make_engine


@pytest.fixture
def db(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "x.db"
    conn = connect_raw(path, key)
    conn.execute("CREATE TABLE family(name TEXT)")
    conn.execute("INSERT INTO family VALUES ('Петрова')")
    conn.close()
    return path, key


def test_file_is_encrypted_and_holds_no_names(db):
    path, _key = db
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert "Петрова".encode() not in data


def test_wrong_key_is_refused_without_noise_on_stderr(db, capfd):
    path, _key = db
    with pytest.raises(StoreDamaged):
        connect_raw(path, os.urandom(32))
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_pragmas_are_set_on_every_connection(db):
    path, key = db
    engine = make_engine(path, key)
    with engine.connect() as connection:
        def pragma(name):
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("secure_delete") == 1
        assert pragma("temp_store") == 2  # MEMORY
        # SQLCipher 4 settings (cipher_compatibility = 4 cannot be read back).
        assert pragma("cipher_page_size") == "4096"
        assert pragma("cipher_hmac_algorithm") == "HMAC_SHA512"
        assert pragma("cipher_plaintext_header_size") == "0"
        assert pragma("cipher_version").startswith("4.")
    engine.dispose()


def test_a_short_key_is_a_bug_not_a_user_error(tmp_path):
    with pytest.raises(ValueError):
        connect_raw(tmp_path / "y.db", b"short")
