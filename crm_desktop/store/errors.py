"""Turn SQLite environment failures into messages a person understands.

Like qutebrowser's sql module: a locked, read-only, corrupt or full database is the
environment's fault and gets a clear message; anything else is a bug and propagates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from crm_desktop.domain.errors import UserFacingError


class StoreError(UserFacingError):
    """The local database cannot be used right now; the message says why and what to do."""


class DatabaseLocked(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "数据库正被另一个程序占用（可能另开了一个 CRM Desktop 窗口）。请关闭其他窗口后重试，"
            "您的修改没有丢失。",
            "The database is in use by another program (perhaps a second CRM Desktop window). "
            "Close it and try again; nothing you entered was lost.",
        )


class DatabaseReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "数据库文件是只读的，无法保存修改。请检查数据文件夹的权限，或在设置中选择其他数据文件夹。",
            "The database file is read-only, so changes cannot be saved. Check the data "
            "folder's permissions or choose another data folder in Settings.",
        )


class DatabaseCorrupt(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "数据库文件已损坏或不是 CRM Desktop 的数据文件。请从备份恢复，或联系管理员；"
            "已同步到服务器的数据可以重新下载。",
            "The database file is damaged or is not a CRM Desktop data file. Restore it "
            "from a backup or ask your administrator; data already synced to the server "
            "can be downloaded again.",
        )


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "磁盘空间已满，刚才的修改没有保存。请清理磁盘空间后重试。",
            "The disk is full; the last change was not saved. Free some disk space and try again.",
        )


class DatabaseUnavailable(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"无法打开数据库文件：{detail}。请检查数据文件夹是否存在且可以访问。",
            f"The database file cannot be opened: {detail}. Check that the data folder "
            "exists and is accessible.",
        )


# SQLite primary result codes (https://sqlite.org/rescode.html).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def translate(error: BaseException) -> StoreError | None:
    """Map an SQLite error (raw or wrapped by SQLAlchemy) to a StoreError, or None if a bug."""
    raw = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(raw, sqlite3.Error):
        return None
    code = getattr(raw, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(raw).lower()
    if primary in (_BUSY, _LOCKED) or "database is locked" in text:
        return DatabaseLocked()
    if primary == _READONLY or "readonly" in text:
        return DatabaseReadOnly()
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return DatabaseCorrupt()
    if primary == _FULL or "database or disk is full" in text:
        return DiskFull()
    if primary in (_CANTOPEN, _IOERR):
        return DatabaseUnavailable(str(raw))
    return None


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise environment failures as StoreError; let real bugs through untouched."""
    try:
        yield
    except (sqlite3.Error, sa_exc.DBAPIError) as error:
        translated = translate(error)
        if translated is None:
            raise
        raise translated from error
