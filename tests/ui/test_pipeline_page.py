"""The Pipeline 商机 page: board columns and filters, drag to move through the stage
dialog, the sales method's rules, demotion, the list, the admin screen, the card."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import ControlMode, Role
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES
from crm_desktop.services.container import Services
from crm_desktop.services.pipeline.pipeline import OpportunityDraft
from crm_desktop.store.models import Customer, Opportunity, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.customers.card import CustomerCardDialog
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.pipeline import board
from crm_desktop.ui.pipeline.list_model import MIME_TYPE
from crm_desktop.ui.pipeline.opportunity_dialog import OpportunityDialog
from crm_desktop.ui.pipeline.page import LIST_TAB, PipelinePage
from crm_desktop.ui.pipeline.sales_methods_dialog import NAME_ZH, RATE
from crm_desktop.ui.pipeline.stage_dialog import StageDialog

TODAY = TEST_NOW.date()


def add_customer(services: Services, name: str, owner_id: str | None = None) -> str:
    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(name=name, owner_id=owner, region="华东")
        uow.session.add(customer)
        uow.commit()
        return customer.id


def add_opportunity(
    services: Services,
    customer_id: str,
    name: str,
    amount_yuan: int,
    stage: str = "discover",
    close: dt.date | None = None,
) -> str:
    draft = OpportunityDraft(
        customer_id=customer_id,
        name=name,
        amount_fen=amount_yuan * 100,
        expected_close_on=close,
        competitors="华为、中兴",
    )
    return services.pipeline.create(draft, stage)


def stored(services: Services, opportunity_id: str) -> Opportunity:
    with services.store.reading() as s:
        found = s.get(Opportunity, opportunity_id)
        assert found is not None
        s.expunge(found)
        return found


def commands(services: Services, name: str = "change_stage") -> list[dict[str, object]]:
    with services.store.reading() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.name == name)).all()
        return [json.loads(r.patch) for r in rows]


def make_page(context: PageContext, qtbot: QtBot) -> PipelinePage:
    page = PipelinePage(context)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def column_names(page: PipelinePage, code: str) -> list[str]:
    return [row.name for row in page.board.columns[code].model.rows]


def drop(page: PipelinePage, qtbot: QtBot, name: str, target: str) -> StageDialog:
    """Drag the card called `name` onto the column `target`, as the view would: the
    source column's mime data handed to the target column's dropMimeData."""
    source = next(
        c for c in page.board.columns.values() if name in column_names(page, c.stage.code)
    )
    index = source.model.index(column_names(page, source.stage.code).index(name))
    data = source.model.mimeData([index])
    assert data.hasFormat(MIME_TYPE)
    target_model = page.board.columns[target].model
    assert target_model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    target_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    # The drop is delivered queued (after the drag's own event loop has ended).
    qtbot.waitUntil(lambda: page.stage_dialog is not None)
    assert page.stage_dialog is not None
    return page.stage_dialog


@pytest.fixture
def rep_customer(services: Services) -> str:
    return add_customer(services, "宁波海天塑机有限公司")


def switch_to_admin(services: Services, add_user: Callable[..., str]) -> str:
    admin = add_user("admin", "王管理", Role.ADMIN)
    services.user.switch(admin)
    return admin


def make_strict(services: Services, add_user: Callable[..., str], code: str) -> None:
    """As an admin, make `code` need one visit in strict mode; then back to the rep."""
    rep = services.actor.user_id
    switch_to_admin(services, add_user)
    stages = [
        replace(s, min_visits=1, control_mode=ControlMode.STRICT) if s.code == code else s
        for s in DEFAULT_STAGES
    ]
    services.sales_methods.save(DEFAULT_METHOD_CODE, "标准销售方法", stages)
    services.user.switch(rep)


# --- the board --------------------------------------------------------------------------


def test_board_shows_each_opportunity_in_its_stage_with_header_totals(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    add_opportunity(services, rep_customer, "一期生产线", 100_000, "discover")
    add_opportunity(services, rep_customer, "二期生产线", 300_000, "proposal")
    add_opportunity(services, rep_customer, "备件框架", 50_000, "proposal")
    page = make_page(context, qtbot)

    assert list(page.board.columns) == [s.code for s in DEFAULT_STAGES]
    assert column_names(page, "discover") == ["一期生产线"]
    assert sorted(column_names(page, "proposal")) == sorted(["二期生产线", "备件框架"])
    proposal = page.board.columns["proposal"]
    assert proposal.count == 2
    assert proposal.amount_fen == 35_000_000
    assert proposal.weighted_fen == 17_500_000  # 50 %
    assert format_fen(35_000_000) in proposal.figures.text()
    assert format_fen(17_500_000) in proposal.weighted.text()
    assert "50%" in proposal.title.text()
    assert page.board.columns["won"].count == 0
    # 10 % of 100,000 + 50 % of 350,000 = 185,000 weighted, three open.
    assert format_fen(18_500_000) in page.summary.text()
    assert page.summary.text().startswith("3 ")
    # A rep alone: no owner filter, no owner line on the cards, no admin button.
    assert page.owner.isHidden()
    assert page.methods_button.isHidden()


def test_filters_narrow_the_columns_by_text_owner_and_open_only(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    add_user: Callable[..., str],
) -> None:
    li = add_user("li", "李四")
    wang = add_user("wang", "王五")
    for rep, customer, deals in (
        (li, "杭州通升自动化", [("杭州一期", 100_000, "discover"), ("杭州二期", 200_000, "bid")]),
        (wang, "宁波昌荣文具", [("宁波扩产", 400_000, "bid"), ("宁波老单", 90_000, "lost")]),
    ):
        services.user.switch(rep)
        customer_id = add_customer(services, customer, rep)
        for name, amount, stage in deals:
            opportunity = add_opportunity(services, customer_id, name, amount)
            if stage != "discover":
                with UnitOfWork(services.store, rep) as uow:  # placed directly, as a feed would
                    row = uow.session.get(Opportunity, opportunity)
                    assert row is not None
                    row.stage_code = stage
                    uow.commit()
    switch_to_admin(services, add_user)
    page = make_page(context, qtbot)
    assert not page.owner.isHidden()
    assert [page.owner.itemText(i) for i in range(page.owner.count())][1:] == ["李四", "王五"]
    assert sorted(column_names(page, "bid")) == ["宁波扩产", "杭州二期"]
    assert column_names(page, "lost") == ["宁波老单"]

    with qtbot.waitSignal(page.filtered):
        page.search.setText("杭州")
    assert column_names(page, "bid") == ["杭州二期"]
    assert column_names(page, "discover") == ["杭州一期"]
    assert column_names(page, "lost") == []

    page.search.setText("通升 二期")  # every term must match: customer and name
    assert [r.name for r in page.shown] == ["杭州二期"]

    page.search.clear()
    page.owner.setCurrentIndex(page.owner.findData(wang))
    assert sorted(r.name for r in page.shown) == ["宁波扩产", "宁波老单"]
    assert page.board.columns["bid"].amount_fen == 40_000_000
    page.open_only.setChecked(True)
    assert [r.name for r in page.shown] == ["宁波扩产"]
    assert page.board.columns["lost"].count == 0
    assert page.list_model.rowCount() == 1


# --- moving -------------------------------------------------------------------------------


def test_drop_on_a_column_moves_the_stage_through_the_dialog(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    opportunity = add_opportunity(services, rep_customer, "一期生产线", 100_000)
    page = make_page(context, qtbot)
    dialog = drop(page, qtbot, "一期生产线", "research")
    assert dialog.target.currentData() == "research"
    assert dialog.rate.text() == "25%"
    assert dialog.ok_button.isEnabled()
    dialog.note.setText("客户确认了预算")
    with qtbot.waitSignal(page.filtered):
        dialog.ok_button.click()
    assert stored(services, opportunity).stage_code == "research"
    [command] = commands(services)
    assert command["stage"] == "research"
    assert command["note"] == "客户确认了预算"
    assert column_names(page, "research") == ["一期生产线"]
    assert column_names(page, "discover") == []


def test_a_strict_condition_refuses_the_move_with_its_reason(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    rep_customer: str,
    add_user: Callable[..., str],
) -> None:
    opportunity = add_opportunity(services, rep_customer, "一期生产线", 100_000)
    make_strict(services, add_user, "research")
    page = make_page(context, qtbot)
    dialog = drop(page, qtbot, "一期生产线", "research")
    assert dialog.error.isVisible()
    assert "拜访" in dialog.error.text()  # the reason: no visit logged in the stage yet
    assert not dialog.ok_button.isEnabled()
    assert not dialog.confirm()
    assert dialog.isVisible()
    assert stored(services, opportunity).stage_code == "discover"
    assert commands(services) == []
    assert column_names(page, "discover") == ["一期生产线"]  # the card stayed
    # Another target that is allowed clears the refusal.
    dialog.target.setCurrentIndex(dialog.target.findData("lost"))
    assert not dialog.error.isVisible() or "输单原因" in dialog.error.text()


def test_won_needs_a_reason_and_warnings_need_proceed_anyway(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    opportunity = add_opportunity(services, rep_customer, "一期生产线", 100_000, "contract")
    page = make_page(context, qtbot)
    dialog = drop(page, qtbot, "一期生产线", "won")
    assert dialog.won_on.isVisible() and dialog.won_reason.isVisible()
    assert not dialog.lost_reason.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert "赢单原因" in dialog.error.text()

    dialog.won_reason.setText("方案和服务优于竞品")
    # Reason given: what is left is a warning (no visit logged in the stage).
    assert not dialog.error.isVisible()
    assert dialog.warning.isVisible() and "拜访" in dialog.warning.text()
    assert not dialog.ok_button.isEnabled()
    dialog.proceed.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.moved):
        dialog.ok_button.click()
    row = stored(services, opportunity)
    assert (row.stage_code, row.won_reason, row.won_on) == ("won", "方案和服务优于竞品", TODAY)
    assert column_names(page, "won") == ["一期生产线"]


def test_a_lost_opportunity_is_demoted_back_to_the_first_stage(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    rep_customer: str,
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    opportunity = add_opportunity(services, rep_customer, "一期生产线", 100_000, "research")
    page = make_page(context, qtbot)
    page.board.columns["research"].view.setCurrentIndex(
        page.board.columns["research"].model.index(0)
    )
    dialog = drop(page, qtbot, "一期生产线", "lost")
    assert dialog.winner.findText("华为") > 0  # the competitors offered
    dialog.lost_reason.setText("价格高于竞品")
    dialog.winner.setCurrentText("华为")
    with qtbot.waitSignal(dialog.moved):  # the move runs on the writer lane
        assert dialog.confirm()
    assert stored(services, opportunity).stage_code == "lost"

    card = page.open_card(opportunity)
    assert isinstance(card, OpportunityDialog)
    qtbot.addWidget(card)
    assert "价格高于竞品" in card.close_line.text() and "华为" in card.close_line.text()
    assert card.demote_button.isVisible() and not card.move_button.isVisible()
    asked = answer_confirm(True)
    with qtbot.waitSignal(page.filtered):
        assert card.demote()
    assert asked
    row = stored(services, opportunity)
    assert (row.stage_code, row.lost_reason, row.closed_on) == ("discover", None, None)
    assert [c["stage"] for c in commands(services)] == ["lost", "discover"]
    assert not card.demote_button.isVisible() and card.move_button.isVisible()
    # The history, latest first: lost → 了解情况 on top.
    assert card.history.item(0, 2).text() == "输单 → 了解情况"
    assert column_names(page, "discover") == ["一期生产线"]


def test_move_button_acts_on_the_selected_card(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    add_opportunity(services, rep_customer, "一期生产线", 100_000)
    page = make_page(context, qtbot)
    assert not page.move_button.isEnabled()
    view = page.board.columns["discover"].view
    rect = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.move_button.isEnabled()
    page.search.setText("一期")  # a filter change refills the columns; the card stays selected
    assert page.board.current() is not None and page.move_button.isEnabled()
    assert view.currentIndex().row() == 0
    page.move_button.click()
    assert page.stage_dialog is not None
    qtbot.addWidget(page.stage_dialog)
    assert page.stage_dialog.target.findData("discover") < 0  # not the current stage


# --- the list, the card ---------------------------------------------------------------------


def test_list_sorts_by_raw_values(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    add_opportunity(services, rep_customer, "小单", 9_000, close=TODAY + dt.timedelta(days=5))
    add_opportunity(services, rep_customer, "大单", 1_200_000, close=TODAY + dt.timedelta(days=50))
    add_opportunity(services, rep_customer, "中单", 80_000, close=None)
    page = make_page(context, qtbot)
    page.tabs.setCurrentIndex(LIST_TAB)
    page.list_view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # amount: ¥9,000 < ¥80,000
    names = [page.list_model.index(r, 0).data() for r in range(3)]
    assert names == ["大单", "中单", "小单"]
    page.list_view.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # undated last
    names = [page.list_model.index(r, 0).data() for r in range(3)]
    assert names == ["小单", "大单", "中单"]
    assert page.list_model.index(1, 5).data() == format_fen(120_000_000)
    # The sort survives a filter change.
    page.search.setText("单")
    assert [page.list_model.index(r, 0).data() for r in range(3)] == ["小单", "大单", "中单"]


def test_new_opportunity_keeps_input_on_a_bad_amount_then_saves(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    page = make_page(context, qtbot)
    dialog = page.new_opportunity()
    qtbot.addWidget(dialog)
    dialog.customer.search.setText("海天")
    dialog.customer.refresh()
    assert dialog.customer.customer_id() == rep_customer
    dialog.name.setText("三期扩建")
    dialog.amount.setText("12,34")
    assert not dialog.save()
    assert dialog.errors["amount"].isVisible()
    assert dialog.name.text() == "三期扩建"
    dialog.amount.setText("1.5万")
    dialog.first_stage.setCurrentIndex(dialog.first_stage.findData("research"))
    with qtbot.waitSignal(page.filtered):
        assert dialog.save()
    assert column_names(page, "research") == ["三期扩建"]
    assert page.board.columns["research"].amount_fen == 1_500_000


def test_someone_elses_opportunity_opens_read_only(
    context: PageContext, qtbot: QtBot, services: Services, add_user: Callable[..., str]
) -> None:
    rep = add_user("li", "李四")
    services.user.switch(rep)
    opportunity = add_opportunity(services, add_customer(services, "杭州通升", rep), "杭州一期", 1)
    switch_to_admin(services, add_user)  # an admin sees it but may not change it
    page = make_page(context, qtbot)
    dialog = page.open_card(opportunity)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.name.isReadOnly() and not dialog.save()
    assert not dialog.move_button.isVisible()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save)


def test_customer_card_opens_and_creates_opportunities(
    context: PageContext, qtbot: QtBot, services: Services, rep_customer: str
) -> None:
    add_opportunity(services, rep_customer, "一期生产线", 100_000, "proposal")
    card = CustomerCardDialog(services, "zh_CN", rep_customer, context=context)
    qtbot.addWidget(card)
    card.show()
    card.tabs.setCurrentWidget(card.opportunities)
    assert card.new_opportunity_button.isVisible()
    opened = card.open_opportunity(0)
    assert opened is not None and opened.name.text() == "一期生产线"
    qtbot.addWidget(opened)
    opened.close()
    dialog = card.new_opportunity()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.customer.fixed and dialog.customer.name_label.text() == "宁波海天塑机有限公司"
    dialog.name.setText("备件框架")
    dialog.amount.setText("20000")
    with qtbot.waitSignal(card.changed):
        assert dialog.save()
    assert card.opportunities.rowCount() == 2


# --- the admin screen ------------------------------------------------------------------------


def test_admin_saves_a_stage_edit_and_the_board_follows(
    context: PageContext, qtbot: QtBot, services: Services, add_user: Callable[..., str]
) -> None:
    switch_to_admin(services, add_user)
    page = make_page(context, qtbot)
    assert not page.methods_button.isHidden()
    dialog = page.open_methods()
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.grid.rowCount()) if dialog._text(r, 0) == "proposal")
    dialog.grid.item(row, NAME_ZH).setText("方案报价")
    rate = dialog.grid.cellWidget(row, RATE)
    assert isinstance(rate, QSpinBox)
    rate.setValue(60)
    with qtbot.waitSignal(page.filtered):
        assert dialog.save()
    proposal = next(s for s in services.pipeline.stages() if s.code == "proposal")
    assert (proposal.name_zh, proposal.probability_pct) == ("方案报价", 60)
    assert page.board.columns["proposal"].title.text() == "方案报价  60%"

    # A method with two won stages is refused inline and nothing is saved.
    won_row = next(r for r in range(dialog.grid.rowCount()) if dialog._text(r, 0) == "won")
    lost_row = next(r for r in range(dialog.grid.rowCount()) if dialog._text(r, 0) == "lost")
    outcome = dialog._combo(lost_row, 5)
    outcome.setCurrentIndex(outcome.findData("won"))
    assert won_row != lost_row and dialog.save()  # the service refuses it, on the lane
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "赢单" in dialog.error.text()
    assert [s.outcome for s in services.pipeline.stages()].count("lost") == 1


# --- 撞单 ---------------------------------------------------------------------------------------


def test_double_pursuit_tab_lists_shared_customers_and_opens_the_card(
    context: PageContext, qtbot: QtBot, services: Services, add_user: Callable[..., str]
) -> None:
    li = add_user("li", "李四")
    wang = add_user("wang", "王五")
    services.user.switch(li)
    shared = add_customer(services, "杭州通升自动化", li)
    add_opportunity(services, shared, "杭州一期", 100_000)
    add_opportunity(services, add_customer(services, "宁波昌荣文具", li), "宁波扩产", 1)
    with UnitOfWork(services.store, wang) as uow:  # 王五's deal on 李四's customer, as synced
        uow.session.add(
            Opportunity(customer_id=shared, name="杭州备件", stage_code="research", owner_id=wang)
        )
        uow.commit()
    switch_to_admin(services, add_user)
    page = make_page(context, qtbot)
    assert not page.pursuit.loaded  # read when first shown, not with the board
    page.tabs.setCurrentWidget(page.pursuit)
    assert page.pursuit.loaded
    model = page.pursuit.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == [
        "杭州通升自动化",
        "李四、王五",
        "2",
        "多人有未结商机",
    ]
    page.pursuit.view.selectRow(0)
    assert page.pursuit.open_selected() == shared
    assert page.card_dialog is not None and page.card_dialog.customer_id == shared
    qtbot.addWidget(page.card_dialog)


def test_a_card_amount_too_wide_for_its_column_turns_compact_not_cut(qtbot) -> None:
    metrics = QFontMetrics(QFont())
    full = board.card_amount(173_700_000)
    assert board.fitted_amount(173_700_000, metrics, 1000, True) == full == "¥1,737,000"
    narrow = metrics.horizontalAdvance(full) - 1
    assert board.fitted_amount(173_700_000, metrics, narrow, True) == "¥173.7万"
    assert board.fitted_amount(173_700_000, metrics, narrow, False) == "¥1.74M"
