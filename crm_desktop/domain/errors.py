"""Errors whose message is meant for a person, not a traceback."""

from __future__ import annotations


class UserFacingError(Exception):
    """An error that carries a message a salesperson can read and act on.

    `message_zh` is shown by default, `message_en` when the interface is in English.
    """

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh_CN") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


class ValidationError(UserFacingError):
    """Input that breaks a business rule; `field` names the offending field if any."""

    def __init__(self, message_zh: str, message_en: str, field: str | None = None) -> None:
        super().__init__(message_zh, message_en)
        self.field = field


class TransitionError(UserFacingError):
    """A workflow action that is not allowed from the record's current state or role."""


class Forbidden(TransitionError):
    """An action this user may not take on this record at all (not theirs to act on)."""
