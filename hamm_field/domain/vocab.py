"""Fixed vocabularies: the values the program's logic depends on.

What the coordination may change (Sozialräume, Institutionen, Themen, …) is master
data in the store, not here. Enum values are stable codes stored in the database and
sent in packages; the German labels are marked for translation and translated when shown.
"""

from __future__ import annotations

from enum import StrEnum

from hamm_field.i18n import N_, gettext


class Labelled(StrEnum):
    """An enum whose members carry a translatable German label."""

    @property
    def label(self) -> str:
        return gettext(self._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError


class WorkerRole(Labelled):
    SCHLUESSELFIGUR = "schluesselfigur"
    SOZIALBETREUER = "sozialbetreuer"
    KOORDINATION = "koordination"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "schluesselfigur": N_("Schlüsselfigur"),
            "sozialbetreuer": N_("Sozialbetreuer/in"),
            "koordination": N_("Koordination"),
        }


class DeviceRole(Labelled):
    FIELD = "field"
    CENTRAL = "central"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"field": N_("Laptop im Feld"), "central": N_("Zentrale Ablage der Koordination")}


class ContactKind(Labelled):
    BEGLEITUNG = "begleitung"
    BERATUNG = "beratung"
    HAUSBESUCH = "hausbesuch"
    SPRECHSTUNDE = "sprechstunde"
    SCHRIFTSTUECK = "schriftstueck"
    TELEFONAT = "telefonat"
    VERMITTLUNG = "vermittlung"
    VERANSTALTUNG = "veranstaltung"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "begleitung": N_("Begleitung"),
            "beratung": N_("Beratung"),
            "hausbesuch": N_("Hausbesuch"),
            "sprechstunde": N_("Sprechstunde"),
            "schriftstueck": N_("Schriftstück erläutert"),
            "telefonat": N_("Telefonat/Nachricht"),
            "vermittlung": N_("Vermittlung"),
            "veranstaltung": N_("Veranstaltung"),
        }


INSTITUTION_KINDS = frozenset({ContactKind.BEGLEITUNG.value, ContactKind.VERMITTLUNG.value,
                               ContactKind.SCHRIFTSTUECK.value})
"""Kinds whose contact is about one institution; a Hausbesuch or a Sprechstunde is not, so
the family's last institution is no default there (it would be counted under it), and the
Kennzahlen count such a contact without one under "entfällt", not "o. A."."""


PAKET_LABELS = {
    1: N_("Neuzugewanderte"),
    2: N_("Familien mit Kindern"),
    3: N_("Familien mit Kindern in Kita und Schule"),
    4: N_("Gesundheitsprävention und -information"),
    5: N_("Familien in Notlagen"),
}
PAKETE: tuple[int, ...] = tuple(PAKET_LABELS)
"""The five fixed, numbered Integrationspakete: the one list that forms, filters, the
command line and validation offer and check."""


def paket_label(number: int) -> str:
    return gettext(PAKET_LABELS[number])


class FamilyStatus(Labelled):
    AKTIV = "aktiv"
    RUHEND = "ruhend"
    ABGESCHLOSSEN = "abgeschlossen"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"aktiv": N_("aktiv"), "ruhend": N_("ruhend"), "abgeschlossen": N_("abgeschlossen")}


class Referral(Labelled):
    STADT = "stadt"
    SCHULE = "schule"
    KITA = "kita"
    ARZT = "arzt"
    SELBSTMELDER = "selbstmelder"
    SONSTIGE = "sonstige"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "stadt": N_("vermittelt durch Stadt"),
            "schule": N_("vermittelt durch Schule"),
            "kita": N_("vermittelt durch Kita"),
            "arzt": N_("vermittelt durch Arzt"),
            "selbstmelder": N_("Selbstmelder"),
            "sonstige": N_("sonstige"),
        }


class Relation(Labelled):
    ELTERNTEIL = "elternteil"
    KIND = "kind"
    SONSTIGE = "sonstige"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"elternteil": N_("Elternteil"), "kind": N_("Kind"), "sonstige": N_("sonstige")}


class Insurance(Labelled):
    JA = "ja"
    NEIN = "nein"
    UNKLAR = "unklar"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"ja": N_("ja"), "nein": N_("nein"), "unklar": N_("unklar")}


class CasePhase(int):
    NUMBERS = (1, 2, 3, 4)


PHASE_LABELS = {
    1: N_("Einstieg"),
    2: N_("Integrationsplanung"),
    3: N_("Integration in die Regelsysteme"),
    4: N_("Umsetzung und Überprüfung der Integrationsziele"),
}


def phase_label(number: int) -> str:
    return gettext(PHASE_LABELS[number])


class GoalStatus(Labelled):
    OFFEN = "offen"
    IN_ARBEIT = "in_arbeit"
    ERREICHT = "erreicht"
    NICHT_ERREICHT = "nicht_erreicht"
    VERWORFEN = "verworfen"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "offen": N_("offen"),
            "in_arbeit": N_("in Arbeit"),
            "erreicht": N_("erreicht"),
            "nicht_erreicht": N_("nicht erreicht"),
            "verworfen": N_("verworfen"),
        }


class SchoolAttendance(Labelled):
    REGELMAESSIG = "regelmaessig"
    UNREGELMAESSIG = "unregelmaessig"
    KEIN_SCHULBESUCH = "kein_schulbesuch"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "regelmaessig": N_("regelmäßig"),
            "unregelmaessig": N_("unregelmäßig"),
            "kein_schulbesuch": N_("kein Schulbesuch"),
        }


class UStatus(Labelled):
    """Status of the child's U-Untersuchungen (paediatric check-ups)."""

    AKTUELL = "aktuell"
    UEBERFAELLIG = "ueberfaellig"
    UNBEKANNT = "unbekannt"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "aktuell": N_("aktuell"),
            "ueberfaellig": N_("überfällig"),
            "unbekannt": N_("unbekannt"),
        }


class Concern(Labelled):
    KEINE = "keine"
    GERING = "gering"
    ERHEBLICH = "erheblich"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "keine": N_("keine"),
            "gering": N_("gering"),
            "erheblich": N_("erheblich – braucht die Koordination"),
        }


class MasterKind(StrEnum):
    """Kinds of editable master data kept in the ``master_item`` table."""

    SOZIALRAUM = "sozialraum"
    HANDLUNGSFELD = "handlungsfeld"
    INSTITUTION = "institution"
    THEMA = "thema"
    SPRECHSTUNDEN_ORT = "sprechstunden_ort"
    STARTERPAKET_ITEM = "starterpaket_item"
    STARTERPAKET_EDITION = "starterpaket_edition"
    SPRACHE = "sprache"
    HERKUNFTSLAND = "herkunftsland"
