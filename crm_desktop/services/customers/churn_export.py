"""The churn warning list and the win-back list as .xlsx (export/list_export.py's sheet):
the same rows the page shows, money as ¥ numbers, dates as dates, labels in the
interface language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crm_desktop.domain.churn import ChurnSignal, DefectionCause, DefectionType
from crm_desktop.domain.picklists import CustomerStatus, Picklist
from crm_desktop.export.list_export import ColumnKind, ExportColumn, SheetSpec, write_list
from crm_desktop.services.customers.churn import ChurnService

TEXT, MONEY, DATE, NUMBER = ColumnKind.TEXT, ColumnKind.MONEY, ColumnKind.DATE, ColumnKind.NUMBER


def _pick(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _label(kind: type[Picklist], code: str | None, lang: str) -> str | None:
    """A code's label; an unknown code (a newer laptop's) as it is."""
    if code is None:
        return None
    try:
        return kind(code).label(lang)
    except ValueError:
        return code


def _labels(codes: tuple[str, ...], lang: str, kind: type[Picklist]) -> str:
    texts = [_label(kind, c, lang) or c for c in codes]
    return ("; " if lang.startswith("en") else "、").join(texts)


def export_warnings(
    service: ChurnService, target: Path, lang: str, today: dt.date | None = None
) -> int:
    """The warning list to `target`; the number of rows written."""
    rows = service.warnings(today)
    spec = SheetSpec(
        _pick(lang, "流失预警", "Churn warnings"),
        [
            ExportColumn(_pick(lang, "客户", "Customer")),
            ExportColumn(_pick(lang, "负责人", "Owner")),
            ExportColumn(_pick(lang, "价值等级", "Class")),
            ExportColumn(_pick(lang, "预警原因", "Reasons")),
            ExportColumn(_pick(lang, "近期订货", "Recent orders"), MONEY),
            ExportColumn(_pick(lang, "去年同期订货", "Same period last year"), MONEY),
            ExportColumn(_pick(lang, "下降比例 %", "Drop %"), NUMBER),
            ExportColumn(_pick(lang, "最近有效拜访", "Last effective visit"), DATE),
            ExportColumn(_pick(lang, "未结严重投诉", "Open serious complaints"), NUMBER),
        ],
    )
    data = [
        (
            r.name,
            r.owner_name,
            r.value_class,
            _labels(tuple(s.value for s in r.signals), lang, ChurnSignal),
            r.recent_fen,
            r.prior_fen,
            None if r.drop is None else float(round(r.drop * 100, 1)),
            r.last_effective_visit_on,
            r.open_serious_complaints,
        )
        for r in rows
    ]
    return write_list(target, spec, data, total=len(data))


def export_win_back(
    service: ChurnService, target: Path, lang: str, today: dt.date | None = None
) -> int:
    """The win-back list to `target`; the number of rows written."""
    rows = service.win_back(today)
    spec = SheetSpec(
        _pick(lang, "挽回名单", "Win-back list"),
        [
            ExportColumn(_pick(lang, "客户", "Customer")),
            ExportColumn(_pick(lang, "负责人", "Owner")),
            ExportColumn(_pick(lang, "客户状态", "Status")),
            ExportColumn(_pick(lang, "最后订货", "Last order"), DATE),
            ExportColumn(_pick(lang, "最后一年订货", "Orders in its last year"), MONEY),
            ExportColumn(_pick(lang, "累计订货", "All orders"), MONEY),
            ExportColumn(_pick(lang, "终身价值估计", "Lifetime value estimate"), MONEY),
            ExportColumn(_pick(lang, "流失类型", "Defection type")),
            ExportColumn(_pick(lang, "流失原因", "Root causes")),
        ],
    )
    data = [
        (
            r.name,
            r.owner_name,
            _label(CustomerStatus, r.status, lang),
            r.last_order_on,
            r.last_year_orders_fen,
            r.lifetime_orders_fen,
            r.value_fen,
            _label(DefectionType, r.case_type, lang),
            _labels(r.case_causes, lang, DefectionCause) or None,
        )
        for r in rows
    ]
    return write_list(target, spec, data, total=len(data))
