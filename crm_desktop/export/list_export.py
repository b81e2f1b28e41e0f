"""Stream a list (customers, visits, opportunities) into a one-sheet .xlsx, row by row.

XlsxWriter in constant-memory mode writes each row to disk as it is written, so memory
stays flat however many rows come from the iterator. (openpyxl's write-only mode does the
same but builds an XML element per cell without lxml: 100,000 visit rows took about a
minute, against the 30 s the list export must fit in; openpyxl only reads the files
back, in the tests and the customer import.)

The sheet is a plain table a person can filter: styled header, frozen header row,
autofilter, money as ¥ numbers (exact yuan from fen), dates as real dates, column widths
fitted to the header and the first rows.

The workbook is written through config/atomic_file.py: a hidden temporary file in the
target folder, renamed over the target only when complete, so an error or a cancel never
leaves a half-written file (or clobbers an older export of the same name).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any, cast

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.money import fen_to_decimal

# ExportFileError is re-exported for the services and dialogs that import the writer.
from crm_desktop.export.errors import ExportCancelled, file_error
from crm_desktop.export.errors import ExportFileError as ExportFileError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MONEY_FORMAT = '"¥"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
CHUNK = 500  # rows between progress reports and cancel checks
SAMPLE_ROWS = 200  # rows looked at (and held) to fit the column widths
# The export runs on a worker thread of the GUI. Writing cells is pure Python and kept the
# interpreter lock: the GUI thread got it only every 110 ms (p99) while 20,000 rows were
# written. Giving it up every 10 rows brought that to 9 ms at the same speed.
YIELD_EVERY = 10
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
EXCEL_TEXT_LIMIT = 32_767
HEADER_COLOR, HEADER_LINE = "2F6FDE", "1F4FA8"  # the app's blue accent
# Characters XML 1.0 (and so a cell) cannot hold: C0 controls but tab, newline and
# carriage return.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


class ColumnKind(StrEnum):
    TEXT = "text"
    MONEY = "money"  # values are integer fen; written as yuan with the ¥ format
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class ExportColumn:
    header: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True)
class SheetSpec:
    title: str  # the sheet tab (Excel allows 31 characters)
    columns: Sequence[ExportColumn]


def display_width(text: str) -> float:
    """Width in Excel's character units: CJK and full-width characters take two."""
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text))


def _sample_width(kind: ColumnKind, value: object) -> float:
    if value is None:
        return 0.0
    if kind is ColumnKind.MONEY:
        return display_width(f"¥{int(str(value)) / 100:,.2f}")
    if kind is ColumnKind.DATE:
        return 10.0
    return display_width(str(value).split("\n", 1)[0])


def column_widths(spec: SheetSpec, sample: Sequence[Sequence[object]]) -> list[float]:
    """Fit each column to its header and the sampled rows, within sensible bounds."""
    widths = []
    for index, column in enumerate(spec.columns):
        needed = display_width(column.header) + 4  # room for the autofilter arrow
        for row in sample:
            needed = max(needed, _sample_width(column.kind, row[index]) + 2)
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, needed)))
    return widths


def _text(value: str) -> str:
    # XML cannot carry control characters, and Excel cuts cells at 32,767 characters.
    return _ILLEGAL.sub("", value)[:EXCEL_TEXT_LIMIT]


def _checked(kinds: Sequence[ColumnKind], row: Sequence[object]) -> Sequence[object]:
    """The row, after checking that money is integer fen and dates are dates."""
    for kind, value in zip(kinds, row, strict=True):
        if value is None:
            continue
        if kind is ColumnKind.MONEY and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"money must be integer fen, not {value!r}")
        if kind is ColumnKind.DATE and (
            isinstance(value, dt.datetime) or not isinstance(value, dt.date)
        ):
            raise TypeError(f"a date column takes dates, not {value!r}")
    return row


