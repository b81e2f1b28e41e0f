"""Composition root: paths, settings, logging, store and services, then the window.

Heavy modules (Qt widgets, openpyxl, matplotlib) are imported inside the functions that
need them, so headless commands stay light and the window appears quickly.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop import __version__
from crm_desktop.config.logs import setup_logging
from crm_desktop.config.paths import AppPaths, check_writable, resolve_paths
from crm_desktop.config.settings import LANGUAGE, Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.store.folder_lock import FolderLock, StoreInUse

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def _store_files() -> tuple[str, ...]:
    """The database and its journals: a read-only one is said at start."""
    from crm_desktop.store.database import DB_FILENAME

    return DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-journal"


def _prepare(data_dir: str | None) -> tuple[AppPaths, Settings]:
    paths = resolve_paths(data_dir)
    setup_logging(paths.log_file)
    return paths, Settings(paths.settings_file)


def run_gui(data_dir: str | None, lang: str | None, *, demo: bool, probe: bool) -> int:
    paths, settings = _prepare(data_dir)
    lang = lang or settings.get(LANGUAGE)
    from crm_desktop.ui import startup_check

    # Before Qt loads its platform plugin: a missing system library would abort the
    # process inside QApplication with a hint that names the wrong package.
    problem = startup_check.platform_problem()
    if problem is not None:
        log.error("the Qt platform plugin cannot load: %s", problem)
        print(problem, file=sys.stderr)
        return 2
    from crm_desktop.ui.application import (
        ask_running_window_forward,
        create_application,
        show_fatal,
    )

    qapp = create_application(lang)
    startup_check.warn_missing_cjk_font()
    # One writer per data folder: held until this function returns (or the process dies).
    lock = FolderLock(paths.data_dir)
    try:
        check_writable(paths.data_dir, _store_files())  # said now, not at the first save
        acquired = lock.try_acquire()
    except UserFacingError as error:  # a folder that cannot be used at all
        log.error("cannot use the data folder %s: %s", paths.data_dir, error.message_en)
        print(f"{error.message_zh}\n{error.message_en}", file=sys.stderr)  # for whoever helps
        show_fatal(error, lang)
        return 2
    if not acquired:
        if ask_running_window_forward(paths.data_dir):
            log.info("%s is open in another window; brought it forward", paths.data_dir)
            return 0
        in_use = StoreInUse(paths.data_dir)
        log.error("%s", in_use.message_en)
        print(in_use.message(lang), file=sys.stderr)
        show_fatal(in_use, lang)
        return 2
    try:
        return _run_window(qapp, paths, settings, lang, demo=demo, probe=probe)
    finally:
        lock.release()


def _run_window(
    qapp: QApplication, paths: AppPaths, settings: Settings, lang: str, *, demo: bool, probe: bool
) -> int:
    from crm_desktop.ui.application import WindowRaiser, freeze_long_lived, show_fatal

    try:
        services = Services.open(paths.data_dir)
        if demo:
            from crm_desktop.demo.generator import ensure_demo_data

            ensure_demo_data(services)
    except UserFacingError as error:
        log.error("cannot open the store in %s: %s", paths.data_dir, error.message_en)
        show_fatal(error, lang)
        return 2
    from PySide6.QtCore import QTimer

    from crm_desktop.ui.main_window import MainWindow

    window = MainWindow(services, settings, lang)
    window.show()
    freeze_long_lived(enable=True)
    if probe:
        # Report when the first frame is out, then leave: the startup benchmark reads it.
        def report() -> None:
            print(f"shown-at {time.time():.6f}", flush=True)
            qapp.quit()

        QTimer.singleShot(0, report)
    # A second start on this folder asks this window to come forward. Made once the event
    # loop runs: QtNetwork's import (~30 ms) stays out of the first frame. Until then a
    # second start is told the folder is in use, which is also true.
    raisers: list[WindowRaiser] = []
    QTimer.singleShot(0, lambda: raisers.append(WindowRaiser(paths.data_dir, window)))
    code = qapp.exec()
    for raiser in raisers:
        raiser.close()
    window.services.close()  # a restore may have replaced the services it started with
    return code


def run_selftest(data_dir: str | None, lang: str | None) -> int:
    """Open or create the store, migrate, build the main window offscreen, print `ok`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths, settings = _prepare(data_dir)
    lang = lang or settings.get(LANGUAGE)
    check_writable(paths.data_dir, _store_files())
    with FolderLock(paths.data_dir):  # a start like the window's: refused while one runs
        return _selftest(paths, settings, lang)


