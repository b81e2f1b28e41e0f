"""LeadService on a real SQLite store: the .xlsx import (row errors, a refused file
leaves nothing), the pool on one laptop (claim, 撞单 known locally, return, sweep by the
pool rule's day), and conversion to an existing customer of the user's own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixed_time import CHINA
from openpyxl import Workbook
from sqlalchemy import func, select

from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.leads import Collision
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.importing.customer_import_sheet import ImportFileError
from crm_desktop.services.leads.leads import LeadDraft, LeadService
from crm_desktop.store.models import Lead, OutboxEntry, Team, User
from crm_desktop.store.unit_of_work import UnitOfWork


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026 广交会 来访登记"])  # a title row above the header
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_reads_good_rows_and_names_the_bad_ones(services: Services, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "visitors.xlsx",
        [
            ["公司名称", "联系人", "手机", "来源", "层级", "跟进日期", "备注"],
            [
                "昆山华泰精密机械有限公司",
                "周建新",
                13915520387.0,
                "展会",
                "优先",
                dt.date(2026, 11, 30),
                "要样品",
            ],
            ["", "无名氏", "1390000", None, None, None, None],
            ["常州恒远电子", "吴晓梅", None, "飞鸽传书", None, None, None],
            ["嘉兴联创包装材料厂", None, None, None, "特级", None, None],
            ["绍兴越达纺织", None, None, None, None, "下周三", None],
            ["昆山华泰精密机械有限公司", "重复", None, None, None, None, None],
            [None, None, None, None, None, None, None],
            ["南通海润船舶配件", "顾伟", "0513-1234567", None, "Last", "2026/12/01", None],
        ],
    )
    report = services.leads.import_xlsx(path, event="第134届广交会")
    assert report.imported == 2
    assert [e.row for e in report.errors] == [4, 5, 6, 7, 8]
    assert "来源" in report.errors[1].message_zh and "层级" in report.errors[2].message_zh
    assert "already a lead" in report.errors[4].message_en
    rows = {r.name: r for r in services.leads.owned()}
    first = rows["昆山华泰精密机械有限公司"]
    assert (first.phone, first.source, first.tier) == ("13915520387", "trade_show", "priority")
    assert (first.event, first.follow_up_due) == ("第134届广交会", dt.date(2026, 11, 30))
    last = rows["南通海润船舶配件"]
    assert (last.source, last.tier, last.follow_up_due) == ("import", "last", dt.date(2026, 12, 1))
    # Imported twice: every row is a lead already, nothing new.
    again = services.leads.import_xlsx(path)
    assert again.imported == 0


def test_a_refused_file_leaves_nothing(services: Services, tmp_path: Path) -> None:
    fake = tmp_path / "list.xlsx"
    fake.write_text("name,phone\n甲,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        services.leads.import_xlsx(fake)
    assert "xlsx" in refused.value.message_en
    no_name = _sheet(tmp_path / "no_name.xlsx", [["电话", "地址"], ["1", "x"]])
    with pytest.raises(ImportFileError):
        services.leads.import_xlsx(no_name)
    with services.store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Lead)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def _team(services: Services) -> tuple[str, str, str]:
    """A team led by a supervisor with two reps, as the server would send them."""
    with UnitOfWork(services.store, None) as uow:
        sup = User(username="sup", display_name="李主管", role=Role.SUPERVISOR.value)
        uow.session.add(sup)
        uow.session.flush()
        team = Team(name="华东", supervisor_id=sup.id)
        uow.session.add(team)
        uow.session.flush()
        sup.team_id = team.id
        reps = [
            User(username=f"rep{i}", display_name=f"销售{i}", role=Role.REP.value,
                 supervisor_id=sup.id, team_id=team.id)
            for i in (1, 2)
        ]  # fmt: skip
        uow.session.add_all(reps)
        uow.commit()
        return sup.id, reps[0].id, reps[1].id


def as_user(services: Services, user_id: str, clock: FixedClock | None = None) -> LeadService:
    user = CurrentUser(services.store)
    user.switch(user_id)
    store = services.store
    if clock is not None:
        store.clock = clock
    return LeadService(store, user)


def test_the_pool_on_one_laptop(services: Services) -> None:
    sup, rep1, rep2 = _team(services)
    lead_id = as_user(services, sup).save(LeadDraft(name="温州正泰电器", to_pool=True))
    mine = as_user(services, rep1)
    assert [r.id for r in mine.pool()] == [lead_id]
    with pytest.raises(ValidationError):
        mine.save(LeadDraft(name="x", to_pool=True))  # only the team's supervisor
    mine.claim(lead_id)
    [held] = mine.owned()
    assert (held.owner_id, held.status, held.in_pool) == (rep1, "assigned", False)
    with pytest.raises(TransitionError):
        as_user(services, rep2).claim(lead_id)  # already out of the pool on this laptop
    with services.store.reading() as s:
        commands = [
            e.name for e in s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "lead"))
        ]
    assert commands == ["create", "claim_lead"]
    mine.return_to_pool(lead_id, "暂无需求")
    assert [r.id for r in mine.pool()] == [lead_id]
    # 撞单 the laptop can see: rep2 holds a customer of the same name.
    rep2_leads = as_user(services, rep2)
    services.user.switch(rep2)
    services.customers.save(CustomerDraft(name="温州正泰电器有限公司"))
    with pytest.raises(Collision):
        as_user(services, rep1).claim(lead_id)
    rep2_leads.claim(lead_id)


def test_the_sweep_returns_leads_on_the_day_after_n_days(services: Services) -> None:
    sup, rep1, _rep2 = _team(services)
    with pytest.raises(ValidationError):
        as_user(services, sup).rules.save(5, None)
    lead_id = as_user(services, sup).save(LeadDraft(name="台州德力阀门厂", to_pool=True))
    as_user(services, rep1).claim(lead_id)  # on 2026-11-23 (the fixed clock)
    start = dt.datetime(2026, 11, 23, 10, tzinfo=CHINA)
    for days, returned in ((30, 0), (31, 1)):
        late = FixedClock(start + dt.timedelta(days=days), tz=CHINA)
        assert as_user(services, sup, late).sweep() == returned
    assert [r.id for r in as_user(services, rep1).pool()] == [lead_id]
    assert as_user(services, rep1).sweep() == 0  # a rep takes nothing back


def test_conversion_to_the_users_own_customer(services: Services) -> None:
    existing = services.customers.save(CustomerDraft(name="扬州金鼎建材商行", phone="13952724470"))
    lead_id = services.leads.save(LeadDraft(name="扬州金鼎建材", phone="139 5272 4470"))
    assert services.leads.convert(lead_id) == existing
    converted = services.leads.lead_of_customer(existing)
    assert converted is not None and converted.status == "converted"
    with pytest.raises(ValidationError):
        services.leads.convert(lead_id)  # closed now
