"""Sync use cases for the GUI and the command line: sync now, status, the conflict inbox.

A thin facade over crm_desktop.sync.client: it opens the transport, runs the engine,
and turns results into plain data. It is safe to call from a worker thread (it opens
its own connections); the GUI receives only the returned dataclasses.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from sqlalchemy import delete, select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.store.base import Synced
from crm_desktop.store.database import Store
from crm_desktop.store.models import SYNCED_MODELS, ConflictEntry
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client import local
from crm_desktop.sync.client.engine import Progress, SyncEngine, SyncReport
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.client.transport import TIMEOUT, Transport
from crm_desktop.sync.command_names import UNDELETE
from crm_desktop.sync.entities import SCOPE_FIELDS, WORKFLOW_FIELDS, from_wire

log = logging.getLogger(__name__)
_T = TypeVar("_T")
MODELS: dict[str, type[Synced]] = {m.__sync_entity__: m for m in SYNCED_MODELS}


@dataclass(frozen=True)
class SyncStatus:
    server_url: str | None
    username: str | None
    signed_in: bool
    online: bool | None  # None: not tried since the app started
    pending: int
    last_sync_at: dt.datetime | None
    open_conflicts: int


# Entries about a signed report: its content is frozen until a supervisor reopens it, so
# writing the user's values again would only be refused by the freeze trigger.
FROZEN_KINDS = frozenset({"frozen_report", "amendment_request"})
# A refused claim of a pool lead (someone was first, or 撞单): there is nothing of the
# user's to write again; the lead is another rep's now.
LEAD_KINDS = frozenset({"lead_taken", "double_pursuit"})
# Entries where a delete beat an update (either arriving first): the record is gone on
# the server, so the way to write the user's values again is to bring it back.
UNDELETE_KINDS = frozenset({"update_deleted", "deleted_after_update"})


@dataclass(frozen=True)
class Conflict:
    """One inbox entry: what the user wrote that the server overrode or refused."""

    id: str
    entity: str
    row_id: str
    kind: str
    client_payload: dict[str, Any]
    server_snapshot: dict[str, Any] | None
    created_at: dt.datetime
    resolved: bool

    @property
    def can_reapply(self) -> bool:
        return self.kind not in FROZEN_KINDS | UNDELETE_KINDS | LEAD_KINDS

    @property
    def can_undelete(self) -> bool:
        return self.kind in UNDELETE_KINDS


class SyncService:
    def __init__(
        self, store: Store, client_factory: Callable[[], httpx.Client] | None = None
    ) -> None:
        self._store = store
        self._client_factory = client_factory or (lambda: httpx.Client(timeout=TIMEOUT))
        self._online: bool | None = None

    def _engine(
        self, server_url: str | None, progress: Progress | None, cancel: Callable[[], bool] | None
    ) -> SyncEngine:
        url = server_url or local.read_meta(self._store).get(local.SERVER_URL)
        if not url:
            raise ValidationError("尚未设置同步服务器地址", "No sync server address is set")
        transport = Transport(url, self._client_factory())
        return SyncEngine(self._store, transport, progress=progress, cancel=cancel)

    def login(self, server_url: str, username: str, password: str) -> str:
        """Sign in to the server; the laptop then belongs to that user. Returns the user id.

        A different user than the last one finds no inbox of theirs: the previous user's
        entries (with snapshots of their customers) are dropped with the sign-in."""
        previous = local.read_meta(self._store).get(local.USER_ID)
        engine = self._engine(server_url, None, None)
        try:
            user_id = self._tracked(lambda: engine.login(username, password).user_id)
        finally:
            engine.transport.close()
        if previous is not None and previous != user_id:
            with local.applying(self._store) as conn:
                conn.execute(delete(local.CONFLICTS))
        return user_id

    def sync_now(
        self,
        *,
        server_url: str | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Push pending changes and pull the server's; raises SyncError (user-facing)."""
        engine = self._engine(server_url, progress, cancel)
        try:
            return self._tracked(engine.sync)
        finally:
            engine.transport.close()

    def _tracked(self, call: Callable[[], _T]) -> _T:
        try:
            result = call()
        except Offline:
            self._online = False
            raise
        self._online = True
        return result

    def status(self) -> SyncStatus:
        meta = local.read_meta(self._store)
        with self._store.reading() as s:
            pending = s.execute(select(local.OUTBOX.c.mutation_id)).all()
            open_conflicts = s.scalars(
                select(ConflictEntry.id).where(ConflictEntry.resolved.is_(False))
            ).all()
        last = meta.get(local.LAST_SYNC)
        return SyncStatus(
            server_url=meta.get(local.SERVER_URL),
            username=meta.get(local.USERNAME),
            signed_in=bool(meta.get(local.TOKEN)),
            online=self._online,
            pending=len(pending),
            last_sync_at=dt.datetime.fromisoformat(last) if last else None,
            open_conflicts=len(open_conflicts),
        )

    def conflicts(self, *, include_resolved: bool = False) -> list[Conflict]:
        with self._store.reading() as s:
            query = select(ConflictEntry).order_by(ConflictEntry.created_at.desc())
            if not include_resolved:
                query = query.where(ConflictEntry.resolved.is_(False))
            rows = s.scalars(query).all()
            return [
                Conflict(
                    r.id,
                    r.entity,
                    r.row_id,
                    r.kind,
                    json.loads(r.client_payload),
                    json.loads(r.server_snapshot) if r.server_snapshot else None,
                    r.created_at,
                    r.resolved,
                )
                for r in rows
            ]

    def discard(self, conflict_id: str, actor_id: str | None) -> None:
        """Accept the server's version: the entry leaves the inbox on every laptop."""
        with UnitOfWork(self._store, actor_id) as uow:
            self._resolve(uow, conflict_id)
            uow.commit()

    def reapply(self, conflict_id: str, actor_id: str | None) -> None:
        """Write the user's overridden values again, as a new edit based on the server's row.

        An entry where a delete beat the user's update is re-applied by an undelete."""
        with UnitOfWork(self._store, actor_id) as uow:
            entry = self._resolve(uow, conflict_id)
            if entry.kind in UNDELETE_KINDS:
                self._undelete(uow, entry)
                uow.commit()
                return
            if entry.kind in FROZEN_KINDS:
                raise ValidationError(
                    "已签核的日报已冻结，不能重新应用；如需修改，请主管先重开该日报",
                    "The daily report is signed and frozen; it can change only after the "
                    "supervisor reopens it",
                )
            patch = json.loads(entry.client_payload).get("patch") or {}
            model = MODELS.get(entry.entity)
            row = uow.session.get(model, entry.row_id) if model else None
            if model is None or row is None or row.deleted:
                raise ValidationError(
                    "该记录已不存在，无法重新应用",
                    "The record no longer exists; nothing to re-apply",
                )
            table = model.__table__  # type: ignore[attr-defined]
            allowed = {k: v for k, v in patch.items() if k in table.c and k != "id"}
            for key, value in from_wire(table, allowed).items():
                setattr(row, key, value)
            uow.commit()

    def undelete(self, conflict_id: str, actor_id: str | None) -> None:
        """Bring back a record whose delete beat the user's update, with that update on
        top; the server decides (the `undelete` command) and every laptop sees it again."""
        with UnitOfWork(self._store, actor_id) as uow:
            entry = self._resolve(uow, conflict_id)
            if entry.kind not in UNDELETE_KINDS:
                raise ValidationError(
                    "该记录没有被删除，无需恢复", "The record was not deleted; nothing to undelete"
                )
            self._undelete(uow, entry)
            uow.commit()

    def _undelete(self, uow: UnitOfWork, entry: ConflictEntry) -> None:
        model = MODELS.get(entry.entity)
        if model is None:
            raise ValidationError(
                "该记录已不存在，无法恢复", "The record no longer exists; it cannot be undeleted"
            )
        patch = json.loads(entry.client_payload).get("patch") or {}
        row = uow.session.get(model, entry.row_id)
        uow.command(
            UNDELETE, entry.entity, entry.row_id, row.version if row else 0, {"patch": patch}
        )
        if row is None:
            return  # the server's row arrives with the next pull
        # Shown live at once; the server's row (or its refusal) replaces this at the sync.
        table = model.__table__  # type: ignore[attr-defined]
        locked = WORKFLOW_FIELDS.get(entry.entity, frozenset()) | SCOPE_FIELDS | {"id", "deleted"}
        allowed = {k: v for k, v in patch.items() if k in table.c and k not in locked}
        for key, value in from_wire(table, allowed).items():
            setattr(row, key, value)
        row.deleted = False

    def _resolve(self, uow: UnitOfWork, conflict_id: str) -> ConflictEntry:
        entry = uow.session.get(ConflictEntry, conflict_id)
        if entry is None:
            raise ValidationError("找不到该冲突记录", "No such conflict")
        entry.resolved = True
        uow.command("resolve_conflict", "conflict", conflict_id, 0, {})
        return entry
