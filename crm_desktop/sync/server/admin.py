"""Administration used by `crm-server`: users and teams, handover, device revocation."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, update

from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import Role
from crm_desktop.store.base import utcnow
from crm_desktop.sync.server.auth import set_password
from crm_desktop.sync.server.reassign import reassign_all
from crm_desktop.sync.server.schema import SYNCED, devices
from crm_desktop.sync.server.scope import OrgTree, Principal
from crm_desktop.sync.server.tx import Tx

USERS = SYNCED["user"]
TEAMS = SYNCED["team"]
SYSTEM = "system"


class AdminError(Exception):
    """A refused administrative request; the message says why."""


def _user_id(tx: Tx, username: str) -> str:
    found = tx.conn.execute(
        select(USERS.c.id).where(USERS.c.username == username, USERS.c.deleted.is_(False))
    ).scalar()
    if found is None:
        raise AdminError(f"no user named {username!r}")
    return str(found)


def _team_id(tx: Tx, name: str, leader: str | None) -> str:
    found = tx.conn.execute(
        select(TEAMS.c.id, TEAMS.c.supervisor_id).where(
            TEAMS.c.name == name, TEAMS.c.deleted.is_(False)
        )
    ).first()
    if found is not None:
        if leader and found[1] is None:
            tx.write("team", dict(tx.load("team", found[0]) or {}), {"supervisor_id": leader})
        return str(found[0])
    team_id = uuid7()
    _insert(tx, "team", team_id, {"name": name, "supervisor_id": leader})
    return team_id


def _insert(tx: Tx, entity: str, row_id: str, values: dict[str, object]) -> None:
    now = tx.now
    tx.conn.execute(
        insert(SYNCED[entity]).values(
            id=row_id,
            version=1,
            deleted=False,
            created_at=now,
            updated_at=now,
            created_by=SYSTEM,
            updated_by=SYSTEM,
            **values,
        )
    )
    tx.touch(entity, row_id)


def _system_tx(engine_conn: object, org: OrgTree) -> Tx:
    principal = Principal(SYSTEM, Role.ADMIN, None, None)
    return Tx(engine_conn, principal, org, utcnow())  # type: ignore[arg-type]


def create_user(
    engine: Engine,
    username: str,
    role: Role,
    password: str,
    *,
    supervisor: str | None = None,
    team: str | None = None,
    display_name: str | None = None,
) -> str:
    """Create a user (and their team if new); supervisors lead the team they are put in."""
    with engine.begin() as conn:
        tx = _system_tx(conn, OrgTree.load(conn))
        exists = conn.execute(select(USERS.c.id).where(USERS.c.username == username)).first()
        if exists is not None:
            raise AdminError(f"user {username!r} already exists")
        user_id = uuid7()
        supervisor_id = _user_id(tx, supervisor) if supervisor else None
        leads = role in (Role.SUPERVISOR, Role.MANAGER)
        team_id = _team_id(tx, team, user_id if leads else None) if team else None
        if team_id is None and supervisor_id is not None:
            team_id = tx.org.team_of(supervisor_id)
        _insert(
            tx,
            "user",
            user_id,
            {
                "username": username,
                "display_name": display_name or username,
                "role": role.value,
                "supervisor_id": supervisor_id,
                "active": True,
                "owner_id": user_id,
                "team_id": team_id,
            },
        )
        set_password(conn, user_id, password)
        tx.finish()
    return user_id


def reassign_customers(engine: Engine, from_user: str, to_user: str) -> int:
    """Hand all of one user's customers to another; returns the number of rows moved."""
    with engine.begin() as conn:
        tx = _system_tx(conn, OrgTree.load(conn))
        old, new = _user_id(tx, from_user), _user_id(tx, to_user)
        moved = reassign_all(tx, old, new)
        tx.finish()
    return moved


def revoke_device(
    engine: Engine, device_id: str | None = None, username: str | None = None, wipe: bool = False
) -> int:
    """Revoke one device, or every device of a user; returns how many were revoked.

    With `wipe` the laptop also erases its local data at its next contact (a lost laptop);
    without, it only drops its token and refuses to sync.
    """
    with engine.begin() as conn:
        query = update(devices).values(revoked=True, wipe=wipe)
        if device_id:
            query = query.where(devices.c.id == device_id)
        elif username:
            tx = _system_tx(conn, OrgTree.load(conn))
            query = query.where(devices.c.user_id == _user_id(tx, username))
        else:
            raise AdminError("give a device id or a username")
        return int(conn.execute(query).rowcount)


def list_devices(engine: Engine) -> list[tuple[str, str, str, bool]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(devices.c.id, USERS.c.username, devices.c.last_seen, devices.c.revoked)
            .join(USERS, USERS.c.id == devices.c.user_id)
            .order_by(devices.c.last_seen)
        ).all()
    return [(r[0], r[1], r[2].isoformat(), bool(r[3])) for r in rows]
