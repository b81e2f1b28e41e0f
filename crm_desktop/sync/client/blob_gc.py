"""Blobs no live attachment row names any more leave the laptop: after a pull purged or
deleted attachment rows (scope loss, a handover away, a removal), and when the transfer
reconciles. A blob still named by any live row -- another record's attachment with the
same bytes, or one not yet uploaded -- stays."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, select

from crm_desktop.store.blobs import BlobFolder
from crm_desktop.store.database import Store
from crm_desktop.store.models import Attachment

ATTACHMENTS: Table = Attachment.__table__  # type: ignore[assignment]


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


def drop_unreferenced(store: Store, candidates: Iterable[str] | None = None) -> int:
    """Delete the candidate blobs (all stored ones when None) no live row names."""
    folder = BlobFolder.beside(store.path)
    wanted = list(folder.names()) if candidates is None else list(candidates)
    if not wanted:
        return 0
    with store.engine.connect() as conn:
        keep = live_shas(conn)
    dropped = 0
    for sha in wanted:
        if sha not in keep:
            folder.remove(sha)
            dropped += 1
    return dropped
