"""The account plan workbook read back with openpyxl: every figure equals an independent
SQL query over the store (the revenue plan's actuals by quarter, the team, the map and
its coverage, the health averages), and the plan's sections are where the reference puts
them. The CLI writes the same workbook as the page."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from key_account_data import YEAR, full_plan
from openpyxl import load_workbook
from sqlalchemy import text

from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.key_accounts.records import Answer, HealthCheck
from crm_desktop.services.key_accounts.relationship import LinkDraft
from crm_desktop.store.models import Contact, Customer, DailyReport, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

# (day, orders, collections) of the account's visits; one a year early, one deleted.
VISITS = (
    (dt.date(YEAR, 2, 10), 30_000_00, 10_000_00, False),
    (dt.date(YEAR, 3, 31), 12_345_67, 0, False),
    (dt.date(YEAR, 4, 1), 50_000_00, 40_000_00, False),
    (dt.date(YEAR, 11, 20), 8_000_00, 9_999_99, False),
    (dt.date(YEAR - 1, 12, 31), 99_000_00, 99_000_00, False),
    (dt.date(YEAR, 5, 5), 77_000_00, 77_000_00, True),
)


def _user(services: Services, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=name, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


@pytest.fixture
def plan(services: Services) -> dict[str, str]:
    mgr = _user(services, "王经理", Role.MANAGER, None)
    rep = _user(services, "张伟", Role.REP, mgr)
    services.user.switch(rep)
    with UnitOfWork(services.store, rep) as uow:
        s = uow.session
        customer = Customer(name="华东机械", owner_id=rep, status="active")
        s.add(customer)
        s.flush()
        people = [
            Contact(customer_id=customer.id, name=n, owner_id=rep)
            for n in ("周总", "吴副总", "郑经理", "冯工")
        ]
        s.add_all(people)
        for n, (day, orders, collections, deleted) in enumerate(VISITS):
            report = DailyReport(report_date=day, owner_id=rep, status="draft")
            s.add(report)
            s.flush()
            s.add(
                VisitRecord(
                    report_id=report.id,
                    customer_id=customer.id,
                    visit_date=day,
                    order_amount_fen=orders,
                    collection_amount_fen=collections,
                    deleted=deleted,
                    owner_id=rep,
                    start_time=f"{9 + n:02d}:00",
                )
            )
        uow.commit()
        ids = {"customer": customer.id, "rep": rep, "mgr": mgr}
        contacts = [p.id for p in people]
    ka = services.key_accounts
    made = ka.plans.create(ids["customer"], YEAR)
    ka.plans.save(made.id, full_plan(rep, other_owner=mgr))
    ka.team.add(ids["customer"], rep, "account_manager", "日常联系")
    ka.team.add(ids["customer"], mgr, "executive_sponsor")
    boss, vp, buyer, engineer = contacts
    ka.relationship.save(
        LinkDraft(ids["customer"], boss, None, "decision_maker", "support", 5, mgr)
    )
    ka.relationship.save(LinkDraft(ids["customer"], vp, boss, "influencer", "neutral", 4, rep))
    ka.relationship.save(LinkDraft(ids["customer"], buyer, vp, "gatekeeper", "oppose", 4))
    ka.relationship.save(LinkDraft(ids["customer"], engineer, vp, "user", "support", 2))
    for day, ratings in ((dt.date(YEAR, 3, 31), (2, 3, 4)), (dt.date(YEAR, 9, 30), (4, 5, 5))):
        answers = dict(zip(("doing", "needs", "value"), (Answer(r) for r in ratings), strict=True))
        ka.records.add_health_check(
            ids["customer"], HealthCheck(None, day, answers, "preferred", "growth")
        )
    ka.records.add_event(ids["customer"], dt.date(YEAR, 6, 1), "anniversary", "二十周年庆典")
    ids["plan"] = made.id
    return ids


def _query(services: Services, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with services.store.reading() as s:
        return [tuple(row) for row in s.execute(text(sql), params)]


def _yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def _sheet_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    book = load_workbook(path, read_only=True)
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def _write(services: Services, plan_id: str, path: Path) -> Path:
    ka = services.key_accounts
    return ka.export_xlsx(ka.report(plan_id), path)


def test_revenue_actuals_equal_the_visits_by_quarter(
    services: Services, plan: dict[str, str], tmp_path: Path
) -> None:
    path = _write(services, plan["plan"], tmp_path / "plan.xlsx")
    rows = {r[0]: r for r in _sheet_rows(path, "Revenue") if r[0] and str(r[0]).startswith("Q")}
    expected = {
        f"Q{q}": (orders, collections)
        for q, orders, collections in _query(
            services,
            """SELECT (CAST(strftime('%m', visit_date) AS INTEGER) + 2) / 3,
                      SUM(order_amount_fen), SUM(collection_amount_fen)
               FROM visit_records WHERE customer_id = :c AND deleted = 0
                 AND strftime('%Y', visit_date) = :y GROUP BY 1""",
            c=plan["customer"],
            y=str(YEAR),
        )
    }
    assert set(expected) == {"Q1", "Q2", "Q4"}
    planned = {q.quarter: q for q in full_plan(plan["rep"]).revenue}
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        orders, collections = expected.get(quarter, (0, 0))
        row = rows[quarter]
        assert Decimal(str(row[2])) == _yuan(orders), quarter
        assert Decimal(str(row[5])) == _yuan(collections), quarter
        q = planned[int(quarter[1])]
        assert Decimal(str(row[1])) == _yuan(q.sales_fen)
        assert Decimal(str(row[4])) == _yuan(q.revenue_fen)
        assert row[6] == q.margin_pct
        assert Decimal(str(row[7])) == _yuan((q.revenue_fen * q.margin_pct + 50) // 100)
        assert Decimal(str(row[8])) == _yuan((collections * q.margin_pct + 50) // 100)
    total = next(r for r in _sheet_rows(path, "Revenue") if r[0] == "合计")
    [(all_orders, all_collections)] = _query(
        services,
        """SELECT SUM(order_amount_fen), SUM(collection_amount_fen) FROM visit_records
           WHERE customer_id = :c AND deleted = 0 AND visit_date BETWEEN :a AND :b""",
        c=plan["customer"],
        a=f"{YEAR}-01-01",
        b=f"{YEAR}-12-31",
    )
    assert Decimal(str(total[2])) == _yuan(all_orders)
    assert Decimal(str(total[5])) == _yuan(all_collections)


def test_team_map_and_coverage_equal_the_store(
    services: Services, plan: dict[str, str], tmp_path: Path
) -> None:
    path = _write(services, plan["plan"], tmp_path / "plan.xlsx")
    team = {(r[0], r[1]) for r in _sheet_rows(path, "Team")[3:] if r[0]}
    assert team == {
        (name, {"account_manager": "客户经理", "executive_sponsor": "行政支持者"}[role])
        for name, role in _query(
            services,
            """SELECT u.display_name, m.role FROM account_team_members m
               JOIN users u ON u.id = m.user_id WHERE m.customer_id = :c AND m.deleted = 0""",
            c=plan["customer"],
        )
    }
    rows = _sheet_rows(path, "Relationship map")
    start = next(n for n, r in enumerate(rows) if r[1] == "层级") + 1
    people = []
    for row in rows[start:]:
        if row[0] is None:
            break
        people.append(row)
    stored = _query(
        services,
        """SELECT c.name, l.influence, u.display_name FROM relationship_links l
           JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.our_user_id
           WHERE l.customer_id = :c AND l.deleted = 0""",
        c=plan["customer"],
    )
    assert sorted((r[0].strip("\u3000"), r[5], r[6]) for r in people) == sorted(
        (name, influence, ours or "（未覆盖）") for name, influence, ours in stored
    )
    assert [(r[0].strip("\u3000"), r[1]) for r in people] == [
        ("周总", 1),
        ("吴副总", 2),
        ("郑经理", 3),
        ("冯工", 3),
    ]
    coverage_at = next(n for n, r in enumerate(rows) if r[0] == "各层级覆盖情况") + 2
    coverage = [r[:4] for r in rows[coverage_at : coverage_at + 3]]
    # Level by reporting depth, computed here with a recursive query of its own.
    levels = _query(
        services,
        """WITH RECURSIVE tree(contact_id, level, linked) AS (
             SELECT contact_id, 1, our_user_id IS NOT NULL FROM relationship_links
             WHERE customer_id = :c AND deleted = 0 AND reports_to_contact_id IS NULL
             UNION ALL
             SELECT l.contact_id, tree.level + 1, l.our_user_id IS NOT NULL
             FROM relationship_links l JOIN tree ON l.reports_to_contact_id = tree.contact_id
             WHERE l.deleted = 0)
           SELECT level, COUNT(*), SUM(linked), COUNT(*) - SUM(linked) FROM tree
           GROUP BY level ORDER BY level""",
        c=plan["customer"],
    )
    assert coverage == levels == [(1, 1, 1, 0), (2, 1, 1, 0), (3, 2, 0, 2)]


def test_health_averages_and_plan_sections(
    services: Services, plan: dict[str, str], tmp_path: Path
) -> None:
    path = _write(services, plan["plan"], tmp_path / "plan.xlsx")
    health = [r for r in _sheet_rows(path, "Health") if r[0] and str(r[0])[:4].isdigit()]
    stored = _query(
        services,
        """SELECT record_date, content FROM key_account_records
           WHERE customer_id = :c AND kind = 'health' AND deleted = 0 ORDER BY record_date""",
        c=plan["customer"],
    )
    expected = []
    for day, content in stored:
        ratings = [a["rating"] for a in json.loads(content)["answers"].values()]
        expected.append((str(day), round(sum(ratings) / len(ratings), 1)))
    assert [(r[0], r[1]) for r in health[: len(expected)]] == expected
    plan_rows = _sheet_rows(path, "Plan")
    headings = [r[0] for r in plan_rows if r[0] and str(r[0])[:2] in ("一、", "二、", "三、")]
    assert headings == ["一、计划摘要", "二、客户概况", "三、客户战略"]
    smart = [r for r in plan_rows if r[-1] == "SMART" or (len(r) > 6 and r[6] == "SMART")]
    assert smart  # the objectives' table carries the SMART column
    events = _sheet_rows(path, "Events")
    assert (f"{YEAR}-06-01", "开业周年庆典", "二十周年庆典") in [r[:3] for r in events]


def test_the_cli_writes_the_plan_of_the_named_customer(
    services: Services, plan: dict[str, str], tmp_path: Path, data_dir: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    from crm_desktop.cli import main

    services.close()
    before = QGuiApplication.instance()  # pytest-qt's, when UI tests ran in this process
    out = tmp_path / "cli.xlsx"
    code = main(
        ["account-plan", "--data-dir", str(data_dir), "--customer", "华东机械", "-o", str(out)]
    )
    assert code == 0
    assert QGuiApplication.instance() is before  # the command's own offscreen app is gone
    rows = {r[0]: r for r in _sheet_rows(out, "Revenue") if r[0]}
    assert Decimal(str(rows["Q2"][2])) == _yuan(50_000_00)
    book = load_workbook(out)
    assert len(book["Relationship map"]._images) == 1  # the diagram, as in the GUI's export
    assert (
        main(
            [
                "account-plan",
                "--data-dir",
                str(data_dir),
                "--customer",
                "没有这家",
                "-o",
                str(tmp_path / "x.xlsx"),
            ]
        )
        == 2
    )
    assert not (tmp_path / "x.xlsx").exists()
    assert (
        main(
            [
                "account-plan",
                "--data-dir",
                str(data_dir),
                "--customer",
                "华东机械",
                "-o",
                str(tmp_path / "x.docx"),
            ]
        )
        == 2
    )