def _selftest(paths: AppPaths, settings: Settings, lang: str) -> int:
    services = Services.open(paths.data_dir)
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from sqlalchemy import __version__ as sqlalchemy_version

        from crm_desktop.store.migrate import current_revision
        from crm_desktop.ui.application import create_application
        from crm_desktop.ui.main_window import MainWindow

        qapp = create_application(lang)
        window = MainWindow(services, settings, lang)
        window.show()
        qapp.processEvents()
        print(f"crm-desktop {__version__}")
        print(
            f"python {sys.version.split()[0]}, Qt {qVersion()}, PySide6 {pyside_version}, "
            f"SQLAlchemy {sqlalchemy_version}"
        )
        print(f"store {services.database_path} schema {current_revision(services.store.engine)}")
        print(f"user {services.actor.display_name} ({services.actor.role.value})")
        window.close()
        print("ok")
        return 0
    finally:
        services.close()


def run_demo(
    data_dir: str | None,
    customers: int,
    contacts_per_customer: float,
    seed: int,
    visits: int = 0,
) -> int:
    from crm_desktop.demo.generator import DemoOptions, generate_demo

    paths, _settings = _prepare(data_dir)
    with FolderLock(paths.data_dir):
        services = Services.open(paths.data_dir)
        try:
            summary = generate_demo(
                services,
                DemoOptions(customers, contacts_per_customer, seed, visits),
                progress=lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr),
            )
        finally:
            services.close()
    print(file=sys.stderr)
    print(summary.describe())
    return 0


def run_import(
    data_dir: str | None,
    file: str,
    owner: str | None,
    include_duplicates: bool,
    lang: str | None = None,
) -> int:
    from crm_desktop.services.importing.customer_import import import_customers

    paths, settings = _prepare(data_dir)
    with FolderLock(paths.data_dir):
        services = Services.open(paths.data_dir)
        try:
            report = import_customers(
                services, Path(file), owner_username=owner, include_duplicates=include_duplicates
            )
        finally:
            services.close()
    print(report.describe(lang or settings.get(LANGUAGE)))
    return 0 if not report.errors else 1


def run_sync(data_dir: str | None, server: str, username: str | None, lang: str | None) -> int:
    """`crm-desktop sync`: exit 0 when the sync went through, non-zero with a message."""
    paths, settings = _prepare(data_dir)
    with FolderLock(paths.data_dir):
        return run_cli_sync(paths.data_dir, server, username, lang=lang or settings.get(LANGUAGE))


def run_export_week(
    data_dir: str | None,
    week: str,
    team: str | None,
    rep: str | None,
    output: str,
    lang: str | None = None,
) -> int:
    """`crm-desktop export-week`: the weekly summary 周报 to .xlsx; exit 0 when written."""
    from crm_desktop.services.team.weekly_summary import export_weekly_summary, parse_iso_week

    parse_iso_week(week)  # a bad week is refused before the store is even opened
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    services = Services.open(paths.data_dir)
    try:
        summary = export_weekly_summary(
            services.store,
            services.actor,
            Path(output),
            week,
            rep=rep,
            team=team,
            lang=language,
            due_hour=services.policy.current().report_due_hour,
            cadence=services.policy.current().cadence,
        )
    finally:
        services.close()
    if language.startswith("en"):
        print(
            f"Weekly summary {summary.week_label} of {summary.scope_label} written to {output} "
            f"({len(summary.rows)} reps, {len(summary.visits)} visits)"
        )
    else:
        print(
            f"已导出 {summary.scope_label} {summary.week_label} 周报：{output}"
            f"（{len(summary.rows)} 名销售员，{len(summary.visits)} 次拜访）"
        )
    return 0


