"""The attachment strip on each record that carries one: the customer card's 附件 tab,
the complaint and market report dialogs (files held until a new record is saved), a
visit in the daily report editor, and the account plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from key_account_data import YEAR, full_plan
from PIL import Image
from pytestqt.qtbot import QtBot

from crm_desktop.domain.complaints import MarketReportDraft
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.daily import ReportDraft, VisitDraft
from crm_desktop.services.container import Services
from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog
from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog
from crm_desktop.ui.customers.card import CustomerCardDialog
from crm_desktop.ui.key_accounts.plan_tab import PlanTab
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.page import PlansPage

DAY = dt.date(2026, 11, 23)


def _photo(path: Path) -> Path:
    Image.new("RGB", (640, 480), (90, 160, 60)).save(path, "JPEG")
    return path


def _customer(services: Services) -> str:
    return services.customers.save(CustomerDraft(name="明通百货有限公司"))


def _names(services: Services, kind: str, owner_id: str) -> list[str]:
    return [v.file_name for v in services.attachments.list_for(kind, owner_id)]


def test_the_customer_card_has_an_attachments_tab_with_its_count(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    customer_id = _customer(services)
    services.attachments.add_file("customer", customer_id, _photo(tmp_path / "门头.jpg"))
    card = CustomerCardDialog(services, "zh_CN", customer_id, context=context)
    qtbot.addWidget(card)
    strip = card.attachments_tab
    qtbot.waitUntil(lambda: len(strip.views) == 1, timeout=10_000)
    index = card.tabs.indexOf(strip)
    assert card.tabs.tabText(index) == "附件 (1)"
    with qtbot.waitSignal(strip.added, timeout=10_000):
        strip.add_paths([_photo(tmp_path / "名片.jpg")])
    assert card.tabs.tabText(index) == "附件 (2)"
    assert _names(services, "customer", customer_id) == ["门头.jpg", "名片.jpg"]


def test_a_new_complaint_keeps_its_photos_until_saved_then_stores_them(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    customer_id = _customer(services)
    dialog = ComplaintDialog(context, customer_id)
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("到货外箱破损")
    dialog.attachments.add_paths([_photo(tmp_path / "破损.jpg")])
    assert dialog.attachments.note.text() == "保存时一并添加"
    with qtbot.waitSignal(dialog.attachments.added, timeout=10_000):
        assert dialog.save()
    assert dialog.saved_id is not None
    assert _names(services, "complaint", dialog.saved_id) == ["破损.jpg"]


def test_an_existing_market_report_shows_and_takes_attachments(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    report_id = services.market_reports.create(
        MarketReportDraft(
            report_date=DAY, category="competitor_promotion", description="竞品降价 8%"
        )
    )
    services.attachments.add_file("market_report", report_id, _photo(tmp_path / "传单.jpg"))
    dialog = MarketReportDialog(context, report_id=report_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.attachments.views) == 1, timeout=10_000)
    assert dialog.attachments.add_button.isEnabled()
    with qtbot.waitSignal(dialog.attachments.added, timeout=10_000):
        dialog.attachments.add_paths([_photo(tmp_path / "价签.jpg")])
    assert _names(services, "market_report", report_id) == ["传单.jpg", "价签.jpg"]


def test_a_saved_visit_takes_photos_and_a_new_one_says_save_first(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    customer_id = _customer(services)
    view = services.daily_reports().save(
        ReportDraft(report_date=DAY, visits=(VisitDraft(customer_id=customer_id),))
    )
    visit_id = view.draft.visits[0].id
    assert visit_id is not None
    page = PlansPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    page.open_day(DAY)
    strip = page.report_editor.form.attachments
    assert strip is not None
    qtbot.waitUntil(lambda: strip.owner_id == visit_id, timeout=10_000)
    with qtbot.waitSignal(strip.added, timeout=10_000):
        strip.add_paths([_photo(tmp_path / "货架.jpg")])
    assert _names(services, "visit_record", visit_id) == ["货架.jpg"]
    page.report_editor.add_visit(customer_id, "明通百货有限公司")  # not saved yet
    assert strip.owner_id is None and strip.note.text() == "保存后可添加附件"
    assert not strip.add_button.isEnabled()


def test_the_account_plan_carries_attachments(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    customer_id = _customer(services)
    plan = services.key_accounts.plans.create(customer_id, YEAR)
    services.key_accounts.plans.save(plan.id, full_plan(services.actor.user_id))
    tab = PlanTab(context)
    qtbot.addWidget(tab)
    tab.set_account(customer_id, services.actor.user_id)
    qtbot.waitUntil(lambda: tab.attachments.owner_id == plan.id, timeout=10_000)
    with qtbot.waitSignal(tab.attachments.added, timeout=10_000):
        tab.attachments.add_paths([_photo(tmp_path / "合同首页.jpg")])
    assert _names(services, "account_plan", plan.id) == ["合同首页.jpg"]
