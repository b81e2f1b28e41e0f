"""Who is using this laptop: the signed-in user, read from (or first made in) the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import Role
from crm_desktop.store.database import Store
from crm_desktop.store.errors import user_errors
from crm_desktop.store.models import SyncMeta, User
from crm_desktop.store.unit_of_work import UnitOfWork

USER_KEY = "user_id"


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    team_id: str | None
    display_name: str

    @property
    def can_review(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.MANAGER)


def _actor(user: User) -> Actor:
    return Actor(user.id, Role(user.role), user.team_id, user.display_name)


def set_current_user(store: Store, user_id: str) -> None:
    with UnitOfWork(store, user_id) as uow:
        uow.session.merge(SyncMeta(key=USER_KEY, value=user_id))
        uow.commit()


def current_actor(store: Store) -> Actor:
    """The laptop's user. A store nobody has signed in to gets a local user of its own,
    so the app is usable before any server exists; a later login replaces it."""
    with store.reading() as session:
        meta = session.get(SyncMeta, USER_KEY)
        user = session.get(User, meta.value) if meta else None
        if user is not None:
            return _actor(user)
    # Users are administered on the server, so this stand-in is written without an outbox
    # entry: it must never be pushed.
    with user_errors(), store.write_sessions() as session, session.begin():
        user = session.scalars(select(User).where(User.username == "local")).first()
        if user is None:
            user = User(id=uuid7(), username="local", display_name="本机用户", role=Role.REP.value)
            user.owner_id = user.id
            session.add(user)
        session.merge(SyncMeta(key=USER_KEY, value=user.id))
        return _actor(user)


class CurrentUser:
    """The laptop's user, shared by all services; a login or the demo switches it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.actor = current_actor(store)

    def reload(self) -> Actor:
        """Read the user again (the store was erased or replaced under the app)."""
        self.actor = current_actor(self._store)
        return self.actor

    def switch(self, user_id: str) -> Actor:
        set_current_user(self._store, user_id)
        self.actor = current_actor(self._store)
        return self.actor
