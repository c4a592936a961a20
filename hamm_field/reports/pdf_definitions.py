"""The last page of every Kennzahlen PDF: what each figure counts, in words.

A funder reads "300 begleitete Familien" without the app at hand; the page states the
rules of ``kennzahlen.py`` and ``kennzahlen_sql.py`` (DOMAIN.md: "definitions that reports
state in their notes"), so two reports can be compared and a figure questioned. The texts
are fixed German, translated like the rest of the report.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.pdf_layout import WIDTH, Styles, grid_table

TERM_WIDTH = 46 * mm

SUPPRESSION_NOTE = N_(
    "Extern weitergegebene Berichte weisen Werte von 1 bis 4 als „< 5“ aus, damit niemand "
    "erkennbar wird; 0 bleibt 0, denn ein leeres Feld lässt auf niemanden schließen. Mit "
    "„x“ verborgen sind Werte, aus denen sich sonst ein solcher kleiner Wert errechnen "
    "ließe, etwa als Gesamtzahl abzüglich der übrigen Zeilen. Mit einem verborgenen Wert "
    "entfallen auch die daraus abgeleiteten Angaben: Begleitungsstunden, Anteile, "
    "Veränderungen gegenüber der Vorperiode und Balken in den Diagrammen. Die Tabelle nach "
    "Mitarbeitenden fehlt in externen Berichten."
)
"""How an external report hides small values (``reports/suppression.py`` decides)."""

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (N_("Begleitungen"),
     N_("Kontakte der Art Begleitung: jemand geht mit der Familie zu einem Termin bei einer "
        "Institution. Jede Begleitung zählt einmal.")),
    (N_("Begleitungsstunden"),
     N_("Die erfasste Dauer aller Begleitungen im Zeitraum, zusammengezählt, in Stunden.")),
    (N_("Kontakte"),
     N_("Jeder Kontakt, gleich welcher Art (Begleitung, Beratung, Hausbesuch …); eine "
        "Veranstaltung zählt als ein Kontakt.")),
    (N_("begleitete Familien"),
     N_("Familien mit mindestens einem Kontakt im Zeitraum, gleich welcher Art. Jede Familie "
        "zählt einmal, auch mit vielen Kontakten; eine Veranstaltung zählt keine Familie.")),
    (N_("neu aufgenommene Familien"),
     N_("Familien, deren erster Kontakt im Zeitraum liegt: das erfasste Datum des "
        "Erstkontakts, sonst der früheste Kontakt der Familie.")),
    (N_("Starterpakete"),
     N_("Im Zeitraum ausgegebene Starterpakete, auch nach Sprachausgabe.")),
    (N_("Veranstaltungen und Teilnehmende"),
     N_("Kontakte der Art Veranstaltung und die Summe ihrer Teilnehmenden.")),
    (N_("Integrationsziele"),
     N_("gesamt: Ziele, die im Zeitraum galten (vereinbart bis zum Ende des Zeitraums und "
        "nicht vor seinem Beginn erreicht oder verworfen); erreicht: Ziele, deren Status "
        "im Zeitraum auf „erreicht“ wechselte.")),
    (N_("Kindeswohl-Hinweise (erheblich)"),
     N_("Beobachtungen zum Kindeswohl im Zeitraum mit der Einschätzung „erheblich“; "
        "Beobachtungen mit „keine“ oder „gering“ zählen nicht. Der Bericht nennt nur ihre "
        "Anzahl, nie eine Familie oder ein Kind.")),
    (N_("Aufschlüsselungen"),
     N_("Je Wert die Kontakte, Begleitungen und Familien. Kontakte und Begleitungen ergeben "
        "zusammen die Summe; Familien nicht, denn eine Familie kann unter mehreren Werten "
        "zählen (etwa im März und im Mai).")),
    (N_("Nach Sprache"),
     N_("Die Sprache, in der der Kontakt geführt wurde, nicht die Sprachen der Familie.")),
    (N_("Gelöschte Einträge"),
     N_("Gelöschte Einträge zählen nicht, auch keine Kontakte einer gelöschten Familie. "
        "Nach DSGVO gelöschte Familien zählen weiter: entfernt sind ihre Personendaten, "
        "nicht die geleistete Arbeit.")),
    (N_("o. A."),
     N_("„ohne Angabe“: ein Wert, den der Eintrag haben sollte und nicht hat. Er wird nie "
        "als 0 oder unter einem anderen Wert gezählt.")),
    (N_("entfällt"),
     N_("Die Aufschlüsselung passt nicht zum Eintrag: eine Veranstaltung hat kein "
        "Herkunftsland (sie gehört zu keiner Familie), und nur Begleitung, Vermittlung und "
        "Schriftstück erläutert fragen nach einer Institution.")),
    (N_("Filter"),
     N_("Träger: die Organisation, für die die Person arbeitet, die den Eintrag erfasst hat "
        "(bei neu aufgenommenen Familien: die zuständige Person), etwa Stadt Hamm oder AWO. "
        "Rolle: die Rolle dieser Person (Schlüsselfigur, Sozialbetreuer/in, Koordination). "
        "Kontakte zählen nach ihrem eigenen Sozialraum und Integrationspaket, die übrigen "
        "Einträge nach denen der Familie.")),
)  # fmt: skip
"""(term, definition), in the order of the overview table."""


def definitions_page(style: Styles) -> list[Flowable]:
    """The heading and the terms with their definitions; the caller starts a new page."""
    rows = [[Paragraph(escape(_(term)), style.cell_bold), Paragraph(escape(_(text)), style.cell)]
            for term, text in (*DEFINITIONS, (N_("Weitergabe"), SUPPRESSION_NOTE))]  # fmt: skip
    table = grid_table(rows, [TERM_WIDTH, WIDTH - TERM_WIDTH], style, header_rows=0,
                       numeric_from=2, valign="TOP")  # fmt: skip
    return [Paragraph(escape(_("Begriffe und Zählregeln")), style.h1), Spacer(1, 1 * mm), table]
