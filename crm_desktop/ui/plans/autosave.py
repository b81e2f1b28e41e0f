"""Autosave of an editor's unsaved state: a single-shot timer restarted on every edit.

At most `AUTOSAVE_MS` of typing is lost to a crash; closing the editor (or switching the
day) flushes at once. The state goes to the local store's form drafts, never to sync.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.day.form_drafts import FormDraftService

AUTOSAVE_MS = 2000


class Autosaver(QObject):
    """Writes `state()` under `key` 2 s after the last `touch()`, or at `flush()`."""

    def __init__(
        self,
        drafts: FormDraftService,
        state: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._state = state
        self.key: str | None = None
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        """An edit happened: (re)start the countdown."""
        if self.key is None:
            return
        self.pending = True
        self.timer.start()

    def flush(self) -> None:
        """Write now if anything changed since the last write or clear."""
        self.timer.stop()
        if not self.pending or self.key is None:
            return
        try:
            self._drafts.save(self.key, self._state())
        except UserFacingError:
            return  # a locked store: the next edit tries again; the form still holds it
        self.pending = False

    def discard(self) -> None:
        """The form was really saved (or reloaded): forget the draft."""
        self.timer.stop()
        self.pending = False
        if self.key is not None:
            self._drafts.clear(self.key)
