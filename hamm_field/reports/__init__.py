"""Kennzahlen queries and their renderers (JSON, CSV, PDF)."""
