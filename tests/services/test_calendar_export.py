"""`crm-desktop export-calendar`: the rep's plans and follow-ups as an .ics file, read
back with icalendar -- events, stable UIDs, a changed item's higher SEQUENCE, deletions
CANCELLED, Chinese intact, and times in Asia/Shanghai whatever the machine's zone."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from calendar_data import MONDAY, events, facts, fill_week

from crm_desktop.cli import main
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import Actor
from crm_desktop.services.container import Services
from crm_desktop.services.day.calendar import calendar_person, export_calendar
from crm_desktop.store.models import User
from crm_desktop.store.unit_of_work import UnitOfWork

SHANGHAI = ZoneInfo("Asia/Shanghai")


def export(services: Services, path: Path, **kwargs: object) -> bytes:
    export_calendar(services.store, services.actor, path, **kwargs)  # type: ignore[arg-type]
    return path.read_bytes()


def test_the_file_holds_the_plans_and_follow_ups_of_the_window(
    services: Services, tmp_path: Path
) -> None:
    week = fill_week(services)
    found = events(export(services, tmp_path / "li.ics"))
    uid = {name: f"{getattr(week, name)}@crm-desktop" for name in week.__dataclass_fields__}
    # The default window is 30 days back and 90 ahead: the follow-up a year out is not in.
    assert set(found) == {uid["timed"], uid["untimed"], uid["appointment"], uid["done"]}
    visit = facts(found[uid["timed"]])
    assert visit["SUMMARY"] == "拜访 北京华联商厦股份有限公司"
    assert visit["LOCATION"] == "北京市朝阳区建国路 88 号"
    assert visit["DESCRIPTION"] == "拜访目的：收款\n拜访目标：收回十万货款"
    assert visit["DTSTART"] == dt.datetime(2026, 11, 23, 9, 30, tzinfo=SHANGHAI)
    assert visit["DTEND"] == dt.datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)
    assert found[uid["timed"]]["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert visit["STATUS"] == "CONFIRMED"
    # No planned time: an all-day event on the plan's day.
    assert facts(found[uid["untimed"]])["DTSTART"] == MONDAY + dt.timedelta(days=1)
    appointment = facts(found[uid["appointment"]])
    assert appointment["SUMMARY"] == "预约确认：与王总确认周四见面"
    assert (appointment["DTSTART"], appointment["DTEND"]) == (
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 26),
    )
    assert appointment["DESCRIPTION"] == "客户：北京华联商厦股份有限公司"
    assert facts(found[uid["done"]])["SUMMARY"] == "✓ 承诺事项：寄送样品"
    calendar = icalendar.Calendar.from_ical((tmp_path / "li.ics").read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Shanghai"
    # A window given by hand takes the far follow-up too.
    wide = events(
        export(services, tmp_path / "wide.ics", first=MONDAY, last=MONDAY + dt.timedelta(days=400))
    )
    assert uid["far"] in wide


def test_a_changed_item_keeps_its_uid_with_a_higher_sequence_and_a_deleted_one_is_cancelled(
    services: Services, clock: object, tmp_path: Path
) -> None:
    week = fill_week(services)
    first = export(services, tmp_path / "a.ics")
    assert export(services, tmp_path / "b.ics") == first  # same rows, same bytes
    before = events(first)
    clock.advance(dt.timedelta(minutes=5))  # type: ignore[attr-defined]
    plans = services.day_plans()
    [timed] = [i for i in plans.plan(MONDAY).items if i.id == week.timed]
    plans.update_item(MONDAY, PlanItemDraft(**{**timed.__dict__, "planned_time": "14:00"}))
    plans.remove_item(MONDAY + dt.timedelta(days=1), week.untimed)
    after = events(export(services, tmp_path / "c.ics"))
    assert set(after) == set(before)  # nothing duplicated, nothing lost
    moved = f"{week.timed}@crm-desktop"
    assert after[moved].decoded("DTSTART") == dt.datetime(2026, 11, 23, 14, 0, tzinfo=SHANGHAI)
    assert after[moved]["SEQUENCE"] > before[moved]["SEQUENCE"]
    assert after[moved].decoded("DTSTAMP") > before[moved].decoded("DTSTAMP")
    gone = f"{week.untimed}@crm-desktop"
    assert (before[gone]["STATUS"], after[gone]["STATUS"]) == ("CONFIRMED", "CANCELLED")
    assert after[gone]["SEQUENCE"] > before[gone]["SEQUENCE"]
    same = f"{week.appointment}@crm-desktop"
    assert facts(after[same]) == facts(before[same])


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the zone is switched with tzset")
def test_times_stay_in_shanghai_whatever_the_machine_zone(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    week = fill_week(services)
    at_home = export(services, tmp_path / "home.ics")
    for zone in ("America/Los_Angeles", "Europe/Berlin"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        try:
            abroad = export(services, tmp_path / f"{zone.replace('/', '-')}.ics")
        finally:
            monkeypatch.undo()
            time.tzset()
        assert abroad == at_home
    start = events(at_home)[f"{week.timed}@crm-desktop"].decoded("DTSTART")
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC)


def _user(services: Services, name: str, role: Role, supervisor: str | None = None) -> Actor:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=name, display_name=name, role=role.value, supervisor_id=supervisor)
        uow.session.add(user)
        uow.commit()
        return Actor(user.id, role, None, name)


def test_a_leader_exports_someone_below_and_a_rep_only_themselves(services: Services) -> None:
    boss = _user(services, "wang", Role.SUPERVISOR)
    li = _user(services, "li", Role.REP, supervisor=boss.user_id)
    zhao = _user(services, "zhao", Role.REP)
    assert calendar_person(services.store, boss, "li").id == li.user_id
    assert calendar_person(services.store, li, None).id == li.user_id
    with pytest.raises(ValidationError) as refused:
        calendar_person(services.store, zhao, "li")
    assert refused.value.message() == "您无权查看“li”的日历"
    with pytest.raises(ValidationError, match="No user"):
        calendar_person(services.store, boss, "nobody")


def test_the_command_writes_the_file_and_refuses_bad_dates(
    services: Services, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    week = fill_week(services)
    target = tmp_path / "日历.ics"
    args = ["export-calendar", "--data-dir", str(data_dir), "-o", str(target)]
    days = ["--from", "2026-11-20", "--to", "2026-11-30"]
    assert main([*args, *days]) == 0
    assert f"{week.timed}@crm-desktop" in events(target.read_bytes())
    assert "共 4 个日程" in capsys.readouterr().out
    assert main([*args, "--from", "2026-13-01"]) == 2
    assert "日期“2026-13-01”无效" in capsys.readouterr().err
    assert main([*args, "--lang", "en", "--from", "2026-12-01", "--to", "2026-11-01"]) == 2
    assert "The end date is before the start date" in capsys.readouterr().err
    assert main([*args, "--rep", "nobody", *days]) == 2
    assert "找不到用户“nobody”" in capsys.readouterr().err
