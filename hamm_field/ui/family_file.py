"""One family's file: everything the family page shows, read together in the background.

Apart from the list model (``ui/family_model.py``): the page's labels, facts and table rows
are derived here from the stored values, so a language switch needs no reload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import (
    Concern,
    FamilyStatus,
    GoalStatus,
    Insurance,
    MasterKind,
    Relation,
    SchoolAttendance,
    UStatus,
    WorkerRole,
    paket_label,
    phase_label,
)
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.services.privacy import FamilyPrivacy
from hamm_field.services.sharing import Colleague, FamilyPeople
from hamm_field.ui.context import UiContext

KINDS = {"contact": N_("Kontakt"), "handout": N_("Starterpaket"), "phase": N_("Fallphase"),
         "goal": N_("Integrationsziel"), "consent": N_("Einwilligung"),
         "observation": N_("Kindeswohl"), "change": N_("Änderung"),
         "erasure": N_("Löschung (DSGVO)"), "pseudonymised": N_("Datenschutz"),
         "restricted": N_("Datenschutz"), "restriction_lifted": N_("Datenschutz")}
OPEN_GOALS = (GoalStatus.OFFEN.value, GoalStatus.IN_ARBEIT.value)

Rows = list[tuple[Any, list[str]]]


@dataclass(frozen=True)
class FamilyFile:
    """Everything the detail screen shows of one family, read together.

    ``case_work``: the working user does case management (Sozialbetreuer, coordination)
    and sees phase and goals. ``observing``: the Kindeswohl section is shown, to the
    coordination, the family's responsible worker and authors of observations here;
    ``observations`` holds only those the user may see (the service filters them).
    ``people``: who is responsible and with whom the family is shared; ``colleagues``: whom
    it could go to (on a laptop only those its return packages brought).
    """

    household: Any
    persons: list[Any]
    consent_state: str
    consents: list[Any]
    handouts: list[Any]
    phases: list[Any]
    goals: list[Any]
    observations: list[Any]
    timeline: list[Any]
    workers: dict[str, str]
    master: MasterIndex
    case_work: bool
    observing: bool
    people: FamilyPeople
    colleagues: list[Colleague]
    coordination: bool
    erasures: dict[str, dt.date]  # erased family or member id -> when (Art. 17)
    privacy: FamilyPrivacy = field(default_factory=FamilyPrivacy)  # consent, Art. 18

    @property
    def restricted(self) -> bool:
        return self.privacy.restricted_since is not None

    def locked_reason(self) -> str:
        """Why nothing on the page may be edited ("" when it may)."""
        if self.erased:
            return _("Nach DSGVO gelöscht: nicht mehr änderbar")
        if self.restricted:
            return _("Verarbeitung eingeschränkt (DSGVO Art. 18): nicht änderbar")
        return ""

    @property
    def erased(self) -> bool:
        """Read-only from now on: the values are gone, and no new ones may come."""
        return bool(self.household.erased)

    def erased_marker(self, record: Any) -> str:
        """ "gelöscht (DSGVO) am …" for an erased family or member, "" otherwise."""
        if not record.erased:
            return ""
        day = self.erasures.get(record.id) or self.erasures.get(self.household.id)
        if day is None:  # the erasure's own record has not arrived yet
            return _("gelöscht (DSGVO)")
        return _("gelöscht (DSGVO) am {date}").format(date=format_day(day))

    def name_of(self, person_id: str | None) -> str:
        return next((f"{p.given_name} {p.family_name}" for p in self.persons
                     if p.id == person_id), "")

    # As shown: plain texts in the current language, rows as (id, cells) -----------

    def facts(self) -> tuple[str, ...]:
        """Sozialraum, Herkunftsland, Sprachen, Status, zuständig, Pakete, Starterpaket,
        Einwilligung."""
        h, master = self.household, self.master
        handout = self.handouts[-1] if self.handouts else None
        return (
            master.label(MasterKind.SOZIALRAUM, h.sozialraum),
            master.label(MasterKind.HERKUNFTSLAND, h.herkunftsland),
            ", ".join(master.label(MasterKind.SPRACHE, k) for k in h.languages or []) or "–",
            label_of(FamilyStatus, h.status), self.workers.get(h.worker_id or "", "–"),
            ", ".join(f"{n} {paket_label(n)}" for n in h.pakete or []) or "–",
            _("übergeben am {date} ({edition})").format(
                date=format_day(handout.date),
                edition=master.label(MasterKind.STARTERPAKET_EDITION, handout.edition))
            if handout else _("noch nicht übergeben"),
            self._consent_fact(),
        )

    def _consent_fact(self) -> str:
        newest = self.consents[0] if self.consents else None
        if newest is None or self.consent_state == "keine":
            return _("keine")
        if self.consent_state == "widerrufen":
            scope = withdrawn_scope(newest)
            text = _("widerrufen am {date}").format(date=format_day(newest.withdrawn_on))
            return f"{text} ({scope})" if scope else text
        return _("erteilt am {date}").format(date=format_day(newest.given_on))

    def warning(self) -> str:
        """What must not be missed: an erasure, a restriction, consent ("" when all is well)."""
        if self.erased:
            return _("Familie {marker}. Nichts kann mehr geändert oder ergänzt werden."
                     ).format(marker=self.erased_marker(self.household))
        lines, p = [], self.privacy
        if p.restricted_since is not None:
            lines.append(_("Verarbeitung eingeschränkt (DSGVO Art. 18) seit {date}: {reason}. "
                           "Die Familie bleibt gespeichert, wird aber nicht bearbeitet, bis "
                           "die Koordination die Einschränkung aufhebt.").format(
                date=format_day(p.restricted_since), reason=p.restriction_reason))
        if p.pseudonymised_on is not None:
            lines.append(_("Pseudonymisiert seit {date}: Einwilligung in die Dokumentation "
                           "widerrufen. Namen, Adresse und Geburtsdaten werden nicht mehr "
                           "gespeichert.").format(date=format_day(p.pseudonymised_on)))
        if p.sharing_withdrawn_on is not None:
            lines.append(_("Weitergabe an Institutionen widerrufen am {date}: keine Vermittlung "
                           "und keine Daten an Institutionen ohne neue Einwilligung.").format(
                date=format_day(p.sharing_withdrawn_on)))
        if self.consent_state == "keine":
            lines.append(_("Keine Einwilligung erfasst – Familie nur unter Pseudonym führen."))
        elif self.consent_state == "widerrufen" and not lines:
            lines.append(_("Einwilligung widerrufen – Familie nur unter Pseudonym führen."))
        return "\n".join(lines)

    def phase_text(self) -> str:
        if not self.phases:
            return _("Noch keine Fallphase.")
        current = self.phases[-1]
        return _("Aktuelle Phase: {number} – {name}, seit {date}").format(
            number=current.phase, name=phase_label(current.phase),
            date=format_day(current.started_on))

    def member_rows(self) -> Rows:
        return [(p.id, [self._member_name(p), label_of(Relation, p.relation),
                        str(p.birth_year or ""), p.school or "", p.school_class or "",
                        label_of(Insurance, p.insurance)]) for p in self.persons]

    def _member_name(self, person: Any) -> str:
        marker = self.erased_marker(person)
        name = f"{person.given_name} {person.family_name}"
        return f"{name} ({marker})" if marker else name

    def goal_rows(self) -> Rows:
        """Ziel, Handlungsfeld, Überprüfung, Status (the target date is in the form)."""
        return [(g.id, [g.text, self.master.label(MasterKind.HANDLUNGSFELD, g.handlungsfeld),
                        format_day(g.review_date), label_of(GoalStatus, g.status)])
                for g in self.goals]

    def due_reviews(self, today: dt.date) -> list[int]:
        """Rows of open goals whose review (Überprüfung) is due."""
        return [row for row, g in enumerate(self.goals) if g.review_date
                and g.review_date <= today and g.status in OPEN_GOALS]

    def observation_rows(self) -> Rows:
        return [(o.id, [format_day(o.date), self.name_of(o.person_id),
                        label_of(SchoolAttendance, o.school_attendance),
                        label_of(UStatus, o.u_status), label_of(Concern, o.concern)])
                for o in self.observations]

    def consent_rows(self) -> Rows:
        def scope(c: Any) -> str:
            return ", ".join(text for text, on in ((_("Dokumentation"), c.scope_documentation),
                                                  (_("Weitergabe"), c.scope_sharing)) if on)

        def withdrawn(c: Any) -> str:
            scope = withdrawn_scope(c)
            return f"{format_day(c.withdrawn_on)} ({scope})" if scope else format_day(
                c.withdrawn_on)

        return [(c.id, [format_day(c.given_on), self.name_of(c.person_id), scope(c),
                        self.master.label(MasterKind.SPRACHE, c.form_language),
                        withdrawn(c)]) for c in self.consents]

    def timeline_rows(self) -> Rows:
        """Newest first; the id is (kind, record id) so a double click knows what to open."""
        return [((e.kind, e.record_id), [format_day(e.date), _(KINDS.get(e.kind, e.kind)),
                                         self.workers.get(e.worker_id or "", ""), e.title])
                for e in self.timeline]


def load_family(ui: UiContext, household_id: str) -> FamilyFile:
    """Background: read one family with all it shows."""
    s, ctx = ui.services, ui.services.context
    household = s.families.get(household_id)
    observations = s.views.observations(household_id)
    worker = ctx.worker
    case_work = bool(worker and worker.role in (WorkerRole.SOZIALBETREUER,
                                                WorkerRole.KOORDINATION))
    observing = ctx.is_coordination or household.worker_id == ctx.worker_id or bool(observations)
    return FamilyFile(
        household, s.views.persons(household_id), s.overview.consent_state(household_id),
        s.views.consents(household_id), s.overview.handouts(household_id),
        s.views.phases(household_id), s.views.goals(household_id), observations,
        s.views.timeline(household_id), {w.id: w.name for w in s.overview.workers()},
        ctx.master, case_work, observing, s.sharing.people_of(household_id),
        s.sharing.colleagues(), ctx.is_coordination, s.views.erasures(household_id),
        s.privacy.family(household_id))


def withdrawn_scope(consent: Any) -> str:
    """ "Weitergabe, Dokumentation": what a withdrawal covers ("" for none)."""
    return ", ".join(text for text, on in ((_("Weitergabe"), consent.withdrawn_sharing),
                                          (_("Dokumentation"), consent.withdrawn_documentation))
                     if on)


def label_of(kind: Any, value: str | None) -> str:
    """The label of a stored enum value; an unknown value (newer version) as it is."""
    if not value:
        return ""
    try:
        return kind(value).label
    except ValueError:
        return value
