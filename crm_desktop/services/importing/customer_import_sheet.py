"""Reading a customer sheet: the .xlsx file, its header row, and each row's cells.

Headers are matched by text, in Chinese or English, ignoring case, spacing and
full-width forms; cells become customer and contact drafts, and what cannot be read
becomes a per-row problem rather than an exception. A file that cannot be read at all
raises ImportFileError naming the reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from crm_desktop.domain import picklists as pl
from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.money import check_amount, parse_yuan
from crm_desktop.services.importing.xlsx_reader import FastWorkbook

log = logging.getLogger(__name__)

HEADER_ROWS_SEARCHED = 10


class ImportFileError(UserFacingError):
    """The file as a whole cannot be imported; the message names the problem."""


# --- columns and cells ---------------------------------------------------------------

# Field → the header texts people write, "|"-separated, compared after _header_key.
_HEADERS = {
    "name": "客户名称|名称|公司名称|单位名称|企业名称|客户|name|customer name|customer|company",
    "short_name": "简称|客户简称|short name",
    "customer_type": "类型|客户类型|type|customer type",
    "status": "状态|客户状态|status",
    "loss_reason": "流失原因|loss reason",
    "industry": "行业|所属行业|industry",
    "region": "区域|地区|region",
    "territory": "片区|territory",
    "address": "地址|详细地址|address",
    "phone": "电话|联系电话|公司电话|座机|phone|tel|telephone",
    "tax_id": "税号|纳税人识别号|统一社会信用代码|tax id|tax number",
    "source": "来源|客户来源|source",
    "credit_limit_fen": "信用额度|credit limit",
    "payment_terms": "付款条件|付款方式|payment terms",
    "annual_sales_fen": "年销售额|annual sales",
    "headcount": "员工人数|人数|headcount|employees",
    "is_key_account": "重点客户|key account",
    "notes": "备注|notes|note|remarks",
    "competitors": "竞争对手|competitors|competitor",
    "incumbent_supplier": "现供应商|incumbent supplier|current supplier",
    "contact_name": "联系人|联系人姓名|contact|contact name",
    "contact_title": "职务|职位|title|job title",
    "contact_mobile": "手机|手机号|手机号码|mobile|cell phone",
    "contact_email": "邮箱|电子邮箱|email",
}
# "(元)" names the unit amounts are read in anyway; "(万元)" is deliberately left in, so
# such a column is reported as ignored instead of being read 10,000 times too small.
_UNIT = re.compile(r"\((?:元|人民币|yuan|rmb|cny|¥)\)")


def _header_key(text: object) -> str:
    folded = _UNIT.sub("", unicodedata.normalize("NFKC", str(text)).casefold())
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "*:_-.")


_FIELD_BY_HEADER = {_header_key(h): f for f, texts in _HEADERS.items() for h in texts.split("|")}


def map_columns(cells: Sequence[Any]) -> tuple[dict[str, int], list[str]] | None:
    """Field → column index of a header row, and the headers not understood; None when
    the row has no customer name column (then it is not the header row)."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, value in enumerate(cells):
        if value is None or not str(value).strip():
            continue
        name = _FIELD_BY_HEADER.get(_header_key(value))
        if name is None or name in columns:
            ignored.append(str(value).strip())
        else:
            columns[name] = index
    return (columns, ignored) if "name" in columns else None


