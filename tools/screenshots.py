"""Screenshots of every page (and the customer card and an opportunity) on fresh demo data.

    .venv/bin/python tools/screenshots.py                   # all pages, zh + en, 2 sizes
    .venv/bin/python tools/screenshots.py /tmp/shots --lang zh --size 1366x768 --page today

Builds the real main window on a new demo data folder (demo/generator.py, signed in as the
demo supervisor, so every page of the navigation is there) with a clock fixed on Monday
23 November 2026, 10:00 in China, so the pictures do not change with the day they are
taken. Each page is saved as `<page>-<lang>-<width>.png` in the output folder (default
docs/screenshots), the dialogs as `customer-card-…` and `opportunity-…`.

Runs headless (QT_QPA_PLATFORM=offscreen unless set). Exits 1 when a page or dialog fails
to build or Qt logs a warning, so a CI step running it (.ci/run) notices a page that broke.
Each language runs in a process of its own: Qt's translators and the locale are per process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from crm_desktop.ui.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
LANGS = {"zh": "zh_CN", "en": "en"}
SIZES = ((1366, 768), (1920, 1080))
CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
SHOT_AT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=CHINA)  # a Monday morning, as tests/fixed_time
DIALOGS = (
    "customer-card",
    "opportunity",
    "handover",
    "handover-book",
    "defection",
    "calendar-feed",
)
# Said by the offscreen platform for every window; a real desktop never says it (pyproject.toml
# ignores the same message in the tests).
HARMLESS = ("This plugin does not support propagateSizeHints",)
TASK_WAIT_MS = 30_000
# The printed forms in Qt's print preview: a signed report (its top, and its foot with the
# sign-off box and fingerprint) and a plan not yet countersigned, both of the rep whose
# report was signed last.
PRINT_VIEWS = ("print-report", "print-signoff", "print-plan")
# The Receivables page's dialogs (the page itself is shot with every page).
RECEIVABLE_VIEWS = ("receivables-entry", "receivables-import")
# Attachments (issue 17): the demo key account's card on its 附件 tab, and the viewer.
ATTACHMENT_VIEWS = ("attachments-card", "attachments-viewer", "attachments-complaint",
                    "attachments-settings", "attachments-visit")  # fmt: skip
# The key-accounts page's other screens: (account's plan status to pick, tab, left tab).
KEY_ACCOUNT_VIEWS = {
    "key-accounts-plan-active": ("active", 0, 0),
    "key-accounts-team": ("active", 1, 0),
    "key-accounts-map": ("active", 2, 0),
    "key-accounts-health": ("active", 3, 0),
    "key-accounts-events": ("active", 4, 0),
    "key-accounts-watch": ("submitted", 0, 1),
}
# The churn page's other tabs and the Dashboard's defection charts (scrolled to them).
CHURN_VIEWS = {"churn-defectors": 1, "churn-win-back": 2, "dashboard-defections": None}
# The Leads page's pool tab and its new-lead dialog.
LEAD_VIEWS = ("leads-pool", "lead-new")
# The reminders list (a rep's at 19:10, the supervisor's at 10:00) and their Settings group.
REMINDER_VIEWS = ("reminders-rep", "reminders-supervisor", "reminders-settings")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--lang", action="append", choices=sorted(LANGS), help="default: all")
    parser.add_argument(
        "--size", action="append", help="WIDTHxHEIGHT; default 1366x768 and 1920x1080"
    )
    parser.add_argument("--page", action="append", help="a page key or dialog name; default: all")
    args = parser.parse_args(argv)
    sizes = [_size(text) for text in args.size] if args.size else list(SIZES)
    langs = args.lang or list(LANGS)
    args.out.mkdir(parents=True, exist_ok=True)
    if len(langs) == 1:
        return _shoot(args.out, langs[0], sizes, args.page)
    code = 0
    for lang in langs:  # a process a language (see the module's docstring)
        command = [sys.executable, __file__, str(args.out), "--lang", lang]
        command += [f"--size={w}x{h}" for w, h in sizes]
        command += [f"--page={page}" for page in args.page or []]
        code = max(code, subprocess.run(command, check=False).returncode)
    return code


def _size(text: str) -> tuple[int, int]:
    width, _x, height = text.partition("x")
    return int(width), int(height)


class _Problems:
    """Qt warnings and the app's own logged warnings and errors, and what failed to build."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def qt_message(self, mode: object, _context: object, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if not any(text in message for text in HARMLESS):
            self.items.append(f"Qt {mode}: {message}")

    def log_handler(self) -> logging.Handler:
        problems = self

        class _Handler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                problems.items.append(
                    f"log {record.levelname} {record.name}: {record.getMessage()}"
                )

        return _Handler(logging.WARNING)

    def failed(self, what: str) -> None:
        self.items.append(f"{what} failed:\n{traceback.format_exc()}")


