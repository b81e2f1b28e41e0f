"""The HTTP app (FastAPI): login, handshake, push, pull, checksum and /healthz.

`create_app(url)` builds an app on one database. The app holds only the connection
pool; tokens, throttling, counters and devices live in the database, so any number of
workers or machines can serve one PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine, String, bindparam, insert, select, text, update
from sqlalchemy.exc import OperationalError

from crm_desktop import __version__
from crm_desktop.store.base import utcnow
from crm_desktop.sync import protocol as p
from crm_desktop.sync.blob_protocol import UPLOADS_PREFIX
from crm_desktop.sync.server import auth, blob_routes, calendar_feed, feed
from crm_desktop.sync.server.blobs import BlobService
from crm_desktop.sync.server.bodylimit import BodyLimit
from crm_desktop.sync.server.db import DEFAULT_CONNECTIONS, counter, make_engine
from crm_desktop.sync.server.notifications.worker import start_worker
from crm_desktop.sync.server.push import DeviceRefused, push
from crm_desktop.sync.server.schema import devices, sync_counter
from crm_desktop.sync.server.scope import OrgTree, Principal

log = logging.getLogger(__name__)
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": p.ErrorBody} for code in (400, 401, 403, 409, 410, 413, 422, 426, 429)
}


def create_app(
    database_url: str | None = None,
    *,
    engine: Engine | None = None,
    connections: int = DEFAULT_CONNECTIONS,
    blobs: BlobService | None = None,
) -> FastAPI:
    """The sync server on the database at `database_url` (or the given engine), serving
    at most `connections` requests at once, each on its own pooled connection.
    `blobs`: where attachment bytes go (default: BlobService.from_env, made on first use)."""
    engine = engine or make_engine(database_url, pool_size=connections)
    app = FastAPI(
        title="CRM Desktop sync server",
        version=__version__,
        responses=ERRORS,
        lifespan=_serving_at_once(connections),
    )
    app.state.engine = engine
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    # Blob uploads stream any size to disk; their length is the attachment row's.
    app.add_middleware(BodyLimit, max_bytes=p.MAX_PUSH_BYTES, exempt=(UPLOADS_PREFIX,))
    _error_handlers(app)
    _routes(app, engine)
    blob_routes.add_routes(app, engine, _once(blobs), authenticate)
    return app


def _once(blobs: BlobService | None) -> Callable[[], BlobService]:
    made: list[BlobService] = [blobs] if blobs is not None else []

    def get() -> BlobService:
        if not made:
            made.append(BlobService.from_env())
        return made[0]

    return get


def _serving_at_once(connections: int) -> Any:
    @asynccontextmanager
    async def lifespan(served: FastAPI) -> AsyncIterator[None]:
        # The handlers are blocking functions that FastAPI runs in a thread pool (40
        # threads by default). As many threads as pooled connections: the other requests
        # wait in the event loop, instead of 40 threads taking turns at the interpreter
        # lock while most of them wait for a connection. With 50 laptops syncing at
        # once this cut the pull p95 by 15–20 % on two cores.
        anyio.to_thread.current_default_thread_limiter().total_tokens = connections
        # The team notifications' sender (notifications/worker.py): a thread per process.
        worker = start_worker(served.state.engine)
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()

    return lifespan


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        message = f"invalid request: {where}: {first.get('msg', 'malformed')}"
        return JSONResponse({"detail": message, "code": "invalid"}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error.detail), "code": "error"},
            status_code=error.status_code,
            headers=error.headers,
        )

    @app.exception_handler(OperationalError)
    async def unavailable(_request: Request, error: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", error)
        return JSONResponse({"detail": "database unavailable", "code": "unavailable"}, 503)


def _unauthorised() -> HTTPException:
    return HTTPException(
        401, "not signed in or token expired", headers={"WWW-Authenticate": "Bearer"}
    )


async def bearer_token(request: Request) -> str:
    """The request's bearer token, unchecked. Checking it needs the database, which each
    handler does in its own transaction (`authenticate`): one thread hop and one
    transaction per request instead of two, which counts when 50 laptops pull at once."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorised()
    return token.strip()


Token = Annotated[str, Depends(bearer_token)]


def authenticate(conn: Connection, token: str) -> Principal:
    """The signed-in user of a token; 401 when it is unknown, expired or revoked."""
    user_id, org_stamp = auth.token_user_and_org(conn, token)
    if user_id is None:
        raise _unauthorised()
    return OrgTree.current(conn, org_stamp).principal(user_id)


# Each handler commits before it returns, so a client's next request (maybe on another
# worker) sees what this one wrote.
def _routes(app: FastAPI, engine: Engine) -> None:
    @app.get(p.HEALTH_PATH)
    def healthz() -> dict[str, str]:
        with engine.begin() as conn:
            counter(conn)
        return {"status": "ok", "version": __version__}

    @app.post(p.LOGIN_PATH, response_model=p.LoginResponse)
    def login(body: p.LoginRequest) -> p.LoginResponse:
        # Own transaction: a failed attempt must be recorded even though we answer 401.
        with engine.begin() as conn:
            try:
                user_id = auth.verify_login(conn, body.username, body.password)
            except auth.LoginThrottled:
                user_id = "throttled"
            if user_id not in (None, "throttled"):
                assert user_id is not None
                token, expires = auth.issue_token(conn, user_id)
                who = OrgTree.load(conn).principal(user_id)
        if user_id == "throttled":
            raise HTTPException(429, "too many failed logins; try again in 15 minutes")
        if user_id is None:
            raise HTTPException(401, "wrong username or password")
        return p.LoginResponse(
            token=token,
            expires_at=expires.isoformat() + "Z",
            user_id=user_id,
            role=who.role.value,
            team_id=who.team_id,
        )

    _sync_routes(app, engine)
    calendar_feed.add_routes(app, engine, bearer_token, authenticate)


