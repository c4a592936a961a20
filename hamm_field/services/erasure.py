"""Erasing a family or a person on request (GDPR Art. 17), by the coordination.

The coordination issues it in the central store; the erasure record then travels in
every return package and blanks the same rows on each laptop, and it makes packages
that still carry older edits of the subject arrive blanked (``sync/apply.py``).
What was done stays countable (dates, kinds, durations), for whom does not. Quarantined
copies of packages that could carry the subject are deleted too (``sync/quarantine.py``).
"""

from __future__ import annotations

from hamm_field.domain.tables import Household, Observation, Person
from hamm_field.domain.tables_sync import Erasure
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services.context import Context
from hamm_field.services.records import RecordNotFound
from hamm_field.services.sync import CentralOnly
from hamm_field.store import state
from hamm_field.store.erasure import erase_subject
from hamm_field.store.search import refresh_search_text
from hamm_field.sync import quarantine


class Erasures:
    def __init__(self, context: Context) -> None:
        self.context = context

    def erase_family(self, household_id: str) -> None:
        """The family, its members and every record about it lose their values."""
        self._erase(Household, "household", household_id)

    def erase_person(self, person_id: str) -> None:
        """One member, with the consents, goals and observations naming them."""
        self._erase(Person, "person", person_id)

    def erase_observation(self, observation_id: str) -> None:
        """One Kindeswohl observation, past its own Löschfrist (``services/retention.py``)."""
        self._erase(Observation, "observation", observation_id)

    def _erase(self, table: type, subject_table: str, subject_id: str) -> None:
        store = self.context.store
        with store.write() as writer:
            session = writer.session
            if state.get(session, "device_role") != DeviceRole.CENTRAL.value:
                raise CentralOnly()
            if session.get(table, subject_id) is None:
                raise RecordNotFound()
            writer.insert(Erasure(subject_table=subject_table, subject_id=subject_id,
                                  issued_on=self.context.today().isoformat()))
            session.flush()
            carriers = quarantine.carrier_devices(session.connection(), subject_table,
                                                  subject_id)  # fmt: skip
            households = erase_subject(session.connection(), subject_table, subject_id)
            session.expire_all()  # the raw update changed rows the session may hold
            for household_id in households:
                refresh_search_text(session, household_id)
        # Old values may still sit in the write-ahead log; secure_delete covers the
        # main file only once the log is checkpointed into it.
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        # A refused package those devices sent would still decrypt to the erased values.
        quarantine.remove_carried(store.paths.quarantine, carriers)
