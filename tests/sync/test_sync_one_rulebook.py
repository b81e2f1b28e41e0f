"""The server decides workflow commands with the laptop's own rules (domain/commands.py):
what the laptop refuses before queueing, the server refuses too, with the same words."""

from __future__ import annotations

from collections.abc import Callable

from sync_helpers import Api, create_customer, new_id
from test_sync_policy import _report, _visit, sign_mutation, signed_report

from crm_desktop.domain.commands import review_comment
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.workflow import ReportAction


def _command(name: str, rid: str, **patch: object) -> dict[str, object]:
    return {"name": name, "entity": "daily_report", "row_id": rid, "patch": patch}


def _refusal_words(action: ReportAction, comment: str | None) -> str:
    try:
        review_comment(action, comment)
    except ValidationError as error:
        return error.message_en
    raise AssertionError("the domain accepts it")


def test_returning_needs_a_comment_on_the_server_too(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    rid = _report(rep)
    _visit(rep, rid, create_customer(rep))
    assert rep.push(_command("submit_report", rid))[0]["status"] == "applied"
    [refused] = sup.push(_command("return_report", rid, comment="  "))
    assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), refused
    assert refused["message"] == _refusal_words(ReportAction.RETURN, "  ")
    [done] = sup.push(_command("return_report", rid, comment="补充拜访结果"))
    assert done["status"] == "applied"
    assert rep.rows("daily_report")[rid]["review_comment"] == "补充拜访结果"


def test_a_working_day_report_needs_a_visit_before_it_is_submitted(
    api: Callable[[str], Api],
) -> None:
    rep = api("rep1")
    rid = _report(rep)  # attendance present, no visit
    [refused] = rep.push(_command("submit_report", rid))
    assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), refused
    assert rep.rows("daily_report")[rid]["status"] == "draft"


def test_only_a_supervisor_reopens_a_signed_report(api: Callable[[str], Api]) -> None:
    rep, sup, mgr = api("rep1"), api("sup"), api("mgr")
    rid, _vid, _cid = signed_report(rep, sup)
    [refused] = mgr.push(_command("reopen_report", rid, comment="数字不对"))
    assert (refused["status"], refused["reason"]) == ("rejected", "transition"), refused
    [done] = sup.push(_command("reopen_report", rid, comment="数字不对"))
    assert done["status"] == "applied"
    assert rep.rows("daily_report")[rid]["reopen_count"] == 1


def test_a_review_of_ones_own_work_is_forbidden(api: Callable[[str], Api]) -> None:
    sup = api("sup")
    rid = _report(sup)
    _visit(sup, rid, create_customer(sup))
    assert sup.push(_command("submit_report", rid))[0]["status"] == "applied"
    [refused] = sup.push(sign_mutation(sup, rid))
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden"), refused


def test_malformed_command_arguments_are_invalid_not_errors(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    other = _report(rep, "2026-11-21")
    _visit(rep, other, create_customer(rep))
    rep.push(_command("submit_report", other))
    for patch in (
        {"version": "three", "content_hash": "x"},
        {"version": 1},
        {"version": 1, "content_hash": ["x"]},
        {"version": 1, "content_hash": "x", "comment": {"a": 1}},
    ):
        [refused] = sup.push(_command("sign_report", other, **patch))
        assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), (patch, refused)
    reassign = {
        "name": "reassign_customer",
        "entity": "customer",
        "row_id": new_id(),
        "patch": {"to_user": 42},
    }
    assert api("mgr").push(reassign)[0]["reason"] == "invalid"
