"""ASGI entry point for `crm-server serve` workers: the app on CRM_DATABASE_URL, with
CRM_DB_CONNECTIONS connections per worker."""

from __future__ import annotations

import os

from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import CONNECTIONS_ENV, DEFAULT_CONNECTIONS

app = create_app(connections=int(os.environ.get(CONNECTIONS_ENV, DEFAULT_CONNECTIONS)))