def run_export_receivables(
    data_dir: str | None, output: str, as_of: str | None = None, lang: str | None = None
) -> int:
    """`crm-desktop export-receivables`: the aging report of the user's scope to .xlsx."""
    from crm_desktop.domain.money import format_fen
    from crm_desktop.services.receivables.export import export_receivables, parse_report_day

    day = parse_report_day(as_of)  # a bad date is refused before the store is opened
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    services = Services.open(paths.data_dir)
    try:
        report = export_receivables(services.store, services.user, Path(output), language, day)
    finally:
        services.close()
    balance, _buckets, overdue = report.totals
    if language.startswith("en"):
        print(
            f"Receivables aging as of {report.as_of} written to {output} "
            f"({len(report.rows)} customers, balance {format_fen(balance)}, "
            f"overdue {format_fen(overdue)})"
        )
    else:
        print(
            f"已导出 {report.as_of} 应收账款账龄表：{output}"
            f"（{len(report.rows)} 个客户，应收余额 {format_fen(balance)}，"
            f"逾期 {format_fen(overdue)}）"
        )
    return 0


def run_export_calendar(
    data_dir: str | None,
    output: str,
    rep: str | None = None,
    first: str | None = None,
    last: str | None = None,
    lang: str | None = None,
) -> int:
    """`crm-desktop export-calendar`: plans and follow-ups as an .ics file (issue 17)."""
    from crm_desktop.services.day.calendar import export_calendar, parse_day

    days = (parse_day(first, "from"), parse_day(last, "to"))  # refused before opening
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    services = Services.open(paths.data_dir)
    try:
        done = export_calendar(
            services.store,
            services.actor,
            Path(output),
            rep=rep,
            first=days[0],
            last=days[1],
            lang=language,
        )
    finally:
        services.close()
    span = f"{done.window.first} – {done.window.last}"
    if language.startswith("en"):
        print(f"Calendar of {done.person} ({span}) written to {output}: {done.events} events")
    else:
        print(f"已导出 {done.person} 的日历（{span}）：{output}，共 {done.events} 个日程")
    return 0


def run_account_plan(
    data_dir: str | None, customer: str, output: str, lang: str | None = None
) -> int:
    """`crm-desktop account-plan --customer NAME -o FILE`: the customer's newest account
    plan with its team and relationship map, as .xlsx or .pdf (the GUI's export)."""
    from PySide6.QtGui import QGuiApplication

    from crm_desktop.ui.key_accounts.plan_export import check_suffix, export_plan

    check_suffix(Path(output))  # a wrong file type is refused before the store is opened
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    # The diagram and the PDF are drawn by Qt; no window is shown, so no display is needed.
    ours = QGuiApplication.instance() is None
    qapp = QGuiApplication.instance() or QGuiApplication(["crm-desktop", "-platform", "offscreen"])
    services = Services.open(paths.data_dir)
    try:
        plan_id = services.key_accounts.plan_for_customer(customer)
        export_plan(services, plan_id, Path(output), language)
        view = services.key_accounts.plans.open(plan_id)
    finally:
        services.close()
        if ours:
            qapp.shutdown()  # leave no application behind (a caller may make its own)
    if language.startswith("en"):
        print(f"Account plan {view.plan_year} v{view.version_no} of {view.customer_name} "
              f"written to {output}")  # fmt: skip
    else:
        print(f"已导出 {view.customer_name} {view.plan_year} 年客户计划"
              f"（第 {view.version_no} 版）：{output}")  # fmt: skip
    return 0


def run_print(
    data_dir: str | None,
    kind: str,
    rep: str | None,
    date: str,
    week: bool,
    team: str | None,
    output: str,
    lang: str | None = None,
) -> int:
    """`crm-desktop print --kind plan|report --date D [--rep U] [--week | --team T] -o F.pdf`:
    the printed forms (每日拜访计划表 / 每日销售报告表) as one PDF, drawn by Qt."""
    from PySide6.QtGui import QGuiApplication

    from crm_desktop.ui.printing.print_command import check_pdf, parse_day, say_printed

    day = parse_day(date)  # bad input is refused before the store is opened
    check_pdf(Path(output))
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    ours = QGuiApplication.instance() is None
    qapp = QGuiApplication.instance() or QGuiApplication(["crm-desktop", "-platform", "offscreen"])
    services = Services.open(paths.data_dir)
    try:
        from crm_desktop.ui.printing.form_output import write_forms_pdf

        bundle = services.print_forms().bundle([kind], day, language, rep=rep, team=team, week=week)
        write_forms_pdf(bundle, Path(output))
    finally:
        services.close()
        if ours:
            qapp.shutdown()  # leave no application behind (a caller may make its own)
    print(say_printed(bundle, output, language))
    return 0


