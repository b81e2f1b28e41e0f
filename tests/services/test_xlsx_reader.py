"""The fast worksheet reader gives exactly what openpyxl's read-only mode gives."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from crm_desktop.services.container import Services
from crm_desktop.services.importing import customer_import_sheet
from crm_desktop.services.importing.customer_import import import_customers
from crm_desktop.services.importing.xlsx_reader import FastWorkbook


def sample(path: Path, *, epoch_1904: bool = False) -> Path:
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.title = "客户"
    sheet.append(["客户名称", "数量", "金额", "是否", "日期", "时间", "公式"])
    sheet.append(["上海华联超市有限公司", 42, 1234.5, True, dt.datetime(2026, 3, 1, 9, 30),
                  dt.date(2025, 12, 31), "=B2*2"])  # fmt: skip
    sheet.append(["  前后空格  ", -7, 1e20, False, None, dt.time(14, 5), None])
    sheet["A5"] = CellRichText(["富", TextBlock(InlineFont(b=True), "文本")])
    sheet["D5"] = 13800138000
    sheet["G7"] = "跳过的行与列"
    book.create_sheet("第二页").append(["名称", 1])
    book.save(path)
    return path


def to_shared_strings(source: Path, target: Path) -> Path:
    """The same workbook with a shared-string table, as Excel writes it."""
    strings: dict[str, int] = {}

    def share(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(2), len(strings))
        return f'<c r="{match.group(1)}" t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>',
                              share, data.decode()).encode()  # fmt: skip
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                    b'sharedStrings+xml"/></Types>')  # fmt: skip
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http:'
                    b'//schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')  # fmt: skip
            new.writestr(item, data)
        phonetic = '<rPh sb="0" eb="1"><t>ふりがな</t></rPh>'  # a reading aid, not text
        items = "".join(f"<si><r><t>{s}</t></r>{phonetic}</si>" for s in strings)
        new.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/'
                     f'spreadsheetml/2006/main">{items}</sst>')  # fmt: skip
    return target


def openpyxl_rows(path: Path) -> list[list[tuple[int, tuple[Any, ...]]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = []
    for sheet in book.worksheets:
        sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        sheets.append([(n, tuple(cells)) for n, cells in rows if cells])
    book.close()
    return sheets


def fast_rows(path: Path) -> list[list[tuple[int, tuple[Any, ...]]]]:
    with zipfile.ZipFile(path) as archive:
        book = FastWorkbook(archive)
        return [[row for row in book.rows(part) if row[1]] for _, part in book.sheets]


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_same_values_as_openpyxl_inline_strings(tmp_path: Path, epoch_1904: bool) -> None:
    path = sample(tmp_path / "a.xlsx", epoch_1904=epoch_1904)
    expected = openpyxl_rows(path)
    assert fast_rows(path) == expected
    assert expected[0][1][1][4] == dt.datetime(2026, 3, 1, 9, 30)  # dates are dates


def test_same_values_as_openpyxl_shared_strings(tmp_path: Path) -> None:
    path = to_shared_strings(sample(tmp_path / "a.xlsx"), tmp_path / "shared.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    expected = openpyxl_rows(path)
    assert fast_rows(path) == expected
    assert expected[0][0][1][0] == "客户名称"  # phonetic runs are not part of the text


def test_sheet_names_in_workbook_order(tmp_path: Path) -> None:
    with zipfile.ZipFile(sample(tmp_path / "a.xlsx")) as archive:
        assert [name for name, _ in FastWorkbook(archive).sheets] == ["客户", "第二页"]


def test_openpyxl_reads_what_the_fast_reader_gives_up_on(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def __init__(self, _archive: zipfile.ZipFile) -> None:
            raise KeyError("something unexpected")

    path = tmp_path / "c.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["客户名称", "信用额度"])
    sheet.append(["杭州西湖茶业有限公司", 50000])
    book.save(path)
    monkeypatch.setattr(customer_import_sheet, "FastWorkbook", Broken)
    report = import_customers(services, path)
    assert report.imported == 1 and not report.errors
