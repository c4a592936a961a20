"""Alembic migrations of the store schema; every schema change lands here."""
