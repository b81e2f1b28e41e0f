"""Account teams 客户团队 on the server (issue 16): a per-customer grant of sight.

Scope is by owner (scope.py): a user sees the records of the owners below them. A live
`account_team_member` row for user U on customer C adds C to what U reads, whoever owns
it: the customer, its contacts (the relationship map is made of them) and the account's
key-account rows (plans, team, map links, health checks / watch list / events) -- the
entities of GRANTED, each found by its customer key. The feed's queries add this as one
`IN (SELECT customer_id ... WHERE user_id = :user)` per table, set-based, so the pull,
the drift checksum and the push's write-back rows agree on what U sees.

The grant is read-only: a team member outside the owner's line writes nothing of the
account (the owner's line does; the domain has no member-only task to write). A write
is refused as `forbidden` with words that say whom to ask.

Adding a member re-stamps the account's rows (a new `server_seq`, the same version), so
the member's next pull carries them although they are older than the member's cursor.
Removing one -- a delete, or an edit that moves the row to another user or customer --
files scope exits for the rows the user no longer sees, so their laptop purges them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import BindParameter, Connection, Select, Table, and_, select
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.scope import Principal
from crm_desktop.sync.server.tx import Rejection, Tx

MEMBERS = SYNCED["account_team_member"]

# What a team member reads of the account: entity -> the column naming the customer.
GRANTED: dict[str, str] = {
    "customer": "id",
    "contact": "customer_id",
    "account_plan": "customer_id",
    "account_team_member": "customer_id",
    "relationship_link": "customer_id",
    "key_account_record": "customer_id",
    # Photos and files on the account's customer card and plans (not on visits or
    # complaints, which the grant does not open): domain/attachments.py.
    "attachment": "customer_id",
}
# The attachments the grant shows: those on records it opens.
GRANTED_ATTACHMENT_KINDS = ("customer", "account_plan")

MEMBER_READS_ONLY_EN = (
    "account team members outside the account manager's line only read the account; "
    "ask its account manager to make this change"
)
MEMBER_READS_ONLY_ZH = "客户团队成员（非客户经理所在线）只能查看该客户；请联系客户经理修改"


def granted_ids(user: BindParameter[str] | str) -> Select[Any]:
    """The customers a user's live team memberships open to them."""
    return select(MEMBERS.c.customer_id).where(
        MEMBERS.c.user_id == user, MEMBERS.c.deleted.is_(False)
    )


def grant_clause(table: Table, entity: str, user: BindParameter[str]) -> ColumnElement[bool] | None:
    """The feed's condition for rows of `entity` the grant shows (None: it shows none)."""
    key = GRANTED.get(entity)
    if key is None:
        return None
    clause = table.c[key].in_(granted_ids(user))
    if entity == "attachment":
        return and_(table.c.owner_kind.in_(GRANTED_ATTACHMENT_KINDS), clause)
    return clause


def customer_of(entity: str, row: Mapping[str, Any]) -> str | None:
    if entity == "attachment" and row.get("owner_kind") not in GRANTED_ATTACHMENT_KINDS:
        return None
    key = GRANTED.get(entity)
    value = None if key is None else row.get(key)
    return value if isinstance(value, str) else None


def granted_customers(conn: Connection, user_id: str) -> frozenset[str]:
    return frozenset(conn.execute(granted_ids(user_id)).scalars())


def sees(conn: Connection, principal: Principal, entity: str, row: Mapping[str, Any]) -> bool:
    """can_see_row, and the account rows of the user's team memberships."""
    if principal.can_see_row(entity, row):
        return True
    customer = customer_of(entity, row)
    return customer is not None and customer in granted_customers(conn, principal.user_id)


