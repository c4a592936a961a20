"""The metadata of every table, for Alembic and for tests that compare schemas."""

from sqlmodel import SQLModel

import hamm_field.domain.tables
import hamm_field.domain.tables_local
import hamm_field.domain.tables_privacy
import hamm_field.domain.tables_report
import hamm_field.domain.tables_retention
import hamm_field.domain.tables_sync  # noqa: F401 - registers the tables

metadata = SQLModel.metadata
