"""`crm-server`: administer and run the central sync server."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop import __version__

if TYPE_CHECKING:
    from sqlalchemy import Engine

PASSWORD_ENV = "CRM_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    from crm_desktop.sync.server.db import DEFAULT_CONNECTIONS
    from crm_desktop.sync.server.notifications import cli as notify_cli

    parser = argparse.ArgumentParser(prog="crm-server", description="CRM Desktop sync server")
    parser.add_argument("--version", action="version", version=f"crm-server {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help="e.g. postgresql://user@host/db (default: CRM_DATABASE_URL, else an SQLite "
        "file in the server data folder, CRM_SERVER_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("init-db", parents=[common], help="create or upgrade the database schema")
    user = sub.add_parser(
        "create-user", parents=[common], help="add a user (password: prompt or CRM_PASSWORD)"
    )
    user.add_argument("--username", required=True)
    user.add_argument("--role", required=True, choices=["rep", "supervisor", "manager", "admin"])
    user.add_argument("--supervisor", help="username of the person this user reports to")
    user.add_argument("--team", help="team name (created if new; a supervisor leads it)")
    user.add_argument("--display-name", help="name shown in the app (default: the username)")
    move = sub.add_parser(
        "reassign-customers", parents=[common], help="hand every customer of one user to another"
    )
    move.add_argument("--from", dest="from_user", required=True)
    move.add_argument("--to", dest="to_user", required=True)
    revoke = sub.add_parser("revoke-device", parents=[common], help="refuse a laptop from now on")
    revoke.add_argument("--device", help="device id (see list-devices)")
    revoke.add_argument("--username", help="revoke every device of this user")
    revoke.add_argument(
        "--wipe",
        action="store_true",
        help="a lost laptop: also erase its local data at its next contact",
    )
    sub.add_parser("list-devices", parents=[common], help="show registered laptops")
    feed = sub.add_parser(
        "calendar-token",
        parents=[common],
        help="issue a user's calendar subscription address (shown once)",
    )
    feed.add_argument("--user", required=True, help="username")
    feed.add_argument(
        "--reset", action="store_true", help="replace an existing address (the old one stops)"
    )
    feed.add_argument(
        "--public-url", help="the server's address as users reach it (default: CRM_PUBLIC_URL)"
    )
    purge = sub.add_parser(
        "purge-tombstones",
        parents=[common],
        help="drop deletions older than 90 days that every laptop has seen, and the "
        "attachment files no record names any more",
    )
    purge.add_argument("--blob-dir", help="the attachment folder, as given to serve")
    notify_cli.add_parser(sub, common)
    serve = sub.add_parser(
        "serve", parents=[common, notify_cli.smtp_options()], help="run the HTTP server"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--db-connections",
        type=int,
        default=DEFAULT_CONNECTIONS,
        help="database connections per worker, also the requests a worker serves at once "
        f"(default {DEFAULT_CONNECTIONS}; more when PostgreSQL is on another machine)",
    )
    serve.add_argument(
        "--blob-dir",
        help="folder for attachment files (default: CRM_BLOB_DIR, else blobs/ in the server "
        "data folder); CRM_BLOB_S3_BUCKET (+ CRM_BLOB_S3_ENDPOINT) stores them in "
        "S3-compatible object storage instead",
    )
    return parser


def _password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise SystemExit("passwords do not match")
    return first


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from crm_desktop.sync.server.db import (
        CONNECTIONS_ENV,
        DATABASE_URL_ENV,
        make_engine,
        resolve_url,
        upgrade,
    )
    from crm_desktop.sync.server.http_protocol import NoDelayHttpProtocol
    from crm_desktop.sync.server.notifications.cli import apply_smtp_options

    apply_smtp_options(args)  # the workers' notification senders read the environment
    url = resolve_url(args.database_url)
    engine = make_engine(url)
    upgrade(engine)
    # Closed now, not whenever the garbage collector finds the engine: its idle connection
    # would sit beside the workers' pools for the server's life (one more than
    # --db-connections against PostgreSQL's max_connections).
    engine.dispose()
    # Workers are separate processes: they find the database through the environment.
    os.environ[DATABASE_URL_ENV] = url
    os.environ[CONNECTIONS_ENV] = str(args.db_connections)
    if args.blob_dir:  # attachment bytes (sync/server/blobs.py); workers read the variable
        os.environ["CRM_BLOB_DIR"] = str(Path(args.blob_dir).expanduser().resolve())
    uvicorn.run(
        "crm_desktop.sync.server.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        http=NoDelayHttpProtocol,
        log_level="info",
    )
    return 0


def _calendar_token(engine: Engine, args: argparse.Namespace) -> None:
    from crm_desktop.sync.calendar.wire import feed_path
    from crm_desktop.sync.server.calendar_feed import PUBLIC_URL_ENV, admin_token

    token = admin_token(engine, args.user, reset=args.reset)
    if token is None:
        print(f"{args.user} already has a calendar address; --reset issues a new one")
        return
    base = (args.public_url or os.environ.get(PUBLIC_URL_ENV) or "").rstrip("/")
    print(f"calendar address of {args.user} (shown once): {base}{feed_path(token)}")


def _dispatch(args: argparse.Namespace) -> int:
    from crm_desktop.domain.picklists import Role
    from crm_desktop.sync.server import admin
    from crm_desktop.sync.server.db import make_engine, upgrade
    from crm_desktop.sync.server.feed import purge_tombstones

    if args.command == "serve":
        return _serve(args)
    engine = make_engine(args.database_url)
    upgrade(engine)
    if args.command == "init-db":
        print("database ready")
    elif args.command == "create-user":
        user_id = admin.create_user(
            engine,
            args.username,
            Role(args.role),
            _password(),
            supervisor=args.supervisor,
            team=args.team,
            display_name=args.display_name,
        )
        print(f"created {args.role} {args.username} ({user_id})")
    elif args.command == "reassign-customers":
        moved = admin.reassign_customers(engine, args.from_user, args.to_user)
        print(f"moved {moved} records from {args.from_user} to {args.to_user}")
    elif args.command == "revoke-device":
        count = admin.revoke_device(engine, args.device, args.username, wipe=args.wipe)
        erase = ", to be erased at their next contact" if args.wipe else ""
        print(f"revoked {count} device(s){erase}")
    elif args.command == "list-devices":
        for device_id, username, last_seen, revoked in admin.list_devices(engine):
            print(f"{device_id}  {username:<20} {last_seen}  {'revoked' if revoked else ''}")
    elif args.command == "calendar-token":
        _calendar_token(engine, args)
    elif args.command == "notify":
        from crm_desktop.sync.server.notifications import cli as notify_cli

        notify_cli.run(engine, args)
    elif args.command == "purge-tombstones":
        from crm_desktop.sync.server.blobs import BlobService, drop_stale_uploads, sweep

        if args.blob_dir:
            os.environ["CRM_BLOB_DIR"] = str(Path(args.blob_dir).expanduser().resolve())

        with engine.begin() as conn:
            print(f"purged {purge_tombstones(conn)} tombstones")
        # Attachment bytes no row names any more (their rows' tombstones are gone).
        blobs = BlobService.from_env()
        print(f"deleted {sweep(engine, blobs)} unreferenced attachment files")
        print(f"dropped {drop_stale_uploads(blobs)} uploads untouched for 30 days")
    engine.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    from sqlalchemy.exc import SQLAlchemyError

    from crm_desktop.sync.server.admin import AdminError

    try:
        return _dispatch(args)
    except AdminError as error:
        print(f"crm-server: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"crm-server: database error: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
