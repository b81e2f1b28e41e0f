"""The 重点客户 page (pytest-qt): the account manager fills and submits the plan, the
sponsor approves it with a comment, the relationship map shows its coverage gap, the
question bank follows the field being filled, and the export writes the shown plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from key_account_data import YEAR, full_plan
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from crm_desktop.domain.account_plan_workflow import AccountPlanAction as A
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.key_accounts import QUESTION_BANK
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.key_accounts.relationship import LinkDraft
from crm_desktop.store.models import Contact, Customer, User
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.key_accounts.page import KeyAccountsPage
from crm_desktop.ui.pages.base import PageContext


def _user(services: Services, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=name, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


@pytest.fixture
def account(services: Services) -> dict[str, str]:
    mgr = _user(services, "王经理", Role.MANAGER, None)
    rep = _user(services, "张伟", Role.REP, mgr)
    services.user.switch(rep)
    with UnitOfWork(services.store, rep) as uow:
        customer = Customer(name="华东机械", owner_id=rep, status="active")
        uow.session.add(customer)
        uow.session.flush()
        boss = Contact(customer_id=customer.id, name="周总", owner_id=rep)
        buyer = Contact(customer_id=customer.id, name="郑经理", owner_id=rep)
        uow.session.add_all([boss, buyer])
        uow.commit()
        ids = {"mgr": mgr, "rep": rep, "customer": customer.id, "boss": boss.id}
        ids["buyer"] = buyer.id
    ka = services.key_accounts
    plan = ka.plans.create(ids["customer"], YEAR)
    ka.plans.save(plan.id, full_plan(rep))
    ka.relationship.save(
        LinkDraft(ids["customer"], ids["boss"], None, "decision_maker", "support", 5, mgr)
    )
    ka.relationship.save(
        LinkDraft(ids["customer"], ids["buyer"], ids["boss"], "gatekeeper", "oppose")
    )
    ids["plan"] = plan.id
    return ids


def _page(context: PageContext, qtbot: QtBot) -> KeyAccountsPage:
    page = KeyAccountsPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.plan.view is not None)
    return page


def test_the_account_manager_edits_and_submits_to_the_sponsor(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    account: dict[str, str],
    shown_errors: list[UserFacingError],
) -> None:
    page = _page(context, qtbot)
    plan = page.plan
    assert [a.name for a in page.accounts] == ["华东机械"]
    assert plan.summary.toPlainText() == full_plan(account["rep"]).summary
    assert plan.save_button.isVisible() and plan.action_buttons[A.SUBMIT].isVisible()
    assert plan.objectives.rows()[0][6] == "SMART"
    plan.summary.setPlainText("扩大份额，进入合作伙伴关系")
    with qtbot.waitSignal(context.operations.did_change):
        plan.save_button.click()
    assert services.key_accounts.plans.open(account["plan"]).content.summary == (
        "扩大份额，进入合作伙伴关系"
    )
    assert plan.sponsor.currentData() == account["mgr"]
    with qtbot.waitSignal(context.operations.did_change, timeout=10_000):
        plan.action_buttons[A.SUBMIT].click()
    qtbot.waitUntil(
        lambda: bool(shown_errors) or (plan.view is not None and plan.view.status == "submitted")
    )
    assert shown_errors == []
    assert not plan.save_button.isVisible()
    assert services.key_accounts.plans.open(account["plan"]).sponsor_id == account["mgr"]


def test_a_bad_date_is_refused_with_a_message_and_nothing_saved(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    account: dict[str, str],
    shown_errors: list[UserFacingError],
) -> None:
    page = _page(context, qtbot)
    page.plan.objectives.set_cell(0, 5, "明年")
    page.plan.summary.setPlainText("不应保存")
    page.plan.save_button.click()
    assert "明年" in shown_errors[0].message_zh and "2026-03-31" in shown_errors[0].message_zh
    assert page.plan.summary.toPlainText() == "不应保存"  # the input is kept
    saved = services.key_accounts.plans.open(account["plan"]).content
    assert saved.summary == full_plan(account["rep"]).summary


def test_the_sponsor_approves_with_a_comment(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    account: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.key_accounts.plans.step(account["plan"], A.SUBMIT, sponsor_id=account["mgr"])
    services.user.switch(account["mgr"])
    page = _page(context, qtbot)
    plan = page.plan
    assert plan.action_buttons[A.APPROVE].isVisible()
    assert not plan.action_buttons[A.SUBMIT].isVisible()
    monkeypatch.setattr(
        "crm_desktop.ui.key_accounts.plan_tab.QInputDialog.getMultiLineText",
        lambda *_args, **_kw: ("同意，二期方案我来协调", True),
    )
    with qtbot.waitSignal(context.operations.did_change):
        plan.action_buttons[A.APPROVE].click()
    qtbot.waitUntil(lambda: plan.view is not None and plan.view.status == "approved")
    assert "同意，二期方案我来协调" in plan.comment.text()


def test_the_map_shows_the_coverage_gap_and_the_guide_follows_the_focus(
    context: PageContext, qtbot: QtBot, account: dict[str, str]
) -> None:
    page = _page(context, qtbot)
    with qtbot.waitSignal(page.map.loaded):
        page.map.reload()
    assert [n.person.name for n in page.map.view.tree] == ["周总"]
    assert "郑经理" in page.map.coverage.text()  # level 2 has nobody of ours
    page.tabs.setCurrentIndex(0)
    page.plan.vision.setFocus()
    qtbot.waitUntil(lambda: QUESTION_BANK["vision"][0].zh in page.plan.guide.toPlainText())


def test_the_page_exports_the_shown_plan(
    context: PageContext, qtbot: QtBot, account: dict[str, str], tmp_path: Path
) -> None:
    page = _page(context, qtbot)
    target = tmp_path / "plan.xlsx"
    page.export_to(target)
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[:4] == ["Plan", "Revenue", "Team", "Relationship map"]
    assert "华东机械" in str(book["Plan"]["A1"].value)
    page.export_to(tmp_path / "plan.pdf")
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


def test_showing_the_page_makes_the_users_action_items_follow_ups(
    context: PageContext, qtbot: QtBot, services: Services, account: dict[str, str]
) -> None:
    ka = services.key_accounts
    ka.plans.save(account["plan"], full_plan(account["rep"], other_owner=account["mgr"]))
    ka.plans.step(account["plan"], A.SUBMIT, sponsor_id=account["mgr"])
    services.user.switch(account["mgr"])
    ka.plans.step(account["plan"], A.APPROVE)
    services.user.switch(account["rep"])
    ka.plans.step(account["plan"], A.ACTIVATE)  # the rep's own action a1 becomes theirs
    services.user.switch(account["mgr"])  # the manager owns action a2 (高层拜访)
    assert services.follow_ups.list() == []
    page = _page(context, qtbot)
    with qtbot.waitSignal(context.operations.did_change):
        page.page_shown()
    assert [f.title for f in services.follow_ups.list()] == ["【华东机械】高层拜访"]
