"""The churn exports and the Dashboard's defection figures: every figure read back from the
.xlsx or the service equals an independent SQL query written here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from churn_helpers import TODAY, complaint, customer, order
from sqlalchemy import text

from crm_desktop.domain.churn import DefectionDraft
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.customers.churn import ChurnService
from crm_desktop.services.customers.churn_export import export_warnings, export_win_back
from crm_desktop.services.customers.defections import DefectionService
from crm_desktop.services.org import OrgTree
from crm_desktop.services.team.defection_figures import defection_figures
from crm_desktop.store.models import User
from crm_desktop.store.unit_of_work import UnitOfWork

D = dt.timedelta


def sql(services: Services, query: str, **params: object) -> list[tuple[object, ...]]:
    with services.store.reading() as s:
        return [tuple(r) for r in s.execute(text(query), params)]


def fen(yuan: object) -> int:
    return int((Decimal(str(yuan)) * 100).to_integral_value())


@pytest.fixture
def book(services: Services) -> dict[str, str]:
    """A rep's customers: dropped orders, an overdue visit, a complaint, defectors."""
    ids = {
        "dropped": customer(services, "甲", last_visit=TODAY - D(2)),
        "overdue": customer(services, "乙", value_class="A", last_visit=TODAY - D(40)),
        "complained": customer(services, "丙", last_visit=TODAY - D(2)),
        "lost": customer(services, "丁", status="lost"),
        "dormant": customer(services, "戊"),
        "defector": customer(services, "己", value_class="A"),
    }
    order(services.store, ids["dropped"], TODAY - D(380), 500_000)
    order(services.store, ids["dropped"], TODAY - D(400), 123_456)
    order(services.store, ids["dropped"], TODAY - D(10), 90_000)
    order(services.store, ids["dropped"], TODAY - D(365), 1_000)  # the window's last day
    order(services.store, ids["overdue"], TODAY - D(40), 30_000)
    complaint(services.store, ids["complained"], "critical", status="in_progress")
    order(services.store, ids["lost"], TODAY - D(500), 77_700)
    order(services.store, ids["dormant"], TODAY - D(370), 41_000)
    order(services.store, ids["dormant"], TODAY - D(800), 9_000)
    order(services.store, ids["defector"], TODAY - D(420), 250_000)
    DefectionService(services.store, services.user).create(
        DefectionDraft(ids["defector"], TODAY - D(30), "complete", ("price", "rude")), TODAY
    )
    # Ordered only on the last day before the defection period: active at its start.
    ids["edge"] = customer(services, "辛", status="potential")
    order(services.store, ids["edge"], dt.date(2025, 11, 23), 5_000)
    return ids


def test_the_warning_export_equals_independent_sql(
    services: Services, book: dict[str, str], tmp_path: Path
) -> None:
    churn = ChurnService(services.store, services.user)
    target = tmp_path / "warnings.xlsx"
    assert export_warnings(churn, target, "zh_CN", TODAY) == 4
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[4:6] == ("近期订货", "去年同期订货")
    names = {
        "甲": book["dropped"],
        "乙": book["overdue"],
        "丙": book["complained"],
        "戊": book["dormant"],  # ordered in the same weeks last year, nothing since
    }
    assert sorted(str(r[0]) for r in rows) == sorted(names)
    for row in rows:
        cid = names[str(row[0])]
        [(recent, prior)] = sql(
            services,
            "SELECT COALESCE(SUM(CASE WHEN visit_date BETWEEN :rs AND :re"
            " THEN order_amount_fen END), 0),"
            " COALESCE(SUM(CASE WHEN visit_date BETWEEN :ps AND :pe"
            " THEN order_amount_fen END), 0)"
            " FROM visit_records WHERE customer_id = :c AND deleted = 0",
            rs="2026-08-26",
            re="2026-11-23",
            ps="2025-08-26",
            pe="2025-11-23",
            c=cid,
        )
        [(serious,)] = sql(
            services,
            "SELECT COUNT(*) FROM complaints WHERE customer_id = :c AND deleted = 0"
            " AND severity IN ('high', 'critical') AND status IN ('open', 'in_progress')",
            c=cid,
        )
        [(last_visit,)] = sql(
            services, "SELECT last_effective_visit_on FROM customers WHERE id = :c", c=cid
        )
        assert (fen(row[4]), fen(row[5])) == (recent, prior)
        assert row[8] == serious
        shown = row[7].date().isoformat() if row[7] else None
        assert shown == last_visit
    dropped = next(r for r in rows if r[0] == "甲")
    assert (fen(dropped[4]), fen(dropped[5]), dropped[6]) == (90_000, 624_456, 85.6)


