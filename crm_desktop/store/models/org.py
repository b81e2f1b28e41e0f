"""Org tree: teams and users (read-only on the laptop; the server administers them)."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class Team(Synced, Base):
    __tablename__ = "teams"
    __sync_entity__ = "team"

    name: Mapped[str] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    # A manager leads a subtree of teams; the parent link makes that subtree.
    parent_team_id: Mapped[str | None] = mapped_column(String(36))
    supervisor_id: Mapped[str | None] = mapped_column(String(36))


class User(Synced, Base):
    __tablename__ = "users"
    __sync_entity__ = "user"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    supervisor_id: Mapped[str | None] = mapped_column(String(36))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
