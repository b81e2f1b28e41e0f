"""Alembic environment: runs on the engine the app hands over, in batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from crm_desktop.store import models  # noqa: F401  (registers every table)
from crm_desktop.store.base import Base
from crm_desktop.store.migrations.env_filters import include_name

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # command-line use: `alembic -x url=sqlite:///path revision --autogenerate`
    from sqlalchemy import create_engine

    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
