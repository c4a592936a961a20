"""Per-laptop preferences that must be readable before unlocking.

Only non-personal choices live here (language, auto-lock minutes, window size), in a
small JSON file in the data folder, written atomically. Anything personal stays in
the encrypted store.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from hamm_field.i18n import LANGUAGES
from hamm_field.store.files import atomic_write_text

FILE_NAME = "settings.json"
MIN_LOCK_MINUTES, MAX_LOCK_MINUTES = 1, 120


@dataclass(frozen=True)
class Settings:
    language: str = "de"
    lock_minutes: int = 5
    # The main window as this user left it: Qt's geometry blob (base64; position and size
    # only, nothing personal) and whether it was maximised. Empty: fit the screen.
    window_geometry: str = ""
    window_maximized: bool = False

    def sane(self) -> Settings:
        language = self.language if self.language in LANGUAGES else "de"
        minutes = min(MAX_LOCK_MINUTES, max(MIN_LOCK_MINUTES, int(self.lock_minutes)))
        geometry = self.window_geometry if isinstance(self.window_geometry, str) else ""
        return replace(self, language=language, lock_minutes=minutes,
                       window_geometry=geometry, window_maximized=self.window_maximized is True)


def load_settings(data_dir: Path) -> Settings:
    """The saved settings; defaults for anything missing or unreadable."""
    try:
        raw = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
        known = {f.name for f in fields(Settings)}
        return Settings(**{k: v for k, v in raw.items() if k in known}).sane()
    except (OSError, ValueError, TypeError):
        return Settings()


def save_settings(data_dir: Path, settings: Settings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(data_dir / FILE_NAME, json.dumps(asdict(settings.sane()), indent=2))
