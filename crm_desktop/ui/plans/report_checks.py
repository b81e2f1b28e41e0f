"""The report editor's checks before a write: every problem at once, the amounts to
confirm, the planned visits left empty. No widgets here: plain values in and out.

The rules themselves are the domain's (domain/daily.py, domain/money.py); this module
only turns the editor's raw state into drafts and collects what the rules say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from crm_desktop.domain.daily import (
    AMOUNT_FIELDS,
    ReportDraft,
    VisitDraft,
    named,
    unvisited_planned,
    visit_label,
    visit_problems,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import (
    DEFAULT_CONFIRM_ABOVE_FEN,
    format_fen,
    needs_confirmation,
    parse_amount,
)
from crm_desktop.domain.picklists import Attendance
from crm_desktop.ui.plans.visit_form import amount_problems, raw_to_visit


@dataclass(frozen=True)
class Problem:
    """One broken rule: the visit's row (None for the header) and the named error."""

    row: int | None
    error: ValidationError


def all_problems(error_list: list[Problem]) -> ValidationError:
    """Every problem in one message, one line each, for one dialog."""
    return ValidationError(
        "\n".join(p.error.message_zh for p in error_list),
        "\n".join(p.error.message_en for p in error_list),
        error_list[0].error.field,
    )


def build_report(
    day: dt.date,
    report_id: str | None,
    header: dict[str, Any],
    visits: list[dict[str, Any]],
) -> tuple[ReportDraft | None, list[Problem]]:
    """The raw editor state as a ReportDraft, or None and every problem found."""
    problems: list[Problem] = []
    expenses = 0
    try:
        expenses = parse_amount(str(header.get("expenses") or ""))
    except ValidationError as error:
        problems.append(
            Problem(
                None,
                ValidationError(
                    f"费用：{error.message_zh}", f"Expenses: {error.message_en}", "expenses_fen"
                ),
            )
        )
    drafts: list[VisitDraft] = []
    for row, raw in enumerate(visits):
        visit, found = visit_row(day, row, raw)
        problems += [Problem(row, error) for error in found]
        drafts.append(visit)
    if problems:
        return None, problems
    draft = ReportDraft(
        report_date=day,
        id=report_id,
        attendance=str(header.get("attendance") or Attendance.PRESENT.value),
        expenses_fen=expenses,
        expense_note=str(header.get("expense_note") or ""),
        reflections=str(header.get("reflections") or ""),
        visits=tuple(drafts),
    )
    return draft, []


def visit_row(
    day: dt.date, row: int, raw: dict[str, Any]
) -> tuple[VisitDraft, list[ValidationError]]:
    """One raw visit as a draft (bad amounts as 0) and its problems, named by number."""
    found = amount_problems(raw)
    try:
        visit = raw_to_visit(raw, lenient=True)
    except ValidationError as error:  # an unreadable date
        found.append(error)
        visit = raw_to_visit({**raw, "next_step_on": ""}, lenient=True)
    amounts = {p.field for p in found}
    found += [p for p in visit_problems(visit.cleaned(), day) if p.field not in amounts]
    name = str(raw.get("customer_name") or "")
    return visit, [named(p, row + 1, name) for p in found]


def amounts_to_confirm(
    draft: ReportDraft, ceiling_fen: int = DEFAULT_CONFIRM_ABOVE_FEN
) -> list[tuple[str, str]]:
    """(zh, en) lines naming each amount above the ceiling: "第2条拜访 · 回款金额：¥…"."""
    lines = []
    if needs_confirmation(draft.expenses_fen, ceiling_fen):
        amount = format_fen(draft.expenses_fen)
        lines.append((f"费用：{amount}", f"Expenses: {amount}"))
    for number, visit in enumerate(draft.visits, start=1):
        for field in AMOUNT_FIELDS:
            fen = int(getattr(visit, field))
            if needs_confirmation(fen, ceiling_fen):
                zh, en = visit_label(number, field, visit.customer_name)
                lines.append((f"{zh}：{format_fen(fen)}", f"{en}: {format_fen(fen)}"))
    return lines


def empty_planned(draft: ReportDraft) -> int:
    """How many planned visits were left empty (the domain's is_visited)."""
    return unvisited_planned(draft.visits)
