"""List exports to .xlsx, read back with openpyxl and compared with the store, cell by cell.

A small demo store (customers, twelve weeks of visits, opportunities) is built once for
the module; every export only reads it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fixed_time import fixed_clock
from sqlalchemy import literal_column, select

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.picklists import CustomerStatus, CustomerType, VisitOutcome, VisitPurpose
from crm_desktop.domain.stages import DEFAULT_STAGES
from crm_desktop.export import list_export as writer
from crm_desktop.export.list_export import (
    DATE_FORMAT,
    MONEY_FORMAT,
    ColumnKind,
    ExportCancelled,
    ExportColumn,
    ExportFileError,
    SheetSpec,
    write_list,
)
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery, SortKey
from crm_desktop.services.exporting.list_export import (
    ListKind,
    OpportunityListQuery,
    VisitListQuery,
    count_rows,
    export_list,
)
from crm_desktop.store.models import Customer, Opportunity, User, VisitRecord
from crm_desktop.store.pinyin import pinyin_key


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("demo") / "data", clock=fixed_clock())
    generate_demo(services, DemoOptions(customers=80, seed=3))
    yield services
    services.close()


def read_back(path: Path) -> tuple[Any, list[list[Any]]]:
    sheet = openpyxl.load_workbook(path).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def fen(value: Any) -> int:
    """A money cell back in fen, exactly (openpyxl reads the number as a float)."""
    yuan = Decimal(str(value)) * 100
    assert yuan == yuan.to_integral_value(), value
    return int(yuan)


def day(value: Any) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def label(kind: Any, code: str | None) -> str | None:
    return kind(code).label("zh_CN") if code else None


# --- customers ---------------------------------------------------------------------------
def test_customers_are_exported_as_the_list_shows_them(demo: Services, tmp_path: Path) -> None:
    query = CustomerQuery(status="active", sort=SortKey.REGION, descending=True)
    handles = demo.customer_list.handles(query)
    listed = demo.customer_list.rows(handles)
    assert 5 < len(handles) < 80  # the filter leaves some out

    result = export_list(demo.store, ListKind.CUSTOMERS, query, tmp_path / "客户.xlsx")

    assert result.rows == len(handles)
    sheet, rows = read_back(result.path)
    assert sheet.title == "客户列表"
    assert rows[0] == ["名称", "简称", "类型", "状态", "等级", "区域", "负责人", "电话",
                       "最近有效拜访", "重点客户"]  # fmt: skip
    expected = [
        [
            c.name,
            c.short_name,
            CustomerType(c.customer_type).label(),
            CustomerStatus(c.status).label(),
            c.value_class,
            c.region,
            c.owner_name,
            c.phone,
            c.last_effective_visit_on,
            "是" if c.is_key_account else None,
        ]
        for c in (listed[h] for h in handles)
    ]
    assert [[*r[:8], day(r[8]), r[9]] for r in rows[1:]] == expected
    assert {r[3] for r in rows[1:]} == {"现实客户"}
    regions = [r[5] or "" for r in rows[1:]]
    assert regions == sorted(regions, key=pinyin_key, reverse=True)  # pinyin order
    dated = [sheet.cell(row=i + 2, column=9) for i, c in enumerate(expected) if c[8]]
    assert dated and all(cell.is_date and cell.number_format == DATE_FORMAT for cell in dated)


def test_customer_search_text_and_english_headers(demo: Services, tmp_path: Path) -> None:
    some = demo.customer_list.rows(demo.customer_list.handles(CustomerQuery()))
    term = next(iter(some.values())).name[:4]
    query = CustomerQuery(text=term)
    handles = demo.customer_list.handles(query)

    result = export_list(demo.store, ListKind.CUSTOMERS, query, tmp_path / "c.xlsx", lang="en")

    sheet, rows = read_back(result.path)
    assert sheet.title == "Customers"
    assert rows[0][:3] == ["Name", "Short name", "Type"]
    assert [r[0] for r in rows[1:]] == [some[h].name for h in handles]
    assert all(term.lower() in r[0].lower() or r[7] for r in rows[1:])
    assert all(r[3] in {s.en for s in CustomerStatus} for r in rows[1:])


# --- visits ------------------------------------------------------------------------------
def store_visits(services: Services, query: VisitListQuery) -> list[list[Any]]:
    """The visits the export must hold, rebuilt from the raw rows and sorted in Python."""
    rowid = literal_column("visit_records.rowid")
    with services.store.reading() as s:
        raw = s.execute(
            select(rowid, VisitRecord, Customer.name, User.display_name)
            .join(Customer, Customer.id == VisitRecord.customer_id)
            .outerjoin(User, User.id == VisitRecord.owner_id)
        ).all()
    wanted = [
        (rid, v, customer, rep)
        for rid, v, customer, rep in raw
        if not v.deleted
        and (query.date_from is None or v.visit_date >= query.date_from)
        and (query.date_to is None or v.visit_date <= query.date_to)
        and (query.rep_id is None or v.owner_id == query.rep_id)
        and (query.customer_id is None or v.customer_id == query.customer_id)
    ]
    wanted.sort(key=lambda r: (r[1].visit_date, r[3] or "", r[1].start_time or "", r[0]))
    return [
        [
            *(v.visit_date, rep, customer, yes_no(v.planned), label(VisitPurpose, v.purpose)),
            *(v.start_time, v.end_time, v.contacts_met, label(VisitOutcome, v.outcome)),
            *(yes_no(v.is_effective), v.order_amount_fen, v.collection_amount_fen),
            *(yes_no(v.complaint_handled), v.competitor_info, v.customer_feedback),
            *(v.customer_news, v.next_step, v.next_step_on),
        ]
        for _rid, v, customer, rep in wanted
    ]


def exported_visits(rows: list[list[Any]]) -> list[list[Any]]:
    """Read-back rows with dates as dates and money in fen (absent money cells are 0)."""
    return [[day(r[0]), *r[1:10], fen(r[10] or 0), fen(r[11] or 0), *r[12:17], day(r[17])]
            for r in rows]  # fmt: skip


def test_visits_in_a_period_of_one_rep_equal_the_store(demo: Services, tmp_path: Path) -> None:
    with demo.store.reading() as s:
        last = s.scalar(select(VisitRecord.visit_date).order_by(VisitRecord.visit_date.desc()))
        rep = s.scalar(select(User.id).where(User.username == "chenjing"))
    assert last is not None and rep is not None
    query = VisitListQuery(date_from=last - dt.timedelta(days=27), date_to=last, rep_id=rep)
    expected = store_visits(demo, query)
    assert len(expected) > 20
    assert any(r[10] for r in expected) and any(r[11] for r in expected)  # orders, collections

    result = export_list(demo.store, ListKind.VISITS, query, tmp_path / "拜访.xlsx")

    sheet, rows = read_back(result.path)
    assert result.rows == len(expected) == count_rows(demo.store, ListKind.VISITS, query)
    assert rows[0][:3] == ["拜访日期", "销售员", "客户"] and len(rows[0]) == 18
    assert exported_visits(rows[1:]) == expected
    for i, visit in enumerate(expected, start=2):
        assert sheet.cell(row=i, column=1).number_format == DATE_FORMAT
        if visit[10]:
            assert sheet.cell(row=i, column=11).number_format == MONEY_FORMAT


def test_visits_of_the_whole_team_sorted_by_day_rep_and_time(
    demo: Services, tmp_path: Path
) -> None:
    with demo.store.reading() as s:
        last = s.scalar(select(VisitRecord.visit_date).order_by(VisitRecord.visit_date.desc()))
    assert last is not None
    query = VisitListQuery(date_from=last - dt.timedelta(days=6), date_to=last)
    expected = store_visits(demo, query)
    assert len({r[1] for r in expected}) >= 5  # every rep of the team

    result = export_list(demo.store, ListKind.VISITS, query, tmp_path / "week.xlsx")

    _sheet, rows = read_back(result.path)
    assert exported_visits(rows[1:]) == expected


def test_visits_of_one_customer_over_all_time(demo: Services, tmp_path: Path) -> None:
    with demo.store.reading() as s:
        customer = s.scalar(select(VisitRecord.customer_id).limit(1))
    query = VisitListQuery(customer_id=customer)
    expected = store_visits(demo, query)

    result = export_list(demo.store, ListKind.VISITS, query, tmp_path / "v.xlsx")

    _sheet, rows = read_back(result.path)
    assert expected and exported_visits(rows[1:]) == expected


# --- opportunities -----------------------------------------------------------------------
def test_opportunities_equal_the_store(demo: Services, tmp_path: Path) -> None:
    names = {s.code: s.name("zh_CN") for s in DEFAULT_STAGES}
    with demo.store.reading() as s:
        raw = s.execute(
            select(Opportunity, Customer.name, User.display_name)
            .join(Customer, Customer.id == Opportunity.customer_id)
            .outerjoin(User, User.id == Opportunity.owner_id)
            .where(Opportunity.deleted.is_(False))
        ).all()
    raw.sort(key=lambda r: (r[0].expected_close_on is None, r[0].expected_close_on, r[1],
                            r[0].name))  # fmt: skip
    expected = [[customer, o.name, names[o.stage_code], o.amount_fen, o.expected_close_on, owner]
                for o, customer, owner in raw]  # fmt: skip
    assert len(expected) > 5

    result = export_list(demo.store, ListKind.OPPORTUNITIES, OpportunityListQuery(),
                         tmp_path / "商机.xlsx")  # fmt: skip

    sheet, rows = read_back(result.path)
    assert rows[0] == ["客户", "商机名称", "阶段", "金额", "预计成交日期", "负责人"]
    assert [[r[0], r[1], r[2], fen(r[3]), day(r[4]), r[5]] for r in rows[1:]] == expected
    assert all(sheet.cell(row=i, column=4).number_format == MONEY_FORMAT
               for i in range(2, len(rows) + 1))  # fmt: skip

    open_query = OpportunityListQuery(open_only=True)
    open_only = export_list(demo.store, ListKind.OPPORTUNITIES, open_query, tmp_path / "o.xlsx")
    _sheet, open_rows = read_back(open_only.path)
    closed = {"赢单", "输单"}
    assert 0 < len(open_rows) - 1 < len(expected)
    assert not closed & {r[2] for r in open_rows[1:]}


def test_parameters_must_match_the_kind(demo: Services, tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        export_list(demo.store, ListKind.VISITS, CustomerQuery(), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# --- the sheet itself --------------------------------------------------------------------
SPEC = SheetSpec(
    "测试",
    [
        ExportColumn("客户名称"),
        ExportColumn("金额", ColumnKind.MONEY),
        ExportColumn("日期", ColumnKind.DATE),
        ExportColumn("备注"),
        ExportColumn("数量", ColumnKind.NUMBER),
    ],
)


def sample_rows(count: int) -> Iterator[tuple[object, ...]]:
    for i in range(count):
        yield (
            f"上海恒盛{i}贸易有限公司",
            i * 10_001 - 7 if i % 3 else None,
            dt.date(2026, 1, 1) + dt.timedelta(days=i % 400),
            ["=SUM(A1:A9)", " 前后有空格 ", "a < b & c > d", "控制\x01字符", None][i % 5],
            i,
        )


def test_sheet_layout_header_panes_filter_widths_and_print(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert write_list(path, SPEC, sample_rows(50), total=50) == 50
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E51"
    header = sheet["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("2F6FDE")
    assert sheet.column_dimensions["A"].width >= writer.display_width("上海恒盛49贸易有限公司")
    assert sheet.column_dimensions["C"].width >= 10
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_money_exact_text_never_a_formula_control_characters_dropped(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    rows = [("甲", 123_456_789_012, dt.date(2026, 11, 23), "=1+1", 1),
            ("乙", -5, None, "x\x00y\x1fz", 2)]  # fmt: skip
    write_list(path, SPEC, rows, total=2)
    sheet, values = read_back(path)
    assert fen(values[1][1]) == 123_456_789_012 and fen(values[2][1]) == -5
    assert values[1][3] == "=1+1" and sheet["D2"].data_type == "s"
    assert values[2][3] == "xyz"
    assert day(values[1][2]) == dt.date(2026, 11, 23) and values[2][2] is None


def test_rows_are_written_while_they_are_produced(tmp_path: Path) -> None:
    reported: list[int] = []
    produced_before_report: list[int] = []
    produced = 0

    def rows() -> Iterator[tuple[object, ...]]:
        nonlocal produced
        for row in sample_rows(3000):
            produced += 1
            yield row

    def progress(done: int, _total: int) -> None:
        reported.append(done)
        produced_before_report.append(produced)

    write_list(tmp_path / "t.xlsx", SPEC, rows(), total=3000, progress=progress)
    assert reported[-1] == 3000
    # Mid-way reports come while the iterator is mid-way too: no list of all rows.
    assert any(0 < done < 3000 and made < 3000 for done, made in
               zip(reported, produced_before_report, strict=True))  # fmt: skip


# --- failures leave nothing behind ---------------------------------------------------------
def test_cancel_leaves_no_file_and_keeps_an_older_export(demo: Services, tmp_path: Path) -> None:
    target = tmp_path / "拜访.xlsx"
    target.write_bytes(b"the older export")
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1  # after the first chunk is written

    with pytest.raises(ExportCancelled) as raised:
        export_list(demo.store, ListKind.VISITS, VisitListQuery(), target, cancel=cancel)
    assert raised.value.message("zh_CN") == "导出已取消，没有生成文件。"
    assert target.read_bytes() == b"the older export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["拜访.xlsx"]


def test_read_only_folder_is_a_clear_error_and_nothing_is_written(
    demo: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        folder = Path("/sys")  # root writes anywhere; /sys refuses even root
    target = folder / "客户.xlsx"
    try:
        with pytest.raises(ExportFileError) as raised:
            export_list(demo.store, ListKind.CUSTOMERS, CustomerQuery(), target)
    finally:
        (tmp_path / "只读").chmod(0o755)
    assert "没有权限" in raised.value.message("zh_CN") and str(folder) in raised.value.message_zh
    assert "may not write" in raised.value.message("en")
    assert not target.exists()
    assert not list((tmp_path / "只读").iterdir())


def test_missing_folder_and_folder_as_target_are_clear_errors(
    demo: Services, tmp_path: Path
) -> None:
    with pytest.raises(ExportFileError, match="does not exist"):
        export_list(demo.store, ListKind.CUSTOMERS, CustomerQuery(), tmp_path / "无" / "c.xlsx")
    folder = tmp_path / "c.xlsx"
    folder.mkdir()
    with pytest.raises(ExportFileError) as raised:
        export_list(demo.store, ListKind.CUSTOMERS, CustomerQuery(), folder)
    assert "文件夹" in raised.value.message_zh
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]  # no temporary file left
    assert not list(folder.iterdir())


def test_cancel_also_removes_the_rows_streamed_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"  # constant-memory sheets stream to tempfile's dir
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    checks = 0

    def cancel() -> bool:
        nonlocal checks
        checks += 1
        return checks > 3

    with pytest.raises(ExportCancelled):
        write_list(tmp_path / "t.xlsx", SPEC, sample_rows(5000), total=5000, cancel=cancel)
    assert checks == 4
    assert not list(scratch.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scratch"]
