"""Create, edit and delete for one replicated table, with validation and audit.

The subclasses only say which table, how to validate, and what to fill in by
default; the write path (validate everything, then one stamped, audited
transaction) is the same for every record type.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from sqlmodel import Session

from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Household, Person
from hamm_field.domain.tables_base import Replicated
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.services.family_guard import pseudonymous_values, refuse_restricted
from hamm_field.store.unit import Writer

R = TypeVar("R", bound=Replicated)


class RecordNotFound(UserError):
    message = N_("Der Eintrag wurde nicht gefunden oder ist gelöscht.")


class NotAllowed(UserError):
    message = N_("Diesen Eintrag sehen nur die Person, die ihn angelegt hat, und die Koordination.")


class ErasedRecord(UserError):
    """Art. 17: what was erased stays erased; an edit would bring personal data back."""

    message = N_("Die Daten wurden nach DSGVO gelöscht und können nicht mehr geändert werden.")


def refuse_erased(session: Session, values: dict[str, Any], before: Replicated | None) -> None:
    """Raise ErasedRecord for an erased record, or one naming an erased family or person."""
    if before is not None and before.erased:
        raise ErasedRecord()
    for table, field in ((Household, "household_id"), (Person, "person_id")):
        linked = values.get(field)
        row = session.get(table, linked) if linked else None
        if row is not None and row.erased:
            raise ErasedRecord()


class RecordService(Generic[R]):
    table: ClassVar[type[Replicated]]
    stamped_together: ClassVar[tuple[frozenset[str], ...]] = ()
    """Groups of fields written as one: an edit of one stamps all (``Writer.update``)."""

    def __init__(self, context: Context) -> None:
        self.context = context

    # Hooks for subclasses -------------------------------------------------------

    def defaults(self) -> dict[str, Any]:
        """Values filled in when the caller leaves them out."""
        return {}

    def validate(self, values: dict[str, Any]) -> None:
        """Raise ValidationError for the whole record as it would be stored."""

    def check_access(self, record: R) -> None:
        """Raise NotAllowed when the working user may not see this record."""

    def after_write(self, writer: Writer, record: R) -> None:
        """Keep derived data (search text, …) in step, inside the same transaction."""

    def check_links(self, session: Session, values: dict[str, Any], before: R | None) -> None:
        """Raise UserError when the record would point at something deleted or unknown.

        Runs inside the write transaction, so what it reads cannot change before the write;
        ``before`` is the stored record on an edit or a restore, None on a create.
        """

    def check_delete(self, session: Session, record: R) -> None:
        """Raise UserError when deleting the record would drop other live work with it."""

    # The write path -------------------------------------------------------------

    @property
    def _name(self) -> str:
        return self.table.__tablename__  # type: ignore[return-value]

    def get(self, record_id: str) -> R:
        with self.context.store.read() as session:
            return self._load(session, record_id)

    def create(self, **values: Any) -> R:
        data = {**self.defaults(), **values}
        unknown = set(data) - set(self.table.data_fields())
        if unknown:
            raise TypeError(f"unknown fields for {self.table.__name__}: {sorted(unknown)}")
        self.validate(data)
        with self.context.store.write() as writer:
            refuse_erased(writer.session, data, None)
            refuse_restricted(writer.session, self._name, data, None)
            data = pseudonymous_values(writer.session, self._name, data, None)
            self.check_links(writer.session, data, None)
            record = writer.insert(self.table(**data))
            self.after_write(writer, record)
        return record  # type: ignore[return-value]

    def edit(self, record_id: str, **changes: Any) -> R:
        with self.context.store.write() as writer:
            record = self._load(writer.session, record_id)
            current = {name: getattr(record, name) for name in record.data_fields()}
            refuse_erased(writer.session, {**current, **changes}, record)
            refuse_restricted(writer.session, self._name, {**current, **changes}, record)
            changes = pseudonymous_values(writer.session, self._name, changes, record)
            self.validate({**current, **changes})
            self.check_links(writer.session, {**current, **changes}, record)
            if writer.update(record, changes, self.stamped_together):
                self.after_write(writer, record)
        return record

    def delete(self, record_id: str) -> None:
        with self.context.store.write() as writer:
            record = self._load(writer.session, record_id)
            refuse_restricted(writer.session, self._name, {}, record)
            self.check_delete(writer.session, record)
            writer.delete(record)
            self.after_write(writer, record)

    def restore(self, record_id: str) -> R:
        """Undo a delete (offered for a while after deleting)."""
        with self.context.store.write() as writer:
            record = writer.session.get(self.table, record_id)
            if record is None:
                raise RecordNotFound()
            self.check_access(record)  # type: ignore[arg-type]
            refuse_restricted(writer.session, self._name, {}, record)
            if record.deleted_hlc is not None:
                current = {name: getattr(record, name) for name in record.data_fields()}
                self.check_links(writer.session, current, record)  # type: ignore[arg-type]
            writer.restore(record)
            self.after_write(writer, record)  # type: ignore[arg-type]
        return record  # type: ignore[return-value]

    def _load(self, session: Session, record_id: str) -> R:
        record = session.get(self.table, record_id)
        if record is None or record.deleted_hlc is not None:
            raise RecordNotFound()
        self.check_access(record)  # type: ignore[arg-type]
        return record  # type: ignore[return-value]
