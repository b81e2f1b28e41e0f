"""Unit of work: one write transaction (BEGIN IMMEDIATE) that rolls back unless committed.

Every synced change made through it lands in the outbox in the same transaction
(see outbox.py); named commands are recorded explicitly with `command()`.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from crm_desktop.store import outbox
from crm_desktop.store.database import Store
from crm_desktop.store.errors import translate
from crm_desktop.store.models.local import OutboxEntry


class UnitOfWork:
    def __init__(self, store: Store, actor_id: str | None) -> None:
        self._store = store
        self._actor_id = actor_id
        self._committed = False
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._store.write_sessions()
        self.session.info.update(
            {"outbox": True, outbox.ACTOR_KEY: self._actor_id, outbox.COMMANDED_KEY: set()}
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()
        if exc is not None:
            translated = translate(exc)
            if translated is not None:
                raise translated from exc

    @property
    def actor_id(self) -> str | None:
        return self._actor_id

    def command(
        self, name: str, entity: str, row_id: str, base_version: int, args: dict[str, Any]
    ) -> None:
        """Record a named command (submit_report, sign_report, ...) for the server to run.

        The row's own field changes in this unit of work are then not sent as a patch:
        the server re-executes the command and validates it against its state machine.
        """
        self.session.info[outbox.COMMANDED_KEY].add((entity, row_id))
        self.session.add(
            OutboxEntry(
                name=name,
                entity=entity,
                row_id=row_id,
                base_version=base_version,
                patch=outbox.dumps(args),
                base_values=None,
            )
        )

    def commit(self) -> None:
        self.session.commit()
        self._committed = True
