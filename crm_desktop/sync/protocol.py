"""Wire schemas of the sync protocol (SYNC.md), shared by the laptop engine and the server.

JSON over HTTP under a versioned path prefix. Every request and response body is one of
the pydantic models below; the limits here are enforced by both ends.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

API_VERSION = 1
PREFIX = f"/v{API_VERSION}"
LOGIN_PATH = f"{PREFIX}/auth/login"
HANDSHAKE_PATH = f"{PREFIX}/sync/handshake"
PUSH_PATH = f"{PREFIX}/sync/push"
PULL_PATH = f"{PREFIX}/sync/pull"
CHECKSUM_PATH = f"{PREFIX}/sync/checksum"
# The checksum's form (query `form`): the rows' content, or -- the default, for laptops
# that predate it -- their (id, version) pairs only.
CHECKSUM_CONTENT = "content"
CHECKSUM_LEGACY = "id_version"
HEALTH_PATH = "/healthz"

# The 403 details of a revoked laptop; the laptop drops its token on either, and with the
# second also erases its data (an admin's "lost laptop" revoke, `revoke-device --wipe`).
DEVICE_REVOKED = "this device has been revoked"
DEVICE_REVOKED_WIPE = "this device has been revoked; erase its data"


def revoked_detail(wipe: bool) -> str:
    return DEVICE_REVOKED_WIPE if wipe else DEVICE_REVOKED


MAX_PUSH_MUTATIONS = 500
MAX_PUSH_BYTES = 2 * 1024 * 1024
DEFAULT_PULL_LIMIT = 2000
MAX_PULL_LIMIT = 10000
# The laptop store schema versions this server can talk to (426 outside the range).
CLIENT_SCHEMA_MIN = 1
CLIENT_SCHEMA_MAX = 1
CLIENT_SCHEMA = 1

# Names of the commands that travel as named mutations instead of field patches.
COMMANDS = frozenset(
    {
        "submit_plan",
        "countersign_plan",
        "return_plan",
        "submit_report",
        "sign_report",
        "return_report",
        "reopen_report",
        "change_stage",
        "reassign_customer",
        "resolve_conflict",
    }
)
MutationName = str  # create | update | delete | one of COMMANDS
ResultStatus = Literal["applied", "duplicate", "conflict", "rejected"]
OpKind = Literal["upsert", "delete", "purge"]

# Reasons a mutation is rejected; the client shows them in the conflict inbox.
REASONS = frozenset(
    {
        "forbidden",
        "not_found",
        "id_exists",
        "invalid",
        "unknown_entity",
        "frozen_report",
        "signoff_stale",
        "transition",
        "workflow_field",
        "deleted",
        "duplicate_key",
    }
)

_ID = Field(min_length=1, max_length=36)


class _Model(BaseModel):
    # Unknown fields are refused: a typo in a client must not pass silently.
    model_config = ConfigDict(extra="forbid")


# A request's JSON may nest this deep at most (the body, the batch, a mutation, its
# patch: four levels; a value is never more than a scalar). Deeper structures are only
# ever hand-made, and walking them recursively would overflow Python's stack.
MAX_NESTING = 32
# NUL and lone UTF-16 surrogates (JSON's "\ud800" escape decodes to one): neither can be
# stored as UTF-8 text, so PostgreSQL and SQLite would refuse them with a 500.
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def _text_problem(data: Any) -> str | None:
    """What is wrong with the text or the nesting of a decoded JSON value, if anything."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            found = _BAD_TEXT.search(value)
            if found is None:
                continue
            if found.group() == "\x00":
                return "text must not contain NUL (\\x00) characters"
            return "text must not contain lone surrogates (\\ud800-\\udfff)"
        if isinstance(value, dict | list | tuple):
            if depth > MAX_NESTING:
                return f"JSON nested deeper than {MAX_NESTING} levels"
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return None


class _Request(_Model):
    """What a client sends. No text may hold a NUL character or a lone surrogate, and no
    value may nest deeper than MAX_NESTING: the database would refuse the first two and
    a recursive walk the last, as a 500 instead of the client's 422."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_bad_text(cls, data: Any) -> Any:
        problem = _text_problem(data)
        if problem is not None:
            raise ValueError(problem)
        return data


class ErrorBody(_Model):
    detail: str
    code: str = "error"


class LoginRequest(_Request):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class LoginResponse(_Model):
    token: str
    expires_at: str  # ISO 8601 UTC
    user_id: str
    role: str
    team_id: str | None


class HandshakeRequest(_Request):
    device_id: str = _ID
    client_schema: int = Field(ge=0, le=10_000)
    app_version: str = Field(default="", max_length=40)


class HandshakeResponse(_Model):
    server_time: str
    epoch: str
    user_id: str
    role: str
    schema_min: int
    schema_max: int
    tombstone_horizon: int
    last_mutation_id: int


class Mutation(_Model):
    mutation_id: int = Field(ge=1, le=2**62)
    name: MutationName = Field(min_length=1, max_length=40)
    entity: str = Field(min_length=1, max_length=40)
    row_id: str = _ID
    base_version: int = Field(default=0, ge=0, le=2**62)
    patch: dict[str, Any] = Field(default_factory=dict)
    base_values: dict[str, Any] | None = None


def mutation_fingerprint(m: Mutation) -> str:
    """A digest of what a mutation does (everything but its id), the same on both ends."""
    content = [m.name, m.entity, m.row_id, m.base_version, m.patch, m.base_values]
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:32]


class PushRequest(_Request):
    device_id: str = _ID
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_MUTATIONS)


class ConflictRecord(_Model):
    """One entry of a user's conflict inbox (mirrored into the laptop's `conflicts`)."""

    id: str
    entity: str
    row_id: str
    kind: str
    client_payload: dict[str, Any]
    server_snapshot: dict[str, Any] | None = None
    created_at: str
    resolved: bool = False


class MutationResult(_Model):
    mutation_id: int
    status: ResultStatus
    reason: str | None = None
    message: str | None = None
    version: int | None = None
    # For non-applied results: the server's row now (None when it does not exist), so the
    # laptop can drop its refused local change at once instead of diverging.
    server_row: dict[str, Any] | None = None
    conflicts: list[ConflictRecord] = Field(default_factory=list)
    # `mutation_fingerprint` of the mutation the result is of: a `duplicate` carries the
    # original's, so a laptop that reused an id for another edit can tell and resend it.
    fingerprint: str | None = None


class PushResponse(_Model):
    results: list[MutationResult]


class PullOp(_Model):
    op: OpKind
    entity: str
    id: str
    seq: int
    row: dict[str, Any] | None = None


class PullResponse(_Model):
    ops: list[PullOp]
    next_since: int
    has_more: bool
    epoch: str


class EntityChecksum(_Model):
    count: int
    hash: str


class ChecksumResponse(_Model):
    upto_seq: int
    entities: dict[str, EntityChecksum]
