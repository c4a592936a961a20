"""The word lists and weights behind the demo data; ``demo.py`` draws from them.

Names are common ones of the three groups the project works with: Bulgarian-speaking
families, the Turkish-speaking minority from Bulgaria (names written in Bulgarian
Cyrillic, e.g. Юсеинов/Юсеинова) and Romanian families. Bulgarian surnames are listed in
the male form; :func:`female_form` makes the female one. No name here belongs to a real
client; the demo team is made up too. Notes are short German sentences without names.
:func:`all_family_names` lists every spelling, so tests can prove no name leaks.
"""

from __future__ import annotations

from typing import NamedTuple

from hamm_field.domain.translit import to_latin


class NameSet(NamedTuple):
    surnames: tuple[str, ...]
    men: tuple[str, ...]
    women: tuple[str, ...]
    boys: tuple[str, ...]
    girls: tuple[str, ...]


TURKISH_BG = NameSet(
    surnames=(
        "Юсеинов", "Мехмедов", "Алиев", "Хасанов", "Ахмедов", "Ибрямов", "Салиев",
        "Исмаилов", "Мустафов", "Османов", "Реджепов", "Халилов", "Шабанов", "Байрамов",
        "Емурлов", "Расимов", "Сюлейманов", "Кадиров",
    ),
    men=(
        "Мехмед", "Ахмед", "Али", "Хасан", "Юсеин", "Ибрахим", "Мустафа", "Осман",
        "Сюлейман", "Рамадан", "Бейхан", "Ердинч", "Неджми", "Фикри",
    ),
    women=(
        "Айше", "Фатме", "Емине", "Севгин", "Гюлсюм", "Хатидже", "Зейнеб", "Мелек",
        "Айсел", "Нурие", "Селвер", "Гюлтен", "Назмие", "Шукрие",
    ),
    boys=("Емре", "Бурак", "Енес", "Берат", "Юсуф", "Ердем", "Мерт", "Керем", "Алпер"),
    girls=("Елиф", "Айлин", "Мерве", "Есра", "Дениз", "Ейлюл", "Бюшра", "Сюмейе", "Зехра"),
)

BULGARIAN = NameSet(
    surnames=(
        "Петров", "Иванов", "Георгиев", "Димитров", "Стоянов", "Христов", "Тодоров",
        "Николов", "Асенов", "Колев", "Маринов", "Ангелов", "Костадинов", "Василев",
        "Йорданов", "Илиев", "Атанасов", "Кирилов", "Митев", "Русев",
    ),
    men=(
        "Иван", "Георги", "Стефан", "Димитър", "Николай", "Петър", "Христо", "Асен",
        "Тодор", "Васил", "Красимир", "Живко", "Митко", "Любомир",
    ),
    women=(
        "Мария", "Елена", "Десислава", "Иванка", "Гергана", "Радка", "Снежана",
        "Цветелина", "Виктория", "Йорданка", "Милена", "Росица", "Веселина",
    ),
    boys=("Александър", "Виктор", "Мартин", "Калоян", "Борис", "Ивайло", "Никола", "Даниел"),
    girls=("Никол", "Габриела", "Симона", "Дарина", "Теодора", "Ралица", "Кристина", "Ивана"),
)

ROMANIAN = NameSet(
    surnames=(
        "Popescu", "Ionescu", "Stan", "Dumitru", "Lăcătuș", "Țurcanu", "Ștefan",
        "Constantin", "Munteanu", "Stoica", "Rădulescu", "Gheorghe", "Moldovan",
        "Căldăraru", "Șerban", "Tănase", "Niță", "Dobre",
    ),
    men=(
        "Andrei", "Ștefan", "Mihai", "Florin", "Ionuț", "Gheorghe", "Marian", "Costel",
        "Adrian", "Cătălin", "Vasile", "Nicolae",
    ),
    women=(
        "Ioana", "Elena", "Nicoleta", "Mariana", "Florentina", "Alexandra", "Ramona",
        "Georgiana", "Denisa", "Bianca", "Mădălina", "Roxana",
    ),
    boys=("Darius", "Luca", "Rareș", "Matei", "Denis", "Sebastian", "Robert", "Fabian"),
    girls=("Ana", "Maria", "Sara", "Daria", "Antonia", "Ilinca", "Bianca", "Ștefania"),
)



def female_form(surname: str) -> str:
    """Bulgarian surnames agree in gender: Петров -> Петрова, Алиев -> Алиева."""
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def all_family_names() -> list[str]:
    """Every family name the demo may write: both genders, Cyrillic and Latin spelling."""
    names: set[str] = set()
    for group in (TURKISH_BG, BULGARIAN, ROMANIAN):
        for surname in group.surnames:
            forms = {surname, female_form(surname)}
            names |= forms | {to_latin(form) for form in forms}
    return sorted(names)


