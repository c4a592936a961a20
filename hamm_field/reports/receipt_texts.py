"""The texts of the Starterpaket receipt: German messages, printed in two languages.

The receipt is printed in German *and* in the family's language at the same time,
whatever language the program itself speaks. So the texts are ordinary catalog
messages (German msgids, translated with the rest of the app) rendered through
``translator(edition)`` instead of the app's current language. Sentences are short and
plain; the item names follow the keys of ``STARTERPAKET_ITEMS`` in
``domain/masterdata.py``. German names of offices that have no real translation
(Jobcenter, Familienkasse) stay German, with a short explanation in brackets where the
name first appears, because that is the word the family will see on the door and on
letters (translations/GLOSSARY.md).
"""

from __future__ import annotations

from hamm_field.i18n import N_, translator

# Each language in its own name, as the family reads it.
LANGUAGE_NAMES = {
    "de": "Deutsch", "bg": "Български", "ro": "Română", "tr": "Türkçe", "en": "English"
}
EDITIONS = tuple(LANGUAGE_NAMES)

# In the order they appear on the receipt, so "first appearance" is the first key here.
TEXTS = {
    "title": N_("Empfangsbestätigung"),
    "subtitle": N_("Starterpaket"),
    "family": N_("Familie"),
    "date": N_("Datum"),
    "recipient": N_("Empfangen von"),
    "worker": N_("Ausgegeben von"),
    "edition": N_("Sprache der Unterlagen"),
    "items": N_("Diese Teile haben Sie erhalten:"),
    "offices": N_(
        "Auf dem Stadtplan stehen unter anderem das {jobcenter} und die {familienkasse}."
    ),
    "sentence": N_("Ich habe das Starterpaket erhalten."),
    "sign_recipient": N_("Unterschrift Empfänger/in"),
    "sign_worker": N_("Unterschrift Mitarbeiter/in"),
    "place_date": N_("Ort, Datum"),
}

# Office name as printed in German, and the message that explains it in brackets.
OFFICES = {
    # Translators: keep the German name and explain it in brackets (translations/GLOSSARY.md).
    "jobcenter": ("Jobcenter", N_("Jobcenter (Amt für Arbeitssuche und Bürgergeld)")),
    # Translators: keep the German name and explain it in brackets (translations/GLOSSARY.md).
    "familienkasse": ("Familienkasse", N_("Familienkasse (Amt für das Kindergeld)")),
}

ITEMS = {
    "stadtplan": N_("Stadtplan mit Behörden"),
    "busanbindungen": N_("Busanbindungen"),
    "einkaufen": N_("Einkaufsmöglichkeiten"),
    # Translators: keep "Kita" in brackets, it is the word on the door.
    "kitas": N_("Kitas"),
    "schulen": N_("Schulen"),
    "aerzte": N_("Ärzte"),
    "muelltrennung": N_("Hinweise: Mülltrennung"),
    "treppenhaus": N_("Hinweise: Treppenhausreinigung"),
    "heizen": N_("Hinweise: Heizen und Lüften"),
    "kinderbetreuung": N_("Hinweise: Betreuung der Kinder"),
    "nachtruhe": N_("Hinweise: Nachtruhe"),
    "kontakt-betreuer": N_("Kontaktdaten des Betreuers"),
}


def texts(edition: str) -> dict[str, str]:
    """The receipt texts in ``edition``'s language (German where no translation exists).

    Office names are explained in brackets the first time they appear, except in German.
    """
    translate = translator(edition if edition in EDITIONS else "de")
    explained: set[str] = set()

    def office(key: str) -> str:
        plain, explanation = OFFICES[key]
        if key in explained or translate.language == "de" or not translate.has(explanation):
            return plain
        explained.add(key)
        return translate(explanation)

    result = {}
    for key, message in TEXTS.items():
        text = translate(message)
        names = {name: office(name) for name in OFFICES if "{" + name + "}" in text}
        result[key] = text.format(**names) if names else text
    return result


def item_name(edition: str, key: str) -> str | None:
    """The item's name in the edition's language, or None (German only, or a new item)."""
    message = ITEMS.get(key)
    if message is None or edition not in EDITIONS or edition == "de":
        return None
    translate = translator(edition)
    return translate(message) if translate.has(message) else None
