"""The use cases, one object per kind of record plus the read views. No Qt.

Importing this package costs nothing: the use cases (and through them SQLAlchemy, the
store and the sync code) are imported by :meth:`Services.for_store`, or ahead of time by
:func:`load`. So the GUI can show its unlock window first and load them while the person
types the password.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamm_field.services.conflicts import Conflicts
    from hamm_field.services.context import Context
    from hamm_field.services.demo_generator import DemoSummary
    from hamm_field.services.drafts import Drafts
    from hamm_field.services.duplicates import Duplicates
    from hamm_field.services.enrol_existing import EnrolExisting
    from hamm_field.services.erasure import Erasures
    from hamm_field.services.families import Consents, Families, Persons
    from hamm_field.services.lost_device import LostDevices
    from hamm_field.services.overview import Overview
    from hamm_field.services.person_data import PersonDataReport
    from hamm_field.services.privacy import Privacy
    from hamm_field.services.privacy_overview import PrivacyOverview
    from hamm_field.services.processing_record import ProcessingRecords
    from hamm_field.services.report_archive import ReportArchive
    from hamm_field.services.reports import Reports
    from hamm_field.services.retention import Retention
    from hamm_field.services.sharing import Sharing
    from hamm_field.services.starterpakete import Starterpakete
    from hamm_field.services.sync import Sync
    from hamm_field.services.views import Views
    from hamm_field.services.work import Contacts, Goals, Handouts, Observations, Phases
    from hamm_field.store.unit import Store


def load() -> None:
    """Import every use case now (the GUI does it in the background before unlocking)."""
    from hamm_field.services import (  # noqa: F401
        conflicts,
        context,
        drafts,
        duplicates,
        enrol_existing,
        erasure,
        families,
        lost_device,
        overview,
        person_data,
        privacy,
        privacy_overview,
        processing_record,
        report_archive,
        reports,
        retention,
        setup,
        sharing,
        starterpakete,
        sync,
        views,
        work,
    )


@dataclass
class Services:
    """Everything the GUI and the CLI may ask of an unlocked store."""

    context: Context
    families: Families
    persons: Persons
    consents: Consents
    contacts: Contacts
    handouts: Handouts
    phases: Phases
    goals: Goals
    observations: Observations
    views: Views
    overview: Overview
    drafts: Drafts
    starterpakete: Starterpakete
    sync: Sync
    conflicts: Conflicts
    erasures: Erasures
    person_data: PersonDataReport
    processing_record: ProcessingRecords
    privacy: Privacy
    reports: Reports
    report_archive: ReportArchive
    sharing: Sharing
    duplicates: Duplicates
    enrol_existing: EnrolExisting
    lost_devices: LostDevices
    privacy_overview: PrivacyOverview
    retention: Retention

    @classmethod
    def for_store(cls, store: Store, today: Callable[[], dt.date] = dt.date.today) -> Services:
        from hamm_field.services.conflicts import Conflicts
        from hamm_field.services.context import Context
        from hamm_field.services.drafts import Drafts
        from hamm_field.services.duplicates import Duplicates
        from hamm_field.services.enrol_existing import EnrolExisting
        from hamm_field.services.erasure import Erasures
        from hamm_field.services.families import Consents, Families, Persons
        from hamm_field.services.lost_device import LostDevices
        from hamm_field.services.overview import Overview
        from hamm_field.services.person_data import PersonDataReport
        from hamm_field.services.privacy import Privacy
        from hamm_field.services.privacy_overview import PrivacyOverview
        from hamm_field.services.processing_record import ProcessingRecords
        from hamm_field.services.report_archive import ReportArchive
        from hamm_field.services.reports import Reports
        from hamm_field.services.retention import Retention
        from hamm_field.services.sharing import Sharing
        from hamm_field.services.starterpakete import Starterpakete
        from hamm_field.services.sync import Sync
        from hamm_field.services.views import Views
        from hamm_field.services.work import Contacts, Goals, Handouts, Observations, Phases

        context = Context(store, today)
        reports = Reports(context)
        lost_devices = LostDevices(context)
        return cls(
            context=context,
            families=Families(context),
            persons=Persons(context),
            consents=Consents(context),
            contacts=Contacts(context),
            handouts=Handouts(context),
            phases=Phases(context),
            goals=Goals(context),
            observations=Observations(context),
            views=Views(context),
            overview=Overview(context),
            drafts=Drafts(context),
            starterpakete=Starterpakete(context),
            sync=Sync(context),
            conflicts=Conflicts(context),
            erasures=Erasures(context),
            person_data=PersonDataReport(context),
            processing_record=ProcessingRecords(context),
            privacy=Privacy(context),
            reports=reports,
            report_archive=ReportArchive(context, reports),
            sharing=Sharing(context),
            duplicates=Duplicates(context),
            enrol_existing=EnrolExisting(context),
            lost_devices=lost_devices,
            privacy_overview=PrivacyOverview(context, lost_devices),
            retention=Retention(context),
        )

    def load_demo(
        self, families: int = 300, *, seed: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> DemoSummary:
        """Demo families of this year; the person using the store gets some of them."""
        from hamm_field.services.demo import load_demo  # large name lists: on demand

        return load_demo(self.context.store, families=families, seed=seed,
                         year=self.context.today().year, progress=progress, mine=True)

    def close(self) -> None:
        self.context.store.close()
