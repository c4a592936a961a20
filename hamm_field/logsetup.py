"""The rotating log in the data folder.

The log holds ids, counts and error types, never names, notes or passwords: callers
log record ids only, and exceptions are logged by type and traceback of our code.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_NAME = "hamm_field.log"


def configure(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send all logging to ``log_dir/hamm_field.log`` (5 × 1 MB) and nowhere else."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    os.chmod(path, 0o600)
    return path


def silence() -> None:
    """No log file yet (no data folder): keep Python's last-resort handler off stderr."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def error_kind(error: BaseException) -> str:
    """What to log of an error a person caused: its class, never its text."""
    return type(error).__qualname__
