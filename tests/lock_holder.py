"""Another process holding a data folder's lock, taken through the module the app uses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLD = """
import sys
from pathlib import Path
from hamm_field.store.folder_lock import FolderLock
from hamm_field.store.paths import StorePaths
lock = FolderLock(StorePaths(Path(sys.argv[1])))
lock.acquire(create=True)
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def held_elsewhere(root: Path) -> Iterator[subprocess.Popen[str]]:
    """While the block runs, a separate process holds the lock on ``root``; then it is killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(root)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)
