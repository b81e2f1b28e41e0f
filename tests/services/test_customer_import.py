"""Excel import of customers: headers, cells, per-row errors, duplicates, bad files, cancel."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.ids import uuid7
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.services.importing.customer_import import (
    ImportCancelled,
    ImportFileError,
    import_customers,
)
from crm_desktop.store.models import Contact, Customer, OutboxEntry, User

CN_HEADER = [
    "客户名称", "简称", "客户类型", "状态", "流失原因", "行业", "区域", "片区", "地址", "电话",
    "税号", "来源", "信用额度（元）", "付款条件", "年销售额", "员工人数", "重点客户", "备注",
    "竞争对手", "现供应商", "联系人", "职务", "手机", "邮箱",
]  # fmt: skip


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "客户") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def count(services: Services, model: type, *where: Any) -> int:
    with services.store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def customers(services: Services) -> dict[str, Customer]:
    with services.store.reading() as s:
        return {c.name: c for c in s.scalars(select(Customer))}


def add_user(services: Services, username: str, name: str, team_id: str | None = None) -> str:
    """A user as the server's feed would bring it: no outbox entry."""
    user_id = uuid7()
    with services.store.write_sessions() as s, s.begin():
        s.add(
            User(
                id=user_id,
                owner_id=user_id,
                team_id=team_id,
                username=username,
                display_name=name,
                role="rep",
            )
        )
    return user_id


def existing(services: Services, name: str, **fields: Any) -> str:
    return services.customers.save(CustomerDraft(name=name, **fields))


# --- headers and cells ---------------------------------------------------------------


def test_chinese_headers_import_every_field_with_its_contact(
    services: Services, tmp_path: Path
) -> None:
    file = write_xlsx(tmp_path / "客户.xlsx", [
        CN_HEADER,
        ["上海华联超市有限公司", "华联", "零售终端", "现实客户", None, "快消", "上海", "浦东",
         "上海市浦东新区世纪大道 100 号", "021-58881234", "91310115MA1K3XXX1A", "展销会",
         "50,000.00", "月结30天", "1.2万", 120, "是", "老客户", "美佳", "联华供应链",
         "王芳", "采购经理", "13800138000", "wangfang@hualian.cn"],
        ["杭州西湖茶业经销部", None, "经销商", "流失客户", "价格不具竞争力", None, "杭州", None,
         None, None, None, None, 80000, None, None, None, "否", None, None, None, None, None,
         None, None],
    ])  # fmt: skip
    report = import_customers(services, file)

    assert (report.imported, report.errors, report.duplicates) == (2, [], [])
    rows = customers(services)
    hualian = rows["上海华联超市有限公司"]
    assert hualian.customer_type == "retail" and hualian.status == "active"
    assert hualian.source == "trade_show" and hualian.payment_terms == "net_30"
    assert hualian.credit_limit_fen == 5_000_000 and hualian.annual_sales_fen == 1_200_000
    assert hualian.headcount == 120 and hualian.is_key_account and hualian.value_class == "A"
    assert hualian.territory == "浦东" and hualian.incumbent_supplier == "联华供应链"
    assert hualian.name_key == "上海华联超市" and hualian.phone_key == "02158881234"
    assert hualian.owner_id == services.actor.user_id
    tea = rows["杭州西湖茶业经销部"]
    assert (tea.customer_type, tea.status, tea.loss_reason) == ("dealer", "lost", "price")
    assert tea.credit_limit_fen == 8_000_000 and not tea.is_key_account
    with services.store.reading() as s:
        contact = s.scalars(select(Contact)).one()
    assert (contact.customer_id, contact.name, contact.title) == (hualian.id, "王芳", "采购经理")
    assert contact.mobile == "13800138000" and contact.phone_key == "13800138000"
    assert contact.email == "wangfang@hualian.cn"
    # Imported customers are searchable at once: the search triggers ran on the insert.
    assert len(services.customer_list.handles(CustomerQuery(text="王芳"))) == 1
    assert "成功导入 2 个客户" in report.describe()
    assert "2 customers imported" in report.describe("en")


def test_english_headers_any_case_spacing_and_full_width(
    services: Services, tmp_path: Path
) -> None:
    file = write_xlsx(tmp_path / "customers.xlsx", [
        ["Ｃｕｓｔｏｍｅｒ　Ｎａｍｅ", "TYPE", " Status ", "Credit Limit (yuan)", "key account",
         "TEL", "Tax ID", "Contact", "Mobile", "E-mail"],
        ["Suzhou Lihua Trading Co., Ltd.", "Dealer", "potential", "¥1,234.5", "Y",
         "0512-65551234", "91320500MA1XXXXX2B", "Li Lei", "13900001111", "li@lihua.com"],
    ])  # fmt: skip
    report = import_customers(services, file)

    assert report.imported == 1 and not report.errors and not report.ignored_columns
    row = customers(services)["Suzhou Lihua Trading Co., Ltd."]
    assert (row.customer_type, row.status, row.credit_limit_fen) == ("dealer", "potential", 123450)
    assert row.is_key_account and row.tax_key == "91320500MA1XXXXX2B"
    assert count(services, Contact, Contact.email == "li@lihua.com") == 1


