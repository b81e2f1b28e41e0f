"""`crm-server notify add | list | remove | test | log`: a team's notification channels."""

from __future__ import annotations

import argparse
import os
from typing import Any

from sqlalchemy import Engine

from crm_desktop.sync.server.notifications import channels
from crm_desktop.sync.server.notifications.events import EVENTS
from crm_desktop.sync.server.notifications.senders import (
    KINDS,
    SECURITY,
    SMTP_CA_FILE_ENV,
    SMTP_FROM_ENV,
    SMTP_HOST_ENV,
    SMTP_PASSWORD_ENV,
    SMTP_PORT_ENV,
    SMTP_SECURITY_ENV,
    SMTP_USER_ENV,
)


def smtp_options() -> argparse.ArgumentParser:
    """The SMTP server's options (each defaults to its CRM_SMTP_* variable); `serve`
    and `notify test` take them."""
    smtp = argparse.ArgumentParser(add_help=False)
    group = smtp.add_argument_group("e-mail notifications (SMTP)")
    group.add_argument("--smtp-host", help=f"SMTP server (default: {SMTP_HOST_ENV})")
    group.add_argument("--smtp-port", type=int, help=f"default: {SMTP_PORT_ENV}, else 587/465/25")
    group.add_argument(
        "--smtp-user", help=f"default: {SMTP_USER_ENV}; the password: {SMTP_PASSWORD_ENV} only"
    )
    group.add_argument("--smtp-from", help=f"sender address (default: {SMTP_FROM_ENV})")
    group.add_argument(
        "--smtp-security", choices=SECURITY, help=f"default: {SMTP_SECURITY_ENV}, else starttls"
    )
    group.add_argument(
        "--smtp-ca-file", help=f"PEM of the CA that signed the server (default: {SMTP_CA_FILE_ENV})"
    )
    return smtp


def apply_smtp_options(args: argparse.Namespace) -> None:
    """Options given on the command line win over the environment; the server's worker
    processes read the environment (as they do CRM_DATABASE_URL)."""
    for option, env in (
        ("smtp_host", SMTP_HOST_ENV),
        ("smtp_port", SMTP_PORT_ENV),
        ("smtp_user", SMTP_USER_ENV),
        ("smtp_from", SMTP_FROM_ENV),
        ("smtp_security", SMTP_SECURITY_ENV),
        ("smtp_ca_file", SMTP_CA_FILE_ENV),
    ):
        value = getattr(args, option, None)
        if value is not None:
            os.environ[env] = str(value)


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    notify = sub.add_parser(
        "notify", help="team notifications: DingTalk / WeCom robots, webhooks, e-mail"
    )
    actions = notify.add_subparsers(dest="notify_command", required=True)
    add = actions.add_parser("add", parents=[common], help="add a channel to a team")
    add.add_argument("--team", required=True, help="team name")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument(
        "--target", required=True, help="the robot's or webhook's URL, or ADDR[,ADDR] for email"
    )
    add.add_argument(
        "--secret", help="DingTalk: the robot's 加签 secret; webhook: the HMAC key of its body"
    )
    add.add_argument("--events", help=f"comma list (default: all): {', '.join(EVENTS)}")
    actions.add_parser("list", parents=[common], help="show the channels")
    remove = actions.add_parser("remove", parents=[common], help="remove a channel")
    remove.add_argument("id", type=int)
    test = actions.add_parser(
        "test", parents=[common, smtp_options()], help="send a test message now"
    )
    test.add_argument("id", type=int)
    log = actions.add_parser("log", parents=[common], help="what was sent, failed or waits")
    log.add_argument("--team", help="only this team's channels")
    log.add_argument("--limit", type=int, default=50)


def run(engine: Engine, args: argparse.Namespace) -> None:
    command = args.notify_command
    if command == "add":
        found = channels.add_channel(
            engine, args.team, args.kind, args.target, secret=args.secret, events=args.events
        )
        print(f"added channel {found} ({args.kind}) for team {args.team}")
    elif command == "list":
        listed = channels.list_channels(engine)
        if not listed:
            print("no channels yet: crm-server notify add --team T --kind K --target URL")
        for c in listed:
            state = "" if c.enabled else "  disabled"
            signed = "  signed" if c.signed else ""
            print(f"{c.id:>4}  {c.team:<16} {c.kind:<8} {c.target}  [{c.events}]{signed}{state}")
    elif command == "remove":
        channels.remove_channel(engine, args.id)
        print(f"removed channel {args.id}")
    elif command == "test":
        apply_smtp_options(args)
        print(f"test message to channel {args.id}: {channels.test_channel(engine, args.id)}")
    elif command == "log":
        rows = channels.delivery_log(engine, args.team, args.limit)
        if not rows:
            print("nothing sent or waiting")
        for r in rows:
            when = "" if r.at is None else r.at.strftime("%Y-%m-%d %H:%M:%S")
            error = f"  {r.last_error}" if r.last_error else ""
            print(
                f"{r.id:>6}  {r.created_at:%Y-%m-%d %H:%M:%S}  #{r.channel_id} {r.kind:<8} "
                f"{r.team:<12} {r.event:<18} {r.state:<9} attempts {r.attempts}  {when}{error}"
            )
