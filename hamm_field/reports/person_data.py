"""The person data report (Art. 15 DSGVO): everything stored about a family or person.

The same content is printed twice: first in German, then in the family's language
(bg, ro, tr or en), each part starting on a new page, so the family can read it and the
office can check it. Kindeswohl observations are included: they are restricted inside
the app, but the family has the right to see them. Free text (notes, goals) is printed
as it was written; only the program's own words are translated. The PDF holds personal
data, so it is built in memory and returned as bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from hamm_field.domain.masterdata import display_stored_name
from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import translator
from hamm_field.i18n.formatting import format_day, format_moment, format_number
from hamm_field.reports.pdf_layout import WIDTH, Styles, build_pdf, grid_table, header_cells
from hamm_field.reports.pdf_layout import styles as make_styles
from hamm_field.reports.person_data_model import ConsentRecord, PersonData
from hamm_field.reports.person_data_texts import (
    FIELDS,
    LANGUAGE_NAMES,
    SECTIONS,
    TEXT,
    audit_action,
    field_names,
    paket,
    phase,
    vocabulary,
)

Translate = Callable[[str], str]


class _Part:
    """One language's copy of the report."""

    def __init__(self, data: PersonData, language: str, style: Styles) -> None:
        self.data, self.language, self.style = data, language, style
        self.t: Translate = translator(language)
        self.title_style = ParagraphStyle("person_title", style.title, fontSize=21, leading=26)

    # Small helpers ---------------------------------------------------------------

    def text(self, key: str, **values: object) -> str:
        return self.t(TEXT[key]).format(**values) if values else self.t(TEXT[key])

    def field(self, key: str) -> str:
        return self.t(FIELDS[key])

    def day(self, value: object) -> str:
        return format_day(value, self.language) if value else ""  # type: ignore[arg-type]

    def cell(self, text: str, *, deleted: bool = False) -> Paragraph:
        markup = escape(text).replace("\n", "<br/>")
        if deleted:
            markup += f" <i>{escape(self.text('deleted'))}</i>"
        return Paragraph(markup, self.style.cell)

    def details(self, pairs: Sequence[tuple[str, str | None]], *, deleted: bool = False
                ) -> Paragraph:  # fmt: skip
        """"Label: value" lines of the filled fields, in one table cell."""
        lines = [
            f"<b>{escape(self.field(key))}:</b> {escape(value).replace(chr(10), '<br/>')}"
            for key, value in pairs
            if value
        ]
        if deleted:
            lines.append(f"<i>{escape(self.text('deleted'))}</i>")
        return Paragraph("<br/>".join(lines), self.style.cell)

    def master(self, kind: MasterKind, name: str | None) -> str:
        """A stored master-data name in this part's language, where it is a shipped one."""
        return display_stored_name(kind, name, self.t) if name else ""

    def masters(self, kind: MasterKind, names: Sequence[str]) -> str:
        return ", ".join(self.master(kind, name) for name in names)

    def yes_no(self, value: bool) -> str:
        return self.text("yes") if value else self.text("no")

    def section(self, key: str, head: Sequence[str], rows: list[list[object]],
                widths: Sequence[float]) -> list[Flowable]:  # fmt: skip
        title = Paragraph(escape(self.t(SECTIONS[key])), self.style.h2)
        if not rows:
            return [title, Paragraph(escape(self.text("none")), self.style.small)]
        labels = [self.field(name) for name in head]
        cells = [header_cells(labels, self.style, numeric_from=len(widths)), *rows]
        table = grid_table(cells, widths, self.style, numeric_from=len(widths), valign="TOP")
        return [title, table]

    # Sections --------------------------------------------------------------------

    def opening(self, note: str | None) -> list[Flowable]:
        data, style = self.data, self.style
        moment = format_moment(data.generated_at, self.language)
        if data.subject:
            intro = self.text("intro_person", name=data.subject, family=data.family.family_name,
                              date=moment)  # fmt: skip
        else:
            intro = self.text("intro_family", name=data.family.family_name, date=moment)
        story: list[Flowable] = [
            Paragraph(escape(self.text("title")), self.title_style),
            Paragraph(escape(self.text("subtitle")), style.subtitle),
            Spacer(1, 6 * mm),
            Paragraph(escape(intro), style.body),
        ]
        if note:
            story += [Spacer(1, 2 * mm), Paragraph(escape(note), style.body)]
        for line in self.privacy():
            story += [Spacer(1, 2 * mm), Paragraph(f"<b>{escape(line)}</b>", style.body)]
        if not data.complete:
            story += [Spacer(1, 2 * mm), Paragraph(escape(self.text("incomplete")), style.body)]
        story += [Spacer(1, 2 * mm), Paragraph(escape(self.text("rights")), style.body)]
        return story

    def privacy(self) -> list[str]:
        """Pseudonymisation and restriction, at the top: they change what the rest means."""
        data, lines = self.data, []
        if data.pseudonymised_on is not None:
            lines.append(self.text("pseudonymised", date=self.day(data.pseudonymised_on)))
        for r in data.restrictions:
            if r.lifted_on is None:
                lines.append(self.text("restricted", since=self.day(r.since), reason=r.reason))
            else:
                lines.append(self.text("restriction_lifted", since=self.day(r.since),
                                       reason=r.reason, lifted=self.day(r.lifted_on),
                                       lift_reason=r.lift_reason or "–"))
        return lines

    def withdrawal(self, consent: ConsentRecord) -> str:
        """ "20.11.2026 (Dokumentation)": the day and what the withdrawal covers."""
        covered = [self.field(key) for key, on in (
            ("scope_documentation", consent.withdrawn_documentation),
            ("scope_sharing", consent.withdrawn_sharing)) if on]
        day = self.day(consent.withdrawn_on)
        return f"{day}\n({', '.join(covered)})" if day and covered else day

    def family(self) -> list[Flowable]:
        f = self.data.family
        pairs = [
            ("family_name", f.family_name),
            ("pseudonym", self.yes_no(f.pseudonym)),
            ("sozialraum", self.master(MasterKind.SOZIALRAUM, f.sozialraum)),
            ("address", f.address or ""),
            ("herkunftsland", self.master(MasterKind.HERKUNFTSLAND, f.herkunftsland)),
            ("languages", self.masters(MasterKind.SPRACHE, f.languages)),
            ("pakete", "; ".join(paket(number, self.t) for number in f.pakete)),
            ("status", vocabulary("status", f.status, self.t)),
            ("worker_id", f.worker),
            ("referral", vocabulary("referral", f.referral, self.t)),
            ("first_contact", self.day(f.first_contact)),
        ]
        rows = [[self.cell(self.field(key)), self.cell(value)] for key, value in pairs]
        table = grid_table(rows, [50 * mm, WIDTH - 50 * mm], self.style, header_rows=0,
                           numeric_from=2)  # fmt: skip
        return [Paragraph(escape(self.t(SECTIONS["family"])), self.style.h2), table]

    def members(self) -> list[Flowable]:
        rows: list[list[object]] = []
        for m in self.data.members:
            name = m.name if m.name_latin in ("", m.name) else f"{m.name}\n({m.name_latin})"
            birth = self.day(m.birth_date) or (str(m.birth_year) if m.birth_year else "")
            school = ", ".join(part for part in (m.school, m.school_class) if part)
            rows.append([
                self.cell(name, deleted=m.deleted), self.cell(birth),
                self.cell(vocabulary("relation", m.relation, self.t)), self.cell(school),
                self.cell(vocabulary("insurance", m.insurance, self.t)),
            ])  # fmt: skip
        head = ["name", "birth", "relation", "school", "insurance"]
        return self.section("members", head, rows, [46 * mm, 18 * mm, 24 * mm, 42 * mm, 40 * mm])

    def consents(self) -> list[Flowable]:
        rows: list[list[object]] = []
        for c in self.data.consents:
            chosen = (("scope_documentation", c.scope_documentation),
                      ("scope_sharing", c.scope_sharing))  # fmt: skip
            scopes = [self.field(key) for key, on in chosen if on]
            rows.append([
                self.cell(self.day(c.given_on), deleted=c.deleted),
                self.cell(c.person or self.text("family_whole")),
                self.cell(", ".join(scopes)),
                self.cell(self.master(MasterKind.SPRACHE, c.form_language)),
                self.cell(self.withdrawal(c)),
            ])  # fmt: skip
        head = ["date", "person_id", "scope", "form_language", "withdrawn_on"]
        return self.section("consents", head, rows, [22 * mm, 34 * mm, 44 * mm, 26 * mm, 44 * mm])

    def contacts(self) -> list[Flowable]:
        rows: list[list[object]] = []
        for c in self.data.contacts:
            kind = vocabulary("kind", c.kind, self.t)
            duration = self.text("minutes", minutes=format_number(c.duration_min, self.language))
            details = self.details([
                ("title", c.title), ("worker", c.worker), ("paket", paket(c.paket, self.t)),
                ("topics", self.masters(MasterKind.THEMA, c.topics)),
                ("institution", self.master(MasterKind.INSTITUTION, c.institution)),
                ("place", ", ".join(p for p in (
                    self.master(MasterKind.SOZIALRAUM, c.sozialraum),
                    self.master(MasterKind.SPRECHSTUNDEN_ORT, c.place)) if p)),
                ("language", self.master(MasterKind.SPRACHE, c.language)),
                ("outcome", c.outcome),
                ("follow_up", self.day(c.follow_up)), ("note", c.note),
            ], deleted=c.deleted)  # fmt: skip
            rows.append([self.cell(self.day(c.date)), self.cell(f"{kind}\n{duration}"), details])
        return self.section("contacts", ["date", "kind", "details"], rows,
                            [24 * mm, 36 * mm, WIDTH - 60 * mm])  # fmt: skip

    def handouts(self) -> list[Flowable]:
        rows: list[list[object]] = [
            [
                self.cell(self.day(h.date)),
                self.cell(self.master(MasterKind.STARTERPAKET_EDITION, h.edition)),
                self.cell("\n".join(t for t in (
                    self.masters(MasterKind.STARTERPAKET_ITEM, h.items), h.note) if t),
                          deleted=h.deleted),
                self.cell(h.recipient), self.cell(h.worker),
            ]
            for h in self.data.handouts
        ]  # fmt: skip
        head = ["date", "edition", "items", "recipient_person_id", "worker"]
        return self.section("handouts", head, rows, [24 * mm, 30 * mm, 60 * mm, 28 * mm, 28 * mm])

    def phases(self) -> list[Flowable]:
        rows: list[list[object]] = [
            [self.cell(phase(p.phase, self.t), deleted=p.deleted),
             self.cell(self.day(p.started_on)), self.cell(p.worker), self.cell(p.note or "")]
            for p in self.data.phases
        ]  # fmt: skip
        head = ["phase", "started_on", "worker", "note"]
        return self.section("phases", head, rows, [58 * mm, 24 * mm, 32 * mm, 56 * mm])

    def goals(self) -> list[Flowable]:
        rows: list[list[object]] = []
        for g in self.data.goals:
            details = self.details([
                ("text", g.text), ("person_id", g.person),
                ("status", vocabulary("goal_status", g.status, self.t)),
                ("target_date", self.day(g.target_date)),
                ("review_date", self.day(g.review_date)), ("review_notes", g.review_notes),
                ("worker", g.worker),
            ], deleted=g.deleted)  # fmt: skip
            rows.append([self.cell(self.day(g.agreed_on)), self.cell(
                self.master(MasterKind.HANDLUNGSFELD, g.handlungsfeld)), details])
        return self.section("goals", ["agreed_on", "handlungsfeld", "details"], rows,
                            [27 * mm, 36 * mm, WIDTH - 63 * mm])  # fmt: skip

    def observations(self) -> list[Flowable]:
        rows: list[list[object]] = []
        for o in self.data.observations:
            details = self.details([
                ("concern", vocabulary("concern", o.concern, self.t)),
                ("school_attendance", vocabulary("school_attendance", o.school_attendance,
                                                 self.t)),
                ("u_status", vocabulary("u_status", o.u_status, self.t)),
                ("note", o.note), ("author_id", o.author),
            ], deleted=o.deleted)  # fmt: skip
            rows.append([self.cell(self.day(o.date)), self.cell(o.person), details])
        return self.section("observations", ["date", "child", "details"], rows,
                            [24 * mm, 36 * mm, WIDTH - 60 * mm])  # fmt: skip

    def audit(self) -> list[Flowable]:
        rows: list[list[object]] = [
            [self.cell(format_moment(a.at, self.language)),
             self.cell(audit_action(a.action, a.entity, self.t)),
             self.cell(field_names(a.fields, self.t) if a.action == "update" else ""),
             self.cell(a.worker)]
            for a in self.data.audit
        ]  # fmt: skip
        head = ["moment", "change", "fields", "by"]
        return self.section("audit", head, rows, [36 * mm, 52 * mm, 48 * mm, 34 * mm])

    def story(self, note: str | None = None) -> list[Flowable]:
        """The part; ``note`` is a line under the introduction (which languages follow)."""
        story = self.opening(note)
        for part in (self.family, self.members, self.consents, self.contacts, self.handouts,
                     self.phases, self.goals, self.observations, self.audit):  # fmt: skip
            story += part()
        return story


def render_person_data(data: PersonData, languages: tuple[str, str]) -> bytes:
    """The report as PDF bytes: one part per language (German first, as a rule);
    twice the same language gives one part."""
    style = make_styles()
    unique = tuple(dict.fromkeys(languages))
    parts = [_Part(data, language, style) for language in unique]
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        note = None
        if len(parts) > 1:
            first, second = (part.t(LANGUAGE_NAMES.get(lang, lang)) for lang in unique[:2])
            note = part.text("languages", first=first, second=second)
        story += part.story(note)

    def decorate(page: int, total: int) -> tuple[str, str, str]:
        header = " / ".join(dict.fromkeys(p.text("header") for p in parts))
        header = f"{header} · {data.family.family_name}"
        moment = format_moment(data.generated_at, unique[0])
        footer = parts[0].text("footer", version=data.app_version, moment=moment)
        pages = " / ".join(dict.fromkeys(p.text("page", page=page, total=total) for p in parts))
        return header, footer, pages

    title = f"{parts[0].text('header')} – {data.family.family_name}"
    return build_pdf(story, title=title, decorate=decorate)
