"""Names are found whichever script and spelling habit the worker types them in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamm_field.domain.translit import matches, search_key, to_latin

BG_LOWER = "абвгдежзийклмнопрстуфхцчшщъьюяѝ"
LETTERS = (
    BG_LOWER
    + BG_LOWER.upper()
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "ăâîșşțţĂÂÎȘŞȚŢ"  # Romanian, comma-below and cedilla forms
    + "çğıİöşüÇĞÖŞÜ"  # Turkish
    + "äöüßÄÖÜẞ"  # German
)
names = st.text(alphabet=LETTERS + "  -", max_size=40)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Петрова", "Petrova"),
        ("Щерев", "Shterev"),
        ("Юлия", "Yulia"),
        ("Цветан Жечев", "Tsvetan Zhechev"),
        ("България", "Bulgaria"),
        ("Жельо", "Zhelyo"),
        ("ЖЕЛЬО", "ZHELYO"),
        ("ЩЕРЕВ", "SHTEREV"),
        ("Мария-Илияна", "Maria-Iliyana"),  # -ия only becomes -ia at the end of a word
        ("МАРИЯ", "MARIA"),
        ("в БЪЛГАРИЯ и Румъния", "v BULGARIA i Rumania"),
        ("Ъгълът", "Agalat"),
        ("абвгдежзийклмнопрстуфхцчшщъьюя", "abvgdezhziyklmnoprstufhtschshshtayyuya"),
    ],
)
def test_to_latin_follows_the_streamlined_system(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


def test_to_latin_leaves_other_text_alone() -> None:
    text = "Ștefan Ayşe Müller, Str. 12 / ΑΒΓ"
    assert to_latin(text) == text


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("petrova", "Петрова"),
        ("Петрова", "Petrova"),
        ("PETROVA", "Петрова"),
        ("stefan", "Ștefan"),
        ("stefan", "Ştefan"),
        ("ștefan", "Ştefan"),
        ("ştefan", "Ștefan"),
        ("tiganu", "Țiganu"),
        ("tiganu", "Ţiganu"),
        ("țiganu", "Ţiganu"),
        ("zhivkov", "Живков"),
        ("jivkov", "Живков"),
        ("živkov", "Живков"),
        ("yusein", "Хюсеинов"),
        ("iusein", "Хюсеинов"),
        ("hyuseinov", "Хюсеинов"),
        ("hiuseinov", "Хюсеинов"),
        ("georgieva", "Георгиева"),
        ("hristo", "Христо"),
        ("khristo", "Христо"),
        ("mariya", "Мария"),
        ("georgi", "Георгий"),
        ("ayse", "Ayşe"),
        ("aise", "Ayşe"),
        ("ayşe", "Айше"),
        ("isik", "Işık"),
        ("ISIK", "Işık"),
        ("ismail", "İsmail"),
        ("pawel", "Paweł"),
        ("muller", "Müller"),
        ("Strasse", "Straße"),
        ("straße", "Strasse"),
        ("walter", "Валтер"),
        ("jamal", "Джамал"),
        ("djamal", "Джамал"),
        ("sht", "Щерев"),
        ("Zh", "Жечев"),  # a half-typed digraph still finds the name
        ("maria pet", "Мария Петрова"),
        ("petrova maria", "Мария Петрова"),
        ("", "Мария Петрова"),
        ("  ", "Петрова"),
    ],
)
def test_query_finds_name(query: str, name: str) -> None:
    assert matches(query, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ivanov", "Петрова"),
        ("maria ivan", "Мария Петрова"),
        ("petrova", "Петров"),
        ("georgiev", "Петрова"),
        ("zhivkov", "Живова"),
    ],
)
def test_query_does_not_find_other_names(query: str, name: str) -> None:
    assert not matches(query, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("stojanova", "Стоянова"),  # German: j for я after a vowel
        ("Stojanowa", "Стоянова"),
        ("stoianova", "Стоянова"),  # Romanian
        ("stoyanova", "Стоянова"),
        ("Stojanowa", "Stoianova"),
        ("najden", "Найден"),
        ("bojidar", "Божидар"),  # Romanian j for ж before i stays ж
        ("jivkov", "Живков"),  # and so does a j at the start of a word
        ("Jelyo", "Жельо"),
    ],
)
def test_j_after_a_vowel_is_read_the_german_way(query: str, name: str) -> None:
    assert matches(query, name)


def test_the_j_reading_keeps_names_apart() -> None:
    assert not matches("stojanova", "Стожанова")
    assert search_key("Stojanowa") == search_key("Stoianova") == search_key("Стоянова")


def test_words_are_separated_by_any_punctuation() -> None:
    assert search_key("  Мария-Петрова,  Ayşe ") == "maria petrova aise"
    assert matches("petrova", "Иванова-Петрова")


@given(names.filter(str.strip))
def test_a_name_always_finds_itself(text: str) -> None:
    assert matches(text, text)


@given(names)
def test_the_latin_display_spelling_finds_the_cyrillic_name(text: str) -> None:
    assert search_key(to_latin(text)) == search_key(text)
    assert matches(to_latin(text), text)
    assert matches(text, to_latin(text))


@given(names)
def test_case_does_not_matter(text: str) -> None:
    assert search_key(text.upper()) == search_key(text) == search_key(text.lower())


@given(names)
def test_the_key_is_stable(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert key == key.strip()
    assert "  " not in key


@given(st.text())
def test_search_key_never_raises(text: str) -> None:
    assert isinstance(search_key(text), str)
    assert isinstance(matches(text, text), bool)
