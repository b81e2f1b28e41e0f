"""The store's user-facing failures, for callers above the services (the ui may not import
crm_desktop.store). The writer lane waits out `DatabaseLocked` instead of showing it."""

from __future__ import annotations

from crm_desktop.store.errors import DatabaseLocked, StoreError

__all__ = ["DatabaseLocked", "StoreError"]
