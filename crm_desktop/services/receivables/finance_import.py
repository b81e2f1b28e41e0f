"""Import the finance system's open items 财务余额 from an .xlsx as opening balances.

A finance system exports what each customer still owes as open items: customer, document
(invoice) number and date, due date, open amount. Imported as of a cut-off day, they
replace everything in the customers' ledgers dated on or before it
(domain/receivables.py); importing the same cut-off again replaces that import.

All or nothing: the file is read and every row checked before the store is touched; a
row that cannot be read, names no customer of the user's or one ambiguously, or breaks
an entry rule is reported with its Excel row number, and then nothing is imported --
a customer's balance made of half its open items would be wrong without saying so.
The file checks (not an .xlsx, encrypted, old .xls, empty) are the customer import's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import check_amount, parse_yuan
from crm_desktop.domain.normalize import company_name_key, tax_id_key
from crm_desktop.domain.org import RecordKind
from crm_desktop.domain.receivables import REFERENCE_MAX, EntryKind, EntrySource, entry_problems
from crm_desktop.services.actor import CurrentUser

# The customer import's file checks and workbook reader: one set of answers for a bad file.
from crm_desktop.services.importing.customer_import import RowError
from crm_desktop.services.importing.customer_import_sheet import (
    HEADER_ROWS_SEARCHED,
    ImportFileError,
    _blank,
    _header_key,
    _sheet_rows,
    _sniff,
    _workbook,
)
from crm_desktop.services.scope import access
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, ReceivableEntry
from crm_desktop.store.unit_of_work import UnitOfWork

__all__ = ["FinanceImportReport", "ImportFileError", "RowError", "import_finance_balances"]

_HEADERS = {
    "customer": "客户名称|客户|名称|单位名称|customer|customer name|name",
    "tax_id": "税号|纳税人识别号|统一社会信用代码|tax id|tax number",
    "reference": "单据号|发票号|单号|凭证号|reference|invoice|invoice no|document",
    "entry_date": "单据日期|发票日期|日期|开票日期|date|invoice date|document date",
    "due_on": "到期日|到期日期|due|due date",
    "amount": "未收金额|余额|应收余额|欠款|金额|open amount|balance|amount|amount due",
}
_FIELD_BY_HEADER = {_header_key(h): f for f, texts in _HEADERS.items() for h in texts.split("|")}
_REQUIRED = ("entry_date", "amount")
_DATE_SEPARATORS = re.compile(r"[./年月]")


@dataclass
class FinanceImportReport:
    """What an import did: open items imported for how many customers, or the rows that
    kept it from importing anything."""

    as_of: dt.date
    imported: int = 0
    customers: int = 0
    total_fen: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Item:
    row: int
    customer_id: str
    owner_id: str | None
    team_id: str | None
    reference: str | None
    entry_date: dt.date
    due_on: dt.date | None
    amount_fen: int


def import_finance_balances(
    store: Store, user: CurrentUser, path: Path, as_of: dt.date
) -> FinanceImportReport:
    """Import the open items in `path` as of the cut-off `as_of`; see the module doc."""
    report = FinanceImportReport(as_of)
    if as_of > store.clock.today():
        raise ValidationError(
            "截至日期不能晚于今天", "The cut-off date cannot be later than today", "as_of"
        )
    columns, rows = _read(path)
    actor = user.actor
    rights = access(store, actor)
    with store.reading() as s:
        customers = s.execute(
            select(
                Customer.id, Customer.name, Customer.name_key, Customer.tax_key,
                Customer.owner_id, Customer.team_id,
            ).where(Customer.deleted.is_(False))
        ).all()  # fmt: skip
    by_name: dict[str, list[Any]] = {}
    by_key: dict[str, list[Any]] = {}
    by_tax: dict[str, list[Any]] = {}
    for c in customers:
        if not rights.may_write(RecordKind.RECEIVABLE, c.owner_id):
            continue
        by_name.setdefault(c.name.strip(), []).append(c)
        by_key.setdefault(c.name_key, []).append(c)
        if c.tax_key:
            by_tax.setdefault(c.tax_key, []).append(c)
    items: list[_Item] = []
    for number, cells in rows:
        item = _parse(number, cells, columns, as_of, by_name, by_key, by_tax, report)
        if item is not None:
            items.append(item)
    if report.errors:
        return report
    with UnitOfWork(store, actor.user_id) as uow:
        touched = sorted({i.customer_id for i in items})
        # The same cut-off imported again replaces the earlier import's items.
        for customer_id in touched:
            for old in uow.session.scalars(
                select(ReceivableEntry).where(
                    ReceivableEntry.customer_id == customer_id,
                    ReceivableEntry.kind == EntryKind.OPENING.value,
                    ReceivableEntry.as_of == as_of,
                    ReceivableEntry.deleted.is_(False),
                )
            ):
                old.deleted = True
        for item in items:
            uow.session.add(
                ReceivableEntry(
                    owner_id=item.owner_id,
                    team_id=item.team_id,
                    customer_id=item.customer_id,
                    kind=EntryKind.OPENING.value,
                    amount_fen=item.amount_fen,
                    entry_date=item.entry_date,
                    due_on=item.due_on,
                    as_of=as_of,
                    reference=item.reference,
                    source=EntrySource.IMPORT.value,
                )
            )
        uow.commit()
    report.imported = len(items)
    report.customers = len(touched)
    report.total_fen = sum(i.amount_fen for i in items)
    return report


# --- reading and checking rows -----------------------------------------------------------


def _read(path: Path) -> tuple[dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    _sniff(path)
    name = path.name
    with _workbook(path) as book:
        for worksheet in book.worksheets:
            rows = iter(_sheet_rows(worksheet, name))
            for number, cells in rows:
                if number > HEADER_ROWS_SEARCHED:
                    break
                columns = _columns(cells)
                if columns is not None:
                    data = [(n, row) for n, row in rows if not _blank(row)]
                    if not data:
                        raise ImportFileError(
                            f"文件“{name}”只有表头，没有余额数据。",
                            f"{name} has a header but no balance rows.",
                        )
                    return columns, data
    raise ImportFileError(
        f"文件“{name}”前 {HEADER_ROWS_SEARCHED} 行中找不到表头：需要“客户名称”（或“税号”）、"
        "“单据日期”和“未收金额”三列。",
        f"No header in the first {HEADER_ROWS_SEARCHED} rows of {name}: the sheet needs "
        '"客户名称" (customer name) or "税号" (tax id), "单据日期" (document date) and '
        '"未收金额" (open amount) columns.',
    )


def _columns(cells: Sequence[Any]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, value in enumerate(cells):
        if value is None or not str(value).strip():
            continue
        name = _FIELD_BY_HEADER.get(_header_key(value))
        if name is not None and name not in columns:
            columns[name] = index
    has_customer = "customer" in columns or "tax_id" in columns
    return columns if has_customer and all(c in columns for c in _REQUIRED) else None


def _parse(
    number: int,
    cells: tuple[Any, ...],
    columns: dict[str, int],
    as_of: dt.date,
    by_name: dict[str, list[Any]],
    by_key: dict[str, list[Any]],
    by_tax: dict[str, list[Any]],
    report: FinanceImportReport,
) -> _Item | None:
    def cell(name: str) -> Any:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    problems: list[tuple[str, str]] = []

    def read(label: tuple[str, str], convert: Any, value: Any) -> Any:
        try:
            return convert(value)
        except ValidationError as error:
            problems.append((f"{label[0]}：{error.message_zh}", f"{label[1]}: {error.message_en}"))
            return None

    amount = read(("未收金额", "Open amount"), _money, cell("amount"))
    entry_date = read(("单据日期", "Document date"), _date, cell("entry_date"))
    due_on = read(("到期日", "Due date"), _date, cell("due_on"))
    reference = _text(cell("reference"))
    if amount is None and not problems:
        problems.append(("未收金额为空", "Open amount is blank"))
    if entry_date is None and not any(p[0].startswith("单据日期") for p in problems):
        problems.append(("单据日期为空", "Document date is blank"))
    if entry_date is not None and entry_date > as_of:
        problems.append(
            (
                f"单据日期 {entry_date} 晚于截至日期 {as_of}",
                f"Document date {entry_date} is after the cut-off {as_of}",
            )
        )
    if reference and len(reference) > REFERENCE_MAX:
        problems.append(
            (
                f"单据号超过 {REFERENCE_MAX} 个字",
                f"Reference longer than {REFERENCE_MAX} characters",
            )
        )
    if amount is not None and entry_date is not None:
        for error in entry_problems(
            EntryKind.OPENING.value, amount, entry_date, due_on, imported=True
        ):
            problems.append((error.message_zh, error.message_en))
    customer = _customer(_text(cell("customer")), _text(cell("tax_id")), by_name, by_key, by_tax)
    if isinstance(customer, tuple):
        problems.append(customer)
        customer = None
    if problems or customer is None or amount is None or entry_date is None:
        report.errors.append(
            RowError(number, "；".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
        )
        return None
    return _Item(
        number,
        customer.id,
        customer.owner_id,
        customer.team_id,
        reference,
        entry_date,
        due_on,
        amount,
    )


def _customer(
    name: str | None,
    tax_id: str | None,
    by_name: dict[str, list[Any]],
    by_key: dict[str, list[Any]],
    by_tax: dict[str, list[Any]],
) -> Any:
    """The one customer a row names (by tax id, else exact name, else normalised name),
    or a (zh, en) problem."""
    if tax_id:
        found = by_tax.get(tax_id_key(tax_id) or "", [])
        if len(found) == 1:
            return found[0]
    if not name and not tax_id:
        return ("没有客户名称或税号", "No customer name or tax id")
    if name:
        found = by_name.get(name) or by_key.get(company_name_key(name), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return (
                f"有 {len(found)} 个客户都叫“{name}”，请在文件中填写税号以区分",
                f'{len(found)} customers are called "{name}"; add the tax id to the file',
            )
    shown = name or tax_id
    return (
        f"在您的客户中找不到“{shown}”",
        f'"{shown}" is not among the customers you may record money for',
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _money(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"“{value}”不是金额", f"{value!r} is not an amount")
    if isinstance(value, int):
        return check_amount(value * 100, allow_negative=True)
    if isinstance(value, float):
        # A number cell: its shortest decimal form is what the sheet shows.
        return parse_yuan(format(Decimal(repr(value)), "f"))
    return parse_yuan(str(value))


def _date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip().rstrip("日")
    try:
        return dt.date.fromisoformat(_DATE_SEPARATORS.sub("-", text).replace(" ", ""))
    except ValueError:
        pass
    try:
        year, month, day = (int(p) for p in _DATE_SEPARATORS.sub("-", text).split("-"))
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"“{value}”不是有效日期，请写成 2026-11-01",
            f'"{value}" is not a valid date; write it as 2026-11-01',
        ) from None
