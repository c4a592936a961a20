"""The Kennzahlen as JSON: exactly the keys of the command-line contract (DESIGN.md).

Scripts of the coordination read these keys, so they stay as they are across versions:
keys are only ever added, never changed (no previous period, plan or card; those are in
the CSV and the PDF). Added since the first contract: ``filter`` (the applied filters, so
a script can tell a filtered file from a whole one; on a laptop always its own worker),
``starterpakete_nach_ausgabe`` and ``nach_mitarbeiter`` (internal reports only: it names
people). Breakdown keys are master-data names, Integrationspakete their German names,
months ``YYYY-MM``, a value nobody entered ``o. A.``, a dimension that does not apply
``entfällt``.

External reports (``Report.external``) leave the office: every count from 1 to 4 becomes
the string ``"< 5"``; 0 stays 0 (nobody can be recognised in an empty cell), and the
Begleitungsstunden are suppressed with the Begleitungen they come from. Only these cells
are suppressed; a total minus the other cells can still narrow one down.
"""

from __future__ import annotations

import json
from typing import Any

from hamm_field.reports.model import (
    BREAKDOWNS,
    CONTACT_KINDS,
    Cell,
    Filters,
    Kennzahlen,
    Report,
)

SUPPRESSED = "< 5"
THRESHOLD = 5


def hidden(value: int, external: bool) -> bool:
    """A count of 1 to 4 in a report that leaves the office."""
    return external and 0 < value < THRESHOLD


def count(value: int, external: bool) -> int | str:
    return SUPPRESSED if hidden(value, external) else value


def hours(figures: Kennzahlen, external: bool) -> float | str:
    if hidden(figures.begleitungen, external):
        return SUPPRESSED
    return round(figures.begleitungsstunden, 2)


def _cell(cell: Cell, external: bool) -> dict[str, int | str]:
    return {
        "kontakte": count(cell.kontakte, external),
        "begleitungen": count(cell.begleitungen, external),
        "familien": count(cell.familien, external),
    }


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
    result: dict[str, Any] = {
        "period": {"from": figures.period.start.isoformat(), "to": figures.period.end.isoformat()},
        "app_version": figures.app_version,
        "data_hash": figures.data_hash,
        "begleitungen": count(figures.begleitungen, external),
        "begleitungsstunden": hours(figures, external),
        "begleitete_familien": count(figures.begleitete_familien, external),
        "neue_familien": count(figures.neue_familien, external),
        "kontakte": count(figures.kontakte, external),
        "kontakte_nach_art": {
            kind: count(figures.kontakte_nach_art.get(kind, 0), external) for kind in CONTACT_KINDS
        },
        "starterpakete": count(figures.starterpakete, external),
        "veranstaltungen": count(figures.veranstaltungen, external),
        "teilnehmende": count(figures.teilnehmende, external),
        "ziele": {
            "gesamt": count(figures.ziele_gesamt, external),
            "erreicht": count(figures.ziele_erreicht, external),
        },
        "kindeswohl_hinweise": count(figures.kindeswohl_hinweise, external),
    }
    for name in BREAKDOWNS:
        result[name] = {
            key: _cell(cell, external) for key, cell in figures.breakdown(name).items()
        }
    result["filter"] = filter_dict(figures.filters, figures.worker_name)
    result["starterpakete_nach_ausgabe"] = {
        name: count(value, external) for name, value in figures.starterpakete_nach_ausgabe.items()
    }
    if not external:  # it names people: never in a report that leaves the office
        result["nach_mitarbeiter"] = {
            name: _cell(cell, external) for name, cell in figures.nach_mitarbeitenden.items()
        }
    return result


def to_json(report: Report) -> bytes:
    """UTF-8 JSON of the report's current figures, names as written (no escapes)."""
    data = as_dict(report.current, external=report.external)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
