"""A realistic Kennzahlen report built by hand, shaped like a year of the project."""

from __future__ import annotations

import datetime as dt

from hamm_field.domain.masterdata import INSTITUTIONEN, SOZIALRAEUME
from hamm_field.domain.vocab import PAKET_LABELS
from hamm_field.reports.model import (
    NOT_REPORTED,
    Cell,
    Filters,
    Kennzahlen,
    MeasureCard,
    Period,
    Plan,
    Report,
)

HASH = "3f9a0c1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"
WORKERS = ("Мария Петрова", "Ștefan Popescu", "Gülşen Yıldız", "Ana Test", "Иван Димитров",
           "Elena Ionescu", "Ayşe Kaya", "Koordination Hamm")  # fmt: skip


def _cell(kontakte: int, begleitungen: int, familien: int) -> Cell:
    return Cell(kontakte=kontakte, begleitungen=begleitungen, familien=familien)


def kennzahlen(year: int = 2026, *, scale: float = 1.0, **changes: object) -> Kennzahlen:
    def n(value: float) -> int:
        return round(value * scale)

    sozialraum = {label: _cell(n(k), n(b), n(f)) for (_key, label), (k, b, f) in zip(
        SOZIALRAEUME,
        [(420, 150, 40), (3300, 1340, 200), (610, 210, 30), (120, 40, 8), (40, 12, 3),
         (520, 160, 12), (90, 30, 4), (70, 20, 2), (30, 3, 1)],
        strict=True,
    )}  # fmt: skip
    sozialraum[NOT_REPORTED] = _cell(n(40), n(35), n(2))
    institution = {
        label: _cell(n(40 + 17 * i), n(35 + 15 * i), n(10 + i))
        for i, (_key, label, _tags) in enumerate(INSTITUTIONEN)
    }
    months = {f"{year}-{m:02d}": _cell(n(350 + 20 * m), n(150 + 5 * m), n(120 + m))
              for m in range(1, 13)}  # fmt: skip
    values: dict[str, object] = {
        "period": Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "jahr"),
        "filters": Filters(),
        "app_version": "0.1.0",
        "data_hash": HASH,
        "generated_at": dt.datetime(year + 1, 1, 8, 9, 30),
        "begleitungen": n(2000),
        "begleitungsstunden": 3125.5 * scale,
        "begleitete_familien": n(300),
        "neue_familien": n(85),
        "kontakte": n(5240),
        "kontakte_nach_art": {
            "begleitung": n(2000), "beratung": n(1100), "hausbesuch": n(640),
            "sprechstunde": n(810), "schriftstueck": n(390), "telefonat": n(230),
            "vermittlung": n(58), "veranstaltung": n(12),
        },
        "starterpakete": n(64),
        "starterpakete_nach_ausgabe": {"Bulgarisch": n(51), "Rumänisch": n(9), "Türkisch": n(4)},
        "veranstaltungen": n(12),
        "teilnehmende": n(431),
        "ziele_gesamt": n(126),
        "ziele_erreicht": n(47),
        "kindeswohl_hinweise": n(7),
        "nach_sozialraum": sozialraum,
        "nach_integrationspaket": {  # keyed by the German name, as the engine does
            PAKET_LABELS[1]: _cell(n(2100), n(800), n(150)),
            PAKET_LABELS[2]: _cell(n(1300), n(520), n(90)),
            PAKET_LABELS[3]: _cell(n(900), n(330), n(70)),
            PAKET_LABELS[4]: _cell(n(640), n(300), n(60)),
            PAKET_LABELS[5]: _cell(n(260), n(40), n(12)),
            NOT_REPORTED: _cell(n(40), n(10), n(5)),
        },
        "nach_herkunftsland": {
            "Bulgarien": _cell(n(4700), n(1800), n(265)),
            "Rumänien": _cell(n(480), n(180), n(30)),
            "sonstiges": _cell(n(60), n(20), n(5)),
        },
        "nach_sprache": {
            "Bulgarisch": _cell(n(3900), n(1800), n(240)), "Türkisch": _cell(n(800), n(110), n(25)),
            "Rumänisch": _cell(n(480), n(88), n(30)), "Romanes": _cell(n(20), n(2), n(2)),
            NOT_REPORTED: _cell(n(40), 0, n(3)),
        },
        "nach_institution": institution,
        "nach_monat": months,
        "nach_mitarbeitenden": {
            name: _cell(n(900 - 90 * i), n(350 - 35 * i), n(60 - 5 * i))
            for i, name in enumerate(WORKERS)
        },
    }
    values.update(changes)
    return Kennzahlen(**values)  # type: ignore[arg-type]


CARD = MeasureCard(
    titel="Peer2Peer Südosteuropa – Schlüsselfiguren in Hamm",
    traeger="Stadt Hamm, Amt für Integration, Ausländer- und Flüchtlingsangelegenheiten",
    beschreibung=(
        "Schlüsselfiguren aus der bulgarischen und rumänischen Community begleiten "
        "neu zugewanderte Familien zu Ämtern, Schulen und Ärzten und erklären Briefe.\n"
        "Sprechstunden in Hamm-Westen, Hamm-Norden und Pelkum."
    ),
    handlungsfelder="Sprache; Bildung; Gesundheit; Teilhabe und Partizipation",
    zielgruppe="Familien aus Bulgarien und Rumänien, besonders mit Kindern",
    sachstand="Zehn Schlüsselfiguren im Einsatz (7 Vollzeitstellen).",
    kosten="",
)


def report(**changes: object) -> Report:
    """A year with its previous year, a plan and the measure card."""
    values: dict[str, object] = {
        "current": kennzahlen(2026),
        "previous": kennzahlen(2025, scale=0.8),
        "plan": Plan({"begleitungen": 2000, "begleitete_familien": 200}),
        "card": CARD,
    }
    values.update(changes)
    return Report(**values)  # type: ignore[arg-type]