def _sync_routes(app: FastAPI, engine: Engine) -> None:
    @app.post(p.HANDSHAKE_PATH, response_model=p.HandshakeResponse)
    def handshake(body: p.HandshakeRequest, token: Token) -> p.HandshakeResponse:
        with engine.begin() as conn:
            me = authenticate(conn, token)
            if not p.CLIENT_SCHEMA_MIN <= body.client_schema <= p.CLIENT_SCHEMA_MAX:
                raise HTTPException(
                    426, "this CRM Desktop is too old or too new for the server; please update it"
                )
            last_mutation, horizon, epoch = _register_device(conn, me, body)
        return p.HandshakeResponse(
            server_time=utcnow().isoformat() + "Z",
            epoch=epoch,
            user_id=me.user_id,
            role=me.role.value,
            schema_min=p.CLIENT_SCHEMA_MIN,
            schema_max=p.CLIENT_SCHEMA_MAX,
            tombstone_horizon=horizon,
            last_mutation_id=last_mutation,
        )

    @app.post(p.PUSH_PATH, response_model=p.PushResponse)
    def push_batch(body: p.PushRequest, token: Token) -> p.PushResponse:
        with engine.begin() as conn:
            me = authenticate(conn, token)
        try:
            results = push(engine, me.user_id, body.device_id, body.mutations)
        except DeviceRefused as error:
            raise HTTPException(error.status, error.message) from error
        return p.PushResponse(results=results)

    @app.get(p.PULL_PATH, response_model=p.PullResponse)
    def pull_page(
        token: Token,
        device_id: Annotated[str, Query(min_length=1, max_length=36, pattern=r"^[^\x00]+$")],
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT,
    ) -> Response:
        try:
            with engine.begin() as conn:
                me = authenticate(conn, token)
                upto, horizon, epoch, owner, revoked, wipe, pulled, seen, *_handshake = (
                    conn.execute(_COUNTER_AND_DEVICE, {"device_id": device_id}).one()
                )
                _check_device(me, owner, revoked, wipe)
                page = feed.pull(
                    conn,
                    me,
                    device_id,
                    since,
                    limit,
                    counted=(int(upto), int(horizon), epoch),
                    device_cursor=(int(pulled), seen),
                )
            # Serialised once here instead of validated again against the response model.
            return Response(page.model_dump_json(), media_type="application/json")
        except feed.CursorGone as error:
            raise HTTPException(
                410, "cursor below the tombstone horizon; download again"
            ) from error

    @app.get(p.CHECKSUM_PATH, response_model=p.ChecksumResponse)
    def checksum(token: Token, form: str = p.CHECKSUM_LEGACY) -> p.ChecksumResponse:
        # A laptop that does not name the form predates the content checksum.
        with engine.begin() as conn:
            return feed.checksum(
                conn, authenticate(conn, token), content=form == p.CHECKSUM_CONTENT
            )


def _register_device(
    conn: Connection, me: Principal, body: p.HandshakeRequest
) -> tuple[int, int, str]:
    """Register or refresh the device; (its last mutation id, tombstone horizon, epoch),
    the device and the counter read in one statement."""
    row = conn.execute(_COUNTER_AND_DEVICE, {"device_id": body.device_id}).one()
    horizon, epoch = int(row.horizon), str(row.epoch)
    now = utcnow()
    values = {
        "last_seen": now,
        "app_version": body.app_version,
        "client_schema": body.client_schema,
    }
    if row.user_id is None:
        conn.execute(
            insert(devices).values(
                id=body.device_id,
                user_id=me.user_id,
                created_at=now,
                last_mutation_id=0,
                last_pulled_seq=0,
                revoked=False,
                **values,
            )
        )
        return 0, horizon, epoch
    if row.revoked:
        raise HTTPException(403, p.revoked_detail(row.wipe))
    if row.user_id != me.user_id:
        raise HTTPException(409, "this device belongs to another user; reset its data first")
    last_mutation = int(row.last_mutation_id)
    # What follows is advisory (which app version, when last seen): a handshake that
    # changes none of it writes nothing, and a lost update on a crash costs nothing, so
    # it does not wait for PostgreSQL's WAL flush (see feed._record_cursor).
    unchanged = (row.app_version, row.client_schema) == (body.app_version, body.client_schema)
    if unchanged and row.last_seen is not None and now - row.last_seen < feed.DEVICE_TOUCH_EVERY:
        return last_mutation, horizon, epoch
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
    conn.execute(update(devices).where(devices.c.id == body.device_id).values(**values))
    return last_mutation, horizon, epoch


# A pull reads the counter and its device in one round trip.
_COUNTER_AND_DEVICE = (
    select(
        sync_counter.c.value,
        sync_counter.c.horizon,
        sync_counter.c.epoch,
        devices.c.user_id,
        devices.c.revoked,
        devices.c.wipe,
        devices.c.last_pulled_seq,
        devices.c.last_seen,
        devices.c.last_mutation_id,
        devices.c.app_version,
        devices.c.client_schema,
    )
    .select_from(
        sync_counter.outerjoin(devices, devices.c.id == bindparam("device_id", type_=String))
    )
    .where(sync_counter.c.id == 1)
)


def _check_device(
    me: Principal, owner: str | None, revoked: bool | None, wipe: bool | None
) -> None:
    if owner is None or owner != me.user_id:
        raise HTTPException(409, "unknown device: call handshake first")
    if revoked:
        raise HTTPException(403, p.revoked_detail(bool(wipe)))