def _shoot(out: Path, lang: str, sizes: list[tuple[int, int]], only: list[str] | None) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    problems = _Problems()
    qInstallMessageHandler(problems.qt_message)
    logging.getLogger("crm_desktop").addHandler(problems.log_handler())

    from crm_desktop.config.settings import Settings
    from crm_desktop.demo.generator import ensure_demo_data
    from crm_desktop.domain.clock import FixedClock
    from crm_desktop.services.container import Services
    from crm_desktop.ui.application import create_application
    from crm_desktop.ui.main_window import MainWindow

    _qapp = create_application(LANGS[lang])  # held: the application lives while we shoot
    with tempfile.TemporaryDirectory(prefix="crm-screenshots-") as folder:
        services = Services.open(Path(folder) / "data", clock=FixedClock(SHOT_AT))
        try:
            ensure_demo_data(services)
            settings = Settings(Path(folder) / "config" / "settings.json")
            window = MainWindow(services, settings, LANGS[lang], first_run=False)
            window.show()
            _settle()
            keys = [key for key in window.stack.keys if not only or key in only]
            dialogs = [name for name in DIALOGS if not only or name in only]
            for width, height in sizes:
                window.resize(width, height)
                for key in keys:
                    try:
                        window.show_page(key)
                        _settle()
                        _save(window.grab(), out / f"{key}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"page {key} at {width}x{height}")
                for name in dialogs:
                    try:
                        _shoot_dialog(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"dialog {name} at {width}x{height}")
                for name in [v for v in KEY_ACCOUNT_VIEWS if not only or v in only]:
                    try:
                        _show_key_account_view(window, name)
                        _save(window.grab(), out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in CHURN_VIEWS if not only or v in only]:
                    try:
                        _show_churn_view(window, name)
                        _save(window.grab(), out / f"{name}-{lang}-{width}.png")
                        _show_churn_view(window, "churn")  # the page's own shot: first tab
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in LEAD_VIEWS if not only or v in only]:
                    try:
                        _shoot_lead_view(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in REMINDER_VIEWS if not only or v in only]:
                    try:
                        _shoot_reminder_view(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in PRINT_VIEWS if not only or v in only]:
                    try:
                        _shoot_print_view(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in ATTACHMENT_VIEWS if not only or v in only]:
                    try:
                        _shoot_attachment_view(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
                for name in [v for v in RECEIVABLE_VIEWS if not only or v in only]:
                    try:
                        _shoot_receivable_view(window, name, out / f"{name}-{lang}-{width}.png")
                    except Exception:
                        problems.failed(f"view {name} at {width}x{height}")
            window.close()
            _settle()
        finally:
            services.close()
    for problem in problems.items:
        print(problem, file=sys.stderr)
    print(f"{lang}: {len(problems.items)} problems; screenshots in {out}", file=sys.stderr)
    return 1 if problems.items else 0


def _settle() -> None:
    """Let the pages' background loads finish and their results arrive."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.tasks import wait_for_all_tasks

    for _round in range(3):  # a finished load may start another (the dashboard's charts)
        if not wait_for_all_tasks(TASK_WAIT_MS):
            raise TimeoutError("background tasks still running")
        QApplication.processEvents()


def _shoot_lead_view(window: MainWindow, name: str, path: Path) -> None:
    from crm_desktop.ui.leads.page import LeadsPage

    page = window.show_page("leads")
    assert isinstance(page, LeadsPage)
    _settle()
    if name == "leads-pool":
        page.tabs.setCurrentIndex(1)
        _settle()
        try:
            _save(window.grab(), path)
        finally:
            page.tabs.setCurrentIndex(0)
        return
    dialog = page.new_lead()
    _settle()
    try:
        _save(dialog.grab(), path)
    finally:
        dialog.close()


def _shoot_print_view(window: MainWindow, name: str, path: Path) -> None:
    """The print preview of the last signed report, or of that rep's plan of today, as
    the Plans and Review pages' Print button opens it (fit to the page's width)."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from crm_desktop.services.printing.forms import PLAN, REPORT
    from crm_desktop.ui.printing.form_output import preview_dialog

    services = window.services
    signed = services.review().signed_recently()[0]
    forms = services.print_forms()
    lang = window.lang
    if name in ("print-report", "print-signoff"):
        bundle = forms.bundle([REPORT], signed.day, lang, rep_id=signed.rep_id)
    else:
        bundle = forms.bundle([PLAN], services.clock.today(), lang, rep_id=signed.rep_id)
    dialog = preview_dialog(bundle, window)
    dialog.resize(window.size())
    dialog.show()
    _settle()
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is not None:
        preview.fitToWidth()
        _settle()
        if name == "print-signoff":  # the top of the last page: the supervisor's box
            from PySide6.QtWidgets import QAbstractScrollArea

            area = preview.findChild(QAbstractScrollArea)
            pages = preview.pageCount()
            if area is not None and pages > 1:
                bar = area.verticalScrollBar()
                bar.setValue((bar.maximum() + bar.pageStep()) * (pages - 1) // pages)
    _settle()
    try:
        _save(dialog.grab(), path)
    finally:
        dialog.close()
        _settle()


def _shoot_attachment_view(window: MainWindow, name: str, path: Path) -> None:
    """The card of the customer the demo gave photos (demo/attachments.py), on its 附件
    tab once the thumbnails are decoded; the viewer on its shelf photo; a new complaint
    holding a photo until it is saved; Settings scrolled to its 附件 group."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog
    from crm_desktop.ui.settings.page import SettingsPage

    if name == "attachments-visit":
        _shoot_visit_attachments(window, path)
        return
    if name == "attachments-settings":
        settings_page = window.show_page("settings")
        assert isinstance(settings_page, SettingsPage)
        _settle()
        settings_page.scroll_area.ensureWidgetVisible(settings_page.attachments_group, 0, 120)
        _settle()
        _save(window.grab(), path)
        settings_page.scroll_area.verticalScrollBar().setValue(0)
        return

    from crm_desktop.store.models import Attachment
    from crm_desktop.ui.attachments.images import image_pool
    from crm_desktop.ui.customers.card import CustomerCardDialog
    from crm_desktop.ui.customers.page import CustomersPage

    with window.services.store.reading() as session:
        customer_id = session.scalar(
            select(Attachment.owner_record_id).where(Attachment.owner_kind == "customer")
        )
    if customer_id is None:
        raise RuntimeError("the demo has no customer with attachments")
    page = window.show_page("customers")
    assert isinstance(page, CustomersPage)
    card = CustomerCardDialog(window.services, window.lang, customer_id, page)
    card.tabs.setCurrentWidget(card.attachments_tab)
    card.show()

    def settle_images() -> None:
        _settle()
        for _round in range(3):  # a decoded thumbnail repaints; the viewer asks for more
            image_pool().waitForDone(TASK_WAIT_MS)
            QApplication.processEvents()

    settle_images()
    shown: QWidget = card
    try:
        if name == "attachments-complaint":
            complaint = ComplaintDialog(page.context, customer_id, card)
            complaint.description.setPlainText("到货外箱破损，客户要求补发 3 箱")
            # A photo as it comes off a phone: a named .jpg (the store's blobs are not).
            photo = Path(tempfile.mkdtemp(prefix="crm-shot-")) / "外箱破损.jpg"
            stored = card.attachments_tab.views[1].local_path
            assert stored is not None
            photo.write_bytes(stored.read_bytes())
            complaint.attachments.add_paths([photo])
            complaint.show()
            shown = complaint
            settle_images()
        if name == "attachments-viewer":
            viewer = card.attachments_tab.open_viewer(1)  # the shelf photo
            if viewer is None:
                raise RuntimeError("no attachment to view")
            viewer.resize(min(1100, window.width() - 80), min(760, window.height() - 40))
            shown = viewer
            settle_images()
        _save(shown.grab(), path)
    finally:
        shown.close()
        card.close()
        _settle()


_KEPT: list[object] = []  # pages built for one shot, alive until the window closes


def _shoot_visit_attachments(window: MainWindow, path: Path) -> None:
    """The daily report of the rep whose visit has the demo's shelf photos, that visit
    selected: the Plans page as that rep sees it (built as that rep, then the window's
    user is the demo supervisor again)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from crm_desktop.store.models import Attachment, VisitRecord
    from crm_desktop.ui.attachments.images import image_pool
    from crm_desktop.ui.plans.page import PlansPage

    services = window.services
    with services.store.reading() as session:
        found = session.execute(
            select(VisitRecord.id, VisitRecord.visit_date, VisitRecord.owner_id)
            .join(Attachment, Attachment.owner_record_id == VisitRecord.id)
            .limit(1)
        ).first()
    if found is None:
        raise RuntimeError("the demo has no visit with attachments")
    visit_id, day, rep = found
    context = window.show_page("customers").context  # the window's services and hub
    before = services.user.actor.user_id
    services.user.switch(rep)
    try:
        # Kept alive with the window: a page dropped while its slots stay connected to the
        # window's operations hub fails the next announcement ("Slot not found").
        page = PlansPage(context, window)
        page.setWindowFlag(Qt.WindowType.Window)
        _KEPT.append(page)
        page.resize(window.width() - 176, window.height() - 30)
        page.show()
        page.open_day(day)
        page.show_report()
        editor = page.report_editor
        row = next(i for i, v in enumerate(editor.visits) if v.get("id") == visit_id)
        editor.visit_list.setCurrentRow(row)
        _settle()
        for _round in range(3):
            image_pool().waitForDone(TASK_WAIT_MS)
            QApplication.processEvents()
        _save(page.grab(), path)
        page.close()
    finally:
        services.user.switch(before)
        _settle()


def _shoot_receivable_view(window: MainWindow, name: str, path: Path) -> None:
    """The new-entry dialog for the most overdue customer, or the finance import."""
    from crm_desktop.ui.receivables.page import ReceivablesPage

    page = window.show_page("receivables")
    assert isinstance(page, ReceivablesPage)
    _settle()
    dialog: QWidget = page.new_entry() if name == "receivables-entry" else page.open_import()
    _settle()
    try:
        _save(dialog.grab(), path)
    finally:
        dialog.close()
        _settle()


def _shoot_reminder_view(window: MainWindow, name: str, path: Path) -> None:
    """The status bar's reminder list opened over the Today page -- as the first demo rep
    on Monday at 19:10 (report due, tomorrow's plan, follow-ups) or as the supervisor at
    10:00 (plans and reports to review, reps late) -- or Settings at the Reminders group."""
    from crm_desktop.demo.generator import demo_people
    from crm_desktop.domain.clock import FixedClock
    from crm_desktop.domain.picklists import Role
    from crm_desktop.ui.settings.page import SettingsPage

    if name == "reminders-settings":
        page = window.show_page("settings")
        assert isinstance(page, SettingsPage)
        _settle()
        page.show_reminder_settings()
        _settle()
        _save(window.grab(), path)
        page.scroll_area.verticalScrollBar().setValue(0)
        return
    clock = window.services.clock
    assert isinstance(clock, FixedClock)
    user = window.services.user
    before = user.actor.user_id
    if name == "reminders-rep":
        rep = next(p for p in demo_people(window.services) if p.role is Role.REP)
        user.switch(rep.id)
        window.user_changed()
        clock.set(SHOT_AT.replace(hour=19, minute=10))
    try:
        window.show_page("today")
        window.reminders.controller.tick()
        _settle()
        window.reminders.panel.open()
        _settle()
        _save(window.grab(), path)
    finally:
        window.reminders.panel.hide()
        clock.set(SHOT_AT)
        if user.actor.user_id != before:
            user.switch(before)
            window.user_changed()
        _settle()


def _save(pixmap: QPixmap, path: Path) -> None:
    # PNG is lossless: quality 0 only asks for the strongest compression (smaller files).
    if not pixmap.save(str(path), "PNG", 0):
        raise OSError(f"could not write {path}")


def _shoot_dialog(window: MainWindow, name: str, path: Path) -> None:
    openers: dict[str, Callable[[], QWidget | None]] = {
        "customer-card": lambda: _open_customer_card(window),
        "opportunity": lambda: _open_opportunity(window),
        "handover": lambda: _as_manager(window, _open_handover),
        "handover-book": lambda: _as_manager(window, _open_handover_book),
        "defection": lambda: _open_defection(window),
        "calendar-feed": lambda: _open_calendar_feed(window),
    }
    dialog = openers[name]()
    if dialog is None:
        raise RuntimeError(f"{name}: nothing to open")
    dialog.show()
    _settle()
    try:
        _save(dialog.grab(), path)
    finally:
        dialog.close()
        _settle()


def _show_churn_view(window: MainWindow, name: str) -> None:
    from crm_desktop.ui.churn.page import ChurnPage
    from crm_desktop.ui.dashboard.page import DashboardPage

    tab = CHURN_VIEWS.get(name, 0)
    if tab is None:  # the Dashboard, scrolled down to the defection charts
        board = window.show_page("dashboard")
        assert isinstance(board, DashboardPage)
        _settle()
        bar = board.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        _settle()
        return
    page = window.show_page("churn")
    assert isinstance(page, ChurnPage)
    _settle()
    page.tabs.setCurrentIndex(tab)
    _settle()


def _open_calendar_feed(window: MainWindow) -> QWidget | None:
    """The Plans page's Calendar dialog, with an address as if the server had given one
    (the shots run without a server)."""
    from crm_desktop.services.day.calendar import FEED_URL_KEY
    from crm_desktop.sync.client import local
    from crm_desktop.ui.plans.page import PlansPage

    address = "https://crm.example.com/v1/calendar/q3VbX0cT9rGmYk2Lw7HsPz4dNfA1uEoJ8iRtKyM6bQc.ics"
    local.write_meta(window.services.store, {FEED_URL_KEY: address})
    page = window.show_page("plans")
    assert isinstance(page, PlansPage)
    _settle()
    return page.open_calendar_feed()


def _open_defection(window: MainWindow) -> QWidget | None:
    """A recorded defector case, open for editing (the churn page's second tab)."""
    from crm_desktop.ui.churn.page import ChurnPage

    page = window.show_page("churn")
    assert isinstance(page, ChurnPage)
    _settle()
    page.tabs.setCurrentIndex(1)
    page.cases.view.selectRow(0)
    dialog = page.edit_selected()
    page.tabs.setCurrentIndex(0)
    return dialog


def _show_key_account_view(window: MainWindow, name: str) -> None:
    from crm_desktop.ui.key_accounts.page import KeyAccountsPage

    status, tab, left = KEY_ACCOUNT_VIEWS[name]
    page = window.show_page("key_accounts")
    assert isinstance(page, KeyAccountsPage)
    _settle()
    account = next(a for a in page.accounts if a.status == status)
    page.show_account(account.customer_id, tab)
    page.left_tabs.setCurrentIndex(left)
    _settle()


def _open_customer_card(window: MainWindow) -> QWidget | None:
    from crm_desktop.ui.customers.page import CustomersPage

    page = window.show_page("customers")
    assert isinstance(page, CustomersPage)
    return page.open_card(0)


def _open_opportunity(window: MainWindow) -> QWidget | None:
    from crm_desktop.ui.pipeline.page import PipelinePage

    page = window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    _settle()
    return page.open_card(page.list_model.rows[0].id)


def _as_manager(
    window: MainWindow, opener: Callable[[MainWindow], QWidget | None]
) -> QWidget | None:
    """The handover dialogs are a manager's (domain/handover.py): built as the demo
    manager, then the window's user is the demo supervisor again."""
    from crm_desktop.demo.generator import demo_people
    from crm_desktop.domain.picklists import Role

    user = window.services.user
    before = user.actor.user_id
    manager = next(p for p in demo_people(window.services) if p.role is Role.MANAGER)
    user.switch(manager.id)
    try:
        return opener(window)
    finally:
        user.switch(before)


def _open_handover(window: MainWindow) -> QWidget | None:
    """交接客户 from the Customers page: five customers selected, owners and notes begun."""
    from PySide6.QtCore import QItemSelectionModel

    from crm_desktop.ui.customers.page import CustomersPage

    page = window.show_page("customers")
    assert isinstance(page, CustomersPage)
    _settle()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(5):
        page.view.selectionModel().select(page.model.index(row, 0), flags)
    dialog = page.hand_over_selected()
    if dialog is not None:
        _fill_handover(dialog)
    return dialog


def _open_handover_book(window: MainWindow) -> QWidget | None:
    """交接全部客户 from the Team page: a departing rep's whole book."""
    from crm_desktop.domain.picklists import Role
    from crm_desktop.services.org import OrgTree
    from crm_desktop.ui.team.page import TeamPage

    page = window.show_page("team")
    assert isinstance(page, TeamPage)
    _settle()
    dialog = page.open_handover()
    people = OrgTree.load(window.services.store).people
    for index in range(dialog.from_combo.count()):
        person = people.get(dialog.from_combo.itemData(index))
        if person is not None and person.role is Role.REP:
            dialog.from_combo.setCurrentIndex(index)
            break
    _fill_handover(dialog)
    return dialog


def _fill_handover(dialog: QWidget) -> None:
    from crm_desktop.ui.customers.handover_dialog import HandoverDialog

    assert isinstance(dialog, HandoverDialog)
    rows = dialog.table.rowCount()
    for row in range(min(rows, 3)):
        combo = dialog.owner_combo(row)
        combo.setCurrentIndex(min(combo.count() - 1, 2 + row % 2))
    notes = ("月底对账，老板姓王，只接下午电话", "投诉处理中：送货延误，已承诺周五补货")
    for row, note in zip(range(rows), notes, strict=False):
        dialog.note_edit(row).setText(note)


if __name__ == "__main__":
    sys.exit(main())
