"""Where a store's files live inside its data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("hamm-field", appauthor=False))


@dataclass(frozen=True)
class StorePaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "hamm_field.db"

    @property
    def keyfile(self) -> Path:
        return self.root / "hamm_field.key"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def staging(self) -> Path:
        """Where packages are copied and unpacked (encrypted files only)."""
        return self.root / "staging"

    @property
    def quarantine(self) -> Path:
        """Where refused packages are kept, each with a file naming the reason."""
        return self.root / "quarantine"

    def exists(self) -> bool:
        return self.database.exists() and self.keyfile.exists()
