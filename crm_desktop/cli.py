"""Command line: `crm-desktop` launches the app; subcommands do headless work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from crm_desktop import __version__
from crm_desktop.domain.errors import UserFacingError


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # On subcommands the options default to SUPPRESS, so `crm-desktop --lang en selftest`
    # keeps the value given before the command name instead of resetting it to None.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        help="data folder (default: per-user folder; or CRM_DESKTOP_DATA_DIR)",
    )
    parser.add_argument(
        "--lang", choices=["zh_CN", "en"], default=default, help="interface language"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-desktop", description="CRM Desktop — 离线优先的外勤销售 CRM"
    )
    parser.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    _common(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="fill an empty store with demo data before opening the window",
    )
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="create a demo team with customers, plans and reports")
    _common(demo)
    demo.add_argument("--customers", type=int, default=300, help="number of customers")
    demo.add_argument("--contacts-per-customer", type=float, default=2.0)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument(
        "--visits",
        type=int,
        default=0,
        help="historical visits to generate, e.g. 1000000 (more reps, up to five years); "
        "default: five reps' last twelve weeks",
    )

    selftest = sub.add_parser("selftest", help="open the store, build the window offscreen")
    _common(selftest)

    imp = sub.add_parser("import-customers", help="import customers from an .xlsx file")
    _common(imp)
    imp.add_argument("file", help="the .xlsx file")
    imp.add_argument("--owner", help="username of the owner (default: the current user)")
    imp.add_argument(
        "--include-duplicates",
        action="store_true",
        help="import rows that match existing customers too (still reported)",
    )
    sync = sub.add_parser("sync", help="sync this store with the central server")
    _common(sync)
    sync.add_argument("--server", required=True, help="server URL, e.g. http://127.0.0.1:8400")
    sync.add_argument(
        "--username",
        help="sign in as this user (password: prompt or "
        "CRM_PASSWORD); omit to reuse the stored sign-in",
    )
    week = sub.add_parser(
        "export-week", help="write the weekly summary (周报) of an ISO week to an .xlsx file"
    )
    _common(week)
    week.add_argument("--week", required=True, help="ISO week, e.g. 2026-W47")
    who = week.add_mutually_exclusive_group()
    who.add_argument("--team", help="team name (default: the current user's team or subtree)")
    who.add_argument("--rep", help="username of one rep")
    week.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    receivables = sub.add_parser(
        "export-receivables",
        help="write the aging report of money owed (应收账款账龄) in your scope to an .xlsx file",
    )
    _common(receivables)
    receivables.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    receivables.add_argument("--as-of", help="report day, e.g. 2026-11-30 (default: today)")
    plan = sub.add_parser(
        "account-plan",
        help="write a key account's plan (客户计划) with its team and relationship map "
        "to an .xlsx or .pdf file",
    )
    _common(plan)
    plan.add_argument("--customer", required=True, help="the customer's full name")
    plan.add_argument("-o", "--output", required=True, help="the .xlsx or .pdf file to write")
    calendar = sub.add_parser(
        "export-calendar",
        help="write visit plans and follow-ups (拜访计划与待办) to an .ics calendar file",
    )
    _common(calendar)
    calendar.add_argument("--rep", help="username (default: you; leaders: someone below them)")
    calendar.add_argument(
        "--from", dest="first", help="first day, e.g. 2026-11-01 (default: 30 days ago)"
    )
    calendar.add_argument("--to", dest="last", help="last day (default: 90 days ahead)")
    calendar.add_argument("-o", "--output", required=True, help="the .ics file to write")
    printing = sub.add_parser(
        "print",
        help="write the daily plan (每日拜访计划表) or report (每日销售报告表) form to a PDF",
    )
    _common(printing)
    printing.add_argument("--kind", required=True, choices=["plan", "report"], help="which form")
    printing.add_argument("--rep", help="username of the rep (default: you)")
    printing.add_argument("--date", required=True, help="the day, e.g. 2026-11-23")
    span = printing.add_mutually_exclusive_group()
    span.add_argument("--week", action="store_true", help="the rep's whole week (Mon-Sun)")
    span.add_argument("--team", help="every rep of this team (name) on that day")
    printing.add_argument("-o", "--output", required=True, help="the .pdf file to write")
    backup = sub.add_parser("backup", help="copy the store to a backup file (safe while running)")
    _common(backup)
    backup.add_argument("-o", "--output", required=True, help="the backup file to write")
    restore = sub.add_parser("restore", help="replace the store with a backup (app closed)")
    _common(restore)
    restore.add_argument("file", help="the backup file")
    restore.add_argument(
        "--discard-unsent",
        action="store_true",
        help="drop the current store's changes not yet synced instead of keeping them",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except UserFacingError as error:
        lang = args.lang or "zh_CN"
        print(error.message(lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from crm_desktop import app

    if args.command == "demo":
        return app.run_demo(
            args.data_dir, args.customers, args.contacts_per_customer, args.seed, args.visits
        )
    if args.command == "selftest":
        return app.run_selftest(args.data_dir, args.lang)
    if args.command == "sync":
        return app.run_sync(args.data_dir, args.server, args.username, args.lang)
    if args.command == "import-customers":
        return app.run_import(
            args.data_dir, args.file, args.owner, args.include_duplicates, args.lang
        )
    if args.command == "export-week":
        return app.run_export_week(
            args.data_dir, args.week, args.team, args.rep, args.output, args.lang
        )
    if args.command == "export-receivables":
        return app.run_export_receivables(args.data_dir, args.output, args.as_of, args.lang)
    if args.command == "account-plan":
        return app.run_account_plan(args.data_dir, args.customer, args.output, args.lang)
    if args.command == "export-calendar":
        return app.run_export_calendar(
            args.data_dir, args.output, args.rep, args.first, args.last, args.lang
        )
    if args.command == "print":
        return app.run_print(
            args.data_dir, args.kind, args.rep, args.date, args.week, args.team, args.output,
            args.lang,
        )  # fmt: skip
    if args.command == "backup":
        return app.run_backup(args.data_dir, args.output, args.lang)
    if args.command == "restore":
        return app.run_restore(args.data_dir, args.file, args.discard_unsent, args.lang)
    return app.run_gui(args.data_dir, args.lang, demo=args.demo, probe=args.startup_probe)


if __name__ == "__main__":
    sys.exit(main())
