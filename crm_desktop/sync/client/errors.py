"""Why a sync stopped, each with a message a salesperson can act on (zh and en)."""

from __future__ import annotations

from crm_desktop.domain.errors import UserFacingError


class SyncError(UserFacingError):
    """A sync could not finish; local data is intact and the next sync resumes."""


class Offline(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "无法连接同步服务器，请检查网络或服务器地址。离线期间的修改已保存在本机。",
            f"Cannot reach the sync server ({detail}). Check the network or the server "
            "address; your offline changes are kept on this computer.",
        )


class AuthFailed(SyncError):
    """401: at sign-in the username or password is wrong; later the sign-in expired."""

    def __init__(self, at_sign_in: bool = False) -> None:
        if at_sign_in:
            super().__init__(
                "用户名或密码不正确，请重新输入。",
                "Wrong username or password; please try again.",
            )
        else:
            super().__init__(
                "登录已过期，请重新登录。离线期间的修改已保存在本机。",
                "Your sign-in has expired; please sign in again. Your offline changes are "
                "kept on this computer.",
            )
        self.at_sign_in = at_sign_in


class DeviceRevoked(SyncError):
    """An admin revoked this laptop (lost, stolen, or handed on); `wipe`: erase its data."""

    def __init__(self, wipe: bool = False) -> None:
        if wipe:
            super().__init__(
                "管理员已停用这台电脑并要求清除本机数据，本机的客户资料已删除。如有疑问请联系管理员。",
                "An administrator revoked this computer and asked for its data to be erased; "
                "the CRM data on this computer has been deleted. Contact your administrator "
                "if this is unexpected.",
            )
        else:
            super().__init__(
                "管理员已停用这台电脑的同步，本机已退出登录。如需继续同步，请联系管理员。",
                "An administrator revoked this computer's access to the server, and it has "
                "been signed out. Contact your administrator to sync again.",
            )
        self.wipe = wipe


class ClientOutdated(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "此版本的 CRM Desktop 与服务器不兼容，请升级后再同步。",
            "This CRM Desktop version is not compatible with the server; please update it.",
        )


class ServerRefused(SyncError):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(
            f"服务器拒绝了同步请求（{status}）：{detail}",
            f"The server refused the sync request ({status}): {detail}",
        )
        self.status = status
        self.detail = detail


class CursorGone(SyncError):
    """The server purged deletions this laptop has not seen: a full re-download is due."""

    def __init__(self) -> None:
        super().__init__("需要重新下载数据。", "A full download is needed.")


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("同步已取消，下次同步将继续。", "Sync cancelled; the next sync resumes.")


class UserMismatch(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "本机还有另一位用户尚未同步的修改，不能切换账号。请先用原账号同步。",
            "This computer holds unsynced changes of another user; sync them with that "
            "account before signing in as someone else.",
        )
