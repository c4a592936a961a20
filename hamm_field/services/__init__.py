"""The use cases, one object per kind of record plus the read views. No Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from hamm_field.services.context import Context
from hamm_field.services.drafts import Drafts
from hamm_field.services.families import Consents, Families, Persons
from hamm_field.services.overview import Overview
from hamm_field.services.starterpakete import Starterpakete
from hamm_field.services.views import Views
from hamm_field.services.work import Contacts, Goals, Handouts, Observations, Phases
from hamm_field.store.unit import Store


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

    @classmethod
    def for_store(cls, store: Store, today: Callable[[], dt.date] = dt.date.today) -> Services:
        context = Context(store, today)
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
        )

    def close(self) -> None:
        self.context.store.close()
