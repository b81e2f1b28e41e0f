"""The one way the app writes a file for the user (exports, backups, chart images).

`atomic_target(path)` hands out a new hidden file beside `path` to write by name (XlsxWriter,
SQLite and matplotlib all want a name, not a handle). When the block ends normally the file
is flushed to disk and renamed over `path` in one step, so a reader, a crash or a full disk
never sees half a file; when the block raises, the temporary file goes and an existing
`path` is left as it was.

The temporary file is created with mode 0666, which the system reduces by the process umask:
the finished file gets the user's ordinary permissions (mkstemp's 0600 would make an
exported workbook unreadable to a colleague on a shared drive). It lives in `config`, the
lowest layer with file access, so the store, the export writers, the services and the UI
can all use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

TEMPORARY_MARK = ".part"  # in every temporary name: `.<stem>.<random>.part<suffix>`


def temporary_beside(target: Path) -> Path:
    """A new, empty, hidden file in `target`'s folder (0666 less the umask). It keeps
    `target`'s suffix, so a writer that picks the format from the name picks the right one."""
    for _attempt in range(100):
        path = target.with_name(
            f".{target.stem}.{secrets.token_hex(4)}{TEMPORARY_MARK}{target.suffix}"
        )
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder, and nothing is lost
    # there but the rename's durability, which NTFS's own journal covers.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target` (see the module).

    Raises OSError when the folder cannot take the file; the caller turns that into its
    own bilingual message.
    """
    target = Path(target)
    temporary = temporary_beside(target)
    try:
        yield temporary
        _fsync_file(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(target.parent)
