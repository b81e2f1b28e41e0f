"""What an export tells the user when it stops: cancelled, or the file could not be written.

One pair of errors for every file the app writes for the user (the list export, the
weekly summary, chart images), so a dialog catches one kind and the messages say the same
thing the same way, in Chinese and English.
"""

from __future__ import annotations

import errno
from pathlib import Path

from crm_desktop.domain.errors import UserFacingError


class ExportCancelled(UserFacingError):
    """The user cancelled; no file was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消，没有生成文件。", "Export cancelled; no file was written.")


class ExportFileError(UserFacingError):
    """The target cannot be written (no permission, no folder, disk full, file in use)."""


def file_error(error: OSError, target: Path) -> ExportFileError:
    folder = target.parent
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportFileError(
            f"没有权限在“{folder}”中写入文件。请选择其他文件夹（例如“文档”）后重试。",
            f"You may not write files in “{folder}”. Choose another folder (such as "
            "Documents) and try again.",
        )
    if error.errno == errno.ENOENT:
        return ExportFileError(
            f"文件夹“{folder}”不存在。请选择其他位置后重试。",
            f"The folder “{folder}” does not exist. Choose another location and try again.",
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportFileError(
            "磁盘空间不足，文件没有导出。请清理磁盘空间或选择其他位置后重试。",
            "The disk is full, so the file was not exported. Free some space or choose "
            "another location and try again.",
        )
    if error.errno == errno.EISDIR or target.is_dir():
        return ExportFileError(
            f"无法写入“{target}”：这是一个文件夹，请输入文件名。",
            f"Cannot write “{target}”: it is a folder; enter a file name.",
        )
    reason = error.strerror or str(error)
    return ExportFileError(
        f"无法写入“{target}”（{reason}）。如果该文件正在 Excel 中打开，请先关闭它再重试。",
        f"Could not write “{target}” ({reason}). If the file is open in Excel, close it "
        "and try again.",
    )
