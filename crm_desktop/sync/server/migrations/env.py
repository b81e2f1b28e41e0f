"""Alembic environment of the server database (PostgreSQL or SQLite), on a given engine."""

from __future__ import annotations

from alembic import context

# Tables declared beside their feature, on the same metadata (for --autogenerate).
import crm_desktop.sync.server.notifications.tables  # noqa: F401
from crm_desktop.sync.server.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # command-line use: `alembic -x url=... revision --autogenerate`
    from sqlalchemy import create_engine

    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
