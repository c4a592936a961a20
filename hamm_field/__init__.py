"""Hamm Field: offline-first field documentation for social integration work in Hamm."""

__version__ = "0.2.0"
