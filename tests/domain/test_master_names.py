"""Shipped master data (offices included) is read in the reader's language; the
coordination's own names and the German place names stay as written."""

import pytest

from hamm_field.domain.master_index import MasterEntry, MasterIndex
from hamm_field.domain.masterdata import default_master_data, display_name, display_stored_name
from hamm_field.i18n import set_language


@pytest.fixture
def bulgarian():
    set_language("bg")
    yield
    set_language("de")


def _index():
    return MasterIndex.of(MasterEntry(str(s.kind), s.key, s.label, s.parent, s.tags)
                          for s in default_master_data())


def test_countries_and_languages_are_shown_in_bulgarian(bulgarian):
    master = _index()
    assert master.label("herkunftsland", "bulgarien") == "България"
    assert master.label("sprache", "tr") == "турски"
    assert master.name("sprache", "tr") == "Türkisch"  # what documents print in German


def test_places_and_renamed_items_stay_as_written(bulgarian):
    master = _index()
    assert master.label("sozialraum", "hamm-westen") == "Hamm-Westen"
    renamed = MasterEntry("herkunftsland", "bulgarien", "Bulgarien (EU)")
    assert renamed.label == "Bulgarien (EU)"
    assert MasterEntry("institution", "familienkasse", "Familienkasse Hamm").label == (
        "Familienkasse Hamm")


def test_shipped_offices_are_read_in_the_readers_language_and_kept_in_german():
    """Translated like the rest; the German name stays what is stored and printed."""
    def bulgarian(name: str) -> str:
        return {"Familienkasse": "Каса за детски надбавки"}.get(name, name)

    assert display_name("institution", "familienkasse", "Familienkasse",
                        bulgarian) == "Каса за детски надбавки"  # fmt: skip
    assert display_stored_name("institution", "Familienkasse", bulgarian) == (
        "Каса за детски надбавки")
    assert _index().name("institution", "familienkasse") == "Familienkasse"


def test_german_readers_see_the_stored_names():
    assert _index().label("herkunftsland", "rumaenien") == "Rumänien"
