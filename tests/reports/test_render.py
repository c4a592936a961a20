"""JSON and CSV of the Kennzahlen: the contract's keys, Excel-ready CSV, external suppression."""

from __future__ import annotations

import csv
import datetime as dt
import gettext
import io
import json

from hamm_field.i18n import set_language
from hamm_field.i18n.catalog import install
from hamm_field.reports.model import (
    BREAKDOWNS,
    CONTACT_KINDS,
    NOT_APPLICABLE,
    NOT_REPORTED,
    Cell,
    Filters,
    Kennzahlen,
    Period,
    Plan,
    Report,
)
from hamm_field.reports.render_csv import to_csv
from hamm_field.reports.render_json import to_json
from tests.reports.support import ADDED_KEYS, CONTRACT_KEYS

"""Keys added to the contract later; the contract only ever grows."""
YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")


def figures(period: Period = YEAR, **changes) -> Kennzahlen:
    values = dict(
        period=period, filters=Filters(), app_version="0.1.0", data_hash="ab" * 32,
        generated_at=dt.datetime(2026, 11, 20, 9, 30), begleitungen=12, begleitungsstunden=1.5,
        begleitete_familien=3, neue_familien=0, kontakte=20,
        kontakte_nach_art={"begleitung": 12, "beratung": 4, "hausbesuch": 4},
        starterpakete=6, starterpakete_nach_ausgabe={"Bulgarisch": 6}, veranstaltungen=0,
        teilnehmende=0, ziele_gesamt=7, ziele_erreicht=2, kindeswohl_hinweise=1,
        nach_sozialraum={"Hamm-Westen": Cell(16, 8, 2), "Pelkum": Cell(4, 4, 1)},
        nach_integrationspaket={"Neuzugewanderte": Cell(20, 12, 3)},
        nach_herkunftsland={"Bulgarien": Cell(18, 11, 2), NOT_REPORTED: Cell(2, 1, 1)},
        nach_sprache={"Bulgarisch": Cell(20, 12, 3)},
        nach_institution={"Schule": Cell(12, 12, 3), NOT_REPORTED: Cell(8, 0, 3)},
        nach_monat={"2026-01": Cell(20, 12, 3)},
        nach_mitarbeitenden={"Anna Schlüssel": Cell(20, 12, 3)},
    )  # fmt: skip
    values.update(changes)
    return Kennzahlen(**values)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _row(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row and row[0] == first)


# JSON -----------------------------------------------------------------------------


def test_json_has_exactly_the_contract_keys():
    data = json.loads(to_json(Report(figures(), previous=figures(), plan=Plan({"kontakte": 1}))))
    assert set(data) == CONTRACT_KEYS | ADDED_KEYS
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert set(data["kontakte_nach_art"]) == set(CONTACT_KINDS)
    assert data["kontakte_nach_art"]["vermittlung"] == 0
    assert data["ziele"] == {"gesamt": 7, "erreicht": 2}
    assert data["begleitungsstunden"] == 1.5
    for name in BREAKDOWNS:
        for cell in data[name].values():
            assert set(cell) == {"kontakte", "begleitungen", "familien"}
    assert data["nach_sozialraum"]["Hamm-Westen"] == {"kontakte": 16, "begleitungen": 8,
                                                      "familien": 2}  # fmt: skip
    assert "nach_mitarbeitenden" not in data
    assert list(data)[: len(CONTRACT_KEYS)] == [key for key in data if key in CONTRACT_KEYS]


def test_json_names_every_applied_filter_and_nothing_else():
    assert json.loads(to_json(Report(figures())))["filter"] == {}
    applied = Filters(sozialraum="Hamm-Westen", paket=2, worker_id="w-17", team="AWO",
                      role="sozialbetreuer")  # fmt: skip
    data = json.loads(to_json(Report(figures(filters=applied, worker_name="Мария Петрова"))))
    assert data["filter"] == {"sozialraum": "Hamm-Westen", "paket": 2,
                              "mitarbeiter": "Мария Петрова", "traeger": "AWO",
                              "rolle": "sozialbetreuer"}  # fmt: skip
    only_role = json.loads(to_json(Report(figures(filters=Filters(role="koordination")))))
    assert only_role["filter"] == {"rolle": "koordination"}


def test_json_has_editions_and_workers_internally_and_no_workers_externally():
    many = figures(starterpakete_nach_ausgabe={"Bulgarisch": 6, "Rumänisch": 2},
                   nach_mitarbeitenden={"Anna Schlüssel": Cell(20, 12, 3)})  # fmt: skip
    internal = json.loads(to_json(Report(many)))
    assert internal["starterpakete_nach_ausgabe"] == {"Bulgarisch": 6, "Rumänisch": 2}
    assert internal["nach_mitarbeiter"] == {
        "Anna Schlüssel": {"kontakte": 20, "begleitungen": 12, "familien": 3}}
    external = to_json(Report(many, external=True))
    data = json.loads(external)
    assert "nach_mitarbeiter" not in data and "Anna Schlüssel" not in external.decode()
    assert data["starterpakete_nach_ausgabe"] == {"Bulgarisch": 6, "Rumänisch": "< 5"}


def test_json_keeps_names_as_written():
    data = to_json(Report(figures(nach_sozialraum={"Bockum-Hövel": Cell(20, 12, 3)})))
    assert "Bockum-Hövel".encode() in data


