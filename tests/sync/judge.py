"""The judge of a hostile package: everything a refusal promises, checked at once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hamm_field.store import lifecycle
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from hamm_field.sync.envelope import PackageRefused
from tests.store.cli_in_process import cli_in_process
from tests.sync.hostile import CENTRAL_PASSWORD, SECRETS, Scene
from tests.sync.support import dump

# What the one-line message calls each kind of record (the German a coordinator reads).
KINDS = {
    "household": "Familie", "person": "Person", "contact": "Kontakt",
    "observation": "Beobachtung Kindeswohl", "device": "Gerät", "worker": "Mitarbeiter/in",
    "master_item": "Stammdaten", "erasure": "Löschung", "consent": "Einwilligung",
    "family_share": "Teilen einer Familie",
}  # fmt: skip


def leaked(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


class Judge:
    """Imports a package at the coordination and checks everything a refusal promises."""

    def __init__(self, scene: Scene, caplog, run_cli_here) -> None:  # type: ignore[no-untyped-def]
        self.scene, self.caplog, self.run_cli_here = scene, caplog, run_cli_here

    @property
    def quarantine(self) -> Path:
        return self.scene.central.context.store.paths.quarantine

    def refused(self, path: Path, reason: str, kind: str | None = None) -> PackageRefused:
        central = self.scene.central
        before, clock = dump(central), central.context.store.clock.last
        notes = set(self.quarantine.glob("*.reason.txt"))
        self.caplog.clear()
        with self.caplog.at_level(logging.DEBUG):
            [result] = central.sync.import_files([path])
        refusal = result.refused
        assert refusal is not None, f"merged: {result}"
        message = str(refusal)
        assert (refusal.reason, len(message.splitlines())) == (reason, 1), message
        if kind is not None:
            assert KINDS[kind] in message
        assert leaked(message) == [] and leaked(self.caplog.text) == []
        assert dump(central) == before
        assert central.context.store.clock.last == clock  # no stamp of it was observed
        [note] = set(self.quarantine.glob("*.reason.txt")) - notes
        text = note.read_text(encoding="utf-8")
        assert f"reason: {reason}\n" in text and leaked(text) == []
        self.cli_refuses(path, message)
        return refusal

    def cli_refuses(self, path: Path, message: str) -> None:
        """``hamm-field import`` in this process: exit 1, one line, the log free of names."""
        scene = self.scene
        before = dump(scene.central)
        scene.close_central()
        try:
            result = self.run_cli_here("--data-dir", str(scene.central_dir), "import",
                                       str(path), password=CENTRAL_PASSWORD)
        finally:
            scene.reopen_central()
        assert (result.code, result.out, result.err.count("\n")) == (1, "", 1), result.err
        assert message in result.err and leaked(result.err) == []
        log = scene.central_dir / "logs" / "hamm_field.log"
        assert leaked(log.read_text(encoding="utf-8")) == []
        assert dump(scene.central) == before


@contextmanager
def judging(scene: Scene, caplog, monkeypatch, capsys) -> Iterator[Judge]:  # type: ignore[no-untyped-def]
    """The command line runs in this process and unlocks with the data key, not the
    password's key derivation: that is tested elsewhere and costs half a second a case."""

    def unlock_without_derivation(paths: StorePaths, password: str) -> Store:
        assert (paths.root, password) == (scene.central_dir, CENTRAL_PASSWORD)
        return scene.opener.store(paths.root, "central")

    monkeypatch.setattr(lifecycle, "open_store", unlock_without_derivation)
    with cli_in_process(monkeypatch, capsys) as run_cli_here:
        yield Judge(scene, caplog, run_cli_here)