# (name, role, team, Sozialräume of the caseload); Sozialbetreuer work per Sozialraum.
DEMO_TEAM = (
    ("Ayşe Yusein", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Mehmed Aliev", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Sevgin Hasanova", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Fatme Ahmedova", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Emine Mehmedova", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Elena Petrova", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Georgi Ivanov", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Desislava Todorova", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Ioana Popescu", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Florin Stan", "schluesselfigur", "Peer2Peer Südosteuropa", ()),
    ("Julia Becker", "sozialbetreuer", "AWO", ("hamm-westen",)),
    ("Thomas Schulte", "sozialbetreuer", "Caritasverband", ("hamm-westen", "stadtmitte")),
    ("Sabine Wagner", "sozialbetreuer", "DRK", ("hamm-norden", "heessen", "bockum-hoevel")),
    ("Markus Hoffmann", "sozialbetreuer", "Stadt Hamm", ("pelkum", "herringen", "uentrop",
                                                          "rhynern")),
)

STREETS = {
    "hamm-westen": ("Wilhelmstraße", "Lange Straße", "Langewanneweg", "Sternstraße",
                    "Fährstraße", "Kleine Weststraße"),
    "hamm-norden": ("Nordstraße", "Sachsenweg", "Bockumer Weg", "Schumannstraße"),
    "pelkum": ("Kamener Straße", "Wiescherhöfener Straße", "Pelkumer Feld"),
}

KITAS = ("Kita Regenbogen", "Kita Sonnenschein", "Kita Pusteblume", "Familienzentrum Westen")
PRIMARY_SCHOOLS = ("Grundschule am Park", "Grundschule West", "Grundschule Nord")
SECONDARY_SCHOOLS = ("Gesamtschule", "Realschule", "Hauptschule", "Gymnasium")
VOCATIONAL_SCHOOL = "Berufskolleg"

# Institutions a Begleitung goes to, by its first topic ("p{paket}-{key}").
THEME_INSTITUTIONS = {
    "p1-krankenkasse": ("krankenkasse",),
    "p1-rundfunkbeitrag": ("beratungsstelle", "sonstige"),
    "p1-versorger": ("energieversorger", "vermieter"),
    "p1-bankkonto": ("bank",),
    "p1-sprachkurs": ("vhs", "ki"),
    "p1-meldeadresse": ("buergeramt", "auslaenderbehoerde"),
    "p1-jobcenter": ("kjc", "familienkasse"),
    "p2-schulplatz": ("schule", "ki"),
    "p2-seiteneinstieg": ("ki",),
    "p2-schuleingang": ("gesundheitsamt",),
    "p2-kinderarzt": ("kinderarzt",),
    "p2-kitaplatz": ("kita", "jugendamt"),
    "p3-elterngespraech": ("schule", "kita"),
    "p3-schulinformation": ("schule",),
    "p3-kita-kommunikation": ("kita",),
    "p4-vorsorge": ("arzt", "kinderarzt"),
    "p4-schwangerschaft": ("arzt", "krankenhaus"),
    "p4-impfungen": ("kinderarzt", "gesundheitsamt"),
    "p4-arzttermin": ("arzt", "kinderarzt", "krankenhaus"),
    "p5-kindeswohl": ("jugendamt",),
    "p5-schulbesuch": ("schule",),
    "p5-u-untersuchung": ("kinderarzt",),
    "p5-vertrauen": ("jugendamt", "sozialamt", "familienkasse"),
}

NOTES = {
    "begleitung": (
        "Termin wahrgenommen, Unterlagen abgegeben.",
        "Beim Gespräch sprachlich unterstützt.",
        "Antrag vor Ort gemeinsam ausgefüllt.",
        "Wartezeit lang, Termin aber erledigt.",
        "Fehlende Nachweise notiert, Familie bringt sie nach.",
    ),
    "beratung": (
        "Fragen zur Krankenversicherung besprochen.",
        "Ablauf der Schulanmeldung erklärt.",
        "Über Sprachkurse informiert.",
        "Nächste Schritte gemeinsam geplant.",
    ),
    "hausbesuch": (
        "Wohnsituation angesehen, Heizen und Lüften erklärt.",
        "Familie zu Hause angetroffen, Post durchgesehen.",
        "Kinder waren anwesend, Schulsachen besprochen.",
    ),
    "sprechstunde": (
        "Kam mit einem Brief in die Sprechstunde.",
        "Kurze Frage zum Kindergeld geklärt.",
        "Termin für eine Begleitung vereinbart.",
    ),
    "schriftstueck": (
        "Brief vom Jobcenter erklärt.",
        "Bescheid der Familienkasse erläutert.",
        "Mahnung besprochen, Ratenzahlung angeregt.",
        "Formular der Schule übersetzt und erklärt.",
    ),
    "telefonat": (
        "Termin telefonisch bestätigt.",
        "Rückfrage per Nachricht beantwortet.",
        "Mit der Schule telefoniert.",
    ),
    "vermittlung": (
        "An die Schuldnerberatung vermittelt.",
        "Kontakt zur Migrationsberatung hergestellt.",
        "An das Kommunale Integrationszentrum verwiesen.",
    ),
}

OUTCOMES = (
    "erledigt", "Folgetermin vereinbart", "Unterlagen fehlen noch", "Antrag gestellt",
    "wartet auf Bescheid",
)  # fmt: skip

EVENT_TITLES = (
    "Elterncafé", "Infoabend Schulanmeldung", "Sommerfest im Stadtteil", "Frauenfrühstück",
    "Infoveranstaltung Krankenversicherung", "Ausflug in den Maximilianpark",
    "Vorsorge-Infotag", "Hausaufgabenhilfe-Start", "Nachbarschaftstreff",
)  # fmt: skip

GOAL_TEXTS = {
    "sprache": ("Teilnahme an einem Integrationskurs", "Anmeldung zum Sprachkurs an der VHS"),
    "bildung": ("Schulplatz für alle Kinder", "Regelmäßiger Schulbesuch der Kinder",
                "Kita-Platz für das jüngste Kind"),
    "wohnen": ("Mietvertrag auf den eigenen Namen", "Stromschulden klären"),
    "gesundheit": ("Krankenversicherung für die ganze Familie", "U-Untersuchungen nachholen",
                   "Impfstatus der Kinder prüfen"),
    "arbeit": ("Bewerbung für eine Arbeitsstelle", "Anerkennung des Berufsabschlusses prüfen"),
    "teilhabe": ("Kinder im Sportverein anmelden", "Teilnahme am Elterncafé"),
    "wertesysteme": ("Absprachen mit der Schule einhalten",),
    "systementwicklung": ("Eigenständige Terminvereinbarung bei Behörden",),
}

REVIEW_NOTES = {
    "erreicht": "Ziel erreicht.",
    "nicht_erreicht": "Ziel nicht erreicht, neuer Anlauf besprochen.",
    "verworfen": "Ziel passt nicht mehr zur Lage der Familie.",
}

OBSERVATION_NOTES = {
    "keine": "Keine Auffälligkeiten.",
    "gering": "Kind oft müde, Schule informiert.",
    "erheblich": "Kind wirkt vernachlässigt, Koordination informiert.",
}

PHASE_NOTES = {
    1: "Erstgespräch geführt.",
    2: "Integrationsvereinbarung besprochen.",
    3: "Begleitung in die Regelsysteme läuft.",
    4: "Ziele werden überprüft.",
}

# Weights (relative) of the demo's random choices, from DOMAIN.md and the Integrationsplan:
# two thirds in Hamm-Westen, Begleitung the largest kind (~40 %), many without insurance.
WEIGHTS = {
    "sozialraum": (("hamm-westen", 66), ("hamm-norden", 15), ("pelkum", 10), ("stadtmitte", 3),
                   ("herringen", 2), ("bockum-hoevel", 2), ("heessen", 1), ("uentrop", 1)),
    "kind": (("begleitung", 41), ("beratung", 16), ("hausbesuch", 9), ("sprechstunde", 12),
             ("schriftstueck", 10), ("telefonat", 8), ("vermittlung", 4)),
    "first_kind": (("beratung", 4), ("sprechstunde", 4), ("hausbesuch", 2)),
    "contacts": ((7, 5), (8, 10), (9, 25), (10, 60)),
    "children": ((0, 12), (1, 18), (2, 25), (3, 22), (4, 13), (5, 10)),
    "insurance": (("ja", 45), ("nein", 25), ("unklar", 30)),
    "status": (("aktiv", 85), ("ruhend", 10), ("abgeschlossen", 5)),
    "referral": (("selbstmelder", 35), ("stadt", 25), ("schule", 15), ("kita", 8), ("arzt", 7),
                 ("sonstige", 10)),
    "ort": (("hamm-westen", 60), ("hamm-norden", 25), ("pelkum", 15)),
    "phase": ((1, 20), (2, 30), (3, 30), (4, 20)),
    "handlungsfeld": (("sprache", 20), ("bildung", 20), ("wohnen", 12), ("gesundheit", 18),
                      ("arbeit", 15), ("teilhabe", 8), ("wertesysteme", 4),
                      ("systementwicklung", 3)),
    "goal_status": (("offen", 25), ("in_arbeit", 35), ("erreicht", 25), ("nicht_erreicht", 8),
                    ("verworfen", 7)),
    "attendance": (("regelmaessig", 55), ("unregelmaessig", 35), ("kein_schulbesuch", 10)),
    "u_status": (("aktuell", 50), ("ueberfaellig", 30), ("unbekannt", 20)),
    "concern": (("keine", 55), ("gering", 35), ("erheblich", 10)),
    "event_language": (("bg", 40), ("tr", 25), ("de", 25), ("ro", 10)),
}

# Minutes per contact kind as (low, high + 5): drawn in steps of 5, 15-180 overall.
DURATION = {
    "begleitung": (60, 185), "beratung": (20, 95), "hausbesuch": (30, 125),
    "sprechstunde": (15, 50), "schriftstueck": (15, 50), "telefonat": (15, 35),
    "vermittlung": (15, 65), "veranstaltung": (60, 185),
}  # fmt: skip