def _text(value: object) -> str | None:
    """A cell as trimmed text, None when blank."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell: 13800138000.0
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def _code(kind: type[pl.Picklist], value: object) -> str | None:
    text = _text(value)
    return None if text is None else _label_code(kind, text)


@lru_cache(maxsize=1024)  # a column holds a handful of distinct labels, 10,000 times
def _label_code(kind: type[pl.Picklist], text: str) -> str:
    """The code for a code, a label or an unambiguous start of a label ("潜在"); other
    text is returned as typed, for the validation to report it."""
    text = unicodedata.normalize("NFKC", text)
    with suppress(ValueError):
        return kind.from_label(text).value
    needle = text.casefold()
    hits = [m for m in kind if m.zh.startswith(needle) or m.en.casefold().startswith(needle)]
    return hits[0].value if len(needle) >= 2 and len(hits) == 1 else text


def _money(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        # The domain's money rule: a number cell of 10^17 would overflow SQLite's integer.
        return check_amount(value * 100, allow_negative=True)
    text = _text(value)
    return None if text is None else parse_yuan(text)


def _count(value: object) -> int | None:
    text = _text(value)
    digits = unicodedata.normalize("NFKC", text or "").replace(",", "")
    if text is not None and not (digits.isascii() and digits.isdigit()):
        raise ValidationError(f"“{text}”不是整数", f"{text!r} is not a whole number")
    return int(digits) if digits else None


_YES = {"是", "yes", "y", "1", "√", "✓", "true", "t"}
_NO = {"否", "no", "n", "0", "×", "false", "f", "-", ""}


def _flag(value: object) -> bool:
    text = _text(value)
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    if folded not in _YES and folded not in _NO:
        raise ValidationError(f"“{text}”应为“是”或“否”", f"{text!r} should be yes or no")
    return folded in _YES


_TEXT_FIELDS = "short_name industry region territory address phone tax_id notes competitors "
_TEXT_FIELDS += "incumbent_supplier"
_PICKLISTS: dict[str, type[pl.Picklist]] = {
    "customer_type": pl.CustomerType,
    "status": pl.CustomerStatus,
    "loss_reason": pl.LossReason,
    "source": pl.CustomerSource,
    "payment_terms": pl.PaymentTerms,
}
_CONVERTED: dict[str, tuple[Callable[[object], object], str, str]] = {
    "credit_limit_fen": (_money, "信用额度", "Credit limit"),
    "annual_sales_fen": (_money, "年销售额", "Annual sales"),
    "headcount": (_count, "员工人数", "Headcount"),
    "is_key_account": (_flag, "重点客户", "Key account"),
}
_CONTACT = {"contact_name": "name", "contact_title": "title", "contact_mobile": "mobile"}
_CONTACT["contact_email"] = "email"


@dataclass(frozen=True)
class ParsedRow:
    """One data row as drafts, before the domain's validation."""

    customer: CustomerDraft
    contact: ContactDraft | None
    problems: list[tuple[str, str]]  # (zh, en) for cells that could not be read


def parse_row(cells: Sequence[Any], columns: dict[str, int], owner_id: str) -> ParsedRow:
    """Drafts from one data row; unreadable cells become problems, not exceptions."""

    width = len(cells)
    cell = {name: cells[index] for name, index in columns.items() if index < width}.get
    values: dict[str, Any] = {"owner_id": owner_id, "name": _text(cell("name")) or ""}
    values.update({name: _text(cell(name)) for name in _TEXT_FIELDS.split()})
    problems: list[tuple[str, str]] = []
    for name, kind in _PICKLISTS.items():
        code = _code(kind, cell(name))
        if code is not None:  # a blank type or status keeps the draft's default
            values[name] = code
    for name, (convert, zh, en) in _CONVERTED.items():
        try:
            values[name] = convert(cell(name))
        except ValidationError as error:
            problems.append((f"{zh}：{error.message_zh}", f"{en}: {error.message_en}"))
    contact: dict[str, Any] = {key: _text(cell(column)) for column, key in _CONTACT.items()}
    draft = None
    if any(contact.values()):
        draft = ContactDraft(customer_id="", **{**contact, "name": contact["name"] or ""})
    # No .cleaned(): _text already trims every text and turns blanks into None.
    return ParsedRow(CustomerDraft(**values), draft, problems)


# --- reading the file ----------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls, or an encrypted .xlsx
# A damaged zip or sheet surfaces from openpyxl as any of these, depending on the damage.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
_XML_ERRORS = (ParseError, KeyError, ValueError, TypeError, IndexError, AttributeError)


def _not_xlsx(name: str) -> ImportFileError:
    return ImportFileError(
        f"文件“{name}”不是有效的 Excel（.xlsx）文件，可能已损坏或只是改了扩展名。"
        "请用 Excel 打开后另存为 .xlsx 再导入。",
        f"{name} is not a valid Excel (.xlsx) file; it may be damaged or merely renamed. "
        "Open it in Excel, save it as .xlsx and import it again.",
    )


