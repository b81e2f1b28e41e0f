"""Opening Today on the 100k-customer, 1M-visit store: the TodayView, then the page.

    .venv/bin/python bench/today_open.py [--data-dir DIR] [--runs 20] [--no-ui]

The store is the cached activity store (`_common.ensure_activity_store`, built once with
`crm-desktop demo --customers 100000 --visits 1000000`). Measured for the rep with the
most customers, on that rep's latest working day in the store (so today's plan, report
and visits to log are there even when the store was built on another day), and for the
demo supervisor (Today is the user's own: the supervisor owns no customers, so that
figure is the floor). The current user is switched in memory only: the cached store is
not written.

Figures: `TodayService.view()` (the SQL, overdue-by-cadence included), and through the
real page offscreen: `refresh()` until the view is on screen (task pool round trip and
populating the tables) and `show_view()` alone. Target (issue 4): opening Today ≤ 200 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import _common
from sqlalchemy import text

from crm_desktop.demo.generator import DEMO_SUPERVISOR
from crm_desktop.services.actor import Actor
from crm_desktop.services.container import Services
from crm_desktop.services.day.today import TodayService, TodayView

TARGET_MS = 200.0


def actor_of(services: Services, sql: str) -> Actor:
    """The Actor of the user `sql` selects (id, role, team id, display name)."""
    from crm_desktop.domain.picklists import Role

    with services.store.engine.connect() as conn:
        uid, role, team, name = conn.execute(text(sql)).one()
    return Actor(uid, Role(role), team, name)


def busiest_rep(services: Services) -> tuple[Actor, int]:
    actor = actor_of(
        services,
        "SELECT u.id, u.role, u.team_id, u.display_name FROM users u "
        "JOIN customers c ON c.owner_id = u.id AND c.deleted = 0 WHERE u.role = 'rep' "
        "GROUP BY u.id ORDER BY count(*) DESC LIMIT 1",
    )
    with services.store.engine.connect() as conn:
        count = conn.execute(
            text("SELECT count(*) FROM customers WHERE owner_id = :u AND deleted = 0"),
            {"u": actor.user_id},
        ).scalar_one()
    return actor, int(count)


def latest_day(services: Services, user_id: str) -> dt.date:
    with services.store.engine.connect() as conn:
        day = conn.execute(
            text("SELECT max(plan_date) FROM visit_plans WHERE owner_id = :u"), {"u": user_id}
        ).scalar()
    return dt.date.fromisoformat(day) if day else dt.date.today()


def time_view(service: TodayService, day: dt.date, runs: int) -> tuple[list[float], TodayView]:
    view = service.view(day)  # warm-up, unrecorded
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        view = service.view(day)
        times.append(time.perf_counter() - started)
    return times, view


def describe(view: TodayView) -> str:
    plan = f"plan {view.plan.status} {view.plan.items} items" if view.plan else "no plan"
    report = (
        f"report {view.report.status} {view.report.visits_logged}/{view.report.visits_planned}"
        if view.report
        else "no report"
    )
    return (
        f"{plan}, {report}, {len(view.to_log)} to log, {len(view.follow_ups)} follow-ups, "
        f"{len(view.appointments)} appointments, overdue {len(view.overdue)} of "
        f"{view.overdue_total:,}"
    )


def verdict(times: list[float]) -> str:
    p95 = _common.percentile([t * 1000 for t in times], 95)
    meets = "meets" if p95 <= TARGET_MS else "MISSES"
    return f"p95 {p95:.1f} ms — {meets} the {TARGET_MS:.0f} ms target"


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--no-ui", action="store_true", help="skip the measurement through the page")
    args = p.parse_args()
    data_dir = _common.activity_store_announced(args.data_dir, rebuild=args.rebuild)
    services = Services.open(data_dir)
    try:
        rep, customers = busiest_rep(services)
        day = latest_day(services, rep.user_id)
        services.user.actor = rep  # in memory only: the cached store stays as built
        service = TodayService(services.store, services.user)
        times, view = time_view(service, day, args.runs)
        print(f"\nrep {rep.display_name} ({customers:,} customers), day {day}: {describe(view)}")
        print(f"  TodayService.view(): {_common.summary_ms(times)}")
        print(f"  {verdict(times)}")

        supervisor = actor_of(
            services,
            "SELECT id, role, team_id, display_name FROM users "
            f"WHERE username = '{DEMO_SUPERVISOR}'",
        )
        services.user.actor = supervisor
        boss_times, boss_view = time_view(service, day, args.runs)
        print(f"\nsupervisor {supervisor.display_name} (own rows only): {describe(boss_view)}")
        print(f"  TodayService.view(): {_common.summary_ms(boss_times)}")
        print(f"  {verdict(boss_times)}")
        services.user.actor = rep
        if not args.no_ui:
            measure_page(services, day, args.runs)
    finally:
        services.close()
    if not args.no_ui:
        sys.stdout.flush()
        os._exit(0)  # skip PySide6 finalisation (see search_as_you_type.py)


def measure_page(services: Services, day: dt.date, runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from crm_desktop.config.settings import Settings
    from crm_desktop.ui.pages.base import PageContext
    from crm_desktop.ui.today.page import TodayPage

    app = QApplication.instance() or QApplication([])
    app.setProperty("crm_lang", "zh_CN")
    settings = Settings(Path(tempfile.mkdtemp(prefix="today-bench-")) / "settings.json")
    page = TodayPage(PageContext(services, settings, "zh_CN"))
    page.resize(1200, 820)
    page.show()
    # The page reads today's date; the figures are the same on the day the store holds.
    service = TodayService(services.store, services.user)

    def round_trip() -> float:
        loop = QEventLoop()
        page.shown_view.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        started = time.perf_counter()
        page.refresh()
        loop.exec()
        app.processEvents()
        page.shown_view.disconnect(loop.quit)
        return time.perf_counter() - started

    round_trip()
    trips = [round_trip() for _ in range(runs)]
    print(f"\npage: refresh() → view on screen (task pool, today's date): "
          f"{_common.summary_ms(trips)}")  # fmt: skip
    print(f"  {verdict(trips)}")
    view = service.view(day)
    fills = []
    for _ in range(runs):
        started = time.perf_counter()
        page.show_view(view)
        app.processEvents()
        fills.append(time.perf_counter() - started)
    print(f"page: show_view() of day {day} ({describe(view)}): {_common.summary_ms(fills)}")


if __name__ == "__main__":
    main()
