"""Team notifications from the server (issue 17), read back at real receivers on loopback:
a laptop's real sync submits a report and a DingTalk robot receives the signed message;
a supervisor's return reaches e-mail (aiosmtpd); retries, a receiver that is down or
hangs, the late-report and overdue-complaint scans on the fixed clock, the CLI, and the
app's lifespan starting the worker."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult
from fixed_time import CHINA, fixed_clock
from notify_receivers import HttpReceiver, SmtpReceiver, free_port, self_signed
from sqlalchemy import Engine, select, text
from sync_helpers import Api, Laptop, create_customer, make_client
from test_sync_policy import _report, _visit

from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.complaints import ComplaintDraft, MarketReportDraft
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.daily import ReportDraft, VisitDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.review.review import ReviewService
from crm_desktop.sync.server import cli
from crm_desktop.sync.server.admin import AdminError
from crm_desktop.sync.server.notifications import channels
from crm_desktop.sync.server.notifications.delivery import Retry, deliver_due, prune
from crm_desktop.sync.server.notifications.messages import compose
from crm_desktop.sync.server.notifications.scan import scan
from crm_desktop.sync.server.notifications.senders import Sender, SmtpSettings
from crm_desktop.sync.server.notifications.tables import outbox
from crm_desktop.sync.server.notifications.worker import POLL_ENV, WORKER_ENV, NotificationWorker

DAY = dt.date(2026, 11, 23)  # the fixed clock's Monday
NOW_RETRY = Retry(base=dt.timedelta(0))  # a failed send is due again at once


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only here (the conftest's runs PostgreSQL too); the claim has its own
    PostgreSQL test below."""
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    found = HttpReceiver()
    yield found
    found.close()


@pytest.fixture
def clock() -> FixedClock:
    return fixed_clock()


@pytest.fixture
def start_worker(server_engine: Engine, clock: FixedClock) -> Iterator[Callable[..., Any]]:
    started: list[NotificationWorker] = []

    def start(**options: Any) -> NotificationWorker:
        options.setdefault("retry", NOW_RETRY)
        worker = NotificationWorker(server_engine, clock, poll_s=0.05, **options).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def sync(*laptops: Laptop) -> None:
    for one in laptops:
        one.engine.sync()
        assert one.engine.pending() == 0


def submit_day(rep: Laptop) -> str:
    """rep's report of DAY with one visit (an order of ¥500), submitted and synced."""
    mine = services(rep)
    cid = mine.customers.save(CustomerDraft(name="华联超市"))
    visit = VisitDraft(customer_id=cid, order_amount_fen=50_000, is_effective=True)
    reports = DailyReportService(rep.store, mine.user)
    view = reports.submit(ReportDraft(report_date=DAY, visits=(visit,)))
    sync(rep)
    assert view.draft.id is not None
    return view.draft.id


def outbox_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.id)).mappings()]


