"""The catalogs are complete, current and safe to use.

For bg, ro, tr and en every message is translated, none is fuzzy, every translation
keeps the placeholders of its German source (plural forms too), and every message the
sources mark for translation is in the catalog. German is the source language: its
catalog may stay empty, but must not carry fuzzy guesses either.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from hamm_field.i18n import catalog as runtime
from hamm_field.i18n.catalog import LANGUAGES, Translator, install

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TRANSLATED = [language for language in LANGUAGES if language != "de"]
# The same keywords as `make translations` (pybabel extract -k N_ -k ngettext:1,2).
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdifr]|%[sdifr]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def load(language: str) -> Catalog:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "hamm_field.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def messages(catalog: Catalog):
    return [message for message in catalog if message.id]


def source_ids() -> set[str]:
    """Every msgid the sources mark, as Babel extracts them."""
    found = extract_from_dir(str(ROOT / "hamm_field"), method_map=[("**.py", "python")],
                             keywords=KEYWORDS)
    ids = set()
    for _filename, _line, message, _comments, _context in found:
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    return source_ids()


def test_extraction_finds_the_sources(extracted):
    assert "Kontakt erfassen" in extracted
    assert "Das Passwort ist falsch." in extracted  # an N_ in the domain
    assert "{total} Kontakt" in extracted  # the singular of an ngettext


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_up_to_date_with_the_sources(language, extracted):
    missing = extracted - {message.id if isinstance(message.id, str) else message.id[0]
                           for message in messages(load(language))}
    assert not missing, f"run `make translations`: {len(missing)} not in {language}, " \
                        f"e.g. {sorted(missing)[:10]}"


def test_template_is_up_to_date_with_the_sources(extracted):
    with (TRANSLATIONS / "hamm_field.pot").open("rb") as handle:
        template = read_po(handle)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in messages(template)}
    missing = sorted(extracted - ids)
    assert not missing, f"run `make translations`: {len(missing)} new, e.g. {missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    untranslated = [message.id for message in messages(load(language))
                    if not message.string or (isinstance(message.string, tuple)
                                              and not all(message.string))]
    assert not untranslated, \
        f"{len(untranslated)} untranslated in {language}, e.g. {untranslated[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    catalog = load(language)
    fuzzy = [message.id for message in messages(catalog) if message.fuzzy]
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"
    assert not catalog.fuzzy, f"the header of {language} is marked fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for message in messages(load(language)):
        if isinstance(message.id, tuple):
            singular, plural = message.id
            if placeholders(singular) != placeholders(plural):
                wrong.append(f"source {singular!r} / {plural!r}")
            wrong += [f"{plural!r} -> {form!r}" for form in message.string
                      if form and placeholders(form) != placeholders(plural)]
        elif message.string and placeholders(message.string) != placeholders(message.id):
            wrong.append(f"{message.id!r} -> {message.string!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_line_ends_and_edge_spaces(language):
    """argparse's "Aufruf: " needs its space, "%(prog)s: Fehler: %(message)s\n" its line end."""
    wrong = []
    for message in messages(load(language)):
        source = message.id[1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in filter(None, forms):
            for edge in (str.endswith, str.startswith):
                for char in ("\n", " "):
                    if edge(source, char) != edge(form, char):
                        wrong.append(f"{source!r} -> {form!r}")
    assert not wrong, "\n".join(sorted(set(wrong)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_fit_the_language(language):
    catalog = load(language)
    # At least the forms the language distinguishes (Romanian three; one more is harmless).
    assert catalog.num_plurals >= get_plural(language).num_plurals
    for message in messages(catalog):
        if isinstance(message.id, tuple) and any(message.string):
            assert len(message.string) == catalog.num_plurals, message.id
    assert not [error for message in messages(catalog) for error in message.check(catalog)]


# The runtime guard ---------------------------------------------------------------------


def memory_catalog(language: str, entries: dict) -> gettext.GNUTranslations:
    """A compiled catalog built in memory, as Babel compiles the real ones."""
    catalog = Catalog(locale=language)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


ENTRIES = {
    "Gespeichert: {path}": "Записано: {path}",
    "Familie": "Familie",  # spelled alike, still a translation
    "Familie {name}": "Семейство {име}",  # a placeholder translated by mistake
    ("{count} Kontakt", "{count} Kontakte"): ("{count} контакт", "{count} контакта"),
    ("{file}: {count} Änderung übernommen", "{file}: {count} Änderungen übernommen"): (
        "{file}: една промяна", "{file}: {count} промени"),
}


def test_a_translation_with_other_placeholders_falls_back_to_german():
    install(memory_catalog("bg", ENTRIES), "bg")
    try:
        assert runtime.gettext("Gespeichert: {path}").format(path="x") == "Записано: x"
        assert runtime.gettext("Familie {name}").format(name="Петрова") == "Familie Петрова"
        assert runtime.ngettext("{count} Kontakt", "{count} Kontakte", 3) == "{count} контакта"
        singular = runtime.ngettext("{file}: {count} Änderung übernommen",
                                    "{file}: {count} Änderungen übernommen", 1)
        assert singular.format(file="a", count=1) == "a: 1 Änderung übernommen"
        plural = runtime.ngettext("{file}: {count} Änderung übernommen",
                                  "{file}: {count} Änderungen übernommen", 4)
        assert plural.format(file="a", count=4) == "a: 4 промени"
    finally:
        install(gettext.NullTranslations(), "de")


def test_a_fixed_language_translator_has_the_same_guard(monkeypatch):
    monkeypatch.setattr(runtime, "_load", lambda _language: memory_catalog("bg", ENTRIES))
    translate = Translator("bg")
    assert translate("Gespeichert: {path}") == "Записано: {path}"
    assert translate("Familie {name}") == "Familie {name}"
    assert translate.has("Gespeichert: {path}") and not translate.has("Familie {name}")
    assert translate.has("Familie") and not translate.has("Kontakte")
    assert translate.ngettext("{count} Kontakt", "{count} Kontakte", 1) == "{count} контакт"
    assert runtime.gettext("Gespeichert: {path}") == "Gespeichert: {path}"  # app untouched
