"""Importing leads from an .xlsx list (a trade show's visitor list, a bought list).

The file is read with the customer import's readers (services/importing), so a damaged,
renamed, encrypted or old-format file gets the same clear refusal. Headers are matched
in Chinese or English; a row that cannot be read (no name, an unknown source or tier, a
date that is not one, a lead already on the list) is a row error that names the row and
the reason, and the other rows are imported in one unit of work. A file refused as a
whole leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.leads import TIER_LABELS, LeadSource, Tier, check_lead_name, match_keys

# The customer import's file checks and readers: one place that knows hostile files.
from crm_desktop.services.importing.customer_import_sheet import (
    ImportFileError,
    _sheet_rows,
    _sniff,
    _workbook,
)
from crm_desktop.store.models import Lead

HEADER_ROWS_SEARCHED = 10
_HEADERS = {
    "name": "名称|公司名称|客户名称|单位名称|企业名称|线索名称|name|company|company name",
    "contact_name": "联系人|姓名|联系人姓名|contact|contact name",
    "phone": "电话|手机|手机号|联系电话|phone|mobile|tel",
    "address": "地址|address",
    "source": "来源|线索来源|source",
    "event": "展会|展会名称|活动|event|trade show",
    "tier": "层级|客户层级|tier",
    "follow_up_due": "跟进日期|跟进截止|跟进截止日期|follow up by|follow-up due|due",
    "notes": "备注|notes|remarks",
}


def _key(text: object) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "*:_-.")


_FIELD = {_key(h): f for f, texts in _HEADERS.items() for h in texts.split("|")}


@dataclass(frozen=True)
class LeadRowError:
    row: int  # the Excel row number
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh_CN") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


@dataclass
class LeadImportReport:
    imported: int = 0
    errors: list[LeadRowError] = field(default_factory=list)

    def describe(self, lang: str = "zh_CN") -> str:
        if lang.startswith("en"):
            head = f"{self.imported} lead(s) imported, {len(self.errors)} row(s) skipped."
        else:
            head = f"已导入 {self.imported} 条线索，跳过 {len(self.errors)} 行。"
        lines = [head, *(f"  {e.row}: {e.message(lang)}" for e in self.errors[:20])]
        return "\n".join(lines)


@dataclass(frozen=True)
class ParsedLead:
    row: int
    values: dict[str, Any]


def _columns(cells: Sequence[Any]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, value in enumerate(cells):
        name = _FIELD.get(_key(value)) if value is not None else None
        if name is not None and name not in found:
            found[name] = index
    return found if "name" in found else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed into a number cell
    text = str(value).strip()
    return text or None


def _tier(text: str) -> str:
    for tier in Tier:
        zh, en = TIER_LABELS[tier]
        if _key(text) in (_key(tier.value), _key(zh), _key(en), _key(zh[:2])):
            return tier.value
    raise ValueError(text)


def _date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip().replace("/", "-"))


def parse_row(
    number: int, cells: Sequence[Any], columns: dict[str, int], source: str, event: str | None
) -> ParsedLead | LeadRowError:
    def cell(name: str) -> Any:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    try:
        name = check_lead_name(_text(cell("name")) or "")
    except ValidationError as error:
        return LeadRowError(number, error.message_zh, error.message_en)
    values: dict[str, Any] = {
        "name": name,
        "contact_name": _text(cell("contact_name")),
        "phone": _text(cell("phone")),
        "address": _text(cell("address")),
        "notes": _text(cell("notes")),
        "event": _text(cell("event")) or event,
        "source": source,
        "tier": Tier.GENERAL.value,
        "follow_up_due": None,
    }
    given = _text(cell("source"))
    if given:
        try:
            values["source"] = LeadSource.from_label(given).value
        except ValueError:
            return LeadRowError(number, f"来源“{given}”无法识别", f"Unknown source “{given}”")
    given = _text(cell("tier"))
    if given:
        try:
            values["tier"] = _tier(given)
        except ValueError:
            return LeadRowError(
                number,
                f"层级“{given}”无法识别（应为 优先 / 一般 / 最后）",
                f"Unknown tier “{given}” (priority / general / last)",
            )
    try:
        values["follow_up_due"] = _date(cell("follow_up_due"))
    except ValueError:
        return LeadRowError(
            number,
            f"跟进日期“{cell('follow_up_due')}”不是日期",
            f"Follow-up date “{cell('follow_up_due')}” is not a date",
        )
    return ParsedLead(number, values)


def read_leads(
    path: Path, source: str, event: str | None
) -> tuple[list[ParsedLead], list[LeadRowError]]:
    """The readable rows and the row errors of the first sheet with a name column;
    ImportFileError when the file as a whole cannot be read."""
    _sniff(path)
    name = path.name
    with _workbook(path) as book:
        for worksheet in book.worksheets:
            rows = _sheet_rows(worksheet, name)
            for number, cells in rows:
                if number > HEADER_ROWS_SEARCHED:
                    break
                columns = _columns(cells)
                if columns is None:
                    continue
                parsed: list[ParsedLead] = []
                errors: list[LeadRowError] = []
                for row_number, row in rows:
                    if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                        continue
                    result = parse_row(row_number, row, columns, source, event)
                    (parsed if isinstance(result, ParsedLead) else errors).append(result)  # type: ignore[arg-type]
                if not parsed and not errors:
                    break
                return parsed, errors
    raise ImportFileError(
        f"文件“{name}”中找不到线索数据：表头应有“名称”（或“公司名称”“Name”）一列，且下面有数据行。",
        f'No leads in {name}: the header needs a "名称" (or "公司名称", "Name") column '
        "with rows below it.",
    )


def known_keys(session: Any) -> set[str]:
    """The name keys of the live leads the laptop holds, to skip a list imported twice."""
    return set(session.scalars(select(Lead.name_key).where(Lead.deleted.is_(False))).all())


def key_of(values: dict[str, Any]) -> str:
    return match_keys(values["name"], values["phone"])[0]
