"""No push result wedges a laptop (SYNC.md "A result never wedges a laptop").

Writing a result back over a report the laptop holds as signed used to trip the laptop's
own freeze trigger: the settle rolled back, every later sync failed with
`frozen_report` and the outbox never drained. Each route of the issue is played here
with real laptops (SQLite stores with a SyncEngine) against the real server app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import Engine, select, text
from sync_helpers import Laptop, assert_converged

from crm_desktop.store.models import Customer, DailyReport, OutboxEntry, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync import protocol as p
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import ENTITY_TABLES
from crm_desktop.sync.server.schema import SYNCED

DAY = dt.date(2026, 11, 16)


class ShakyClient:
    """An httpx-like client between a laptop and the server that spoils push answers.

    `plan` holds one fault per coming push: "lose" lets the request reach the server and
    then raises a network error (the answer is lost), "twice" answers every result twice,
    "truncate" drops the answer's last result; "ok" passes the answer on.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.plan: list[str] = []

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response: httpx.Response = self.inner.request(method, url, **kwargs)
        if not url.endswith(p.PUSH_PATH) or not self.plan:
            return response
        fault = self.plan.pop(0)
        if fault == "lose":
            raise httpx.ReadTimeout("the answer was lost on the way back")
        body = response.json()
        if fault == "twice":
            body["results"] = body["results"] * 2
        elif fault == "truncate":
            body["results"] = body["results"][:-1]
        return httpx.Response(response.status_code, json=body, request=response.request)

    def close(self) -> None:
        self.inner.close()


def _shaky(machine: Laptop) -> ShakyClient:
    client = ShakyClient(machine.engine.transport.client)
    machine.engine.transport.client = client  # type: ignore[assignment]
    return client


# --- edits on the laptops --------------------------------------------------------------


def _customer(machine: Laptop, name: str) -> str:
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = Customer(name=name, name_key=name, owner_id=machine.user_id)
        uow.session.add(row)
        uow.commit()
    return row.id


def _report(machine: Laptop, *, submit: bool) -> tuple[str, str]:
    """A report of DAY with one visit; (report id, visit id)."""
    cid = _customer(machine, "拜访客户")
    with UnitOfWork(machine.store, machine.user_id) as uow:
        report = DailyReport(owner_id=machine.user_id, report_date=DAY)
        uow.session.add(report)
        uow.session.flush()
        visit = VisitRecord(
            report_id=report.id,
            customer_id=cid,
            visit_date=DAY,
            owner_id=machine.user_id,
            order_amount_fen=500,
        )
        uow.session.add(visit)
        uow.commit()
    if submit:
        _submit(machine, report.id)
    return report.id, visit.id


def _submit(machine: Laptop, rid: str) -> None:
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = uow.session.get(DailyReport, rid)
        assert row is not None
        uow.command("submit_report", "daily_report", rid, row.version, {})
        row.status = "submitted"
        uow.commit()


def _edit_report(machine: Laptop, rid: str, reflections: str) -> None:
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = uow.session.get(DailyReport, rid)
        assert row is not None
        row.reflections = reflections
        uow.commit()


def _sign(machine: Laptop, rid: str) -> None:
    """Sign what this laptop shows, as the Review page does (the laptop predicts)."""
    reports, visits = ENTITY_TABLES["daily_report"], ENTITY_TABLES["visit_record"]
    with machine.store.engine.connect() as conn:
        report = dict(conn.execute(select(reports).where(reports.c.id == rid)).mappings().one())
        rows = [
            dict(v)
            for v in conn.execute(select(visits).where(visits.c.report_id == rid)).mappings()
        ]
    digest = report_content_hash(report, rows)
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = uow.session.get(DailyReport, rid)
        assert row is not None and row.status == "submitted"
        uow.command(
            "sign_report",
            "daily_report",
            rid,
            row.version,
            {"version": row.version, "content_hash": digest, "comment": "好"},
        )
        row.status = "signed"
        row.signed_by = machine.user_id
        uow.commit()


def _return(machine: Laptop, rid: str) -> None:
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = uow.session.get(DailyReport, rid)
        assert row is not None
        uow.command("return_report", "daily_report", rid, row.version, {"comment": "再写"})
        row.status = "returned"
        uow.commit()


# --- what a healthy laptop looks like --------------------------------------------------


def _outbox(machine: Laptop) -> int:
    with machine.store.reading() as s:
        return len(s.scalars(select(OutboxEntry.mutation_id)).all())


def _server_report(engine: Engine, rid: str) -> dict[str, Any]:
    with engine.connect() as conn:
        reports = SYNCED["daily_report"]
        return dict(conn.execute(select(reports).where(reports.c.id == rid)).mappings().one())


