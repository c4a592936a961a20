"""The rotating log in the data folder.

The log holds ids, counts and error types, never names, notes or passwords: callers log
record ids only, and the formatter here writes no exception's text at all. A traceback
keeps its frames (file, line, function, the line of code) and each exception's class, plus
its errno or SQLite error name; the message is dropped, because messages carry values:
SQLAlchemy's ``[parameters: …]`` holds the row being written (names, addresses, notes),
SQLite names a double-quoted value it took for a column, a ``KeyError`` is the key itself.
Dropping every message, not just those of known culprits, is the rule that cannot leak.

The log is a help, not a duty: when it cannot be written (full disk, read-only folder) the
command runs without it, and a failed write never spills a traceback onto the screen.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

LOG_NAME = "hamm_field.log"
_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


def configure(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send all logging to ``log_dir/hamm_field.log`` (5 × 1 MB) and nowhere else.

    Returns the log file, or None when it cannot be made: then nothing is logged.
    """
    path = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":  # repair a folder made before everything was owner-only
            os.chmod(log_dir, 0o700)
            for old in log_dir.glob(f"{LOG_NAME}*"):
                os.chmod(old, 0o600)
        handler = _PrivateFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        _use_only(logging.NullHandler())
        return None
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _use_only(handler)
    logging.getLogger().setLevel(level)
    return path


def silence() -> None:
    """No log file yet (no data folder): keep Python's last-resort handler off stderr."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def error_kind(error: BaseException) -> str:
    """What to log of an error a person caused: its class, never its text."""
    return type(error).__qualname__


def _use_only(handler: logging.Handler) -> None:
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """Log files born owner-only (also after a rollover), and silent when a write fails."""

    def _open(self):  # type: ignore[no-untyped-def]
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Drop the record: logging's default prints it, arguments and all, to stderr."""


class PrivateFormatter(logging.Formatter):
    """A formatter that writes no exception text: not in tracebacks, not as an argument."""

    def format(self, record: logging.LogRecord) -> str:
        copy = logging.makeLogRecord(vars(record))  # other handlers keep the original
        copy.msg = _scrub(record.msg)
        copy.args = _scrub_args(record.args)
        copy.exc_text = None  # never reuse a traceback another formatter wrote in full
        return super().format(copy)

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        return scrubbed_traceback(ei[1]) if ei and ei[1] is not None else ""


def describe_error(error: BaseException) -> str:
    """An exception's class with its errno or SQLite error name: no message, no value."""
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else (
        f"{kind.__module__}.{kind.__qualname__}")
    code = None
    if isinstance(error, OSError) and error.errno is not None:
        code = errno.errorcode.get(error.errno, str(error.errno))
    elif isinstance(getattr(error, "sqlite_errorname", None), str):
        code = error.sqlite_errorname  # type: ignore[attr-defined]
    return f"{name} [{code}]" if code else name


def scrubbed_traceback(error: BaseException) -> str:
    """The traceback Python would print for ``error`` and its chain, without any message."""
    lines: list[str] = []
    for item, link in _chain(error):
        if link:
            lines.append(f"\n{link}\n\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(describe_error(item) + "\n")
        if isinstance(item, BaseExceptionGroup):
            members = ", ".join(describe_error(member) for member in item.exceptions)
            lines.append(f"  containing: {members}\n")
    return "".join(lines).rstrip("\n")


def _chain(error: BaseException) -> Iterator[tuple[BaseException, str | None]]:
    """``error`` and the exceptions behind it, each with the line linking it to the one before."""
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__cause__ is not None:
            chain.append((current, _CAUSE))
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            chain.append((current, _CONTEXT))
            current = current.__context__
        else:
            chain.append((current, None))
            current = None
    # Oldest first, as Python prints it; each link line stands before the one that followed
    # (none before the first, also when a cycle in the chain cut it short).
    ordered = list(reversed(chain))
    return iter([(ordered[0][0], None), *ordered[1:]])


def _scrub(value: Any) -> Any:
    return describe_error(value) if isinstance(value, BaseException) else value


def _scrub_args(args: Any) -> Any:
    if isinstance(args, tuple):
        return tuple(_scrub(arg) for arg in args)
    if isinstance(args, Mapping):
        return {key: _scrub(value) for key, value in args.items()}
    return args