def check_member_write(tx: Tx, m: Mutation) -> None:
    """Refuse a team member's write of the account they only read (see the docstring)."""
    if m.entity not in GRANTED or m.name not in ("create", "update", "delete"):
        return
    existing = tx.load(m.entity, m.row_id, lock=False)
    if existing is not None:
        if tx.principal.can_see(m.entity, existing["owner_id"]):
            return  # the policy decides, as for any row the user sees
        customer = customer_of(m.entity, existing)
    elif m.name == "create":
        ref = m.patch.get(GRANTED[m.entity])
        customer = ref if isinstance(ref, str) and m.entity != "customer" else None
        owner = _owner_of_customer(tx, customer)
        if owner is None or tx.principal.can_write(m.entity, owner):
            return
    else:
        return
    if customer is not None and customer in granted_customers(tx.conn, tx.principal.user_id):
        raise Rejection("forbidden", MEMBER_READS_ONLY_EN, MEMBER_READS_ONLY_ZH)


def _owner_of_customer(tx: Tx, customer_id: str | None) -> str | None:
    if customer_id is None:
        return None
    row = tx.load("customer", customer_id, lock=False)
    return None if row is None else row["owner_id"]


def membership(tx: Tx, m: Mutation) -> tuple[str, str] | None:
    """(user, customer) of the member row a mutation writes, if it is live now."""
    if m.entity != "account_team_member":
        return None
    row = tx.load(m.entity, m.row_id, lock=False)
    if row is None or row["deleted"]:
        return None
    return str(row["user_id"]), str(row["customer_id"])


def membership_changed(
    tx: Tx, m: Mutation, before: tuple[str, str] | None, after: tuple[str, str] | None
) -> None:
    """After a member row's write: open the account to a new member, close it to a
    former one (unless another live row of theirs keeps it open)."""
    if before == after:
        return
    if before is not None and not _still_member(tx, *before):
        _close(tx, *before, m.row_id)
    if after is not None and _memberships(tx, *after) == 1:
        _open(tx, *after)


def _memberships(tx: Tx, user_id: str, customer_id: str) -> int:
    rows = tx.conn.execute(
        select(MEMBERS.c.id).where(
            MEMBERS.c.user_id == user_id,
            MEMBERS.c.customer_id == customer_id,
            MEMBERS.c.deleted.is_(False),
        )
    ).all()
    return len(rows)


def _still_member(tx: Tx, user_id: str, customer_id: str) -> bool:
    return _memberships(tx, user_id, customer_id) > 0


def _account_rows(tx: Tx, customer_id: str) -> list[tuple[str, str, str | None, bool]]:
    """(entity, id, owner, deleted) of every row the grant on the customer covers."""
    found: list[tuple[str, str, str | None, bool]] = []
    for entity, key in GRANTED.items():
        table = SYNCED[entity]
        query = select(table.c.id, table.c.owner_id, table.c.deleted).where(
            table.c[key] == customer_id
        )
        if entity == "attachment":
            query = query.where(table.c.owner_kind.in_(GRANTED_ATTACHMENT_KINDS))
        found.extend((entity, r[0], r[1], bool(r[2])) for r in tx.conn.execute(query))
    return found


def _open(tx: Tx, user_id: str, customer_id: str) -> None:
    """Re-stamp the account's live rows the new member does not already see, so their
    next pull carries them (their cursor is past the rows' earlier seqs)."""
    if user_id not in tx.org.users:
        return
    member = tx.org.principal(user_id)
    for entity, row_id, owner, deleted in _account_rows(tx, customer_id):
        if not deleted and not member.can_see(entity, owner):
            tx.touch(entity, row_id)


def _close(tx: Tx, user_id: str, customer_id: str, member_row: str) -> None:
    """Scope exits for what the former member no longer sees: their laptop purges it."""
    member = tx.org.principal(user_id) if user_id in tx.org.users else None
    for entity, row_id, owner, deleted in _account_rows(tx, customer_id):
        if deleted and row_id != member_row:
            continue  # a tombstone the laptop already applied, or never held
        if member is None or not member.can_see(entity, owner):
            tx.scope_exit(user_id, entity, row_id)
