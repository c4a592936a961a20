"""The master data a new store starts with (DOMAIN.md).

It is seeded into the ``master_item`` table, where the coordination edits it and
ships it to the laptops; code reads it from there, never from these lists. Ids are
derived from kind and key, so every store seeds the same rows and a later merge sees
one record, not ten copies.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from hamm_field.domain.vocab import MasterKind

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
    ("sprache", "Sprache", "erstintegration"),
    ("bildung", "Bildung", "regelsysteme"),
    ("wohnen", "Wohnen", "erstintegration"),
    ("gesundheit", "Gesundheit", "regelsysteme"),
    ("arbeit", "Qualifizierung und Arbeit", "regelsysteme"),
    ("teilhabe", "Teilhabe und Partizipation", "partizipation"),
    ("wertesysteme", "Transkulturelle Wertesysteme", "partizipation"),
    ("systementwicklung", "Systementwicklung", "partizipation"),
]

# (key, label, tags) - "medizinisch" and "rechtlich" trigger the hint that
# Schlüsselfiguren are no sworn interpreters.
INSTITUTIONEN = [
    ("krankenkasse", "Krankenkasse", ()),
    ("kinderarzt", "Kinderarztpraxis", ("medizinisch",)),
    ("arzt", "Hausarzt/Facharzt", ("medizinisch",)),
    ("krankenhaus", "Krankenhaus", ("medizinisch",)),
    ("gesundheitsamt", "Gesundheitsamt", ("medizinisch",)),
    ("schule", "Schule", ()),
    ("kita", "Kita", ()),
    ("ki", "Kommunales Integrationszentrum (KI)", ()),
    ("kjc", "Kommunales Jobcenter (KJC)", ("rechtlich",)),
    ("familienkasse", "Familienkasse", ("rechtlich",)),
    ("auslaenderbehoerde", "Ausländerbehörde", ("rechtlich",)),
    ("buergeramt", "Bürgeramt", ("rechtlich",)),
    ("jugendamt", "Jugendamt", ("rechtlich",)),
    ("sozialamt", "Sozialamt", ("rechtlich",)),
    ("bank", "Bank", ()),
    ("energieversorger", "Energieversorger", ()),
    ("vermieter", "Vermieter", ()),
    ("vhs", "VHS", ()),
    ("beratungsstelle", "Beratungsstelle", ()),
    ("sonstige", "sonstige", ()),
]

THEMEN = {
    1: [
        ("krankenkasse", "Krankenkasse"),
        ("rundfunkbeitrag", "Rundfunkbeitrag"),
        ("versorger", "Strom/Gas/Wasser"),
        ("bankkonto", "Bankkonto"),
        ("sprachkurs", "Sprachkurs"),
        ("meldeadresse", "Meldeadresse"),
        ("jobcenter", "Jobcenter"),
    ],
    2: [
        ("schulplatz", "Schulplatz"),
        ("seiteneinstieg", "Seiteneinstiegsberatung (KI)"),
        ("schuleingang", "Schuleingangsuntersuchung"),
        ("kinderarzt", "Kinderarzt"),
        ("kitaplatz", "Kita-Platz"),
    ],
    3: [
        ("elterngespraech", "Elterngespräch"),
        ("schulinformation", "Informationen der Schule"),
        ("kita-kommunikation", "Kommunikation mit der Kita"),
    ],
    4: [
        ("vorsorge", "Vorsorge"),
        ("schwangerschaft", "Vorsorge in der Schwangerschaft"),
        ("impfungen", "Impfungen"),
        ("arzttermin", "Begleitung zu Arztterminen"),
    ],
    5: [
        ("kindeswohl", "Beobachtung Kindeswohl"),
        ("schulbesuch", "Regelmäßiger Schulbesuch"),
        ("u-untersuchung", "U-Untersuchungen"),
        ("vertrauen", "Vertrauen in Institutionen"),
    ],
}

SPRECHSTUNDEN_ORTE = [
    ("hamm-westen", "Hamm-Westen"),
    ("hamm-norden", "Hamm-Norden"),
    ("pelkum", "Pelkum"),
]

STARTERPAKET_ITEMS = [
    ("stadtplan", "Stadtplan mit Behörden"),
    ("busanbindungen", "Busanbindungen"),
    ("einkaufen", "Einkaufsmöglichkeiten"),
    ("kitas", "Kitas"),
    ("schulen", "Schulen"),
    ("aerzte", "Ärzte"),
    ("muelltrennung", "Hinweise: Mülltrennung"),
    ("treppenhaus", "Hinweise: Treppenhausreinigung"),
    ("heizen", "Hinweise: Heizen und Lüften"),
    ("kinderbetreuung", "Hinweise: Betreuung der Kinder"),
    ("nachtruhe", "Hinweise: Nachtruhe"),
    ("kontakt-betreuer", "Kontaktdaten des Betreuers"),
]

STARTERPAKET_EDITIONEN = [
    ("de", "Deutsch"),
    ("bg", "Bulgarisch"),
    ("ro", "Rumänisch"),
    ("tr", "Türkisch"),
]

SPRACHEN = [
    ("bg", "Bulgarisch"),
    ("ro", "Rumänisch"),
    ("tr", "Türkisch"),
    ("rom", "Romanes"),
    ("de", "Deutsch"),
    ("ar", "Arabisch"),
    ("uk", "Ukrainisch"),
    ("ru", "Russisch"),
    ("en", "Englisch"),
    ("sonstige", "sonstige"),
]

HERKUNFTSLAENDER = [
    ("bulgarien", "Bulgarien"),
    ("rumaenien", "Rumänien"),
    ("sonstiges", "sonstiges"),
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
