"""The Notfallblatt is a real PDF a person can read, print and type the key back from."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from hamm_field.reports.recovery_sheet import recovery_sheet_pdf
from hamm_field.services import documents
from hamm_field.store.recovery_key import new_recovery_key, parse_recovery_key

KEY = "7K3M-9QXR-TV2HN-4D8W-PJ6C-ZA1BE"


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _sheet(**kwargs) -> bytes:
    values = {"worker_name": "Ана Петрова", "created": dt.date(2026, 11, 20), "language": "de"}
    values.update(kwargs)
    return recovery_sheet_pdf(KEY, **values)


def test_sheet_carries_the_key_exactly_as_it_must_be_typed():
    text = _text(_sheet())
    assert KEY in text
    # What a person copies from the sheet opens the key file's recovery slot.
    assert parse_recovery_key(KEY) == parse_recovery_key(KEY.lower().replace("-", " "))


def test_sheet_says_how_to_use_and_where_to_keep_it():
    text = " ".join(_text(_sheet()).split())
    assert "Notfallblatt" in text
    assert "hamm-field passwd --recovery" in text
    assert "Mit Wiederherstellungsschlüssel entsperren" in text
    assert "getrennt vom Laptop" in text
    assert "Ана Петрова" in text
    assert "20. November 2026" in text
    assert "Unterschrift" in text


def test_sheet_is_one_page_with_embedded_fonts(tmp_path):
    pdf = _sheet()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]  # fmt: skip
    assert lines, "no fonts listed"
    assert all(" yes " in line for line in lines), lines  # every font embedded
    assert any("DejaVuSans" in line for line in lines)


def test_sheet_in_another_language_falls_back_to_german_texts():
    text = _text(_sheet(language="bg"))
    assert KEY in text
    assert "hamm-field passwd --recovery" in text


def test_service_builds_the_sheet_for_the_working_user(services):
    key = new_recovery_key()
    text = _text(documents.recovery_sheet(services, key))
    assert key in text
    assert "Ana Test" in text


def test_service_accepts_a_plain_name():
    assert "Mihai" in _text(documents.recovery_sheet("Mihai", KEY))
