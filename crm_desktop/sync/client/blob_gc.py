"""Blobs no live attachment row names any more leave the laptop: after a pull purged or
deleted attachment rows (scope loss, a handover away, a removal), and when the transfer
reconciles. A blob still named by any live row (another record's attachment with the
same bytes) stays, and so does one this laptop has yet to upload."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, select

from crm_desktop.store.blobs import BlobFolder
from crm_desktop.store.database import Store
from crm_desktop.store.models import Attachment, BlobTransfer

ATTACHMENTS: Table = Attachment.__table__  # type: ignore[assignment]
TRANSFERS: Table = BlobTransfer.__table__  # type: ignore[assignment]


def shas_of(conn: Connection, attachment_ids: Iterable[str]) -> set[str]:
    """The blobs the given attachment rows name (read before they are purged)."""
    ids = list(attachment_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            conn.execute(
                select(ATTACHMENTS.c.sha256).where(ATTACHMENTS.c.id.in_(ids[start : start + 500]))
            ).scalars()
        )
    return found


def live_shas(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            select(ATTACHMENTS.c.sha256).where(ATTACHMENTS.c.deleted.is_(False)).distinct()
        ).scalars()
    )


def owed_uploads(conn: Connection) -> set[str]:
    """Blobs this laptop still owes the server: kept even when their row left the laptop
    (a record handed to another team before its photo went up)."""
    return set(
        conn.execute(select(TRANSFERS.c.sha256).where(TRANSFERS.c.direction == "up")).scalars()
    )


def drop_unreferenced(store: Store, candidates: Iterable[str] | None = None) -> int:
    """Delete the candidate blobs (all stored ones when None) no live row names."""
    folder = BlobFolder.beside(store.path)
    wanted = list(folder.names()) if candidates is None else list(candidates)
    if not wanted:
        return 0
    with store.engine.connect() as conn:
        keep = live_shas(conn) | owed_uploads(conn)
    dropped = 0
    for sha in wanted:
        if sha not in keep:
            folder.remove(sha)
            dropped += 1
    return dropped
