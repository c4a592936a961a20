"""The Kennzahlen as JSON: exactly the keys of the command-line contract (DESIGN.md).

Scripts of the coordination read these keys, so they stay as they are across versions:
nothing is added at the top level (no previous period, plan or card; those are in the CSV
and the PDF). Breakdown keys are master-data names, Integrationspakete their German
names, months ``YYYY-MM``, a value nobody entered ``o. A.``.

External reports (``Report.external``) write what ``reports/suppression.py`` publishes: a
hidden count is the string ``"< 5"`` (1 to 4) or ``"x"`` (hidden so that no small value
can be worked out from the others), in place of the number.
"""

from __future__ import annotations

import json
from typing import Any

from hamm_field.reports.model import BREAKDOWNS, Kennzahlen, Report
from hamm_field.reports.suppression import Published, PublishedCell, publish


def _cell(cell: PublishedCell) -> dict[str, int | str]:
    return {"kontakte": cell.kontakte, "begleitungen": cell.begleitungen,
            "familien": cell.familien}  # fmt: skip


def as_dict(figures: Kennzahlen, *, external: bool = False) -> dict[str, Any]:
    """The contract's object, in the contract's order."""
    return published_dict(publish(figures, external))


def published_dict(shown: Published) -> dict[str, Any]:
    figures = shown.figures
    result: dict[str, Any] = {
        "period": {"from": figures.period.start.isoformat(), "to": figures.period.end.isoformat()},
        "app_version": figures.app_version,
        "data_hash": figures.data_hash,
        "begleitungen": shown.figure("begleitungen"),
        "begleitungsstunden": shown.figure("begleitungsstunden"),
        "begleitete_familien": shown.figure("begleitete_familien"),
        "neue_familien": shown.figure("neue_familien"),
        "kontakte": shown.figure("kontakte"),
        "kontakte_nach_art": shown.kinds(),
        "starterpakete": shown.figure("starterpakete"),
        "veranstaltungen": shown.figure("veranstaltungen"),
        "teilnehmende": shown.figure("teilnehmende"),
        "ziele": {"gesamt": shown.figure("ziele_gesamt"),
                  "erreicht": shown.figure("ziele_erreicht")},
        "kindeswohl_hinweise": shown.figure("kindeswohl_hinweise"),
    }  # fmt: skip
    for name in BREAKDOWNS:
        result[name] = {key: _cell(cell) for key, cell in shown.breakdown(name).items()}
    return result


def to_json(report: Report) -> bytes:
    """UTF-8 JSON of the report's current figures, names as written (no escapes)."""
    data = as_dict(report.current, external=report.external)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
