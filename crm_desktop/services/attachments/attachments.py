"""Attachments 附件 on visits, customers, market reports, complaints and account plans
(issue 17; the interface the GUI builds on is fixed in the module's names below).

Adding a file stores its bytes in the laptop's content-addressed blob folder first
(store/blobs.py), then writes the synced row and a `blob_transfers` "up" entry in one
transaction: the row syncs with the records, the bytes follow in the background
(transfer.py). A crash between the two leaves at most an unreferenced blob, never a row
without its bytes. Everything works offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.domain.attachments import (
    HARD_MAX_FILE_BYTES,
    OWNER_KINDS,
    AttachmentLimits,
    check_not_frozen,
    check_owner_kind,
    check_size,
    is_image,
    mime_type,
    sanitize_file_name,
    scope_of,
)
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.org import RecordKind
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.attachments.imaging import prepare
from crm_desktop.services.attachments.transfer import BlobTransferService, TransferReport
from crm_desktop.services.scope import access
from crm_desktop.store.base import Synced
from crm_desktop.store.blobs import BlobFolder
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    AccountPlan,
    Attachment,
    BlobTransfer,
    Complaint,
    Customer,
    DailyReport,
    MarketReport,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork

OWNER_MODELS: dict[str, type[Synced]] = {
    "visit_record": VisitRecord,
    "customer": Customer,
    "market_report": MarketReport,
    "complaint": Complaint,
    "account_plan": AccountPlan,
}
assert tuple(OWNER_MODELS) == OWNER_KINDS


class TransferState(StrEnum):
    LOCAL_ONLY = "local_only"  # made here, not uploaded yet
    SYNCED = "synced"  # here and on the server
    REMOTE_ONLY = "remote_only"  # row known, bytes not downloaded yet
    MISSING = "missing"  # bytes neither here nor (yet) on the server


@dataclass(frozen=True)
class AttachmentView:
    id: str
    owner_kind: str
    owner_id: str  # the record it hangs on
    file_name: str
    mime_type: str
    size_bytes: int
    sha256: str
    width: int | None
    height: int | None
    taken_at: dt.datetime | None  # EXIF DateTimeOriginal, naive local time as in the photo
    created_at: dt.datetime
    created_by_name: str
    local_path: Path | None  # the content-addressed file, None if not downloaded
    state: TransferState
    is_image: bool
    can_delete: bool


def _not_found() -> ValidationError:
    return ValidationError("找不到该附件，它可能已被删除", "That attachment no longer exists")


def _report_status(session: Session, owner_kind: str, owner_id: str) -> str | None:
    """The status of the daily report a visit belongs to (None for other records)."""
    if owner_kind != "visit_record":
        return None
    return session.execute(
        select(DailyReport.status)
        .join(VisitRecord, VisitRecord.report_id == DailyReport.id)
        .where(VisitRecord.id == owner_id)
    ).scalar()


def _record_gone() -> ValidationError:
    return ValidationError(
        "找不到要添加附件的记录，它可能已被删除",
        "The record to attach to no longer exists",
        field="owner_id",
    )


def _unreadable(path: Path, error: OSError) -> UserFacingError:
    reason = error.strerror or type(error).__name__
    return UserFacingError(
        f"无法读取文件“{path.name}”：{reason}", f"Cannot read the file “{path.name}”: {reason}"
    )


def _cannot_store(error: OSError) -> UserFacingError:
    reason = error.strerror or type(error).__name__
    return UserFacingError(
        f"无法保存附件（磁盘已满或没有写入权限？）：{reason}",
        f"Cannot store the attachment (disk full or no write permission?): {reason}",
    )


class AttachmentService:
    def __init__(
        self,
        store: Store,
        user: CurrentUser,
        limits: AttachmentLimits | None = None,
        *,
        client_factory: Callable[[], httpx.Client] | None = None,
    ) -> None:
        self._store = store
        self._user = user
        self.limits = limits or AttachmentLimits()
        self.blobs = BlobFolder.beside(store.path)
        # The HTTP client of the background transfer (transfer.py); tests inject one.
        self._client_factory = client_factory

    # --- writes --------------------------------------------------------------------
    def add_file(self, owner_kind: str, owner_id: str, path: Path) -> AttachmentView:
        """Attach the file at `path` (a photo is downscaled if large). Raises a bilingual
        UserFacingError (nothing stored) when it is too large, unreadable or empty."""
        path = Path(path)
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                head = handle.read(16)
            # A photo over the limit may fit once downscaled; anything else is refused
            # before it is read. Nothing passes the hard ceiling.
            if size > HARD_MAX_FILE_BYTES or not is_image(mime_type(path.name, head)):
                check_size(size, self.limits)
            data = path.read_bytes()
        except OSError as error:
            raise _unreadable(path, error) from error
        return self.add_bytes(owner_kind, owner_id, data, path.name)

    def add_bytes(
        self, owner_kind: str, owner_id: str, data: bytes, file_name: str
    ) -> AttachmentView:
        """Attach bytes (a pasted picture, a dropped file's content) named `file_name`."""
        check_owner_kind(owner_kind)
        mime = mime_type(file_name, data[:16])
        prepared = prepare(data, mime, self.limits)
        stored = prepared.data if prepared.data is not None else data
        check_size(len(stored), self.limits)
        name = sanitize_file_name(file_name)
        if prepared.mime_type != mime:  # re-encoded: the name says what it is now
            name = sanitize_file_name(name.rpartition(".")[0] or name) + ".jpg"
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            record = self._writable_record(uow.session, owner_kind, owner_id)
            try:
                sha, _path = self.blobs.put_bytes(stored)
            except OSError as error:
                raise _cannot_store(error) from error
            scope = scope_of(record.owner_id, record.team_id, _customer_of(owner_kind, record))
            row = Attachment(
                owner_id=scope.owner_id,
                team_id=scope.team_id,
                customer_id=scope.customer_id,
                owner_kind=owner_kind,
                owner_record_id=owner_id,
                file_name=name,
                mime_type=prepared.mime_type,
                size_bytes=len(stored),
                sha256=sha,
                width=prepared.width,
                height=prepared.height,
                taken_at=prepared.taken_at,
            )
            uow.session.add(row)
            _owe(uow.session, sha, "up", len(stored))
            uow.commit()
            attachment_id = row.id
        return self.get(attachment_id)

    def remove(self, attachment_id: str) -> None:
        """Soft delete (synced). The bytes stay until no live row names them."""
        actor = self._user.actor
        rights = access(self._store, actor)
        with UnitOfWork(self._store, actor.user_id) as uow:
            row = uow.session.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise _not_found()
            if not (
                row.created_by == actor.user_id or rights.may_write(RecordKind.OWNED, row.owner_id)
            ):
                raise ValidationError(
                    "您不能删除此附件", "You may not remove this attachment", field="attachment"
                )
            check_not_frozen(
                row.owner_kind, _report_status(uow.session, row.owner_kind, row.owner_record_id)
            )
            row.deleted = True
            uow.commit()

    def _writable_record(self, session: Session, owner_kind: str, owner_id: str) -> Any:
        record = session.get(OWNER_MODELS[owner_kind], owner_id)
        if record is None or record.deleted:
            raise _record_gone()
        rights = access(self._store, self._user.actor)
        if not rights.may_write(RecordKind.OWNED, record.owner_id):
            raise ValidationError(
                "此记录不属于您，不能添加附件",
                "This record is not yours; you cannot add attachments to it",
                field="owner_id",
            )
        check_not_frozen(owner_kind, _report_status(session, owner_kind, owner_id))
        return record

    # --- reads ---------------------------------------------------------------------
    def list_for(self, owner_kind: str, owner_id: str) -> list[AttachmentView]:
        """The live attachments of one record, oldest first."""
        check_owner_kind(owner_kind)
        query = _view_query().where(
            Attachment.owner_kind == owner_kind,
            Attachment.owner_record_id == owner_id,
            Attachment.deleted.is_(False),
        )
        return self._views(query.order_by(Attachment.created_at, Attachment.id))

    def get(self, attachment_id: str) -> AttachmentView:
        found = self._views(
            _view_query().where(Attachment.id == attachment_id, Attachment.deleted.is_(False))
        )
        if not found:
            raise _not_found()
        return found[0]

    def count_for(self, owner_kind: str, owner_ids: list[str]) -> dict[str, int]:
        """Live attachments per record, for a list's paper-clip column."""
        with self._store.reading() as s:
            rows = s.execute(
                select(Attachment.owner_record_id, func.count())
                .where(
                    Attachment.owner_kind == owner_kind,
                    Attachment.owner_record_id.in_(owner_ids),
                    Attachment.deleted.is_(False),
                )
                .group_by(Attachment.owner_record_id)
            ).all()
        return {r[0]: int(r[1]) for r in rows}

    def pending_transfers(self) -> int:
        """Blobs still to move (up or down), for a status line."""
        with self._store.reading() as s:
            return int(s.scalar(select(func.count()).select_from(BlobTransfer)) or 0)

    def _views(self, query: Any) -> list[AttachmentView]:
        actor = self._user.actor
        rights = access(self._store, actor)
        with self._store.reading() as s:
            rows = s.execute(query).all()
            owed = (
                {
                    (r[0], r[1]): bool(r[2])
                    for r in s.execute(
                        select(BlobTransfer.sha256, BlobTransfer.direction, BlobTransfer.missing)
                    ).all()
                }
                if rows
                else {}
            )
        views = []
        for row, creator in rows:
            here = self.blobs.has(row.sha256)
            views.append(
                AttachmentView(
                    id=row.id,
                    owner_kind=row.owner_kind,
                    owner_id=row.owner_record_id,
                    file_name=row.file_name,
                    mime_type=row.mime_type,
                    size_bytes=row.size_bytes,
                    sha256=row.sha256,
                    width=row.width,
                    height=row.height,
                    taken_at=row.taken_at,
                    created_at=row.created_at,
                    created_by_name=creator or "",
                    local_path=self.blobs.path(row.sha256) if here else None,
                    state=_state(here, (row.sha256, "up") in owed, owed.get((row.sha256, "down"))),
                    is_image=is_image(row.mime_type),
                    can_delete=row.created_by == actor.user_id
                    or rights.may_write(RecordKind.OWNED, row.owner_id),
                )
            )
        return views

    # --- background transfer ------------------------------------------------------------
    def transfer_now(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> TransferReport:
        """Upload what this laptop owes and download what it lacks (transfer.py); for a
        worker thread (the operations hub's sync lane), after a sync. Raises the sync's
        UserFacingErrors (offline, signed out); what did not move stays queued."""
        service = BlobTransferService(self._store, client_factory=self._client_factory)
        return service.run(progress=progress, cancel=cancel)


def _state(here: bool, owed_up: bool, missing_down: bool | None) -> TransferState:
    if here:
        return TransferState.LOCAL_ONLY if owed_up else TransferState.SYNCED
    if missing_down:
        return TransferState.MISSING
    return TransferState.REMOTE_ONLY


def _view_query() -> Any:
    return select(Attachment, User.display_name).outerjoin(User, User.id == Attachment.created_by)


def _customer_of(owner_kind: str, record: Any) -> str | None:
    if owner_kind == "customer":
        return str(record.id)
    value = getattr(record, "customer_id", None)
    return value if isinstance(value, str) else None


def _owe(session: Session, sha: str, direction: str, size: int) -> None:
    if session.get(BlobTransfer, (sha, direction)) is None:
        session.add(BlobTransfer(sha256=sha, direction=direction, size_bytes=size))