def test_a_submitted_report_reaches_a_signed_dingtalk_robot(
    server_engine: Engine,
    fixed_laptop: Callable[[str], Laptop],
    receiver: HttpReceiver,
    start_worker: Callable[..., NotificationWorker],
    clock: FixedClock,
) -> None:
    secret = "SEC0123456789abcdef"
    channels.add_channel(
        server_engine,
        "East",
        "dingtalk",
        f"{receiver.url}/robot/send?access_token=tok",
        secret=secret,
    )
    start_worker()
    rep = fixed_laptop("rep1")
    sync(rep)
    submit_day(rep)

    [got] = receiver.wait_for(1)
    assert got.path == "/robot/send" and got.query["access_token"] == "tok"
    # DingTalk's scheme, computed here on its own: base64(HMAC-SHA256(secret, "ts\nsecret")).
    timestamp = got.query["timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    assert got.query["sign"] == base64.b64encode(expected.digest()).decode()
    assert int(timestamp) == int(clock.now().timestamp() * 1000)
    body = got.json
    assert body["msgtype"] == "markdown"
    title, markdown = body["markdown"]["title"], body["markdown"]["text"]
    assert title == "【CRM】日报已提交：rep1 2026-11-23"
    for words in (
        "团队：East",
        "销售员：rep1",
        "日期：2026-11-23",
        "拜访：1 家（有效 1）",
        "订货：¥500.00",
    ):
        assert words in markdown, (words, markdown)


def test_a_returned_report_is_mailed_to_the_team(
    server_engine: Engine, fixed_laptop: Callable[[str], Laptop], clock: FixedClock
) -> None:
    mail = SmtpReceiver()
    try:
        channels.add_channel(
            server_engine,
            "East",
            "email",
            "lead@example.com, boss@example.com",
            events="report_returned",
        )
        smtp = SmtpSettings(host="127.0.0.1", port=mail.port, security="none", sender="crm@x.cn")
        sender = Sender(smtp)
        rep, sup = fixed_laptop("rep1"), fixed_laptop("sup")
        sync(rep, sup)
        rid = submit_day(rep)
        sync(sup)
        ReviewService(sup.store, CurrentUser(sup.store)).return_report(rid, "请补充拜访结果")
        sync(sup)
        # The submission is not among this channel's events: only the return is queued.
        assert [r["event"] for r in outbox_rows(server_engine)] == ["report_returned"]
        assert deliver_due(server_engine, clock, sender, NOW_RETRY) == 1
        [(to, message)] = mail.wait_for(1)
        sender.close()
    finally:
        mail.close()
    assert sorted(to) == ["boss@example.com", "lead@example.com"]
    assert message["Subject"] == "【CRM】日报被退回：rep1 2026-11-23"
    body = message.get_content()
    assert "退回人：sup" in body and "批示意见：请补充拜访结果" in body
    assert "Comment: 请补充拜访结果" in body  # the English follows the Chinese
    [row] = outbox_rows(server_engine)
    assert row["delivered_at"] is not None and row["attempts"] == 1


@pytest.mark.parametrize("security", ["starttls", "ssl"])
# aiosmtpd warns of AUTH without its STARTTLS; here the whole connection is TLS.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_mail_goes_over_tls_to_a_server_signed_by_the_given_ca(
    server_engine: Engine,
    users: dict[str, str],
    clock: FixedClock,
    tmp_path: Path,
    security: str,
) -> None:
    made = self_signed(tmp_path)
    if made is None:
        pytest.skip("no openssl command to make a certificate")
    cert, key = made
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    options: dict[str, Any] = (
        {"tls_context": tls, "require_starttls": True}
        if security == "starttls"
        # aiosmtpd knows only its own STARTTLS as TLS: over implicit TLS it must be
        # told that AUTH may go ahead.
        else {"ssl_context": tls, "auth_require_tls": False}
    )
    logins: list[tuple[str, str]] = []

    def authenticate(*args: Any) -> AuthResult:
        data = args[-1]
        logins.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=data.password == b"pw-123")

    mail = SmtpReceiver(**options, authenticator=authenticate, auth_required=True)
    try:
        channel = channels.add_channel(server_engine, "East", "email", "lead@example.com")
        smtp = SmtpSettings(
            host="127.0.0.1",
            port=mail.port,
            security=security,
            ca_file=str(cert),
            user="crm@example.com",
            password="pw-123",
        )
        sender = Sender(smtp)
        assert "sent to 1" in channels.test_channel(server_engine, channel, sender=sender)
        [(to, message)] = mail.wait_for(1)
        # Without the CA the certificate is not trusted: the send fails, nothing is sent.
        untrusted = Sender(SmtpSettings(host="127.0.0.1", port=mail.port, security=security))
        with pytest.raises(AdminError, match="CERTIFICATE_VERIFY_FAILED"):
            channels.test_channel(server_engine, channel, sender=untrusted)
        sender.close()
        untrusted.close()
    finally:
        mail.close()
    assert to == ["lead@example.com"] and message["Subject"] == "【CRM】通知测试"
    assert len(mail.messages) == 1
    assert logins == [("crm@example.com", "pw-123")]  # signed in, over TLS


