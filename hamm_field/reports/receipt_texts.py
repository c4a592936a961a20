"""The texts of the Starterpaket receipt, per language edition (de, bg, ro, tr).

These are not gettext messages: the receipt is printed in German *and* in the family's
language at the same time, whatever language the program itself speaks. So each edition
has its own complete dict, keyed like the German one. Sentences are short and plain; the
item names follow the keys of ``STARTERPAKET_ITEMS`` in ``domain/masterdata.py``. German
names of offices that have no real translation (Kita, Jobcenter, Familienkasse) stay in
German with a short explanation in brackets, because that is the word the family will see
on the door and on letters.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"de": "Deutsch", "bg": "Български", "ro": "Română", "tr": "Türkçe"}

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Empfangsbestätigung",
        "subtitle": "Starterpaket",
        "family": "Familie",
        "date": "Datum",
        "recipient": "Empfangen von",
        "worker": "Ausgegeben von",
        "edition": "Sprache der Unterlagen",
        "items": "Diese Teile haben Sie erhalten:",
        "sentence": "Ich habe das Starterpaket erhalten.",
        "offices": (
            "Auf dem Stadtplan stehen unter anderem das Jobcenter und die Familienkasse."
        ),
        "sign_recipient": "Unterschrift Empfänger/in",
        "sign_worker": "Unterschrift Mitarbeiter/in",
        "place_date": "Ort, Datum",
    },
    "bg": {
        "title": "Потвърждение за получаване",
        "subtitle": "Стартов пакет",
        "family": "Семейство",
        "date": "Дата",
        "recipient": "Получател",
        "worker": "Предадено от",
        "edition": "Език на материалите",
        "items": "Вие получихте тези материали:",
        "sentence": "Получих стартовия пакет.",
        "offices": (
            "На картата на града има и Jobcenter (служба за работа и социални помощи) "
            "и Familienkasse (служба за детски надбавки)."
        ),
        "sign_recipient": "Подпис на получателя",
        "sign_worker": "Подпис на служителя",
        "place_date": "Място, дата",
    },
    "ro": {
        "title": "Confirmare de primire",
        "subtitle": "Pachet de start",
        "family": "Familia",
        "date": "Data",
        "recipient": "Primit de",
        "worker": "Predat de",
        "edition": "Limba materialelor",
        "items": "Ați primit aceste materiale:",
        "sentence": "Am primit pachetul de start.",
        "offices": (
            "Pe harta orașului sunt și Jobcenter (biroul pentru muncă și ajutor social) "
            "și Familienkasse (biroul pentru alocația copiilor)."
        ),
        "sign_recipient": "Semnătura persoanei care primește",
        "sign_worker": "Semnătura angajatului",
        "place_date": "Locul, data",
    },
    "tr": {
        "title": "Teslim alındı belgesi",
        "subtitle": "Başlangıç paketi",
        "family": "Aile",
        "date": "Tarih",
        "recipient": "Teslim alan",
        "worker": "Teslim eden",
        "edition": "Materyallerin dili",
        "items": "Size verilen materyaller:",
        "sentence": "Başlangıç paketini teslim aldım.",
        "offices": (
            "Şehir haritasında Jobcenter (iş ve sosyal yardım dairesi) ve Familienkasse "
            "(çocuk parası dairesi) de var."
        ),
        "sign_recipient": "Teslim alanın imzası",
        "sign_worker": "Çalışanın imzası",
        "place_date": "Yer, tarih",
    },
}

ITEMS: dict[str, dict[str, str]] = {
    "bg": {
        "stadtplan": "Карта на града с учрежденията",
        "busanbindungen": "Автобусни линии",
        "einkaufen": "Места за пазаруване",
        "kitas": "Детски градини (Kita)",
        "schulen": "Училища",
        "aerzte": "Лекари",
        "muelltrennung": "Съвети: разделяне на боклука",
        "treppenhaus": "Съвети: почистване на стълбището",
        "heizen": "Съвети: отопление и проветряване",
        "kinderbetreuung": "Съвети: грижа за децата",
        "nachtruhe": "Съвети: тишина през нощта",
        "kontakt-betreuer": "Данни за връзка с вашия социален работник",
    },
    "ro": {
        "stadtplan": "Harta orașului cu instituțiile publice",
        "busanbindungen": "Liniile de autobuz",
        "einkaufen": "Locuri pentru cumpărături",
        "kitas": "Grădinițe (Kita)",
        "schulen": "Școli",
        "aerzte": "Medici",
        "muelltrennung": "Informații: sortarea gunoiului",
        "treppenhaus": "Informații: curățenia pe scară",
        "heizen": "Informații: încălzire și aerisire",
        "kinderbetreuung": "Informații: îngrijirea copiilor",
        "nachtruhe": "Informații: liniștea de noapte",
        "kontakt-betreuer": "Datele de contact ale asistentului social",
    },
    "tr": {
        "stadtplan": "Resmi daireleri gösteren şehir haritası",
        "busanbindungen": "Otobüs hatları",
        "einkaufen": "Alışveriş yerleri",
        "kitas": "Kreşler (Kita)",
        "schulen": "Okullar",
        "aerzte": "Doktorlar",
        "muelltrennung": "Bilgiler: çöplerin ayrılması",
        "treppenhaus": "Bilgiler: merdivenlerin temizliği",
        "heizen": "Bilgiler: ısıtma ve havalandırma",
        "kinderbetreuung": "Bilgiler: çocukların bakımı",
        "nachtruhe": "Bilgiler: gece sessizliği",
        "kontakt-betreuer": "Danışmanınızın iletişim bilgileri",
    },
}


def texts(edition: str) -> dict[str, str]:
    """The receipt texts of ``edition``; German for an edition without texts."""
    return TEXTS.get(edition, TEXTS["de"])


def item_name(edition: str, key: str) -> str | None:
    """The item's name in the edition's language, or None (German only, or a new item)."""
    return ITEMS.get(edition, {}).get(key)
