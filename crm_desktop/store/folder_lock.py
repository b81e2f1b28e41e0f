"""One writer per data folder: an OS file lock held for as long as the app runs.

Two windows on one folder each kept their own view of the store; a stale save in one
deleted a plan item the other had saved. The window, and every command that writes
(sync, import, restore, demo, selftest), first takes this lock; a second one is refused
with StoreInUse (the window first asks the running one to come forward).

The lock is the operating system's (flock on POSIX, a byte-range lock on Windows) on a
small file in the folder, so it belongs to the process: it is released when the process
exits, however it exits, and a lock file left by a killed app never blocks the next
start. The file stays; only the lock on it matters.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from crm_desktop.store.errors import DatabaseUnavailable, StoreError

LOCK_FILENAME = "crm.lock"


class StoreInUse(StoreError):
    """Another CRM Desktop (a window or a command) is working on this data folder."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"数据文件夹 {data_dir} 正被另一个 CRM Desktop 使用（已打开的窗口或正在运行的命令）。"
            "请切换到那个窗口，或等它结束后重试。",
            f"The data folder {data_dir} is in use by another CRM Desktop (an open window or "
            "a running command). Switch to that window, or try again when it has finished.",
        )
        self.data_dir = data_dir


def _lock(handle: IO[bytes]) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class FolderLock:
    """The data folder's writer lock. `acquire` raises StoreInUse when it is taken."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILENAME
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def try_acquire(self) -> bool:
        if self._handle is not None:
            return True
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # Opened for appending: never truncated by a process that does not get the lock.
            handle = self.path.open("a+b")
        except OSError as error:
            # A folder that cannot be used (a file in its place, no permission): the
            # environment's fault, said as the store says it (store/errors.py).
            raise DatabaseUnavailable(f"{self.data_dir}: {error.strerror}") from error
        if not _lock(handle):
            handle.close()
            return False
        # Who holds it, for a person looking at the folder (the lock itself decides).
        if sys.platform != "win32":  # Windows' byte lock would refuse this write to byte 0
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n".encode())
            handle.flush()
        self._handle = handle
        return True

    def acquire(self) -> FolderLock:
        if not self.try_acquire():
            raise StoreInUse(self.data_dir)
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
