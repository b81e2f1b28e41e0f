"""`crm-desktop export-receivables` and the page's export: the aging report of the
user's scope to .xlsx (export/receivables_workbook.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crm_desktop.domain.errors import ValidationError
from crm_desktop.export.receivables_workbook import AgingLine, write_receivables_workbook
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.receivables.receivables import AgingReport, ReceivableService
from crm_desktop.store.database import Store


def scope_label(user: CurrentUser, lang: str) -> str:
    """Whose customers the report covers, as its subtitle says."""
    actor = user.actor
    if lang.startswith("en"):
        return f"customers in the scope of {actor.display_name}"
    return f"{actor.display_name} 可见范围内的客户"


def parse_report_day(text: str | None) -> dt.date | None:
    """The report day the command line names (YYYY-MM-DD); None: today."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"“{text}”不是有效日期，请写成 2026-11-30",
            f'"{text}" is not a valid date; write it as 2026-11-30',
            "as_of",
        ) from None


def export_receivables(
    store: Store,
    user: CurrentUser,
    path: Path,
    lang: str = "zh_CN",
    as_of: dt.date | None = None,
) -> AgingReport:
    """Write the aging report as of `as_of` (today) to `path`; returns the report written."""
    report = ReceivableService(store, user).aging_report(as_of)
    lines = [
        AgingLine(r.customer_name, r.owner_name, r.credit_limit_fen, r.aging) for r in report.rows
    ]
    write_receivables_workbook(lines, report.as_of, scope_label(user, lang), path, lang)
    return report
