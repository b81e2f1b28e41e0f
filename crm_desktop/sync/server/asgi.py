"""ASGI entry point for `crm-server serve` workers: the app on CRM_DATABASE_URL."""

from __future__ import annotations

from crm_desktop.sync.server.app import create_app

app = create_app()
