"""The calendar subscription: a feed address per user from the server, the feed parsed
back with icalendar -- the same events as the laptop's export of the same rows, only the
token's user's, a reset address answering 404, 304 for an unchanged feed, an edited plan
item updating its event -- and `crm-server calendar-token`."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from typing import Any

import pytest
from calendar_data import MONDAY, events, facts, fill_week
from sync_helpers import BASE, Api, Laptop, make_client

from crm_desktop.domain.calendar_events import Window
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.day.calendar import (
    CalendarSubscription,
    calendar_file,
    calendar_person,
)
from crm_desktop.sync.calendar import wire
from crm_desktop.sync.client import local
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.server.cli import main as server_main

# Asked for explicitly: the server's default window follows the machine's clock, which
# the date-proof runs move years away from the fixed clock's data.
DAYS = {"from": "2026-11-01", "to": "2026-12-31"}
WINDOW = Window(dt.date(2026, 11, 1), dt.date(2026, 12, 31))


def services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def signed_in(laptop: Laptop) -> Laptop:
    """A laptop that has synced once, so it knows its user from the server's directory."""
    laptop.engine.sync()
    return laptop


def new_address(api: Api) -> str:
    answer = api.client.post(wire.TOKEN_PATH, headers=api.headers)
    assert answer.status_code == 200, answer.text
    body = wire.CalendarTokenResponse.model_validate(answer.json())
    assert body.url == BASE + body.path and body.path == wire.feed_path(body.token)
    return body.path


def get(api: Api, path: str, **headers: str) -> Any:
    return api.client.get(path, params=DAYS, headers=headers)


def test_the_feed_is_the_laptop_export_and_only_its_users(
    fixed_laptop: Callable[..., Laptop], api: Callable[[str], Api]
) -> None:
    rep1, rep2 = signed_in(fixed_laptop("rep1")), signed_in(fixed_laptop("rep2"))
    week = fill_week(services(rep1))
    rep1.engine.sync()
    rep2_week = fill_week(services(rep2))
    rep2.engine.sync()
    rep1.engine.sync()  # the customers' and plans' server stamps come back

    li = api("rep1")
    path = new_address(li)
    answer = get(li, path)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    served = events(answer.content)
    person = calendar_person(rep1.store, services(rep1).actor, None)
    exported, count = calendar_file(rep1.store, person, WINDOW, "zh_CN")
    # One rule, one place: the laptop's file and the server's feed are the same bytes.
    assert answer.content == exported and count == 4
    assert f"{week.timed}@crm-desktop" in served
    assert facts(served[f"{week.timed}@crm-desktop"])["SUMMARY"] == "拜访 北京华联商厦股份有限公司"
    # rep2's address shows rep2's events, none of rep1's.
    theirs = events(get(api("rep2"), new_address(api("rep2"))).content)
    assert f"{rep2_week.timed}@crm-desktop" in theirs
    assert not set(theirs) & set(served)


def test_a_reset_address_is_gone_and_an_unchanged_feed_is_not_sent_again(
    fixed_laptop: Callable[..., Laptop], api: Callable[[str], Api]
) -> None:
    rep1 = signed_in(fixed_laptop("rep1"))
    week = fill_week(services(rep1))
    rep1.engine.sync()
    li = api("rep1")
    old = new_address(li)
    first = get(li, old)
    assert first.status_code == 200 and first.headers["last-modified"].endswith("GMT")
    again = get(li, old, **{"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    # An edit on the laptop, synced: the same UID with a later time and a higher sequence.
    plans = services(rep1).day_plans()
    [item] = [i for i in plans.plan(MONDAY).items if i.id == week.timed]
    rep1.store.clock.advance(dt.timedelta(minutes=5))  # type: ignore[attr-defined]
    plans.update_item(MONDAY, PlanItemDraft(**{**item.__dict__, "planned_time": "15:00"}))
    rep1.engine.sync()
    changed = get(li, old, **{"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200 and changed.headers["etag"] != first.headers["etag"]
    uid = f"{week.timed}@crm-desktop"
    before, after = events(first.content)[uid], events(changed.content)[uid]
    assert after.decoded("DTSTART").hour == 15
    assert after["SEQUENCE"] > before["SEQUENCE"]
    # A new address retires the old one at once.
    new = new_address(li)
    assert get(li, old).status_code == 404
    assert get(li, new).status_code == 200
    for wrong in ("/v1/calendar/nonsense.ics", new.removesuffix(".ics"), new[:-8] + "aaaa.ics"):
        assert get(li, wrong).status_code == 404
    # Issuing an address needs the sign-in; reading one needs only the address.
    assert li.client.post(wire.TOKEN_PATH).status_code == 401
    bad = li.client.get(new, params={"from": "2026-12-01", "to": "2026-11-01"})
    assert bad.status_code == 422


# The two tests below touch no SQL of their own beyond what the two above run on both
# databases: SQLite only, to keep the suite quick.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_laptop_asks_for_the_address_and_says_when_offline(
    fixed_laptop: Callable[..., Laptop], app: Any
) -> None:
    rep1 = fixed_laptop("rep1")
    subscription = CalendarSubscription(rep1.store, lambda: make_client(app))
    assert subscription.known_url() is None
    url = subscription.new_url()
    assert url.startswith(BASE + "/v1/calendar/") and subscription.known_url() == url
    assert make_client(app).get(url.removeprefix(BASE), params=DAYS).status_code == 200
    second = subscription.new_url()
    assert second != url and subscription.known_url() == second

    # The server's machine gone: a port nothing listens on (a real refused connection).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    local.write_meta(rep1.store, {local.SERVER_URL: f"http://127.0.0.1:{closed}"})
    with pytest.raises(Offline) as offline:
        CalendarSubscription(rep1.store).new_url()
    assert "无法连接同步服务器" in offline.value.message()
    assert subscription.known_url() == second  # kept for the dialog


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_crm_server_calendar_token(
    db_url: str, users: dict[str, str], app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["calendar-token", "--database-url", db_url, "--user", "rep1"]
    assert server_main([*args, "--public-url", "https://crm.example.com/"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("calendar address of rep1 (shown once): https://crm.example.com/v1/")
    first = printed.rsplit("https://crm.example.com", 1)[1]
    client = make_client(app)
    assert client.get(first, params=DAYS).status_code == 200
    assert server_main(args) == 0
    assert "already has a calendar address" in capsys.readouterr().out
    assert server_main([*args, "--reset"]) == 0
    second = capsys.readouterr().out.strip().rsplit(": ", 1)[1]
    assert client.get(first, params=DAYS).status_code == 404
    assert client.get(second, params=DAYS).status_code == 200
    assert server_main([*args[:-1], "nobody"]) == 2
