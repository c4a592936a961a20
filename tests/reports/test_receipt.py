"""The bilingual Starterpaket receipt: German plus the family's language, on one page."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from hamm_field.domain.masterdata import STARTERPAKET_ITEMS
from hamm_field.i18n import set_language, translator
from hamm_field.reports import receipt_texts
from hamm_field.reports.receipt import handout_receipt_pdf
from hamm_field.services import documents
from tests.reports.support import receipt_data as _data


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def test_receipt_is_german_and_bulgarian():
    pdf = handout_receipt_pdf(_data())
    text = _text(pdf)
    bg = receipt_texts.texts("bg")
    assert "Empfangsbestätigung" in text
    assert _has_cyrillic(bg["title"]) and bg["title"] in text
    assert "Петрова" in text and "Мария Петрова" in text
    assert "Ich habe das Starterpaket erhalten." in text
    assert _has_cyrillic(bg["sentence"]) and bg["sentence"] in text
    assert "20.11.2026" in text and "Ana Test" in text
    assert "Stadtplan mit Behörden" in text
    assert receipt_texts.item_name("bg", "stadtplan") in text
    assert "Unterschrift Empfänger/in" in text and bg["sign_recipient"] in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


@pytest.mark.parametrize(("edition", "item"), [("ro", "schulen"), ("tr", "busanbindungen")])
def test_receipt_in_romanian_and_turkish(edition, item):
    text = _text(handout_receipt_pdf(_data(edition, family_name="Ștefănescu")))
    sentence = receipt_texts.texts(edition)["sentence"]
    assert "Ștefănescu" in text
    assert sentence != "Ich habe das Starterpaket erhalten."
    assert sentence in text and "Ich habe das Starterpaket erhalten." in text
    assert receipt_texts.item_name(edition, item) in text


def test_receipt_does_not_follow_the_app_language():
    set_language("en")
    text = _text(handout_receipt_pdf(_data()))
    assert "Ich habe das Starterpaket erhalten." in text
    assert receipt_texts.texts("bg")["sentence"] in text
    assert translator("en")("Ich habe das Starterpaket erhalten.") not in text


def test_german_edition_prints_german_only():
    text = _text(handout_receipt_pdf(_data("de", edition_label="Deutsch")))
    assert "Ich habe das Starterpaket erhalten." in text
    assert "Получих" not in text


def test_every_item_and_text_is_translated_for_every_edition():
    # The receipt's item names are the seeded German master-data labels.
    assert dict(STARTERPAKET_ITEMS) == receipt_texts.ITEMS
    for edition in ("bg", "ro", "tr", "en"):
        translate = translator(edition)
        missing = [m for m in [*receipt_texts.TEXTS.values(), *receipt_texts.ITEMS.values()]
                   if not translate.has(m)]
        assert not missing, (edition, missing)


@pytest.mark.parametrize("edition", ["bg", "ro", "tr", "en"])
def test_offices_keep_their_german_name_explained_once(edition):
    offices = receipt_texts.texts(edition)["offices"]
    for name in ("Jobcenter", "Familienkasse"):
        assert offices.count(name) == 1, offices
        assert f"{name} (" in offices, offices  # the explanation in brackets follows
    german = receipt_texts.texts("de")["offices"]
    assert german == (
        "Auf dem Stadtplan stehen unter anderem das Jobcenter und die Familienkasse.")


def test_fonts_are_embedded(tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "receipt.pdf"
    path.write_bytes(handout_receipt_pdf(_data()))
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]  # fmt: skip
    assert lines and all(" yes " in line for line in lines), lines


def _family(services):
    family = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg"], pakete=[1], pseudonym=False,
    )  # fmt: skip
    mother = services.persons.create(
        household_id=family.id, given_name="Мария", family_name="Петрова", relation="elternteil"
    )
    return family, mother


def test_service_builds_the_receipt_of_a_stored_handout(services):
    family, mother = _family(services)
    handout = services.handouts.create(
        household_id=family.id, edition="bg", items=["stadtplan", "schulen"],
        recipient_person_id=mother.id,
    )  # fmt: skip
    text = _text(documents.handout_receipt(services, handout.id))
    assert "Петрова" in text and "Мария Петрова" in text
    assert "Stadtplan mit Behörden" in text and "Училища" in text
    assert "Busanbindungen" not in text  # not ticked, not listed
    assert "Ana Test" in text


def test_handout_form_defaults_to_the_family_language(services):
    family, mother = _family(services)
    form = documents.handout_form(services, family.id)
    assert form.family_name == "Петрова"
    assert form.default_edition == "bg"
    assert form.members == [(mother.id, "Мария Петрова")]
    assert [key for key, _label in form.items] == [key for key, _l in STARTERPAKET_ITEMS]


def test_save_document_writes_exactly_the_bytes(tmp_path):
    target = tmp_path / "quittung.pdf"
    documents.save_document(target, b"%PDF-1.4 test")
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert [p.name for p in tmp_path.iterdir()] == ["quittung.pdf"]  # no temp file left
