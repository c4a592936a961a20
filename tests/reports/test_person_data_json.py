"""Art. 20: the family's data as JSON, by the shipped schema, with exactly what the PDF holds."""

from __future__ import annotations

import datetime as dt
import json
import re

from hamm_field.i18n.formatting import format_day
from hamm_field.reports.person_data_json import render_person_data_json
from tests.reports.pdf_tools import pdf_text
from tests.reports.schema_check import errors
from tests.reports.support import make_family, schema
from tests.reports.support import person_data as _data

SECTIONS = ("members", "consents", "contacts", "handouts", "phases", "goals", "observations",
            "audit")  # fmt: skip
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def shown_values(node, key: str = "") -> list[str]:
    """What a reader of the PDF sees of the data: texts, German labels of terms, German days."""
    if isinstance(node, dict) and set(node) == {"value", "label"}:
        return [node["label"]["de"]]
    if isinstance(node, dict):
        return [v for k, item in node.items() if k != "at" for v in shown_values(item, k)]
    if isinstance(node, list):
        return [v for item in node for v in shown_values(item, key)]
    if isinstance(node, str) and DAY.match(node):
        return [format_day(dt.date.fromisoformat(node), "de")]
    if isinstance(node, str) and node:
        return [" ".join(node.split())]
    return []


def test_the_family_json_follows_the_shipped_schema(services):
    family, mother, _child = make_family(services)
    document = json.loads(services.person_data.family_json(family.id))
    assert errors(document, schema()) == []
    assert errors(json.loads(services.person_data.person_json(mother.id)), schema()) == []
    # The check itself is no rubber stamp.
    broken = dict(document, contacts=[{"date": "5.10.2026"}])
    del broken["family"]
    found = " ".join(errors(broken, schema()))
    assert "missing family" in found and "5.10.2026" in found


def test_the_json_holds_what_the_pdf_holds_and_nothing_of_other_families(services):
    family, _mother, _child = make_family(services)
    raw = services.person_data.family_json(family.id)
    document = json.loads(raw)
    text = pdf_text(services.person_data.family(family.id))
    data = {key: document[key] for key in ("family", *SECTIONS)}
    values = shown_values(data)
    assert values and [v for v in values if v not in text] == []
    # The other way round: the records the PDF lists are all there.
    counts = {key: len(document[key]) for key in SECTIONS if key != "audit"}
    assert counts == {"members": 2, "consents": 1, "contacts": 1, "handouts": 1, "phases": 1,
                      "goals": 1, "observations": 1}  # fmt: skip
    contact = document["contacts"][0]
    assert contact["kind"]["value"] == "begleitung" and contact["duration_min"] == 90
    assert contact["note"] == "Antrag auf Bürgergeld gemeinsam ausgefüllt"
    assert contact["outcome"] == "Termin in zwei Wochen"
    assert contact["institution"]["label"]["de"] == "Kommunales Jobcenter (KJC)"
    assert document["observations"][0]["note"] == "Fehlt montags oft"
    assert document["family"]["address"] == "Wilhelmstraße 12"
    assert "Kontakt geändert" in [a["action"]["label"]["de"] for a in document["audit"]]
    # Nothing of the other family, and no record ids at all.
    decoded = raw.decode("utf-8")
    for other in ("Ionescu", "Andrei", "Notiz der anderen Familie"):
        assert other not in decoded
    assert not UUID.search(decoded)
    assert "Петрова" in decoded  # letters as written, not \u escapes


def test_labels_come_in_german_and_the_familys_language(services, monkeypatch):
    translated = {"Auskunft über gespeicherte Daten": "Информация за съхранените данни",
                  "Kontakte": "Контакти", "Begleitung": "Придружаване"}  # fmt: skip

    class Bulgarian:
        def __init__(self, language):
            self.language = language

        def __call__(self, message):
            return translated.get(message, message) if self.language == "bg" else message

    monkeypatch.setattr("hamm_field.reports.person_data_json.translator", Bulgarian)
    family, _mother, _child = make_family(services)
    document = json.loads(services.person_data.family_json(family.id))
    assert document["languages"] == ["de", "bg"]
    assert document["title"] == {"de": "Auskunft über gespeicherte Daten",
                                 "bg": "Информация за съхранените данни"}  # fmt: skip
    assert document["labels"]["sections"]["contacts"] == {"de": "Kontakte", "bg": "Контакти"}
    assert document["contacts"][0]["kind"]["label"] == {"de": "Begleitung",
                                                        "bg": "Придружаване"}  # fmt: skip
    # Every field of every record has a label in both languages.
    fields = document["labels"]["fields"]
    for section in ("family", *SECTIONS):
        records = document[section] if isinstance(document[section], list) \
            else [document[section]]
        for record in records:
            assert set(record) <= set(fields)
    assert all(set(label) == {"de", "bg"} for label in fields.values())
    assert document["complete"] is False and "incomplete" in document["notes"]


def test_one_german_family_gets_german_labels_only():
    document = json.loads(render_person_data_json(_data(), ("de", "de")))
    assert document["languages"] == ["de"]
    assert document["members"][0]["given_name"] == "Ayşe"
    assert document["family"]["referral"]["value"] == "schule"
    assert errors(document, schema()) == []


def test_saving_writes_only_the_chosen_file(services, tmp_path):
    family, _mother, _child = make_family(services)
    folder = tmp_path / "stick"
    folder.mkdir()
    written = services.person_data.save_family_json(family.id, folder / "auskunft")
    assert written == folder / "auskunft.json"
    assert [p.name for p in folder.iterdir()] == ["auskunft.json"]
    assert json.loads(written.read_text(encoding="utf-8"))["family"]["family_name"] == "Петрова"
