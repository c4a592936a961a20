"""No German (nor Qt's English) where a Bulgarian reader looks, nor a Romanian or Turkish one.

Every main screen, the family with each of its tabs, the main dialogs and Qt's own file
dialog are shown in bg, ro and tr on a demo store, and every visible text is read: labels,
buttons, titles, headers, combo entries and the cells of the tables (master data such as
languages and countries is translated, and demo data is data, in no language). The
Bulgarian Kennzahlen PDF and the Bulgarian part of an Art. 15 PDF are read back with
pdftotext. A text fails when it holds a word of :data:`GERMAN`; Sozialräume, places,
schools, addresses and people keep their names, and none of them is such a word.

A msgid added since the last translator pass fails here until it is translated: the
failure lists each leaking text and where it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)

from hamm_field.i18n import translator
from hamm_field.reports.model import Period
from hamm_field.reports.person_data_texts import TEXT
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.language import apply_language
from hamm_field.ui.pages.settings_page import LANGUAGE_NAMES
from tests.conftest import TODAY
from tests.gui.support import open_window
from tests.i18n.conftest import drop_closed_windows
from tests.i18n.screens import busy_family, main_screens, settle, shown_widgets, texts
from tests.reports.pdf_tools import page_texts

pytestmark = [
    pytest.mark.gui,
    # Qt's file dialog asks the offscreen platform for things it cannot do.
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

GERMAN = (
    # what the field reported
    "Familie", "Familien", "Bulgarien", "Rumänien", "Bulgarisch", "Türkisch", "Deutsch",
    "Rumänisch", "Romanes", "Arabisch", "Ukrainisch", "Russisch", "Englisch",
    "Kinderarztpraxis", "Krankenkasse", "Krankenhaus", "Gesundheitsamt", "Jugendamt",
    "Sozialamt", "Ausländerbehörde", "Bürgeramt", "Familienkasse", "Vermieter",
    "Beratungsstelle", "Energieversorger", "Schule", "sonstige", "sonstiges",
    # Qt's English where its catalogs have gaps
    "Look in", "Files of type", "Folder", "Drive",
    # the small words of any German sentence, and the app's everyday words
    "und", "oder", "nicht", "bitte", "Bitte", "mit", "für", "noch", "keine", "Keine",
    "Kontakt", "Kontakte", "Begleitung", "Begleitungen", "Einwilligung", "Datum",
    "Speichern", "Abbrechen", "Schließen", "Löschen", "Suchen", "Neue", "Neuer",
    "übergeben", "erfasst", "zuständig", "Sprache", "Ordner", "Datei",
)
NATIVE = {"ro": {"Familie", "Folder"}}
"""Words of the list that are the language's own (Romanian "familie", "folder")."""


OFFICES_AS_IN_THE_GLOSSARY = re.compile(
    r"(?<!\w)(Ausländerbehörde|Bürgeramt|Familienkasse|Gesundheitsamt|Jugendamt|Sozialamt|"
    r"Jobcenter|Kommunales Integrationszentrum|VHS) \(")
"""An office keeps its German name, as families meet it, with its explanation in brackets
(translations/GLOSSARY.md): the name is allowed there, the explanation is still checked."""


def _words(language: str) -> re.Pattern[str]:
    words = [w for w in GERMAN if w not in NATIVE.get(language, set())]
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


LANGUAGES = ["bg", "ro", "tr"]  # the families' languages; Bulgarian is the most common


@pytest.fixture(params=LANGUAGES)
def language(request, qapp, german_afterwards) -> str:
    drop_closed_windows()
    apply_language(request.param)
    return request.param


def leaks(where: str, found: Iterable[tuple[str, str]], language: str = "bg") -> list[str]:
    """``where: text`` for each text holding a German word, the word named."""
    pattern, lines = _words(language), dict[str, None]()
    for place, text in found:
        text = OFFICES_AS_IN_THE_GLOSSARY.sub("(", text or "")
        words = sorted(set(pattern.findall(text)))
        if words and len(text) <= 120:
            lines[f"{where} · {place}: {text!r} ({', '.join(words)})"] = None
        for match in pattern.finditer(text if len(text) > 120 else ""):  # a PDF page
            context = text[max(0, match.start() - 30):match.end() + 30]
            lines[f"{where} · {place}: …{context}… ({match.group()})"] = None
    return list(lines)