def test_external_json_shows_counts_from_one_to_four_as_below_five():
    data = json.loads(to_json(Report(figures(begleitungen=4), external=True)))
    assert data["begleitungen"] == "< 5"
    assert data["begleitungsstunden"] == "x"  # it would tell how many Begleitungen
    assert data["begleitete_familien"] == "< 5"
    assert data["neue_familien"] == 0  # nobody can be recognised in zero
    assert data["kontakte"] == 20 and data["starterpakete"] == 6
    assert data["kontakte_nach_art"]["beratung"] == "< 5"
    assert data["ziele"] == {"gesamt": 7, "erreicht": "< 5"}
    assert data["kindeswohl_hinweise"] == "< 5"
    assert data["nach_sozialraum"]["Pelkum"] == {"kontakte": "< 5", "begleitungen": "< 5",
                                                 "familien": "< 5"}  # fmt: skip
    internal = json.loads(to_json(Report(figures(begleitungen=4))))
    assert internal["nach_sozialraum"]["Pelkum"]["kontakte"] == 4


# CSV ------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas():
    data = to_csv(Report(figures()))
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = _rows(data)
    assert _row(rows, "Begleitungsstunden")[1] == "1,5"
    assert _row(rows, "Begleitungen")[1] == "12"
    assert _row(rows, "Hamm-Westen") == ["Hamm-Westen", "16", "8", "2", "66,7"]
    assert _row(rows, "Anna Schlüssel")[:4] == ["Anna Schlüssel", "20", "12", "3"]
    assert _row(rows, "1 · Neuzugewanderte")[1] == "20"
    assert _row(rows, "o. A.")[1:4] == ["2", "1", "1"]
    assert "ab" * 32 in data.decode("utf-8-sig")


def test_csv_adds_previous_period_and_plan_columns_when_there_are_some():
    before = figures(Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "jahr"),
                     begleitungen=10, begleitungsstunden=2.25)  # fmt: skip
    rows = _rows(to_csv(Report(figures(), previous=before, plan=Plan({"begleitungen": 15}))))
    assert _row(rows, "Kennzahl") == ["Kennzahl", "Wert", "Vorperiode", "Plan"]
    assert _row(rows, "Begleitungen") == ["Begleitungen", "12", "10", "15"]
    assert _row(rows, "Begleitungsstunden") == ["Begleitungsstunden", "1,5", "2,25", ""]
    assert _row(rows, "Vorperiode")[1].startswith("01.01.2025")
    plain = _rows(to_csv(Report(figures())))
    assert _row(plain, "Kennzahl") == ["Kennzahl", "Wert"]


def test_external_csv_suppresses_small_cells_and_their_shares():
    rows = _rows(to_csv(Report(figures(), external=True)))
    assert _row(rows, "Pelkum") == ["Pelkum", "< 5", "< 5", "< 5", ""]
    # The only other row: 20 Kontakte less its 16 would give Pelkum's 4 away.
    assert _row(rows, "Hamm-Westen") == ["Hamm-Westen", "x", "x", "< 5", ""]
    assert _row(rows, "Kindeswohl-Hinweise (erheblich)")[1] == "< 5"
    assert not any("Anna Schlüssel" in cell for row in rows for cell in row)
    assert not any(row[:1] == ["Mitarbeiter/in"] for row in rows)


def test_csv_labels_kindeswohl_as_erheblich_and_lists_workers_internally():
    rows = _rows(to_csv(Report(figures())))
    assert _row(rows, "Kindeswohl-Hinweise (erheblich)")[1] == "1"
    assert _row(rows, "Mitarbeiter/in")[1] == "Kontakte"
    assert not any(row[:1] == ["Kindeswohl-Hinweise"] for row in rows)


def test_csv_shows_entfaellt_translated_after_o_a():
    institution = {NOT_APPLICABLE: Cell(6, 0, 2), NOT_REPORTED: Cell(2, 0, 1),
                   "Schule": Cell(12, 12, 3)}  # fmt: skip
    rows = _rows(to_csv(Report(figures(nach_institution=institution))))
    start = rows.index(_row(rows, "Institution"))
    assert [row[0] for row in rows[start + 1:start + 4]] == ["Schule", "o. A.", "entfällt"]
    assert _row(rows, "entfällt")[1:4] == ["6", "0", "2"]
    install(_English(), "en")
    english = [row[0] for row in _rows(to_csv(Report(figures(nach_institution=institution))))
               if row]  # fmt: skip
    assert "not applicable" in english and "entfällt" not in english


class _English(gettext.NullTranslations):
    """A hand-made catalog: the real one may not have the new words yet."""

    def gettext(self, message: str) -> str:
        return {"entfällt": "not applicable", "o. A.": "not stated"}.get(message, message)


def test_csv_headings_follow_the_language_and_numbers_stay_german():
    set_language("en")
    rows = _rows(to_csv(Report(figures())))
    assert _row(rows, "Contacts")[1] == "20"
    assert any(row[1:2] == ["1,5"] for row in rows)


def test_csv_never_starts_a_cell_with_a_formula():
    rows = _rows(to_csv(Report(figures(nach_mitarbeitenden={"=HYPERLINK(1)": Cell(20, 12, 3)}))))
    assert ["'=HYPERLINK(1)", "20", "12", "3", "100,0"] in rows
