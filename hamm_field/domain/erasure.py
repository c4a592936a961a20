"""What an erasure (GDPR Art. 17) blanks in each kind of record.

Names, addresses and free text go; ids, dates and codes stay, so Kennzahlen still count
the work that was done without saying for whom.
"""

from __future__ import annotations

from typing import Any

BLANK_NAME = "—"

ERASED_FIELDS: dict[str, dict[str, Any]] = {
    "household": {"family_name": BLANK_NAME, "address": None},
    "person": {"given_name": BLANK_NAME, "family_name": BLANK_NAME, "birth_date": None,
               "school": None, "school_class": None},
    "contact": {"note": None, "outcome": None},
    "goal": {"text": BLANK_NAME, "review_notes": None},
    "observation": {"note": None},
    "starterpaket_handout": {"note": None},
    "case_phase": {"note": None},
    "consent": {"guardian_name": None},
    "retention_hold": {"reason": BLANK_NAME},
}  # fmt: skip
