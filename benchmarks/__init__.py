"""Benchmarks of the performance budgets in DESIGN.md (``make bench``; not run in CI)."""
