"""The lost-laptop document: what the coordination knows was on it, and a draft notification.

German whatever language the app speaks: it goes to the city's data protection officer
and, completed by them, to the supervisory authority (Art. 33/34 DSGVO), both German.
It names families, so it is built in memory and returned as bytes; only the coordinator's
"Speichern unter…" writes it anywhere. Blanks ("______") are what only people can know
(when and how the laptop was lost); everything else is filled in from the store.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from hamm_field.i18n.formatting import format_day, format_moment
from hamm_field.reports.lost_device_model import LostDeviceData, LostFamily
from hamm_field.reports.lost_device_texts import KINDS, SENSITIVE, notification
from hamm_field.reports.pdf_layout import WIDTH, Styles, build_pdf, grid_table, header_cells
from hamm_field.reports.pdf_layout import styles as make_styles

TITLE = "Verlorenes Gerät"
SUBTITLE = ("Bestandsaufnahme der Koordination und Entwurf der Meldung an die "
            "Datenschutzbeauftragte (Art. 33/34 DSGVO)")  # fmt: skip
BLANK = "______"


def day(value: object) -> str:
    return format_day(value, "de") if value else "–"  # type: ignore[arg-type]


def moment(value: object) -> str:
    """A stored UTC time as the local time of the computer that makes the document."""
    return format_moment(value.astimezone(), "de") if value else "–"  # type: ignore[attr-defined]


class _Document:
    def __init__(self, data: LostDeviceData) -> None:
        self.data, self.style = data, make_styles()

    def para(self, text: str, style: object = None) -> Paragraph:
        return Paragraph(text, style or self.style.body)  # type: ignore[arg-type]

    def cell(self, text: str, bold: bool = False) -> Paragraph:
        style = self.style.cell_bold if bold else self.style.cell
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def device(self) -> list[Flowable]:
        data = self.data
        worker = f"{data.worker_name} ({data.team})" if data.team else data.worker_name
        rows = [
            ("Mitarbeiter/in", worker or "–"),
            ("Gerät (Kennung)", data.device_id),
            ("In Hamm Field gesperrt am", day(data.revoked_on)),
            ("Pakete vom Laptop eingelesen", f"{data.packages} (erstes "
                                             f"{moment(data.first_package)}, letztes "
                                             f"{moment(data.last_package)})"),
            ("Rückpakete an den Laptop geschrieben", f"{data.returns} (letztes "
                                                      f"{moment(data.last_return)})"),
            ("Älteste Daten (Datum eines Eintrags)", day(data.oldest)),
            ("Familien / Personen", f"{len(data.families)} / {data.persons}"),
        ]  # fmt: skip
        cells = [[self.cell(label, bold=True), self.cell(value)] for label, value in rows]
        table = grid_table(cells, [62 * mm, WIDTH - 62 * mm], self.style, numeric_from=2,
                           header_rows=0)
        since = moment(data.last_package) if data.last_package else "dem Einrichten"
        unknown = (f"<b>Was seit dem letzten Paket ({escape(since)}) auf dem Laptop erfasst "
                   "wurde, ist der Koordination nicht bekannt.</b> Neue Familien, Kontakte, "
                   "Notizen und Entwürfe nach diesem Zeitpunkt fehlen in dieser Aufstellung; "
                   "sie sind ebenso betroffen.")  # fmt: skip
        return [self.para("1. Das Gerät", self.style.h1), table, Spacer(1, 3 * mm),
                self.para(unknown)]  # fmt: skip

    def kinds(self) -> list[Flowable]:
        rows: list[list[object]] = [header_cells(["Datenart", "Gespeicherte Angaben",
                                                  "Datensätze"], self.style, numeric_from=2)]
        for table, count in self.data.records:
            label, fields = KINDS.get(table, (table, ""))
            rows.append([self.cell(label, bold=True), self.cell(fields), str(count)])
        if len(rows) == 1:
            rows.append([self.cell("keine"), self.cell(""), ""])
        return [
            self.para("2. Datenarten auf dem Laptop", self.style.h1),
            self.para("Datensätze dieser Familien, wie die Koordination sie heute kennt; "
                      "Beobachtungen zum Kindeswohl nur die der Mitarbeiterin oder des "
                      "Mitarbeiters dieses Laptops. Dazu kommen Name, Rolle und Träger "
                      "aller Mitarbeitenden des Teams.", self.style.small),
            Spacer(1, 2 * mm),
            grid_table(rows, [42 * mm, WIDTH - 64 * mm, 22 * mm], self.style, numeric_from=2,
                       valign="TOP"),
        ]  # fmt: skip

    def family_name(self, family: LostFamily) -> str:
        if family.erased:
            return "(nach Art. 17 DSGVO gelöscht)"
        return f"{family.name} (Pseudonym)" if family.pseudonym else family.name

    def source(self, family: LostFamily) -> str:
        parts = []
        if family.last_return is not None:
            parts.append("im letzten Rückpaket" if family.in_last_return
                         else f"bis Rückpaket vom {moment(family.last_return)}")  # fmt: skip
        if family.written:
            parts.append("auf dem Laptop erfasst oder bearbeitet")
        if family.assigned:
            parts.append("heute der Mitarbeiterin oder dem Mitarbeiter zugeordnet")
        return "; ".join(parts)

    def families(self) -> list[Flowable]:
        data = self.data
        rows: list[list[object]] = [header_cells(
            ["Nr.", "Familie", "Sozialraum", "Personen", "Woher die Koordination es weiß"],
            self.style, numeric_from=5)]  # fmt: skip
        for number, family in enumerate(data.families, 1):
            rows.append([str(number), self.cell(self.family_name(family)),
                         self.cell(family.sozialraum), str(family.persons),
                         self.cell(self.source(family))])  # fmt: skip
        story: list[Flowable] = [
            self.para(f"3. Familien auf dem Laptop ({len(data.families)})", self.style.h1),
            self.para("Jede Familie, die ein Rückpaket der Koordination an diesen Laptop "
                      "enthielt oder zu der seine Pakete Einträge brachten. Eine Familie, die "
                      "nicht mehr im letzten Rückpaket war, hat der Laptop beim Einlesen "
                      "dieses Rückpakets entfernt, sobald seine Änderungen bestätigt waren; "
                      "ob er es eingelesen hat, weiß die Koordination nicht. Sie ist deshalb "
                      "mit aufgeführt. Eine nach Art. 17 gelöschte Familie steht ohne Namen "
                      "da; ihre Daten waren auf dem Laptop, bis er ein Rückpaket nach der "
                      "Löschung eingelesen hat.", self.style.small),
            Spacer(1, 2 * mm),
        ]  # fmt: skip
        if data.unrecorded_returns:
            story += [self.para(
                "<b>Der Laptop hat Rückpakete eingelesen, die eine ältere Version von Hamm "
                "Field geschrieben und nicht verzeichnet hat.</b> Aufgeführt sind deshalb "
                "auch alle Familien, die der Mitarbeiterin oder dem Mitarbeiter heute "
                "zugeordnet sind.", self.style.small), Spacer(1, 2 * mm)]  # fmt: skip
        if not data.families:
            return [*story, self.para("Nach Wissen der Koordination waren keine Familien "
                                      "auf diesem Laptop.")]  # fmt: skip
        widths = [10 * mm, 52 * mm, 30 * mm, 16 * mm, WIDTH - 108 * mm]
        table = grid_table(rows, widths, self.style, numeric_from=5, valign="TOP")
        return [*story, table]

    def draft(self) -> list[Flowable]:
        story: list[Flowable] = [
            PageBreak(),
            self.para("4. Entwurf: Meldung an die Datenschutzbeauftragte", self.style.h1),
            self.para("Vorausgefüllt aus Hamm Field. Bitte die Lücken (" + BLANK + ") ergänzen "
                      "und prüfen. Die Meldung an die Aufsichtsbehörde ist binnen 72 Stunden "
                      "nach Bekanntwerden fällig (Art. 33 Abs. 1 DSGVO).", self.style.small),
        ]  # fmt: skip
        sensitive = [label for table, label in SENSITIVE.items() if self.data.holds(table)]
        for heading, text in notification(self.data, sensitive, day, moment):
            story += [self.para(escape(heading), self.style.h2),
                      self.para(escape(text).replace("\n", "<br/>"))]  # fmt: skip
        return story

    def story(self) -> list[Flowable]:
        style: Styles = self.style
        return [
            self.para(TITLE, style.title), self.para(SUBTITLE, style.subtitle),
            Spacer(1, 6 * mm), *self.device(), Spacer(1, 4 * mm), *self.kinds(),
            Spacer(1, 4 * mm), *self.families(), *self.draft(),
        ]  # fmt: skip


def render_lost_device(data: LostDeviceData) -> bytes:
    """The document as PDF bytes, built in memory."""
    document = _Document(data)
    short = data.device_id[-8:]
    header = f"{TITLE} · {data.worker_name} · Gerät {short}"
    footer = (f"Hamm Field {data.app_version} · erstellt {moment(data.created)} · "
              "Vertraulich: enthält personenbezogene Daten")  # fmt: skip

    def decorate(page: int, total: int) -> tuple[str, str, str]:
        return header, footer, f"Seite {page} von {total}"

    return build_pdf(document.story(), title=TITLE, decorate=decorate)