def test_synonyms_title_rows_above_the_header_and_unknown_columns(
    services: Services, tmp_path: Path
) -> None:
    file = write_xlsx(tmp_path / "c.xlsx", [
        ["2026 年客户导入模板"],
        [],
        ["*公司名称", "客户类型", "地区", "纳税人识别号", "座机", "微信号", "信用额度(万元)"],
        ["南京金陵五金机电有限公司", "企业", "南京", "91320100 7777 8888 9X", "025-84561234",
         "jinling", 50],
        [],
        ["南京六合百货商行", "零售", "南京", None, None, None, None],
    ])  # fmt: skip
    report = import_customers(services, file)

    assert report.imported == 2 and report.rows == 2
    # "(万元)" is not guessed at: the column is reported, not read as yuan.
    assert report.ignored_columns == ["微信号", "信用额度(万元)"]
    assert "未识别的列（已忽略）：微信号, 信用额度(万元)" in report.describe()
    rows = customers(services)
    assert rows["南京金陵五金机电有限公司"].tax_key == "91320100777788889X"
    assert rows["南京金陵五金机电有限公司"].credit_limit_fen is None
    assert rows["南京六合百货商行"].customer_type == "retail"  # "零售" starts only 零售终端


@pytest.mark.parametrize(
    ("typed", "code"),
    [("dealer", "dealer"), ("经销商", "dealer"), ("Dealer", "dealer"),
     (" 总代理 ", "general_agent"), ("Government", "government"), ("个人", "individual")],
)  # fmt: skip
def test_picklist_cells_take_code_or_either_label(
    services: Services, tmp_path: Path, typed: str, code: str
) -> None:
    file = write_xlsx(tmp_path / "t.xlsx", [["名称", "类型"], ["宁波港城贸易有限公司", typed]])
    assert import_customers(services, file).imported == 1
    assert customers(services)["宁波港城贸易有限公司"].customer_type == code