def test_the_win_back_export_equals_independent_sql(
    services: Services, book: dict[str, str], tmp_path: Path
) -> None:
    churn = ChurnService(services.store, services.user)
    target = tmp_path / "win-back.xlsx"
    assert export_win_back(churn, target, "en", TODAY) == 3
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("Customer", "Owner", "Status", "Last order")
    expected = sql(
        services,
        "SELECT c.name, MAX(v.visit_date), SUM(v.order_amount_fen) FROM customers c"
        " JOIN visit_records v ON v.customer_id = c.id AND v.deleted = 0"
        " AND v.order_amount_fen > 0"
        " WHERE c.deleted = 0 AND (c.status IN ('lost', 'former') OR c.id IN"
        "  (SELECT customer_id FROM defection_cases WHERE deleted = 0 AND status = 'open'"
        "   AND defection_type IN ('complete', 'former')))"
        " GROUP BY c.id"
        " UNION SELECT c.name, MAX(v.visit_date), SUM(v.order_amount_fen) FROM customers c"
        " JOIN visit_records v ON v.customer_id = c.id AND v.deleted = 0"
        " AND v.order_amount_fen > 0 WHERE c.deleted = 0 GROUP BY c.id"
        " HAVING MAX(v.visit_date) < :dormant",
        dormant=(TODAY - D(365)).isoformat(),
    )
    by_name = {str(r[0]): r for r in rows}
    assert set(by_name) == {str(name) for name, _last, _total in expected}
    for name, last, total in expected:
        row = by_name[str(name)]
        assert row[3].date().isoformat() == last
        assert fen(row[5]) == total
    assert by_name["戊"][2] == "Active" and fen(by_name["戊"][4]) == 41_000
    assert by_name["己"][7] == "Complete defector"
    assert by_name["己"][8] == "Rude, indifferent or unprepared; Price"


def test_the_dashboard_defection_figures_equal_independent_sql(
    services: Services, book: dict[str, str]
) -> None:
    with UnitOfWork(services.store, None) as uow:
        boss = User(username="boss", display_name="陈主管", role=Role.SUPERVISOR.value)
        uow.session.add(boss)
        uow.session.flush()
        rep = uow.session.get(User, services.actor.user_id)
        assert rep is not None
        rep.supervisor_id = boss.id
        uow.commit()
        boss_id = boss.id
    services.user.switch(boss_id)
    other = customer(services, "庚", owner=services.user.actor.user_id, value_class="A")
    order(services.store, other, TODAY - D(400), 10_000)  # the supervisor's own: active

    org = OrgTree.load(services.store)
    reps = org.visible_reps(boss_id, Role.SUPERVISOR)
    owners = sorted({p.id for p in reps} | {boss_id})
    with services.store.reading() as s:
        figures = defection_figures(s, owners, reps, TODAY)

    start, before_start = "2025-11-24", "2024-11-23"
    [(active, lost)] = sql(
        services,
        "SELECT COUNT(*), SUM(lost) FROM ("
        " SELECT c.id, EXISTS (SELECT 1 FROM defection_cases d WHERE d.customer_id = c.id"
        "  AND d.deleted = 0 AND d.defection_type IN ('complete', 'former')"
        "  AND d.defected_on >= :start) AS lost FROM customers c WHERE c.deleted = 0 AND ("
        "  EXISTS (SELECT 1 FROM visit_records v WHERE v.customer_id = c.id"
        "   AND v.deleted = 0 AND v.order_amount_fen > 0 AND v.visit_date > :bs"
        "   AND v.visit_date < :start)"
        "  OR EXISTS (SELECT 1 FROM defection_cases d WHERE d.customer_id = c.id"
        "   AND d.deleted = 0 AND d.defection_type IN ('complete', 'former')"
        "   AND d.defected_on >= :start)))",
        start=start,
        bs=before_start,
    )
    assert (figures.overall.active, figures.overall.lost) == (active, lost)
    assert (active, lost) == (6, 1)  # 甲 丁 戊 己 庚 辛 ordered in the year before; 己 lost
    [a_row] = [r for r in figures.by_class if r.key == "A"]
    assert (a_row.active, a_row.lost, a_row.rate) == (2, 1, Decimal("0.5"))
    [mine] = figures.by_rep  # the one rep; the supervisor's own customer is in no rep row
    assert (mine.active, mine.lost, mine.rate) == (5, 1, Decimal("0.2"))
    months = dict(figures.reasons.counts)
    assert sum(months["price"]) == 1 and sum(months["rude"]) == 1
    assert figures.reasons.months[-1] == dt.date(2026, 11, 1)
    assert len(figures.reasons.months) == 13  # Nov 2025 (from the 24th) to Nov 2026
