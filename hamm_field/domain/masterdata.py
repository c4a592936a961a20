"""The master data a new store starts with (DOMAIN.md).

It is seeded into the ``master_item`` table, where the coordination edits it and
ships it to the laptops; code reads it from there, never from these lists. Ids are
derived from kind and key, so every store seeds the same rows and a later merge sees
one record, not ten copies.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import N_, gettext

_NAMESPACE = uuid.UUID("6f1f4a52-43a4-4d0b-9a4e-2f1e6a0c5b10")


@dataclass(frozen=True)
class Seed:
    kind: MasterKind
    key: str
    label: str
    parent: str | None = None
    tags: tuple[str, ...] = field(default=())


def master_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _items(kind: MasterKind, pairs: list[tuple[str, str]], parent: str | None = None) -> list[Seed]:
    return [Seed(kind, key, label, parent) for key, label in pairs]


SOZIALRAEUME = [
    ("stadtmitte", "Stadtmitte"),
    ("hamm-westen", "Hamm-Westen"),
    ("hamm-norden", "Hamm-Norden"),
    ("uentrop", "Uentrop"),
    ("rhynern", "Rhynern"),
    ("pelkum", "Pelkum"),
    ("herringen", "Herringen"),
    ("bockum-hoevel", "Bockum-Hövel"),
    ("heessen", "Heessen"),
]

HANDLUNGSFELDER = [
    ("sprache", N_("Sprache"), "erstintegration"),
    ("bildung", N_("Bildung"), "regelsysteme"),
    ("wohnen", N_("Wohnen"), "erstintegration"),
    ("gesundheit", N_("Gesundheit"), "regelsysteme"),
    ("arbeit", N_("Qualifizierung und Arbeit"), "regelsysteme"),
    ("teilhabe", N_("Teilhabe und Partizipation"), "partizipation"),
    ("wertesysteme", N_("Transkulturelle Wertesysteme"), "partizipation"),
    ("systementwicklung", N_("Systementwicklung"), "partizipation"),
]

# (key, label, tags) - "medizinisch" and "rechtlich" trigger the hint that
# Schlüsselfiguren are no sworn interpreters. Read in the reader's language; the
# contact form finds them by their German name too, the one used at the offices.
INSTITUTIONEN = [
    ("krankenkasse", N_("Krankenkasse"), ()),
    ("kinderarzt", N_("Kinderarztpraxis"), ("medizinisch",)),
    ("arzt", N_("Hausarzt/Facharzt"), ("medizinisch",)),
    ("krankenhaus", N_("Krankenhaus"), ("medizinisch",)),
    ("gesundheitsamt", N_("Gesundheitsamt"), ("medizinisch",)),
    ("schule", N_("Schule"), ()),
    ("kita", N_("Kita"), ()),
    ("ki", N_("Kommunales Integrationszentrum (KI)"), ()),
    ("kjc", N_("Kommunales Jobcenter (KJC)"), ("rechtlich",)),
    ("familienkasse", N_("Familienkasse"), ("rechtlich",)),
    ("auslaenderbehoerde", N_("Ausländerbehörde"), ("rechtlich",)),
    ("buergeramt", N_("Bürgeramt"), ("rechtlich",)),
    ("jugendamt", N_("Jugendamt"), ("rechtlich",)),
    ("sozialamt", N_("Sozialamt"), ("rechtlich",)),
    ("bank", N_("Bank"), ()),
    ("energieversorger", N_("Energieversorger"), ()),
    ("vermieter", N_("Vermieter"), ()),
    ("vhs", N_("VHS"), ()),
    ("beratungsstelle", N_("Beratungsstelle"), ()),
    ("sonstige", N_("sonstige"), ()),
]

THEMEN = {
    1: [
        ("krankenkasse", N_("Krankenkasse")),
        ("rundfunkbeitrag", N_("Rundfunkbeitrag")),
        ("versorger", N_("Strom/Gas/Wasser")),
        ("bankkonto", N_("Bankkonto")),
        ("sprachkurs", N_("Sprachkurs")),
        ("meldeadresse", N_("Meldeadresse")),
        ("jobcenter", N_("Jobcenter")),
    ],
    2: [
        ("schulplatz", N_("Schulplatz")),
        ("seiteneinstieg", N_("Seiteneinstiegsberatung (KI)")),
        ("schuleingang", N_("Schuleingangsuntersuchung")),
        ("kinderarzt", N_("Kinderarzt")),
        ("kitaplatz", N_("Kita-Platz")),
    ],
    3: [
        ("elterngespraech", N_("Elterngespräch")),
        ("schulinformation", N_("Informationen der Schule")),
        ("kita-kommunikation", N_("Kommunikation mit der Kita")),
    ],
    4: [
        ("vorsorge", N_("Vorsorge")),
        ("schwangerschaft", N_("Vorsorge in der Schwangerschaft")),
        ("impfungen", N_("Impfungen")),
        ("arzttermin", N_("Begleitung zu Arztterminen")),
    ],
    5: [
        ("kindeswohl", N_("Beobachtung Kindeswohl")),
        ("schulbesuch", N_("Regelmäßiger Schulbesuch")),
        ("u-untersuchung", N_("U-Untersuchungen")),
        ("vertrauen", N_("Vertrauen in Institutionen")),
    ],
}

SPRECHSTUNDEN_ORTE = [
    ("hamm-westen", "Hamm-Westen"),
    ("hamm-norden", "Hamm-Norden"),
    ("pelkum", "Pelkum"),
]

STARTERPAKET_ITEMS = [
    ("stadtplan", N_("Stadtplan mit Behörden")),
    ("busanbindungen", N_("Busanbindungen")),
    ("einkaufen", N_("Einkaufsmöglichkeiten")),
    ("kitas", N_("Kitas")),
    ("schulen", N_("Schulen")),
    ("aerzte", N_("Ärzte")),
    ("muelltrennung", N_("Hinweise: Mülltrennung")),
    ("treppenhaus", N_("Hinweise: Treppenhausreinigung")),
    ("heizen", N_("Hinweise: Heizen und Lüften")),
    ("kinderbetreuung", N_("Hinweise: Betreuung der Kinder")),
    ("nachtruhe", N_("Hinweise: Nachtruhe")),
    ("kontakt-betreuer", N_("Kontaktdaten des Betreuers")),
]

STARTERPAKET_EDITIONEN = [
    ("de", N_("Deutsch")),
    ("bg", N_("Bulgarisch")),
    ("ro", N_("Rumänisch")),
    ("tr", N_("Türkisch")),
]

SPRACHEN = [
    ("bg", N_("Bulgarisch")),
    ("ro", N_("Rumänisch")),
    ("tr", N_("Türkisch")),
    ("rom", N_("Romanes")),
    ("de", N_("Deutsch")),
    ("ar", N_("Arabisch")),
    ("uk", N_("Ukrainisch")),
    ("ru", N_("Russisch")),
    ("en", N_("Englisch")),
    ("sonstige", N_("sonstige")),
]

HERKUNFTSLAENDER = [
    ("bulgarien", N_("Bulgarien")),
    ("rumaenien", N_("Rumänien")),
    ("sonstiges", N_("sonstiges")),
]


def default_master_data() -> list[Seed]:
    """Every seed row, in display order within each kind."""
    seeds = _items(MasterKind.SOZIALRAUM, SOZIALRAEUME)
    seeds += [Seed(MasterKind.HANDLUNGSFELD, k, label, dim) for k, label, dim in HANDLUNGSFELDER]
    seeds += [Seed(MasterKind.INSTITUTION, k, name, None, tags) for k, name, tags in INSTITUTIONEN]
    for paket, themen in THEMEN.items():
        seeds += [Seed(MasterKind.THEMA, f"p{paket}-{k}", label, str(paket)) for k, label in themen]
    seeds += _items(MasterKind.SPRECHSTUNDEN_ORT, SPRECHSTUNDEN_ORTE)
    seeds += _items(MasterKind.STARTERPAKET_ITEM, STARTERPAKET_ITEMS)
    seeds += _items(MasterKind.STARTERPAKET_EDITION, STARTERPAKET_EDITIONEN)
    seeds += _items(MasterKind.SPRACHE, SPRACHEN)
    seeds += _items(MasterKind.HERKUNFTSLAND, HERKUNFTSLAENDER)
    return seeds


# Names a family or a worker reads in their own language; Sozialräume and places keep
# their German names, which are the names on the street signs and bus stops.
TRANSLATED_KINDS = frozenset({
    MasterKind.INSTITUTION, MasterKind.HANDLUNGSFELD, MasterKind.THEMA,
    MasterKind.STARTERPAKET_ITEM, MasterKind.STARTERPAKET_EDITION, MasterKind.SPRACHE,
    MasterKind.HERKUNFTSLAND,
})
_SHIPPED = {
    (str(seed.kind), seed.key): seed.label
    for seed in default_master_data() if seed.kind in TRANSLATED_KINDS
}
_SHIPPED_NAMES = {(kind, name) for (kind, _key), name in _SHIPPED.items()}


def display_name(kind: str, key: str, name: str,
                 translate: Callable[[str], str] = gettext) -> str:
    """A shipped default in the reader's language; a name the coordination gave (or
    changed) exactly as written, since no catalog knows it. ``translate`` is the reader's
    catalog when that is not the app's current language (a bilingual document)."""
    return translate(name) if _SHIPPED.get((str(kind), key)) == name else name


def display_stored_name(kind: str, name: str,
                        translate: Callable[[str], str] = gettext) -> str:
    """The same for a name alone, as the Kennzahlen carry it (keyed by the stored name)."""
    return translate(name) if (str(kind), name) in _SHIPPED_NAMES else name
