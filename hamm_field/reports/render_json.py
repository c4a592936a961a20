"""The Kennzahlen as JSON: exactly the keys of the command-line contract (DESIGN.md).

Scripts of the coordination read these keys, so they stay as they are across versions:
keys are only ever added, never changed (no previous period, plan or card; those are in
the CSV and the PDF). Added since the first contract: ``filter`` (the applied filters, so
a script can tell a filtered file from a whole one; on a laptop always its own worker),
``starterpakete_nach_ausgabe`` and ``nach_mitarbeiter`` (internal reports only: it names
people). Breakdown keys are master-data names, Integrationspakete their German names,
months ``YYYY-MM``, a value nobody entered ``o. A.``, a dimension that does not apply
``entfällt``.

External reports (``Report.external``) write what ``reports/suppression.py`` publishes: a
hidden count is the string ``"< 5"`` (1 to 4) or ``"x"`` (hidden so that no small value
can be worked out from the others), in place of the number.
"""

from __future__ import annotations

import json
from typing import Any

from hamm_field.reports.model import BREAKDOWNS, Filters, Kennzahlen, Report
from hamm_field.reports.suppression import Published, PublishedCell, publish


def _cell(cell: PublishedCell) -> dict[str, int | str]:
    return {"kontakte": cell.kontakte, "begleitungen": cell.begleitungen,
            "familien": cell.familien}  # fmt: skip


def filter_dict(filters: Filters, worker_name: str = "") -> dict[str, str | int]:
    """The applied filters under the German names of the contract; ``{}`` when none.

    ``mitarbeiter`` is the worker's name (an id means nothing to a reader), ``traeger``
    the Träger the ``--team`` option names, ``rolle`` the role's key as ``--rolle`` takes it.
    """
    applied: dict[str, str | int | None] = {
        "sozialraum": filters.sozialraum,
        "paket": filters.paket,
        "mitarbeiter": (worker_name or filters.worker_id) if filters.worker_id else None,
        "traeger": filters.team,
        "rolle": filters.role,
    }
    return {key: value for key, value in applied.items() if value not in (None, "")}


def as_dict(figures: Kennzahlen, *, external: bool = False) -> dict[str, Any]:
    """The contract's object, in the contract's order, the added keys after it."""
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
    result["filter"] = filter_dict(figures.filters, figures.worker_name)
    result["starterpakete_nach_ausgabe"] = shown.editions()
    if not shown.external:  # it names people: never in a report that leaves the office
        result["nach_mitarbeiter"] = {
            key: _cell(cell) for key, cell in shown.breakdown("nach_mitarbeitenden").items()
        }
    return result


def to_json(report: Report) -> bytes:
    """UTF-8 JSON of the report's current figures, names as written (no escapes)."""
    data = as_dict(report.current, external=report.external)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
