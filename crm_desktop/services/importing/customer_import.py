"""Import customers from an Excel (.xlsx) sheet, reporting every skipped or duplicate row.

The file is read completely before the store is touched; then every accepted row is
written in one unit of work, so each customer gets its outbox entry in the same
transaction, and a malformed file, a cancel or a crash imports nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from crm_desktop.domain.customer import contact_problems, customer_problems
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.normalize import company_name_key, phone_key, tax_id_key
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customers import CONTACT_FIELDS, apply_customer_draft
from crm_desktop.services.importing.customer_import_sheet import (
    ImportFileError,
    ParsedRow,
    parse_row,
    read_sheet,
)
from crm_desktop.store import outbox
from crm_desktop.store.base import Base, session_clock
from crm_desktop.store.bulk import insert_rows
from crm_desktop.store.models import Contact, Customer, OutboxEntry, User
from crm_desktop.store.unit_of_work import UnitOfWork

__all__ = ["ImportCancelled", "ImportFileError", "ImportReport", "RowDuplicate", "RowError",
           "import_customers"]  # fmt: skip

CHUNK = 200  # rows between progress reports and cancel checks
_REASONS = {"name": ("名称", "name"), "phone": ("电话", "phone"), "tax_id": ("税号", "tax id")}


class ImportCancelled(UserFacingError):
    """The user cancelled; nothing was imported."""

    def __init__(self) -> None:
        super().__init__("导入已取消，没有导入任何客户。", "Import cancelled; nothing imported.")


@dataclass(frozen=True)
class RowError:
    """A row skipped because it breaks a rule; the message lists every problem."""

    row: int  # as Excel shows it
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class RowDuplicate:
    """A row that matches an existing customer or an earlier row of the file."""

    row: int
    name: str
    match_name: str
    match_owner: str | None  # display name of the matching customer's owner
    reasons: tuple[str, ...]  # "name", "phone", "tax_id"
    other_owner: bool  # 撞单: the match belongs to another rep than the import's owner
    match_row: int | None = None  # set when the match is an earlier row of the same file


@dataclass
class ImportReport:
    """What an import did: rows imported, duplicates found, rows skipped for errors."""

    imported: int
    duplicates: list[RowDuplicate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read, blank rows not counted
    duplicates_imported: bool = False
    ignored_columns: list[str] = field(default_factory=list)

    def describe(self, lang: str = "zh_CN") -> str:
        """A summary line, then ignored columns, duplicates and errors, one per line."""
        en = lang.startswith("en")
        fate = ("imported anyway", "已导入") if self.duplicates_imported else ("skipped", "未导入")
        dups, errors = len(self.duplicates), len(self.errors)
        lines = [
            f"Import finished: {_count(self.rows, 'row')} read, "
            f"{_count(self.imported, 'customer')} imported, "
            f"{_count(dups, 'possible duplicate')} ({fate[0]}), "
            f"{_count(errors, 'row')} with errors (skipped)."
            if en
            else f"导入完成：共读取 {self.rows} 行，成功导入 {self.imported} 个客户，"
            f"疑似重复 {dups} 行（{fate[1]}），有错误 {errors} 行（已跳过）。"
        ]
        if self.ignored_columns:
            names = ", ".join(self.ignored_columns)
            lines.append(f"Ignored columns: {names}" if en else f"未识别的列（已忽略）：{names}")
        if self.duplicates:
            lines.append("Possible duplicates:" if en else "疑似重复：")
            lines.extend(f"  {_describe_duplicate(d, en)}" for d in self.duplicates)
        if self.errors:
            lines.append("Rows with errors (skipped):" if en else "有错误的行（已跳过）：")
            lines.extend(
                f"  Row {e.row}: {e.message_en}" if en else f"  第 {e.row} 行：{e.message_zh}"
                for e in self.errors
            )
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _describe_duplicate(d: RowDuplicate, en: bool) -> str:
    owner = d.match_owner or "—"
    if en:
        reasons = ", ".join(_REASONS[r][1] for r in d.reasons)
        what = f"row {d.match_row}" if d.match_row else "existing customer"
        clash = " — owned by another rep (撞单)" if d.other_owner else ""
        return f'Row {d.row} "{d.name}": same {reasons} as {what} "{d.match_name}" ({owner}){clash}'
    reasons = "、".join(_REASONS[r][0] for r in d.reasons)
    what = f"本文件第 {d.match_row} 行" if d.match_row else "现有客户"
    clash = "【撞单：该客户已属于其他销售员】" if d.other_owner else ""
    return (
        f"第 {d.row} 行“{d.name}”：与{what}“{d.match_name}”{reasons}相同（负责人：{owner}）{clash}"
    )


# --- duplicates ----------------------------------------------------------------------

Keys = tuple[str | None, str | None, str | None]  # name, phone, tax id: as find_duplicates


class _Known(NamedTuple):
    ident: str
    name: str
    owner_id: str | None
    row: int | None = None  # for an earlier row of the file


class _Index:
    """Customers under each duplicate key; the first one seen under a key stays."""

    def __init__(self) -> None:
        self.maps: tuple[dict[str, _Known], ...] = ({}, {}, {})

    def add(self, keys: Keys, known: _Known) -> None:
        for mapping, key in zip(self.maps, keys, strict=True):
            if key:
                mapping.setdefault(key, known)

    def match(self, keys: Keys) -> tuple[_Known, tuple[str, ...]] | None:
        """The customer matching the most keys, and which keys those are."""
        found: dict[str, tuple[_Known, list[str]]] = {}
        for mapping, key, reason in zip(self.maps, keys, _REASONS, strict=True):
            known = mapping.get(key) if key else None
            if known is not None:
                found.setdefault(known.ident, (known, []))[1].append(reason)
        if not found:
            return None
        known, reasons = max(found.values(), key=lambda item: len(item[1]))
        return known, tuple(reasons)


_EXISTING = (
    "SELECT id, name, owner_id, name_key, phone_key, tax_key FROM customers WHERE NOT deleted"
)


def _existing(session: Session) -> _Index:
    # One query for every live customer's keys: a query per row would cost 10,000 trips.
    # Plain SQL and a loop without calls, because at 100,000 customers every step counts.
    index = _Index()
    names, phones, taxes = index.maps
    for cid, name, owner_id, key, phone, tax in session.execute(sql_text(_EXISTING)).all():
        known = _Known(cid, name, owner_id)
        if key:
            names.setdefault(key, known)
        if phone:
            phones.setdefault(phone, known)
        if tax:
            taxes.setdefault(tax, known)
    return index


# --- the import ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Owner:
    id: str
    team_id: str | None


def _owner(services: Services, username: str | None) -> _Owner:
    with services.store.reading() as session:
        if username is None:
            user = session.get(User, services.actor.user_id)
        else:
            live = select(User).where(User.username == username, User.deleted.is_(False))
            user = session.scalars(live).first()
    if user is None:
        raise ValidationError(
            f"找不到用户名为“{username}”的用户，请检查负责人的用户名。",
            f"There is no user named {username!r}; check the owner's username.",
            field="owner",
        )
    return _Owner(user.id, user.team_id)


@dataclass
class _Run:
    """One import while its rows are checked: the report so far and the rows accepted."""

    owner: _Owner
    existing: _Index
    owner_names: dict[str, str]
    report: ImportReport
    include_duplicates: bool
    today: dt.date  # the clock's, for "not in the future" checks
    in_file: _Index = field(default_factory=_Index)
    accepted: list[ParsedRow] = field(default_factory=list)

    def check(self, number: int, cells: Sequence[Any], columns: dict[str, int]) -> None:
        parsed = parse_row(cells, columns, self.owner.id)
        problems = parsed.problems + [
            (p.message_zh, p.message_en) for p in customer_problems(parsed.customer)
        ]
        if parsed.contact is not None:
            problems += [
                (f"联系人{p.message_zh}", f"Contact: {p.message_en}")
                for p in contact_problems(parsed.contact, self.today)
            ]
        if problems:
            zh, en = "；".join(p[0] for p in problems), "; ".join(p[1] for p in problems)
            self.report.errors.append(RowError(number, zh, en))
            return
        draft = parsed.customer
        keys = company_name_key(draft.name), phone_key(draft.phone), tax_id_key(draft.tax_id)
        match = self.existing.match(keys) or self.in_file.match(keys)
        self.in_file.add(keys, _Known(f"row {number}", draft.name, self.owner.id, number))
        if match is not None:
            known, reasons = match
            owner_name = self.owner_names.get(known.owner_id or "")
            other = known.owner_id not in (None, self.owner.id)
            self.report.duplicates.append(
                RowDuplicate(number, draft.name, known.name, owner_name, reasons, other, known.row)
            )
            if not self.include_duplicates:
                return
        self.accepted.append(parsed)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def _blank_row(table: Table) -> dict[str, Any]:
    """Every column with its scalar Python default, as the ORM would insert it."""
    return {
        column.key: column.default.arg
        if isinstance(column.default, ScalarElementColumnDefault)
        else None
        for column in table.columns
    }


def _write(session: Session, accepted: list[ParsedRow], owner: _Owner, actor: str) -> None:
    """Insert the rows and one outbox "create" each, as the outbox hook would record them.

    Bulk inserts instead of ORM objects: at 10,000 rows the ORM flush and its per-object
    outbox hook took about 10 s; the same rows and entries take about 1.5.
    """
    now = session_clock(session).utcnow()
    stamp: dict[str, Any] = dict(owner_id=owner.id, team_id=owner.team_id, created_at=now)
    stamp |= dict(created_by=actor, updated_at=now, updated_by=actor)
    customers, contacts = _blank_row(_table(Customer)), _blank_row(_table(Contact))
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for parsed in accepted:
        # apply_customer_draft only sets attributes, so a plain namespace takes them at a
        # fraction of an instrumented ORM object's cost, and the mapping stays in one place.
        values = SimpleNamespace(**{**customers, **stamp, "id": uuid7()})
        apply_customer_draft(cast(Customer, values), parsed.customer)
        rows[0].append(vars(values))
        if parsed.contact is not None:
            contact = {name: getattr(parsed.contact, name) for name in CONTACT_FIELDS}
            key = phone_key(parsed.contact.mobile or parsed.contact.phone)
            contact |= {"customer_id": values.id, "id": uuid7(), "phone_key": key}
            rows[1].append({**contacts, **stamp, **contact})
    # Contacts go in before their customers, with the foreign keys checked at commit: the
    # search-text trigger then builds each customer's row once, contacts included.
    session.execute(sql_text("PRAGMA defer_foreign_keys = ON"))
    insert_rows(session, Contact, rows[1])
    insert_rows(session, Customer, rows[0])
    # The outbox has customers first: the server applies it in order.
    entries = [outbox.create_entry_row("customer", row, now) for row in rows[0]]
    entries += [outbox.create_entry_row("contact", row, now) for row in rows[1]]
    insert_rows(session, OutboxEntry, entries)


def import_customers(
    services: Services,
    path: Path,
    *,
    owner_username: str | None = None,
    include_duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import the customers of an .xlsx file for one owner (docs/import.md).

    Raises ImportFileError for a file that cannot be imported and ImportCancelled when
    `cancel` returns True; either way nothing is imported.
    """
    owner = _owner(services, owner_username)
    sheet = read_sheet(Path(path))
    total = len(sheet.rows)
    report = ImportReport(
        0, rows=total, duplicates_imported=include_duplicates, ignored_columns=sheet.ignored
    )

    def tick(done: int, *, report_progress: bool = True) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled()
        if progress is not None and report_progress:
            progress(done, total)

    actor = services.actor.user_id
    # The keys are read inside the write transaction, so a sync cannot slip a matching
    # customer in between the duplicate check and the insert.
    with UnitOfWork(services.store, actor) as uow:
        names = {row[0]: row[1] for row in uow.session.execute(select(User.id, User.display_name))}
        run = _Run(
            owner, _existing(uow.session), names, report, include_duplicates, services.clock.today()
        )
        for done, (number, cells) in enumerate(sheet.rows):
            if done % CHUNK == 0:
                tick(done)
            run.check(number, cells, sheet.columns)
        tick(total, report_progress=False)  # the last chance to cancel before the write
        _write(uow.session, run.accepted, owner, actor)
        uow.commit()
    report.imported = len(run.accepted)
    if progress is not None:
        progress(total, total)
    return report