def test_a_failing_receiver_is_retried_until_it_takes_the_message(
    server_engine: Engine,
    api: Callable[[str], Api],
    start_worker: Callable[..., NotificationWorker],
) -> None:
    flaky = HttpReceiver(fail_first=2, answer={"ok": True})
    try:
        channels.add_channel(server_engine, "East", "webhook", f"{flaky.url}/hook", secret="k")
        rep = api("rep1")
        rid = _report(rep, day=DAY.isoformat())
        _visit(rep, rid, create_customer(rep))
        worker = start_worker()
        [done] = rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
        assert done["status"] == "applied"
        sent = flaky.wait_for(3)
        worker.stop()  # finishes its round: the third answer is recorded
    finally:
        flaky.close()
    assert len(sent) == 3 and len({r.body for r in sent}) == 1  # the same message each time
    body = sent[2].json
    assert body["event"] == "report_submitted"
    assert body["title"] == "[CRM] Daily report submitted: rep1 2026-11-23"
    assert body["title_zh"] == "【CRM】日报已提交：rep1 2026-11-23"
    assert body["team"] == "East" and body["data"]["rep"] == "rep1"
    assert body["data"]["report_id"] == rid and body["data"]["date"] == "2026-11-23"
    headers = sent[2].headers
    expected = hmac.new(b"k", sent[2].body, hashlib.sha256).hexdigest()
    assert headers["x-crm-signature"] == f"sha256={expected}"
    assert headers["x-crm-delivery"] == str(body["delivery_id"])
    [row] = outbox_rows(server_engine)
    assert row["attempts"] == 3 and row["delivered_at"] is not None
    assert row["failed_at"] is None and row["last_error"] is None


def test_a_push_never_waits_for_a_hanging_receiver(
    server_engine: Engine,
    fixed_laptop: Callable[[str], Laptop],
    start_worker: Callable[..., NotificationWorker],
) -> None:
    hanging = HttpReceiver(hold=True)
    try:
        channels.add_channel(server_engine, "East", "wecom", f"{hanging.url}/cgi-bin/webhook/send")
        start_worker()
        rep = fixed_laptop("rep1")
        sync(rep)
        submit_day(rep)
        hanging.wait_for(1)  # the worker is now stuck in the send
        # Another push while it hangs: a critical market report, applied and queued.
        services(rep).market_reports.create(
            MarketReportDraft(
                report_date=DAY,
                description="对手在华东降价 15%，三家经销商动摇",
                category="competitor_promotion",
                severity="critical",
                region="华东",
                suggested_action="申请区域促销支持",
            )
        )
        sync(rep)
        assert not hanging.release.is_set()
        pending = outbox_rows(server_engine)
        assert [r["event"] for r in pending] == ["report_submitted", "market_critical"]
        assert pending[1]["attempts"] == 0 and pending[1]["delivered_at"] is None
        hanging.release.set()
        bodies = [r.json for r in hanging.wait_for(2)]
    finally:
        hanging.close()
    content = bodies[1]["markdown"]["content"]
    assert bodies[1]["msgtype"] == "markdown"
    assert content.startswith("**【CRM】紧急市场情况：竞品促销**")
    for words in (
        "销售员：rep1",
        "区域：华东",
        "严重程度：紧急",
        "对手在华东降价 15%",
        "申请区域促销支持",
    ):
        assert words in content, (words, content)


def test_a_market_report_is_announced_once_and_only_when_critical(
    server_engine: Engine, fixed_laptop: Callable[[str], Laptop], receiver: HttpReceiver
) -> None:
    channels.add_channel(server_engine, "East", "wecom", receiver.url)
    rep = fixed_laptop("rep1")
    sync(rep)
    reports = services(rep).market_reports
    draft = MarketReportDraft(report_date=DAY, description="竞品新品上市", severity="high")
    mid = reports.create(draft)
    sync(rep)
    assert outbox_rows(server_engine) == []
    for description in ("竞品新品上市，价格低两成", "竞品新品上市，已铺货五家"):
        reports.update(
            MarketReportDraft(report_date=DAY, description=description, severity="critical", id=mid)
        )
        sync(rep)
    [row] = outbox_rows(server_engine)
    assert row["event"] == "market_critical" and row["dedupe_key"] == f"market_critical:{mid}"