def everything(root: QWidget) -> Iterator[tuple[str, str]]:
    """The UI texts of ``root`` and what else a person reads there: combo entries,
    tool tips of icon buttons, table cells (the first rows)."""
    yield from texts(root)
    for widget in shown_widgets(root):
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                text = widget.itemText(index)
                if LANGUAGE_NAMES.get(widget.itemData(index)) != text:  # "Deutsch" is German
                    yield f"{name} entry {index}", text
        if isinstance(widget, QAbstractButton) and widget.toolTip():
            yield f"{name} tool tip", widget.toolTip()
        if (isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView)
                and widget.model() is not None):
            yield from _cells(widget, name)
    for label in root.findChildren(QLabel):  # data labels too: "übergeben am …"
        if label.isVisibleTo(root):
            yield f"QLabel {label.objectName()}", label.text()


def _cells(view: QAbstractItemView, name: str) -> Iterator[tuple[str, str]]:
    model, root = view.model(), view.rootIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(min(model.rowCount(root), 40)):
        for column in range(columns):
            value = model.index(row, column, root).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"{name} row {row} column {column}", value


def test_main_screens_and_dialogs_show_no_german(qtbot, ui, demo_services, language):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    apply_language(language)
    found = []
    for screen in main_screens(qtbot, window, family):
        found += leaks(screen, everything(window), language)
    tabs = window.detail.findChild(QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle(qtbot, ui)
        found += leaks(f"FamilyDetailPage tab {index}", everything(window), language)
    dialogs = {"Kontakt erfassen": window.new_contact(family),
               "Starterpaket": window.hand_out(family),
               "Familie": FamilyDialog(ui, family, parent=window)}
    for dialog in dialogs.values():
        dialog.show()
    settle(qtbot, ui)
    for name, dialog in dialogs.items():
        found += leaks(name, everything(dialog), language)
        getattr(dialog, "close_keeping_draft", dialog.close)()
    settle(qtbot, ui)
    assert not found, f"German in {language}:\n" + "\n".join(found)


def test_qts_file_dialog_shows_no_german_nor_english(qtbot, tmp_path, language):
    """Qt's own file dialog, as the app shows it where the system has none (Linux)."""
    (tmp_path / "Sicherung").mkdir()
    (tmp_path / "bericht.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = QFileDialog(None, "", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QAbstractItemView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 2)
    settle(qtbot)
    found = leaks("QFileDialog", everything(dialog), language)
    assert not found, f"German or English in {language}:\n" + "\n".join(found)


def test_bulgarian_pdfs_show_no_german(demo_services, qapp, german_afterwards):
    """The Kennzahlen as a Bulgarian reader exports them, and the Bulgarian part of the
    Art. 15 report a German-speaking worker hands to a Bulgarian family."""
    apply_language("bg")
    reports = demo_services.reports
    year = reports.report(Period(dt.date(TODAY.year, 1, 1), TODAY, "jahr"))
    found = leaks("Kennzahlen", enumerate(page_texts(reports.render(year, "pdf"))))
    apply_language("de")
    family = _bulgarian_family(demo_services)
    pages = page_texts(demo_services.person_data.family(family))
    title = translator("bg")(TEXT["title"])
    first = next(index for index, page in enumerate(pages) if title in page)
    written = _as_written(demo_services.person_data.gather(family)[0])
    bulgarian = [_without(page, written) for page in pages[first:]]
    found += leaks("Art. 15, bulgarischer Teil", enumerate(bulgarian, start=first))
    assert not found, "German in Bulgarian:\n" + "\n".join(found)


def _bulgarian_family(services) -> str:
    """My demo family with the longest timeline among those whose second language is bg."""
    mine = services.views.search_families(FamilyFilter(worker_id=services.context.worker_id),
                                          limit=50)
    readers = [f.id for f in mine if services.person_data.gather(f.id)[1][1] == "bg"]
    return max(readers, key=lambda family: len(services.views.timeline(family)))


def _as_written(data) -> list[str]:
    """What the report prints as it was written: the free text of the records, the
    office's German name, and the German header every page carries; longest first."""
    texts = [translator("de")(TEXT["header"]), "Amt für Integration"]
    for c in data.contacts:
        texts += [c.note, c.outcome, c.title]
    texts += [h.note for h in data.handouts] + [p.note for p in data.phases]
    texts += [text for g in data.goals for text in (g.text, g.review_notes)]
    texts += [o.note for o in data.observations]
    return sorted({" ".join(t.split()) for t in texts if t}, key=len, reverse=True)


def _without(page: str, written: list[str]) -> str:
    for text in written:
        page = page.replace(text, "")
    return page
