"""The handover report 交接清单 (.xlsx): one row per handover, what moved to whom.

Fed plain rows by services/customers/handover.py (`HandoverService.report`); written by
the list writer (export/list_export.py: through config/atomic_file.py, so a failure never
leaves half a file). Headers are bilingual, Chinese first, so one file serves both the
manager and an English-reading office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.export.list_export import ColumnKind, ExportColumn, SheetSpec, write_list

_K = ColumnKind


@dataclass(frozen=True)
class HandoverLine:
    """One handover as the report lists it (money in fen)."""

    customer: str
    from_owner: str
    to_owner: str
    handed_at: dt.date
    handed_by: str
    contacts: int
    opportunities: int
    opportunity_amount_fen: int
    follow_ups: int
    complaints: int
    plan_items_dropped: int
    note: str
    confirmed: bool


COLUMNS = (
    ExportColumn("客户 Customer"),
    ExportColumn("原负责人 From"),
    ExportColumn("新负责人 To"),
    ExportColumn("交接日期 Date", _K.DATE),
    ExportColumn("交接人 By"),
    ExportColumn("联系人 Contacts", _K.NUMBER),
    ExportColumn("商机 Opportunities", _K.NUMBER),
    ExportColumn("商机金额 Opportunity amount", _K.MONEY),
    ExportColumn("待办 Follow-ups", _K.NUMBER),
    ExportColumn("投诉 Complaints", _K.NUMBER),
    ExportColumn("移出计划 Plan items dropped", _K.NUMBER),
    ExportColumn("交接说明 Note"),
    ExportColumn("状态 Status"),
)
CONFIRMED, QUEUED = "已同步 Synced", "待同步 Waiting to sync"


def write_handover_workbook(target: Path, lines: Sequence[HandoverLine]) -> int:
    """Write the report to `target`; the number of handovers. ExportFileError when the
    file cannot be written (nothing is left behind then)."""
    rows = [
        (
            line.customer,
            line.from_owner,
            line.to_owner,
            line.handed_at,
            line.handed_by,
            line.contacts,
            line.opportunities,
            line.opportunity_amount_fen,
            line.follow_ups,
            line.complaints,
            line.plan_items_dropped,
            line.note,
            CONFIRMED if line.confirmed else QUEUED,
        )
        for line in lines
    ]
    return write_list(target, SheetSpec("交接清单 Handovers", COLUMNS), rows, total=len(rows))