def test_a_receiver_that_is_down_keeps_the_row_until_it_gives_up(
    server_engine: Engine, api: Callable[[str], Api], clock: FixedClock, capsys: Any
) -> None:
    channels.add_channel(server_engine, "East", "webhook", f"http://127.0.0.1:{free_port()}/x")
    rep = api("rep1")
    rid = _report(rep, day=DAY.isoformat())
    _visit(rep, rid, create_customer(rep))
    [done] = rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
    assert done["status"] == "applied"  # nothing was sent during the push
    [row] = outbox_rows(server_engine)
    assert (row["attempts"], row["delivered_at"], row["last_error"]) == (0, None, None)

    retry = Retry(base=dt.timedelta(minutes=1), max_attempts=2)
    sender = Sender()
    assert deliver_due(server_engine, clock, sender, retry) == 1
    [row] = outbox_rows(server_engine)
    assert row["attempts"] == 1 and "ConnectError" in row["last_error"]
    assert row["next_attempt_at"] == clock.utcnow() + dt.timedelta(minutes=1)
    assert deliver_due(server_engine, clock, sender, retry) == 0  # not due yet
    clock.advance(dt.timedelta(minutes=1))
    assert deliver_due(server_engine, clock, sender, retry) == 1
    sender.close()
    [row] = outbox_rows(server_engine)
    assert row["attempts"] == 2 and row["failed_at"] == clock.utcnow()

    url = str(server_engine.url)
    assert cli.main(["notify", "log", "--database-url", url, "--team", "East"]) == 0
    line = capsys.readouterr().out.strip()
    assert "report_submitted" in line and "failed" in line and "attempts 2" in line

    # The log forgets a settled message after 180 days, not before.
    assert prune(server_engine, clock.utcnow() + dt.timedelta(days=179)) == 0
    assert prune(server_engine, clock.utcnow() + dt.timedelta(days=181)) == 1
    assert outbox_rows(server_engine) == []


def test_a_robot_that_answers_an_errcode_has_not_taken_the_message(
    server_engine: Engine, api: Callable[[str], Api], clock: FixedClock
) -> None:
    """DingTalk and WeCom answer HTTP 200 also when they refuse (a bad sign, a keyword
    missing, too many messages a minute): only errcode 0 is delivered."""
    refusing = HttpReceiver(answer={"errcode": 310000, "errmsg": "keywords not in content"})
    try:
        channels.add_channel(server_engine, "East", "dingtalk", refusing.url, secret="s")
        rep = api("rep1")
        rid = _report(rep, day=DAY.isoformat())
        _visit(rep, rid, create_customer(rep))
        rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
        sender = Sender()
        assert deliver_due(server_engine, clock, sender, Retry()) == 1
        sender.close()
        refusing.wait_for(1)
    finally:
        refusing.close()
    [row] = outbox_rows(server_engine)
    assert row["delivered_at"] is None and row["failed_at"] is None
    assert "keywords not in content" in row["last_error"]
    assert row["next_attempt_at"] == clock.utcnow() + dt.timedelta(seconds=30)  # retried