def write_list(
    target: Path,
    spec: SheetSpec,
    rows: Iterable[Sequence[object]],
    *,
    total: int,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> int:
    """Write `rows` (plain values in `spec.columns` order; money as int fen) to `target`.

    Returns the number of data rows. Raises ExportCancelled when `cancel()` turns true
    and ExportFileError when the file cannot be written; in both cases nothing is left
    behind and an existing `target` is untouched. `total` is only for the progress.
    """
    report = progress or (lambda _done, _total: None)
    stopped = cancel or (lambda: False)
    target = Path(target)
    # Imported here, on the first export, not at every start of the app (the customer
    # page imports this module).
    import xlsxwriter

    try:
        # The rows stream into XlsxWriter's scratch files, kept in a folder of our own so
        # a cancel or an error removes them too (close() would assemble a file first).
        with (
            atomic_target(target) as temporary,
            tempfile.TemporaryDirectory(
                prefix="crm-export-", ignore_cleanup_errors=True
            ) as scratch,
        ):
            book = xlsxwriter.Workbook(
                str(temporary),
                {
                    "constant_memory": True,  # rows go to a scratch file as they are written
                    "tmpdir": scratch,
                    "strings_to_formulas": False,  # a name starting with "=" stays text
                    "strings_to_numbers": False,
                    "strings_to_urls": False,
                },
            )
            try:
                written = _fill(book, spec, iter(rows), total, report, stopped)
                book.close()  # assembles the .xlsx into the temporary file
            finally:
                del book  # its scratch file handles, before the folder goes
    except OSError as error:
        raise file_error(error, target) from error
    report(written, written)
    return written


def _fill(
    book: Any,
    spec: SheetSpec,
    rows: Iterator[Sequence[object]],
    total: int,
    report: Progress,
    stopped: Cancelled,
) -> int:
    sheet = book.add_worksheet(spec.title[:31])
    header = book.add_format(
        {"bold": True, "font_color": "#FFFFFF", "bg_color": f"#{HEADER_COLOR}",
         "bottom": 1, "bottom_color": f"#{HEADER_LINE}", "align": "center",
         "valign": "vcenter"}
    )  # fmt: skip
    formats = {
        ColumnKind.MONEY: book.add_format({"num_format": MONEY_FORMAT}),
        ColumnKind.DATE: book.add_format({"num_format": DATE_FORMAT}),
    }
    kinds = [column.kind for column in spec.columns]
    # Widths are fitted to the first rows, which are held briefly for it.
    sample = list(islice(rows, SAMPLE_ROWS))
    for index, width in enumerate(column_widths(spec, sample)):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_row(0, 22)
    sheet.write_row(0, 0, [column.header for column in spec.columns], header)
    written = 0
    report(0, total)
    for row in _chain(sample, rows):
        if written % CHUNK == 0:
            if stopped():
                raise ExportCancelled()
            if written:
                report(written, max(total, written))
        written += 1
        if written % YIELD_EVERY == 0:
            time.sleep(0)  # let the GUI thread take the GIL (see YIELD_EVERY)
        _write_row(sheet, written, kinds, _checked(kinds, row), formats)
    if stopped():
        raise ExportCancelled()
    # The filter's range is the real one, known only now.
    sheet.autofilter(0, 0, written, len(spec.columns) - 1)
    return written


def _write_row(
    sheet: Any,
    number: int,
    kinds: Sequence[ColumnKind],
    row: Sequence[object],
    formats: dict[ColumnKind, Any],
) -> None:
    for column, (kind, value) in enumerate(zip(kinds, row, strict=True)):
        if value is None:
            continue
        if kind is ColumnKind.MONEY:
            yuan = fen_to_decimal(cast(int, value))
            sheet.write_number(number, column, float(yuan), formats[kind])
        elif kind is ColumnKind.DATE:
            sheet.write_datetime(number, column, value, formats[kind])
        elif isinstance(value, bool):
            sheet.write_boolean(number, column, value)
        elif isinstance(value, int | float | Decimal):
            sheet.write_number(number, column, float(value))
        else:
            sheet.write_string(number, column, _text(str(value)))


def _chain(
    first: list[Sequence[object]], rest: Iterator[Sequence[object]]
) -> Iterator[Sequence[object]]:
    while first:  # hand the sample over without keeping it alive
        yield first.pop(0)
    yield from rest
