"""What the Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO) states, as plain values.

The service reads the installation (settings, key file, cipher pragmas, master data, counts)
into these objects; the renderer only lays them out. Every text is German: the record is
kept for the city's data protection officer and the supervisory authority.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RetentionLine:
    """One Löschfrist: which data (Art der Daten), when it goes (Frist), and where the rule
    comes from (a default, a setting of the coordination, fixed in the program)."""

    data: str
    period: str
    basis: str = ""


@dataclass(frozen=True)
class Entry:
    """A row of two columns: what, and how it is here (with counts where they help)."""

    name: str
    text: str


@dataclass(frozen=True)
class DataCategory:
    """One kind of record and the fields it holds; ``note`` marks Art. 9 relevance."""

    name: str
    fields: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ProcessingRecord:
    generated_at: dt.datetime
    app_version: str
    installation: tuple[Entry, ...]
    persons: tuple[Entry, ...]
    data: tuple[DataCategory, ...]
    recipients: tuple[Entry, ...]
    retention: tuple[RetentionLine, ...]
    measures: tuple[Entry, ...]