def test_the_late_report_scan_enqueues_each_rep_once_after_the_due_hour(
    server_engine: Engine,
    api: Callable[[str], Api],
    receiver: HttpReceiver,
    clock: FixedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    channels.add_channel(server_engine, "East", "dingtalk", receiver.url, events="report_late")
    channels.add_channel(server_engine, "West", "dingtalk", receiver.url, events="report_late")
    rep2 = api("rep2")
    rid = _report(rep2, day=DAY.isoformat())
    _visit(rep2, rid, create_customer(rep2))
    rep2.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
    assert outbox_rows(server_engine) == []  # a submission is not among these channels' events

    assert scan(server_engine, clock) == 0  # 10:00, the report is due at 20:00
    clock.set(dt.datetime(2026, 11, 23, 20, 1))
    scan(server_engine, clock)
    scan(server_engine, clock)  # a second scan (or process) adds nothing, quietly
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    rows = outbox_rows(server_engine)
    keys = sorted(r["dedupe_key"] for r in rows)
    users = _user_ids(server_engine)
    # rep1 (East) and rep3 (West) are late; rep2 submitted; supervisors write no reports.
    assert keys == sorted(f"report_late:{users[name]}:2026-11-23" for name in ("rep1", "rep3"))
    sender = Sender()
    assert deliver_due(server_engine, clock, sender, NOW_RETRY) == 2
    sender.close()
    titles = sorted(r.json["markdown"]["title"] for r in receiver.wait_for(2))
    assert titles == [
        "【CRM】日报逾期未交：rep1 2026-11-23",
        "【CRM】日报逾期未交：rep3 2026-11-23",
    ]
    assert "截止时间：2026-11-23 20:00" in receiver.requests[0].json["markdown"]["text"]

    clock.set(dt.datetime(2026, 11, 28, 21, 0))  # a Saturday: no report expected
    scan(server_engine, clock)
    assert len(outbox_rows(server_engine)) == 2


def test_an_overdue_complaint_is_announced_once(
    server_engine: Engine,
    fixed_laptop: Callable[[str], Laptop],
    receiver: HttpReceiver,
    clock: FixedClock,
) -> None:
    channels.add_channel(server_engine, "East", "webhook", receiver.url)
    rep = fixed_laptop("rep1")
    sync(rep)
    mine = services(rep)
    cid = mine.customers.save(CustomerDraft(name="华联超市"))
    complaint = mine.complaints.create(
        ComplaintDraft(
            customer_id=cid,
            received_on=dt.date(2026, 11, 16),
            description="整箱破损，要求换货",
            category="damage",
            severity="high",
            due_on=dt.date(2026, 11, 24),
        )
    )
    sync(rep)
    assert scan(server_engine, clock) == 0  # due tomorrow
    clock.advance(dt.timedelta(days=2))
    scan(server_engine, clock)
    scan(server_engine, clock)
    [row] = outbox_rows(server_engine)
    assert row["dedupe_key"] == f"complaint_overdue:{complaint}:2026-11-24"
    sender = Sender()
    deliver_due(server_engine, clock, sender, NOW_RETRY)
    sender.close()
    [got] = receiver.wait_for(1)
    body = got.json
    assert (
        body["event"] == "complaint_overdue"
        and body["title"] == "[CRM] Complaint overdue: 华联超市"
    )
    assert body["data"]["due_on"] == "2026-11-24" and body["data"]["status"] == "open"
    assert "类别：破损/临期" in body["text_zh"] and "应处理日期：2026-11-24" in body["text_zh"]


def test_notify_commands_add_list_test_and_remove(
    server_engine: Engine, users: dict[str, str], receiver: HttpReceiver, capsys: Any
) -> None:
    url = str(server_engine.url)

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main(["notify", args[0], "--database-url", url, *args[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run(
        "add",
        "--team",
        "East",
        "--kind",
        "webhook",
        "--target",
        f"{receiver.url}/hook",
        "--events",
        "report_late,complaint_overdue",
    )
    assert code == 0 and out.startswith("added channel 1 (webhook) for team East")
    code, out, _ = run("list")
    assert "East" in out and "[complaint_overdue,report_late]" in out
    code, out, _ = run("test", "1")
    assert code == 0 and "HTTP 200" in out
    [got] = receiver.wait_for(1)
    assert got.json["title_zh"] == "【CRM】通知测试" and got.json["team"] == "East"
    assert run("add", "--team", "Nowhere", "--kind", "webhook", "--target", receiver.url)[0] == 2
    code, _, err = run(
        "add", "--team", "East", "--kind", "webhook", "--target", receiver.url, "--events", "x"
    )
    assert code == 2 and "unknown events x" in err
    code, _, err = run("add", "--team", "East", "--kind", "email", "--target", "not-an-address")
    assert code == 2 and "e-mail" in err
    assert run("remove", "1")[0] == 0
    assert run("list")[1].startswith("no channels yet")
    assert run("test", "1")[0] == 2


def test_an_enqueue_that_fails_loses_the_notice_not_the_push(
    server_engine: Engine, api: Callable[[str], Api], receiver: HttpReceiver
) -> None:
    channels.add_channel(server_engine, "East", "webhook", receiver.url)
    with server_engine.begin() as conn:  # the outbox unusable (a botched restore, say)
        conn.execute(text("ALTER TABLE notification_outbox RENAME TO outbox_elsewhere"))
    rep = api("rep1")
    rid = _report(rep, day=DAY.isoformat())
    _visit(rep, rid, create_customer(rep))
    [done] = rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
    assert done["status"] == "applied"
    assert rep.rows("daily_report")[rid]["status"] == "submitted"


def test_the_app_lifespan_runs_the_worker(
    app: Any, server_engine: Engine, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only submissions: the worker runs on the machine's clock, whose scans would find
    # whatever is late at whatever time the suite runs.
    channels.add_channel(server_engine, "East", "webhook", receiver.url, events="report_submitted")
    monkeypatch.setenv(WORKER_ENV, "1")  # tests/conftest.py turns it off for the rest
    monkeypatch.setenv(POLL_ENV, "0.05")
    with make_client(app) as client:  # a context: the lifespan starts and stops the worker
        rep = Api(client, "rep1").login()
        rid = _report(rep, day=DAY.isoformat())
        _visit(rep, rid, create_customer(rep))
        rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
        [got] = receiver.wait_for(1)
    assert got.json["data"]["report_id"] == rid


def test_a_late_submission_says_so() -> None:
    facts = {"event": "report_submitted", "rep": "张三", "date": "2026-11-23", "visits": 2}
    assert "（迟交）" not in compose(facts).text_zh
    late = compose({**facts, "late": True})
    assert late.lines_zh[-1] == "（迟交）" and late.lines_en[-1] == "(submitted late)"


def _user_ids(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {r[1]: r[0] for r in conn.execute(text("SELECT id, username FROM users"))}


@pytest.mark.postgres
def test_two_processes_claim_each_row_once_on_postgres(pg_url: str) -> None:
    """FOR UPDATE SKIP LOCKED: two workers draining one outbox at once send each row once."""
    import threading

    from crm_desktop.sync.server.db import make_engine, upgrade

    engine = make_engine(pg_url)
    upgrade(engine)
    receiver = HttpReceiver()
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO notification_channels (id, team_id, kind, target, enabled,"
                    " created_at) VALUES (1, 't', 'webhook', :url, true, now())"
                ),
                {"url": receiver.url},
            )
            conn.execute(
                outbox.insert(),
                [
                    {
                        "channel_id": 1,
                        "event": "test",
                        "payload": json.dumps({"event": "test", "team": f"T{i}"}),
                        "dedupe_key": f"k{i}",
                        "attempts": 0,
                        "created_at": dt.datetime(2026, 11, 23),
                    }
                    for i in range(40)
                ],
            )
        clock = FixedClock(dt.datetime(2026, 11, 23, 10, tzinfo=CHINA))
        start = threading.Barrier(2)

        def drain() -> None:
            sender = Sender()
            start.wait()
            while deliver_due(engine, clock, sender, NOW_RETRY, limit=3):
                pass
            sender.close()

        threads = [threading.Thread(target=drain) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        teams = sorted(r.json["team"] for r in receiver.wait_for(40))
        assert teams == sorted(f"T{i}" for i in range(40))  # each once, none twice
        rows = outbox_rows(engine)
        assert all(r["attempts"] == 1 and r["delivered_at"] is not None for r in rows)
    finally:
        receiver.close()
        engine.dispose()


@pytest.mark.postgres
def test_pushes_and_scans_enqueue_once_on_postgres(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The enqueue's INSERT ... ON CONFLICT DO NOTHING and the savepoint on PostgreSQL."""
    from sync_helpers import create_org

    from crm_desktop.sync.server.app import create_app
    from crm_desktop.sync.server.db import make_engine, upgrade
    from crm_desktop.sync.server.notifications.events import Notice, enqueue_safely
    from crm_desktop.sync.server.scope import OrgTree

    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        create_org(engine)
        channels.add_channel(engine, "East", "webhook", "http://127.0.0.1:9/hook")
        client = make_client(create_app(engine=engine))
        rep, sup = Api(client, "rep1").login(), Api(client, "sup").login()
        rid = _report(rep, day=DAY.isoformat())
        _visit(rep, rid, create_customer(rep))
        rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
        [done] = sup.push(
            {
                "name": "return_report",
                "entity": "daily_report",
                "row_id": rid,
                "patch": {"comment": "请补充"},
            }
        )
        assert done["status"] == "applied"
        clock = fixed_clock(dt.datetime(2026, 11, 23, 21, 0, tzinfo=CHINA))
        scan(engine, clock)
        scan(engine, clock)
        events = sorted(r["event"] for r in outbox_rows(engine))
        # rep1 submitted; rep2 is late (rep3 is West's, which has no channel).
        assert events == ["report_late", "report_returned", "report_submitted"]
        with engine.begin() as conn:  # a second enqueue of the same event: nothing new
            [row] = [r for r in outbox_rows(engine) if r["event"] == "report_returned"]
            again = Notice("report_returned", _team(engine), row["dedupe_key"], dict)
            enqueue_safely(conn, OrgTree.load(conn).hierarchy, [again], dt.datetime(2026, 11, 23))
        assert len(outbox_rows(engine)) == 3
        assert not [r for r in caplog.records if r.levelname == "ERROR"]  # no refused insert
    finally:
        engine.dispose()


def _team(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT id FROM teams WHERE name = 'East'")).scalar())
