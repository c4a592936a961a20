"""Vocabularies, tables, validation and transliteration. No engine, no Qt."""