def run_backup(data_dir: str | None, output: str, lang: str | None = None) -> int:
    """`crm-desktop backup -o FILE`: a consistent copy of the store, even while the app runs."""
    from crm_desktop.services.backups import backup_now

    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    services = Services.open(paths.data_dir)
    try:
        written = backup_now(services, Path(output))
    finally:
        services.close()
    print(f"Backed up to {written}" if language.startswith("en") else f"已备份到 {written}")
    return 0


def run_restore(
    data_dir: str | None, file: str, discard_unsent: bool, lang: str | None = None
) -> int:
    """`crm-desktop restore FILE`: replace the store with a backup (the app must be closed).

    Unsent changes of the current store are kept when the backup is this laptop's; when
    they cannot be kept, `--discard-unsent` must say that losing them is intended.
    """
    paths, settings = _prepare(data_dir)
    language = lang or settings.get(LANGUAGE)
    english = language.startswith("en")
    backup = Path(file)
    with FolderLock(paths.data_dir):  # "the app must be closed": now checked
        return _restore(paths, backup, discard_unsent, english)


def _restore(paths: AppPaths, backup: Path, discard_unsent: bool, english: bool) -> int:
    from crm_desktop.services.backups import restore_closed
    from crm_desktop.store.backup import inspect_backup, pending_changes
    from crm_desktop.store.database import DB_FILENAME

    pending = pending_changes(paths.data_dir / DB_FILENAME, inspect_backup(backup))
    if pending.count and not pending.can_keep and not discard_unsent:
        raise UserFacingError(
            f"当前数据有 {pending.count} 项修改尚未同步，且无法保留到其他用户的备份中。"
            "请先同步，或加上 --discard-unsent 放弃这些修改。",
            f"The current data has {pending.count} changes not yet synced, and they cannot "
            "be kept with another user's backup. Sync first, or add --discard-unsent to "
            "discard them.",
        )
    services, result = restore_closed(paths.data_dir, backup, keep_pending=not discard_unsent)
    services.close()
    saved = result.info.saved_at.isoformat(sep=" ", timespec="minutes")
    if english:
        print(
            f"Restored the backup of {saved} UTC ({result.info.customers} customers); "
            f"unsent changes kept: {result.kept_pending}"
        )
    else:
        print(
            f"已恢复 {saved} UTC 的备份（{result.info.customers} 个客户），"
            f"保留未同步的修改 {result.kept_pending} 项"
        )
    return 0


# --- `crm-desktop sync`: the command line's glue around SyncService -------------------
PASSWORD_ENV = "CRM_PASSWORD"


def _password(given: str | None) -> str:
    password = given or os.environ.get(PASSWORD_ENV)
    if password:
        return password
    try:
        return getpass.getpass("Password: ")
    except EOFError as error:  # no terminal to type into (a script, a scheduled task)
        raise UserFacingError(
            f"需要密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行此命令。",
            f"A password is needed: set {PASSWORD_ENV}, or run the command in a terminal.",
        ) from error


def run_cli_sync(
    data_dir: Path,
    server_url: str,
    username: str | None,
    *,
    lang: str = "zh_CN",
    password: str | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """`crm-desktop sync --server URL --username U`: 0 on success, non-zero with a message.

    The password comes from CRM_PASSWORD or a prompt; a stored token is reused when the
    user is already signed in to this server.
    """
    from crm_desktop.services.sync import SyncService
    from crm_desktop.store.database import open_store
    from crm_desktop.sync.client import local
    from crm_desktop.sync.client.errors import AuthFailed

    try:
        store = open_store(data_dir)
    except UserFacingError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    try:
        service = SyncService(store)
        meta = local.read_meta(store)
        signed_in = meta.get(local.TOKEN) and meta.get(local.SERVER_URL) == server_url.rstrip("/")
        if username and (not signed_in or meta.get(local.USERNAME) != username):
            service.login(server_url, username, _password(password))
        try:
            report = service.sync_now(server_url=server_url)
        except AuthFailed:
            if not username:
                raise
            service.login(server_url, username, _password(password))
            report = service.sync_now(server_url=server_url)
        out(
            f"sync ok: pushed {report.pushed}, conflicts {report.conflicts}, rejected "
            f"{report.rejected}, pulled {report.pulled} in {report.seconds:.2f}s"
        )
        for message in report.messages:
            out(f"  rejected: {message}")
        return 0
    except UserFacingError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so in one line, keep the details in the log
        log.exception("sync failed")
        print(f"sync failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 3
    finally:
        store.close()