def test_rows_with_errors_are_reported_by_excel_row_and_skipped(
    services: Services, tmp_path: Path
) -> None:
    file = write_xlsx(tmp_path / "e.xlsx", [
        ["客户名称", "客户类型", "状态", "信用额度", "员工人数", "重点客户", "电话", "联系人",
         "邮箱"],
        ["好客户有限公司", None, None, "10万", None, None, None, None, None],     # row 2: ok
        [None, "企业", None, None, None, None, "021-1234567", None, None],       # no name
        ["外星贸易公司", "外星人", None, None, None, None, None, None, None],      # bad type
        ["钱多多公司", None, None, "很多钱", "三十", "也许", None, None, None],     # bad cells
        ["流失公司", None, "流失", None, None, None, None, None, None],           # no reason
        ["邮件公司", None, None, None, None, None, "abc", "张三", "not-an-email"],  # bad phone
    ])  # fmt: skip
    report = import_customers(services, file)

    assert report.imported == 1
    assert customers(services)["好客户有限公司"].credit_limit_fen == 10_000_000
    errors = {e.row: e for e in report.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "客户名称不能为空" in errors[3].message_zh
    assert "Customer name is required" in errors[3].message_en
    assert "客户类型" in errors[4].message_zh and "外星人" in errors[4].message_zh
    assert "信用额度" in errors[5].message_zh and "员工人数" in errors[5].message_zh
    assert "重点客户" in errors[5].message_zh and "Headcount" in errors[5].message_en
    assert "流失原因" in errors[6].message_zh
    assert "电话号码格式不正确" in errors[7].message_zh and "联系人" in errors[7].message_zh
    assert "第 4 行：" in report.describe() and "Row 4:" in report.describe("en")
    assert count(services, OutboxEntry) == 1


# --- duplicates ----------------------------------------------------------------------


def test_duplicates_of_existing_customers_are_reported_not_imported(
    services: Services, tmp_path: Path
) -> None:
    existing(services, "上海华联超市有限公司", phone="021-58881234")
    existing(services, "苏州立华贸易有限公司", tax_id="91320500MA1XXXXX2B")
    file = write_xlsx(tmp_path / "d.xlsx", [
        ["客户名称", "电话", "税号"],
        ["上海 华联超市（集团）股份有限公司", None, None],  # same company, written differently
        ["华联超市浦东店", "+86 21 5888 1234", None],        # same phone
        ["立华贸易", None, "91320500-MA1XXXXX2B"],           # same tax id
        ["全新客户有限公司", None, None],
    ])  # fmt: skip
    report = import_customers(services, file)

    assert report.imported == 1
    found = {d.row: d for d in report.duplicates}
    assert found[2].match_name == "上海华联超市有限公司" and found[2].reasons == ("name",)
    assert found[3].reasons == ("phone",) and found[4].reasons == ("tax_id",)
    assert found[2].match_owner == services.actor.display_name
    assert not any(d.other_owner for d in report.duplicates)
    assert count(services, Customer) == 3
    assert "疑似重复 3 行（未导入）" in report.describe()


def test_another_reps_customer_is_flagged_as_zhuangdan(services: Services, tmp_path: Path) -> None:
    other = add_user(services, "liuyang", "刘洋")
    existing(services, "杭州西湖茶业有限公司", owner_id=other, phone="0571-87001234")
    file = write_xlsx(
        tmp_path / "z.xlsx", [["客户名称", "电话"], ["杭州西湖茶业有限公司", "0571-87001234"]]
    )
    report = import_customers(services, file)

    [dup] = report.duplicates
    assert dup.other_owner and dup.match_owner == "刘洋" and dup.reasons == ("name", "phone")
    assert "撞单" in report.describe() and "撞单" in report.describe("en")
    assert report.imported == 0


def test_duplicates_within_the_file_refer_to_the_earlier_row(
    services: Services, tmp_path: Path
) -> None:
    file = write_xlsx(tmp_path / "f.xlsx", [
        ["客户名称", "联系人", "手机"],  # a contact's mobile is not the customer's phone
        ["宁波港城贸易有限公司", "周杰", "13900001111"],
        ["苏州立华贸易有限公司", "周杰", "13900001111"],
        ["宁波港城贸易（集团）有限公司", None, None],
    ])  # fmt: skip
    report = import_customers(services, file)

    [dup] = report.duplicates
    assert (dup.row, dup.match_row, dup.match_name) == (4, 2, "宁波港城贸易有限公司")
    assert not dup.other_owner and report.imported == 2
    assert "本文件第 2 行" in report.describe()


def test_include_duplicates_imports_them_and_still_reports_them(
    services: Services, tmp_path: Path
) -> None:
    existing(services, "上海华联超市有限公司")
    file = write_xlsx(
        tmp_path / "i.xlsx", [["客户名称"], ["上海华联超市有限公司"], ["上海华联超市有限公司"]]
    )
    report = import_customers(services, file, include_duplicates=True)

    assert report.imported == 2 and [d.row for d in report.duplicates] == [2, 3]
    assert count(services, Customer) == 3
    assert "（已导入）" in report.describe()


# --- outbox, owner, progress -----------------------------------------------------------


def test_every_imported_row_has_its_outbox_entry_like_a_saved_customer(
    services: Services, tmp_path: Path
) -> None:
    services.customers.save(CustomerDraft(name="手工录入有限公司"))
    file = write_xlsx(
        tmp_path / "o.xlsx",
        [["客户名称", "联系人"], ["甲公司", "张三"], ["乙公司", None], ["丙公司", "李四"]],
    )
    report = import_customers(services, file)

    with services.store.reading() as s:
        entries = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)).all()
        ids = {c.name: c.id for c in s.scalars(select(Customer))}
    created = [(e.name, e.entity) for e in entries[1:]]
    assert created == [("create", "customer")] * 3 + [("create", "contact")] * 2
    assert report.imported == 3
    assert {e.row_id for e in entries[1:4]} == {ids["甲公司"], ids["乙公司"], ids["丙公司"]}
    by_hand, imported = json.loads(entries[0].patch), json.loads(entries[1].patch)
    # The same fields travel as when the customer card is saved by hand.
    assert set(imported) == set(by_hand)
    assert imported["name"] == "甲公司" and imported["owner_id"] == services.actor.user_id


def test_owner_by_username_and_unknown_owner(services: Services, tmp_path: Path) -> None:
    team = uuid7()
    rep = add_user(services, "chenjing", "陈静", team_id=team)
    file = write_xlsx(tmp_path / "w.xlsx", [["客户名称"], ["南京金陵五金机电有限公司"]])

    with pytest.raises(UserFacingError, match="nobody"):
        import_customers(services, file, owner_username="nobody")
    assert count(services, Customer) == 0
    import_customers(services, file, owner_username="chenjing")
    row = customers(services)["南京金陵五金机电有限公司"]
    assert (row.owner_id, row.team_id, row.created_by) == (rep, team, services.actor.user_id)


