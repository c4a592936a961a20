"""Autosaved drafts of forms, kept inside the encrypted store.

A typed note must survive a crash, an auto-lock or a power cut, and must never land
in a plaintext temp file; so drafts are rows of ``local_state`` (encrypted like
everything else, never synced). Values are JSON; dates travel as ISO strings.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hamm_field.services.context import Context
from hamm_field.store import state

PREFIX = "draft:"
# + name -> the ISO day it was last saved: drafts have a Löschfrist (services/retention.py)
SAVED_PREFIX = "draft_saved:"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$date"}:
        return dt.date.fromisoformat(value["$date"])
    return value


class Drafts:
    def __init__(self, context: Context) -> None:
        self.context = context

    def save(self, name: str, values: dict[str, Any]) -> None:
        payload = json.dumps({k: _encode(v) for k, v in values.items()}, ensure_ascii=False)
        with self.context.store.read() as session:
            state.put(session, PREFIX + name, payload)
            state.put(session, SAVED_PREFIX + name, self.context.today().isoformat())
            session.commit()

    def load(self, name: str) -> dict[str, Any] | None:
        with self.context.store.read() as session:
            payload = state.get(session, PREFIX + name)
        if payload is None:
            return None
        return {k: _decode(v) for k, v in json.loads(payload).items()}

    def discard(self, name: str) -> None:
        with self.context.store.read() as session:
            state.delete(session, PREFIX + name)
            state.delete(session, SAVED_PREFIX + name)
            session.commit()

    def names(self) -> list[str]:
        with self.context.store.read() as session:
            return sorted(state.with_prefix(session, PREFIX))
