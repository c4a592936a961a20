"""A read-only view of the master data, loaded once per change, for validation and forms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hamm_field.domain.masterdata import display_name
from hamm_field.domain.vocab import MasterKind


@dataclass(frozen=True)
class MasterEntry:
    kind: str
    key: str
    name: str
    """As stored (German for the shipped defaults); ``label`` is what a person reads."""
    parent: str | None = None
    tags: tuple[str, ...] = ()
    active: bool = True

    @property
    def label(self) -> str:
        return display_name(self.kind, self.key, self.name)


@dataclass(frozen=True)
class MasterIndex:
    entries: dict[str, dict[str, MasterEntry]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[MasterEntry]) -> MasterIndex:
        by_kind: dict[str, dict[str, MasterEntry]] = {}
        for entry in entries:
            by_kind.setdefault(entry.kind, {})[entry.key] = entry
        return cls(by_kind)

    def has(self, kind: MasterKind | str, key: str | None) -> bool:
        """True for a known, active key; old records keep inactive keys valid on read."""
        entry = self.entries.get(str(kind), {}).get(key or "")
        return entry is not None and entry.active

    def label(self, kind: MasterKind | str, key: str | None) -> str:
        """What a person reads, in the current language where it is a shipped default."""
        entry = self.entries.get(str(kind), {}).get(key or "")
        return entry.label if entry else (key or "")

    def name(self, kind: MasterKind | str, key: str | None) -> str:
        """As stored: for documents whose German part must stay German."""
        entry = self.entries.get(str(kind), {}).get(key or "")
        return entry.name if entry else (key or "")

    def active(self, kind: MasterKind | str) -> list[MasterEntry]:
        return [e for e in self.entries.get(str(kind), {}).values() if e.active]

    def themes_for(self, paket: int | None) -> list[MasterEntry]:
        themes = self.active(MasterKind.THEMA)
        return [t for t in themes if paket is None or t.parent == str(paket)]

    def is_sensitive_institution(self, key: str | None) -> bool:
        """Medical or legal: a Schlüsselfigur is no sworn interpreter there."""
        entry = self.entries.get(MasterKind.INSTITUTION, {}).get(key or "")
        return bool(entry and {"medizinisch", "rechtlich"} & set(entry.tags))
