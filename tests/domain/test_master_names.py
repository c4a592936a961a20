"""Shipped master data is read in the reader's language; the coordination's own names
and the German office and place names stay as written."""

import pytest

from hamm_field.domain.master_index import MasterEntry, MasterIndex
from hamm_field.domain.masterdata import default_master_data
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


def test_places_offices_and_renamed_items_stay_as_written(bulgarian):
    master = _index()
    assert master.label("sozialraum", "hamm-westen") == "Hamm-Westen"
    assert master.label("institution", "familienkasse") == "Familienkasse"
    renamed = MasterEntry("herkunftsland", "bulgarien", "Bulgarien (EU)")
    assert renamed.label == "Bulgarien (EU)"


def test_german_readers_see_the_stored_names():
    assert _index().label("herkunftsland", "rumaenien") == "Rumänien"
