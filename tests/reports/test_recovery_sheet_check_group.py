"""A key with its check group still fits the Notfallblatt: one page, typed back exactly."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from hamm_field.reports.recovery_sheet import recovery_sheet_pdf
from hamm_field.store.recovery_key import new_recovery_key, parse_recovery_key


def test_a_key_with_its_check_group_fits_one_page_and_reads_back():
    key = new_recovery_key()
    pdf = recovery_sheet_pdf(key, worker_name="Ана Петрова", created=dt.date(2026, 11, 20),
                             language="de")  # fmt: skip
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert key in text
    assert parse_recovery_key(key) == parse_recovery_key(key.lower())
    assert "Prüfgruppe" in " ".join(text.split())
