"""Unsaved form state kept in the local store, so a crash or a closed window loses little.

The plan and report editors write what is typed here every few seconds (and on close);
reopening the day restores it, and a real save deletes it. The table is laptop-only:
nothing here is ever synced, so a half-typed report never reaches the supervisor.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from crm_desktop.store.database import Store
from crm_desktop.store.models import FormDraft
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SavedDraft:
    payload: dict[str, Any]
    saved_at: dt.datetime  # UTC


def plan_key(day: dt.date) -> str:
    return f"plan:{day.isoformat()}"


def report_key(day: dt.date) -> str:
    return f"report:{day.isoformat()}"


class FormDraftService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Replace the draft under `key` (one small write, no outbox entry)."""
        text = json.dumps(payload, ensure_ascii=False, default=_json_default)
        with UnitOfWork(self._store, None) as uow:
            uow.session.merge(FormDraft(key=key, payload=text, saved_at=self._store.clock.utcnow()))
            uow.commit()

    def load(self, key: str) -> SavedDraft | None:
        with self._store.reading() as session:
            row = session.get(FormDraft, key)
            if row is None:
                return None
            try:
                payload = json.loads(row.payload)
            except ValueError:
                return None  # a damaged draft is not worth an error: the saved record stands
            if not isinstance(payload, dict):
                return None
            return SavedDraft(payload, row.saved_at)

    def clear(self, key: str) -> None:
        with UnitOfWork(self._store, None) as uow:
            row = uow.session.get(FormDraft, key)
            if row is not None:
                uow.session.delete(row)
                uow.commit()


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a form draft")
