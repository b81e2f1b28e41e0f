"""The 打印 / Print button of the Plans and Review pages: the jobs follow the selection, the
PDF is read back (pypdf), and the print preview is handed the document that prints."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.printing.fingerprint import fingerprint
from crm_desktop.services.review.review import REPORT
from crm_desktop.store.models import Customer, DailyReport, Team, User
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.printing.form_output import print_document
from crm_desktop.ui.review.page import ReviewPage

DAY = dt.date(2026, 11, 23)  # the fixed clock's Monday


def _user(services: Services, username: str, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


def _day_of(services: Services, rep: str) -> None:
    """As `rep`: a plan of 华联商厦 and 京客隆 and a report of an order at 华联商厦."""
    services.user.switch(rep)
    ids = []
    for name in ("华联商厦", "京客隆"):
        with UnitOfWork(services.store, rep) as uow:
            row = Customer(name=name, owner_id=rep, status="active")
            uow.session.add(row)
            uow.commit()
            ids.append(row.id)
    plans = DayPlanService(services.store, services.user)
    plans.save_items(DAY, [PlanItemDraft(customer_id=c, planned_time="09:30") for c in ids])
    plans.submit(DAY)
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(DAY).draft
    first = replace(draft.visits[0], outcome="order_placed", is_effective=True,
                    order_amount_fen=1_234_500)  # fmt: skip
    reports.submit(replace(draft, visits=(first,), reflections="客户重视交期"))


def _text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def _fonts_embedded(path: Path) -> bool:
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            for part in font.get_object().get("/DescendantFonts") or [font]:
                descriptor = part.get_object()["/FontDescriptor"].get_object()
                if "/FontFile2" not in descriptor and "/FontFile3" not in descriptor:
                    return False
    return True


def test_plans_page_prints_the_days_plan_and_report_to_pdf_and_preview(
    context: PageContext, services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None)
    rep = _user(services, "zhang", "张伟", Role.REP, supervisor)
    _day_of(services, rep)
    services.user.switch(supervisor)
    review = services.review()
    report_id = next(i.id for i in review.queue() if i.kind == REPORT)
    review.sign_report(review.open_item(REPORT, report_id), "交期要盯紧")
    services.user.switch(rep)
    with services.store.reading() as s:
        signed_hash = s.scalar(select(DailyReport.content_hash))

    page = PlansPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    button = page.print_button
    assert button.isEnabled() and button.text() == "打印"
    day_job, _week_job = button.jobs()
    assert day_job.label == "2026-11-23 计划与日报"
    # The menu holds a preview and an export for each job.
    button.job_menu.aboutToShow.emit()
    assert [a.text() for a in button.job_menu.actions() if a.text()] == [
        "打印预览：2026-11-23 计划与日报…",
        "打印预览：2026-11-23 所在周的计划与日报…",
        "导出 PDF：2026-11-23 计划与日报…",
        "导出 PDF：2026-11-23 所在周的计划与日报…",
    ]

    out = tmp_path / "day.pdf"
    with qtbot.waitSignal(button.exported, timeout=20_000):
        button.export_to(day_job, out)
    text = _text(out)
    for expected in ("每日拜访计划表", "每日销售报告表", "张伟", "华联商厦", "京客隆", "12,345.00",
                     "客户重视交期", "李明华", "交期要盯紧", fingerprint(signed_hash)):  # fmt: skip
        assert expected in text, expected
    # The plan is submitted, not countersigned: said plainly; the signed report is not.
    assert text.count("草稿 / 未签核") == 1
    assert _fonts_embedded(out)
    assert len(PdfReader(out).pages) >= 2  # each form from a page of its own

    # The preview is handed the same document; printed to a file it reads the same.
    with qtbot.waitSignal(button.preview_opened, timeout=20_000) as opened:
        button.preview(day_job)
    dialog = opened.args[0]
    assert isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_document(dialog.document, printer)  # type: ignore[attr-defined]
    # (A printer gets no text map mending: what is drawn is what counts on paper.)
    printed = _text(tmp_path / "printed.pdf")
    assert "销售报告表" in printed and str(fingerprint(signed_hash)) in printed
    dialog.close()


def test_review_page_prints_the_opened_item_once_one_is_open(
    context: PageContext,
    services: Services,
    qtbot: QtBot,
    tmp_path: Path,
    shown_errors: list[UserFacingError],
) -> None:
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None)
    rep = _user(services, "zhang", "张伟", Role.REP, supervisor)
    with UnitOfWork(services.store, None) as uow:
        team = Team(name="北京一组", supervisor_id=supervisor)
        uow.session.add(team)
        uow.session.flush()
        for user in uow.session.scalars(select(User)):
            user.team_id = team.id
        uow.commit()
    _day_of(services, rep)
    services.user.switch(supervisor)

    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert not page.print_button.isEnabled()  # nothing open yet
    with qtbot.waitSignal(page.panel.item_opened, timeout=10_000):
        page.page_shown()
    assert page.print_button.isEnabled()
    item_job, _week, team_job = page.print_button.jobs()
    assert item_job.label == "张伟 2026-11-23 计划"  # the queue opens the plan first
    assert team_job.label == "北京一组 2026-11-23 全组的计划与日报"

    out = tmp_path / "plan.pdf"
    with qtbot.waitSignal(page.print_button.exported, timeout=20_000):
        page.print_button.export_to(item_job, out)
    text = _text(out)
    assert "每日拜访计划表" in text and "每日销售报告表" not in text
    assert "草稿 / 未签核（已提交）" in text and "主管核签" in text

    whole = tmp_path / "team.pdf"
    with qtbot.waitSignal(page.print_button.exported, timeout=20_000):
        page.print_button.export_to(team_job, whole)
    text = _text(whole)
    assert "每日拜访计划表" in text and "每日销售报告表" in text and "华联商厦" in text
    assert not shown_errors