def _sniff(path: Path) -> None:
    """Refuse what is not an .xlsx by its first bytes, naming the likely reason."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件“{path}”。", f"File not found: {path}") from None
    except OSError as error:
        raise ImportFileError(
            f"无法读取文件“{name}”：{error.strerror}", f"Cannot read {name}: {error.strerror}"
        ) from error
    if not head:
        raise ImportFileError(f"文件“{name}”是空的（0 字节）。", f"{name} is empty (0 bytes).")
    # An encrypted .xlsx is an OLE2 container with an "EncryptionInfo" stream.
    if head == _OLE2 and "EncryptionInfo".encode("utf-16-le") in path.read_bytes():
        raise ImportFileError(
            f"文件“{name}”设置了打开密码，无法读取。请在 Excel 中取消密码，另存后再导入。",
            f"{name} is password-protected. Remove the password in Excel, save it and "
            "import it again.",
        )
    if head == _OLE2:
        raise ImportFileError(
            f"文件“{name}”是旧版 Excel 97-2003（.xls）格式。请在 Excel 中另存为 .xlsx 再导入。",
            f"{name} is in the old Excel 97-2003 (.xls) format. Save it as .xlsx in Excel "
            "and import it again.",
        )
    if head[:4] != b"PK\x03\x04":
        raise _not_xlsx(name)


@contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    from openpyxl import load_workbook  # heavy; only the import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    with path.open("rb") as handle:
        try:  # a handle, not the path, so openpyxl does not judge the file by its name
            book = load_workbook(handle, read_only=True, data_only=True)
        except (InvalidFileException, *_ZIP_ERRORS, *_XML_ERRORS) as error:
            raise _not_xlsx(path.name) from error
        try:
            yield book
        finally:
            book.close()


def _sheet_rows(worksheet: Any, name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, cells); openpyxl's errors on a damaged sheet become ours."""
    try:
        worksheet.reset_dimensions()  # some writers record wrong sizes: read what is there
        for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, tuple(cells)
    except (*_ZIP_ERRORS, *_XML_ERRORS) as error:
        raise _not_xlsx(name) from error


def _blank(cells: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


@dataclass
class Sheet:
    """The worksheet to import: its columns by field, and its non-blank data rows."""

    columns: dict[str, int]
    ignored: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, cells); no blank rows


def _scan(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> tuple[Sheet | None, bool]:
    """The header and data rows of a sheet, else None and whether the sheet held data."""
    seen_data = False
    for number, cells in rows:
        if number > HEADER_ROWS_SEARCHED:
            break
        seen_data = seen_data or not _blank(cells)
        mapped = map_columns(cells)
        if mapped is not None:
            data = [(n, row) for n, row in rows if not _blank(row)]
            return Sheet(*mapped, data), True
    return None, seen_data


def _fast_scan(path: Path) -> Sheet | None:
    """The sheet as the fast reader finds it, or None to let openpyxl decide."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = FastWorkbook(archive)
            for _name, part in book.sheets:
                sheet, _seen = _scan(iter(book.rows(part)))
                if sheet is not None:
                    return sheet
    except Exception:  # any surprise at all: openpyxl, the reference, reads the file
        log.info("fast reader gave up on %s; reading it with openpyxl", path, exc_info=True)
    return None


def _openpyxl_scan(path: Path) -> Sheet:
    """The first worksheet with a recognised header, read by openpyxl, or the reason why
    there is none as an ImportFileError."""
    name, sheet, seen_data = path.name, None, False
    with _workbook(path) as book:
        if not book.worksheets:
            raise ImportFileError(f"文件“{name}”中没有工作表。", f"{name} has no worksheet.")
        for worksheet in book.worksheets:
            sheet, seen = _scan(_sheet_rows(worksheet, name))
            seen_data = seen_data or seen
            if sheet is not None:
                return sheet
    if not seen_data:
        raise ImportFileError(f"文件“{name}”是空的，没有任何数据。", f"{name} holds no data.")
    raise ImportFileError(
        f"文件“{name}”前 {HEADER_ROWS_SEARCHED} 行中找不到客户名称列：表头应有“客户名称”"
        "（或“名称”“公司名称”“Name”“Customer name”）一列。",
        f"No customer name column in the first {HEADER_ROWS_SEARCHED} rows of {name}: "
        'the header needs a "客户名称" (or "名称", "Name", "Customer name") column.',
    )


def read_sheet(path: Path) -> Sheet:
    """The first worksheet with a recognised header; ImportFileError if there is none.

    The fast reader does the common case in a third of openpyxl's time; whatever it does
    not find, openpyxl (read-only, data-only) reads again and explains.
    """
    _sniff(path)
    sheet = _fast_scan(path) or _openpyxl_scan(path)
    if not sheet.rows:
        raise ImportFileError(
            f"文件“{path.name}”只有表头，没有客户数据。",
            f"{path.name} has a header but no customer rows.",
        )
    return sheet
