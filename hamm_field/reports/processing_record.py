"""The Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO) as a German PDF.

Its sections follow the letters of Art. 30 Abs. 1: controller (a), purposes (b), categories
of persons and of data (c), recipients (d), third countries (e), Löschfristen (f) and the
technical and organisational measures (g). What the program knows comes from the
:class:`ProcessingRecord` the service read from this installation; what only the city knows
(controller, data protection officer, legal basis, approval) are empty fields with room to
write by hand or to fill in a PDF editor.

The text is German only and not marked for translation: the record is kept for the city's
data protection officer and the supervisory authority, in the language of the authority.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from hamm_field.i18n.formatting import format_moment
from hamm_field.reports.pdf_layout import (
    GREY,
    LINE,
    WIDTH,
    Styles,
    build_pdf,
    grid_table,
    header_cells,
)
from hamm_field.reports.pdf_layout import styles as make_styles
from hamm_field.reports.processing_record_model import Entry, ProcessingRecord

TITLE = "Verzeichnis von Verarbeitungstätigkeiten"
ACTIVITY = "Dokumentation der aufsuchenden Integrationsarbeit mit Hamm Field"
BLANK_ROW = 11 * mm  # room to write a line by hand

CONTROLLER = (
    "Verantwortliche Stelle (Name, Anschrift)",
    "Vertretung der Leitung",
    "Fachlich zuständige Organisationseinheit",
    "Ansprechperson für das Verfahren (Name, Telefon, E-Mail)",
    "Datenschutzbeauftragte/r (Name, Kontaktdaten)",
    "Gemeinsam Verantwortliche (Art. 26) / Auftragsverarbeiter (Art. 28), z. B. Träger",
)
PURPOSES = (
    "Dokumentation der Begleitung, Beratung und Vermittlung von Familien aus EU-Staaten "
    "durch Schlüsselfiguren und Sozialbetreuer/innen (Kontakte, Fallphasen, "
    "Integrationsziele), damit die Arbeit mit einer Familie fortgesetzt und übergeben "
    "werden kann.",
    "Ausgabe der Starterpakete und ihre Empfangsbestätigung.",
    "Wahrnehmung des Schutzauftrags bei Kindeswohlgefährdung: Beobachtungen zum Kindeswohl, "
    "sichtbar nur für die erfassende Person und die Koordination.",
    "Zusammenführung der Dokumentation der Laptops in der Koordination (Sync-Pakete) und "
    "Zuständigkeit, Übergabe und Teilen von Familien im Team.",
    "Kennzahlen für Steuerung und Berichte an Fördergeber: nur zusammengefasste Zahlen, in "
    "Berichten für außen mit Werten unter 5 verborgen.",
    "Erfüllung der Rechte der betroffenen Personen: Auskunft (Art. 15) als PDF, Daten als "
    "JSON-Datei (Art. 20), Löschung (Art. 17), die sich auf alle Laptops überträgt.",
)
LEGAL_BASIS_HINT = (
    "Hamm Field erfasst Einwilligungen je Familie oder Person mit den Umfängen "
    "„Dokumentation“ und „Weitergabe an Institutionen“, mit Datum, Sprache des Formulars und "
    "Widerruf."
)
THIRD_COUNTRIES = (
    "Keine. Hamm Field hat keine Netzwerkfunktion und keinen Cloud-Dienst. Daten verlassen ein "
    "Gerät nur als verschlüsseltes und signiertes Sync-Paket zwischen Laptop und Koordination "
    "(USB-Stick oder Ordner) oder als Datei, die eine Person ausdrücklich speichert (Auskunft, "
    "Bericht)."
)
APPROVAL = (
    "Rechtsgrundlage(n) der Verarbeitung (Art. 6, Art. 9 DSGVO, Fachgesetz)",
    "Datenschutz-Folgenabschätzung (Art. 35) erforderlich? Ergebnis",
    "Datum der Prüfung",
    "Bemerkungen der/des Datenschutzbeauftragten",
    "Freigabe (Name, Datum, Unterschrift)",
    "Nächste Überprüfung am",
)


class _Document:
    def __init__(self, record: ProcessingRecord, style: Styles) -> None:
        self.record, self.style = record, style
        self.label = ParagraphStyle("label", style.cell, textColor=GREY)
        self.item = ParagraphStyle("item", style.body, leftIndent=5 * mm, bulletIndent=1 * mm,
                                   spaceAfter=2)  # fmt: skip

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style or self.style.cell)

    def heading(self, number: int, text: str, letter: str) -> Paragraph:
        return Paragraph(f"{number}. {escape(text)} <font size=8 color='#5b6775'>"
                         f"(Art. 30 Abs. 1 {escape(letter)})</font>",
                         self.style.h1)  # fmt: skip

    def pairs(self, rows: Sequence[Entry], head: tuple[str, str], first: float = 58 * mm
              ) -> Flowable:  # fmt: skip
        cells: list[list[object]] = [header_cells(head, self.style, numeric_from=2)]
        cells += [[self.p(row.name, self.style.cell_bold), self.p(row.text)] for row in rows]
        return grid_table(cells, [first, WIDTH - first], self.style, numeric_from=2,
                          valign="TOP")  # fmt: skip

    def blanks(self, labels: Sequence[str]) -> Flowable:
        """Each label over an empty line with room to write; boxed so it reads as a form."""
        rows: list[list[object]] = []
        for label in labels:
            rows += [[self.p(label, self.label)], [""]]
        table = Table(rows, colWidths=[WIDTH], rowHeights=[None, BLANK_ROW] * len(labels),
                      hAlign="LEFT")  # fmt: skip
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.style.regular),
            ("BOX", (0, 0), (-1, -1), 0.6, GREY),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            *[("LINEBELOW", (0, row), (-1, row), 0.4, LINE)
              for row in range(1, 2 * len(labels) - 1, 2)],
        ]))  # fmt: skip
        return table

    def opening(self) -> list[Flowable]:
        record, style = self.record, self.style
        moment = format_moment(record.generated_at, "de")
        title = ParagraphStyle("record_title", style.title, fontSize=20, leading=25)
        return [
            Paragraph(escape(TITLE), title),
            Paragraph("nach Art. 30 Abs. 1 der Datenschutz-Grundverordnung (DSGVO)",
                      style.subtitle),
            Spacer(1, 4 * mm),
            Paragraph(f"<b>Verarbeitungstätigkeit:</b> {escape(ACTIVITY)}", style.body),
            Spacer(1, 2 * mm),
            Paragraph(escape(
                f"Erstellt von Hamm Field {record.app_version} am {moment} aus den "
                "Einstellungen dieser Installation: Zahlen, Fristen und Sicherheitswerte sind "
                "die hier tatsächlich eingestellten. Die leeren Felder ergänzen die "
                "verantwortliche Stelle und die/der Datenschutzbeauftragte."), style.body),
            Spacer(1, 3 * mm),
            self.pairs(record.installation, ("Installation", "Stand")),
        ]

    def sections(self) -> list[Flowable]:
        record, style = self.record, self.style
        story: list[Flowable] = [
            self.heading(1, "Verantwortlicher", "lit. a"), self.blanks(CONTROLLER),
            self.heading(2, "Zwecke der Verarbeitung", "lit. b"),
            *[Paragraph(escape(text), self.item, bulletText="•") for text in PURPOSES],
            Spacer(1, 1 * mm), Paragraph(escape(LEGAL_BASIS_HINT), style.small),
            self.heading(3, "Kategorien betroffener Personen", "lit. c"),
            self.pairs(record.persons, ("Kategorie", "Beschreibung und Anzahl")),
            self.heading(4, "Kategorien personenbezogener Daten", "lit. c"),
        ]
        cells: list[list[object]] = [header_cells(("Datensatz", "Felder"), style,
                                                  numeric_from=2)]  # fmt: skip
        for category in record.data:
            fields: list[Flowable] = [self.p(", ".join(category.fields))]
            if category.note:
                fields.append(self.p(category.note, self.label))
            cells.append([self.p(category.name, style.cell_bold), fields])
        story.append(grid_table(cells, [40 * mm, WIDTH - 40 * mm], style, numeric_from=2,
                                valign="TOP"))  # fmt: skip
        retention: list[list[object]] = [header_cells(("Art der Daten", "Frist", "Grundlage"),
                                                      style, numeric_from=3)]  # fmt: skip
        retention += [[self.p(line.data, style.cell_bold), self.p(line.period),
                       self.p(line.basis)] for line in record.retention]  # fmt: skip
        story += [
            self.heading(5, "Empfänger", "lit. d"),
            self.pairs(record.recipients, ("Empfänger", "Was und wann")),
            self.heading(6, "Übermittlung in Drittländer", "lit. e"),
            Paragraph(escape(THIRD_COUNTRIES), style.body),
            self.heading(7, "Löschfristen", "lit. f"),
            grid_table(retention, [64 * mm, WIDTH - 100 * mm, 36 * mm], style,
                       numeric_from=3, valign="TOP"),
            self.heading(8, "Technische und organisatorische Maßnahmen", "lit. g"),
            self.pairs(record.measures,
                       ("Maßnahme (Art. 32)", "Wie umgesetzt (Werte dieser Installation)"),
                       first=46 * mm),
            KeepTogether([Paragraph("9. Prüfung und Freigabe", style.h1),
                          self.blanks(APPROVAL)]),
        ]  # fmt: skip
        return story


def render_processing_record(record: ProcessingRecord) -> bytes:
    """The record as PDF bytes (built in memory like every document of the program)."""
    document = _Document(record, make_styles())
    story = document.opening() + document.sections()
    moment = format_moment(record.generated_at, "de")

    def decorate(page: int, total: int) -> tuple[str, str, str]:
        return (f"{TITLE} (Art. 30 DSGVO) · Hamm Field",
                f"Hamm Field {record.app_version} · erstellt {moment}",
                f"Seite {page} von {total}")  # fmt: skip

    return build_pdf(story, title=TITLE, decorate=decorate)
