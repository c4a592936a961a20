"""Sync packages: format, envelope crypto, merge, import ledger. No Qt."""