def test_progress_reaches_the_total(services: Services, tmp_path: Path) -> None:
    rows = [["客户名称"]] + [[f"进度测试{i}有限公司"] for i in range(450)]
    calls: list[tuple[int, int]] = []
    import_customers(
        services,
        write_xlsx(tmp_path / "p.xlsx", rows),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0] == (0, 450) and calls[-1] == (450, 450)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert count(services, Customer) == 450


@pytest.mark.parametrize("cancel_on_call", [1, 3, 4])
def test_cancel_imports_nothing(services: Services, tmp_path: Path, cancel_on_call: int) -> None:
    rows = [["客户名称"]] + [[f"取消测试{i}有限公司"] for i in range(450)]
    file = write_xlsx(tmp_path / "c.xlsx", rows)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls >= cancel_on_call  # call 4 is the last chance, after every row

    with pytest.raises(ImportCancelled):
        import_customers(services, file, cancel=cancel)
    assert count(services, Customer) == 0 and count(services, OutboxEntry) == 0


# --- files that cannot be imported -----------------------------------------------------


def _text_renamed(path: Path) -> Path:
    path.write_text("客户名称,电话\n上海华联,021-1\n", encoding="utf-8")
    return path


def _empty_workbook(path: Path) -> Path:
    openpyxl.Workbook().save(path)
    return path


def _no_name_header(path: Path) -> Path:
    return write_xlsx(path, [["电话", "地址"], ["021-58881234", "上海"]])


def _header_too_low(path: Path) -> Path:
    return write_xlsx(path, [[f"说明 {i}"] for i in range(10)] + [["客户名称"], ["甲公司"]])


def _header_only(path: Path) -> Path:
    return write_xlsx(path, [["客户名称", "电话"]])


def _zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _other_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


def _truncated(path: Path) -> Path:
    write_xlsx(path, [["客户名称"], ["甲公司"]])
    path.write_bytes(path.read_bytes()[:700])
    return path


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted(path: Path) -> Path:
    path.write_bytes(_OLE2 + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(64))
    return path


def _old_xls(path: Path) -> Path:
    path.write_bytes(_OLE2 + bytes(1024))
    return path


@pytest.mark.parametrize(
    ("make", "zh", "en"),
    [
        (_text_renamed, "不是有效的 Excel", "not a valid Excel"),
        (_empty_workbook, "是空的", "holds no data"),
        (_no_name_header, "找不到客户名称列", "No customer name column"),
        (_header_too_low, "找不到客户名称列", "first 10 rows"),
        (_header_only, "没有客户数据", "no customer rows"),
        (_zero_bytes, "0 字节", "empty"),
        (_other_zip, "不是有效的 Excel", "not a valid Excel"),
        (_truncated, "不是有效的 Excel", "not a valid Excel"),
        (_encrypted, "密码", "password-protected"),
        (_old_xls, ".xls", "97-2003"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why_and_imports_nothing(
    services: Services, tmp_path: Path, make: Any, zh: str, en: str
) -> None:
    file = make(tmp_path / "客户清单.xlsx")
    with pytest.raises(ImportFileError) as caught:
        import_customers(services, file)
    assert zh in caught.value.message_zh and en in caught.value.message_en
    assert count(services, Customer) == 0 and count(services, OutboxEntry) == 0


def test_a_missing_file_is_an_import_file_error(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="not found"):
        import_customers(services, tmp_path / "nowhere.xlsx")


def test_the_first_sheet_with_a_header_is_used(services: Services, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.append(["填写说明：每行一个客户"])
    book.create_sheet("数据").append(["客户名称"])
    book["数据"].append(["第二页客户有限公司"])
    book.save(tmp_path / "s.xlsx")
    assert import_customers(services, tmp_path / "s.xlsx").imported == 1


def test_an_absurd_amount_is_a_row_error_not_a_traceback(
    services: Services, tmp_path: Path
) -> None:
    # 10^17 yuan once reached SQLite as an integer overflow and imported nothing.
    file = write_xlsx(tmp_path / "big.xlsx", [
        ["客户名称", "信用额度", "年销售额"],
        ["大客户公司", 10**14, None],           # row 2: a whole-number cell, read as int
        ["文本公司", None, "100000000000000000"],  # row 3: a text cell
        ["浮点公司", 10**17, None],             # row 4: read back as the float 1e17
        ["正常公司", 5000, None],              # row 5: ok
    ])  # fmt: skip
    report = import_customers(services, file)
    assert report.imported == 1
    errors = {e.row: e for e in report.errors}
    assert sorted(errors) == [2, 3, 4]
    assert "信用额度" in errors[2].message_zh and "上限" in errors[2].message_zh
    assert "Annual sales" in errors[3].message_en and "limit" in errors[3].message_en
    assert customers(services)["正常公司"].credit_limit_fen == 500_000