def _still_syncs(machine: Laptop, engine: Engine) -> None:
    """The laptop drains its outbox, a new edit reaches the server, and it converges."""
    machine.engine.sync()
    assert _outbox(machine) == 0
    cid = _customer(machine, "之后的客户")
    report = machine.engine.sync(verify=True)
    assert not report.drift
    assert _outbox(machine) == 0
    with engine.connect() as conn:
        customers = SYNCED["customer"]
        assert conn.execute(select(customers.c.id).where(customers.c.id == cid)).first()
    assert_converged(machine.store, engine, machine.user_id)


def _rep_with_submitted_report(laptop: Callable[[str], Laptop]) -> tuple[Laptop, str, str]:
    rep = laptop("rep1")
    rid, vid = _report(rep, submit=True)
    rep.engine.sync()
    return rep, rid, vid


# --- the routes of the issue -----------------------------------------------------------


def test_a_lost_answer_to_a_sign_off_does_not_wedge_the_supervisor(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    _rep, rid, _vid = _rep_with_submitted_report(laptop)
    sup = laptop("sup")
    sup.engine.sync()
    _sign(sup, rid)
    _shaky(sup).plan = ["lose"]
    try:
        sup.engine.sync()
    except Offline:
        pass
    else:
        raise AssertionError("the lost answer should have surfaced as offline")
    assert _server_report(server_engine, rid)["status"] == "signed"
    # The retry is answered `duplicate`; its write-back meets the locally signed report.
    _still_syncs(sup, server_engine)


def test_a_duplicated_answer_does_not_wedge_the_laptop(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    rep = laptop("rep1")
    rid, _vid = _report(rep, submit=False)
    rep.engine.sync()
    second = laptop("rep1", "second")
    second.engine.sync()
    _submit(rep, rid)
    rep.engine.sync()
    sup = laptop("sup")
    sup.engine.sync()
    _sign(sup, rid)
    sup.engine.sync()
    # The second laptop still shows the draft; its edit is refused (frozen_report) and
    # the refusal arrives twice in one answer.
    _edit_report(second, rid, "补充")
    _shaky(second).plan = ["twice"]
    report = second.engine.sync()
    assert report.rejected == 1
    _still_syncs(second, server_engine)
    with second.store.reading() as s:
        row = s.get(DailyReport, rid)
        assert row is not None and row.status == "signed" and row.reflections is None


def test_a_truncated_answer_does_not_wedge_the_laptop(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    _rep, rid, _vid = _rep_with_submitted_report(laptop)
    sup = laptop("sup")
    sup.engine.sync()
    _customer(sup, "主管的客户")
    _sign(sup, rid)  # the last entry of the batch: its result is cut off
    _shaky(sup).plan = ["truncate"]
    sup.engine.sync()
    _still_syncs(sup, server_engine)
    assert _server_report(server_engine, rid)["status"] == "signed"


def test_a_stale_sign_off_the_server_refused_does_not_wedge_the_supervisor(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    rep, rid, _vid = _rep_with_submitted_report(laptop)
    sup = laptop("sup")
    sup.engine.sync()
    # The manager returns the report, the rep changes and resubmits it...
    mgr = laptop("mgr")
    mgr.engine.sync()
    _return(mgr, rid)
    mgr.engine.sync()
    rep.engine.sync()
    _edit_report(rep, rid, "改过了")
    _submit(rep, rid)
    rep.engine.sync()
    # ...while the supervisor signs the copy they opened before: refused as stale.
    _sign(sup, rid)
    report = sup.engine.sync()
    assert report.rejected == 1
    _still_syncs(sup, server_engine)
    with sup.store.reading() as s:
        row = s.get(DailyReport, rid)
        assert row is not None and row.status == "submitted" and row.reflections == "改过了"


def test_a_manager_signing_first_does_not_wedge_the_supervisor(
    laptop: Callable[[str], Laptop], server_engine: Engine, users: dict[str, str]
) -> None:
    _rep, rid, _vid = _rep_with_submitted_report(laptop)
    sup = laptop("sup")
    sup.engine.sync()
    _sign(sup, rid)  # offline: the sign-off waits in the outbox
    mgr = laptop("mgr")
    mgr.engine.sync()
    _sign(mgr, rid)
    mgr.engine.sync()
    report = sup.engine.sync()
    assert report.rejected == 1
    _still_syncs(sup, server_engine)
    with sup.store.reading() as s:
        row = s.get(DailyReport, rid)
        assert row is not None and row.status == "signed" and row.signed_by == users["mgr"]


def test_a_second_laptop_saving_a_report_signed_meanwhile_is_not_wedged(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    rep = laptop("rep1")
    rid, vid = _report(rep, submit=False)
    rep.engine.sync()
    second = laptop("rep1", "second")
    second.engine.sync()
    _submit(rep, rid)
    rep.engine.sync()
    sup = laptop("sup")
    sup.engine.sync()
    _sign(sup, rid)
    sup.engine.sync()
    # The second laptop, still on the draft, changes the report and its visit and adds
    # one: all refused; the report's write-back freezes it before the visits are settled.
    _edit_report(second, rid, "补充")
    cid = _customer(second, "又一个客户")
    with UnitOfWork(second.store, second.user_id) as uow:
        visit = uow.session.get(VisitRecord, vid)
        assert visit is not None
        visit.order_amount_fen = 9999
        uow.session.add(
            VisitRecord(report_id=rid, customer_id=cid, visit_date=DAY, owner_id=second.user_id)
        )
        uow.commit()
    report = second.engine.sync()
    assert report.rejected == 3
    _still_syncs(second, server_engine)
    with second.store.reading() as s:
        visit = s.get(VisitRecord, vid)
        assert visit is not None and visit.order_amount_fen == 500
        assert len(s.scalars(select(VisitRecord).where(VisitRecord.report_id == rid)).all()) == 1


def test_an_entry_that_cannot_be_settled_does_not_hold_back_the_ones_behind_it(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    me = laptop("rep1")
    stuck = _customer(me, "卡住的客户")
    me.engine.sync()
    with UnitOfWork(me.store, me.user_id) as uow:
        row = uow.session.get(Customer, stuck)
        assert row is not None
        row.notes = "改"
        uow.commit()
    behind = [_customer(me, f"后面的客户{i}") for i in range(3)]
    # A store failure that hits only this row's settle (a real SQLite trigger, standing in
    # for any unforeseen local error).
    with me.store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER test_break_settle BEFORE DELETE ON outbox"
                f" WHEN OLD.row_id = '{stuck}'"
                " BEGIN SELECT RAISE(ABORT, 'broken for the test'); END"
            )
        )
    me.engine.batch_size = 2  # the entries behind it also travel in later batches
    report = me.engine.sync()
    # The three new customers are settled; the edit reached the server but is not settled.
    assert report.pushed == 3 and any("not settled" in m for m in report.messages)
    with server_engine.connect() as conn:
        customers = SYNCED["customer"]
        on_server = set(conn.execute(select(customers.c.id)).scalars())
        notes = conn.execute(select(customers.c.notes).where(customers.c.id == stuck)).scalar_one()
    assert set(behind) <= on_server and notes == "改"
    with me.store.reading() as s:
        left = s.scalars(select(OutboxEntry)).all()
        assert [(e.row_id, e.attempts) for e in left] == [(stuck, 1)]
        assert left[0].last_error and "broken for the test" in left[0].last_error
    # Once the cause is gone, the next sync settles it (the server answers `duplicate`).
    with me.store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER test_break_settle"))
    _still_syncs(me, server_engine)


def test_an_entry_the_server_refuses_whole_does_not_hold_back_the_others(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    """A text with a NUL character (pasted from another program) makes the server refuse
    the whole request (422). The entries around it still go out, the sync still pulls,
    and the refused one waits in the outbox with the server's reason."""
    me = laptop("rep1")
    cid = _customer(me, "粘贴的客户")
    me.engine.sync()
    ahead = _customer(me, "前面的客户")
    with UnitOfWork(me.store, me.user_id) as uow:
        row = uow.session.get(Customer, cid)
        assert row is not None
        row.notes = "粘贴\x00的文字"
        uow.commit()
    behind = [_customer(me, f"后面的客户{i}") for i in range(4)]
    for _ in range(2):  # and again at the next sync: never wedged
        report = me.engine.sync()
        assert any("not sent" in m for m in report.messages)
    with server_engine.connect() as conn:
        customers = SYNCED["customer"]
        on_server = set(conn.execute(select(customers.c.id)).scalars())
    assert {ahead, *behind} <= on_server
    with me.store.reading() as s:
        left = s.scalars(select(OutboxEntry)).all()
        assert [(e.row_id, e.attempts) for e in left] == [(cid, 2)]
        assert left[0].last_error
    assert_converged_but(me, server_engine, cid)


def assert_converged_but(machine: Laptop, engine: Engine, row_id: str) -> None:
    """Converged, except for the row whose edit the server has not taken."""
    from sync_helpers import laptop_rows, server_projection

    mine = {k: v for k, v in laptop_rows(machine.store).items() if k[1] != row_id}
    theirs = {k: v for k, v in server_projection(engine, machine.user_id).items() if k[1] != row_id}
    assert mine == theirs
