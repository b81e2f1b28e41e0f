"""An HTML document to PDF or to a printer, through Qt's own QTextDocument, QPdfWriter
and QPrinter: the account plan (ui/key_accounts/plan_pdf.py) and the plan and report
forms (forms_html.py) share it, with its small HTML builders.

Why Qt and not a PDF library: Qt is already the app's toolkit, the same document goes to
the print preview and the printer, and Qt's PDF engine embeds a subset of each font it
draws with (TrueType, /FontFile2), so the Chinese text renders on a machine with no CJK
font. The one flaw of that engine, the text a viewer copies or searches (`_glyph_twins`),
is mended in the written file with pypdf. Files are written through
config/atomic_file.py, so a failed write leaves no half file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.money import format_fen
from crm_desktop.export.errors import file_error

PAGE_WIDTH_PX = 700  # the document's text width, about an A4 page at the writer's scale
RESOLUTION = 96
MARGIN_MM = 12
# A Latin face first: a CJK face's digits and letters come out of Qt's shaping as glyphs
# its PDF text map cannot name ("2026" would copy as control characters). Then a face
# drawn for simplified Chinese on each platform, so the Chinese does not take the
# Japanese shapes of a pan-CJK font by fallback.
CJK_FIRST = "Noto Sans CJK SC"
FAMILIES = ["Segoe UI", "Helvetica Neue", "DejaVu Sans", "Arial", CJK_FIRST,
            "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
            "WenQuanYi Micro Hei"]  # fmt: skip


def e(value: object) -> str:
    """Text as HTML: escaped, line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br>")


def money(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen, symbol=False)


def table(headers: list[str], rows: Sequence[Sequence[object]], attributes: str = "") -> str:
    """A table with a header row; `attributes` go on the <table> tag (e.g. a width)."""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    opening = f"<table {attributes}>" if attributes else "<table>"
    # <thead>: Qt repeats the header row on each page a long table runs over.
    return f"{opening}<thead><tr>{head}</tr></thead>{body}</table>"


def fields(rows: list[tuple[str, object]]) -> str:
    return (
        "<table>"
        + "".join(f"<tr><th class='label'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
        + "</table>"
    )


def document(html: str, prepare: Callable[[QTextDocument], None] | None = None) -> QTextDocument:
    """The document of `html` in the print face; `prepare` adds resources (images) first."""
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    if prepare is not None:
        prepare(doc)
    doc.setHtml(html)
    return doc


def lay_out(doc: QTextDocument, device: QPdfWriter | QPrinter) -> None:
    """Size the document's pages to the device's printable area, its text measured at
    the device's resolution (a printer's 600 dpi would otherwise draw 96-dpi text tiny)."""
    doc.documentLayout().setPaintDevice(device)
    layout = device.pageLayout().paintRectPixels(device.resolution())
    doc.setPageSize(QSizeF(layout.width(), layout.height()))


def set_page(device: QPagedPaintDevice, landscape: bool) -> None:
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    device.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )


def write_pdf(doc: QTextDocument, path: Path, title: str, *, landscape: bool = False) -> Path:
    """Write `doc` to `path` as A4 PDF (replacing it); needs a QGuiApplication."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            writer = QPdfWriter(str(temporary))
            set_page(writer, landscape)
            writer.setResolution(RESOLUTION)
            writer.setTitle(title)
            writer.setCreator("CRM Desktop")
            lay_out(doc, writer)
            doc.print_(writer)
            del writer  # the file is complete once the writer is gone
            _mend_to_unicode(Path(temporary), doc.toPlainText())
    except OSError as error:
        raise file_error(error, path) from error
    return path


_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
LIGATURES = (0xFB00, 0xFB06)  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
CJK_START = 0x2E80  # the radicals, then the ideographs and the rest of East Asian text


def _glyph_twins(text: str, named: set[int]) -> dict[int, int]:
    """For each code point of `named` that `text` does not hold but the CJK face draws
    with the glyph of a character of `text`, that character: ⽇ U+2F47 → 日, 戶 → 户.

    Qt writes each embedded glyph's text as the lowest code point the font maps to it,
    so a viewer's search or copy found "每⽇" where "每日" was printed. The document's
    own text says which character was meant."""
    used = {c for c in set(text) if ord(c) >= CJK_START}
    strangers = sorted(chr(c) for c in named if c >= CJK_START and chr(c) not in used)
    if not strangers:
        return {}
    font = QFont()
    font.setFamilies(FAMILIES[FAMILIES.index(CJK_FIRST) :])
    raw = QRawFont.fromFont(font, QFontDatabase.WritingSystem.SimplifiedChinese)
    if not raw.isValid():
        return {}
    ours = sorted(used)
    by_glyph: dict[int, int] = {}
    # One call per list: these characters are all in the Basic Multilingual Plane, one
    # glyph index each.
    for char, glyph in zip(ours, raw.glyphIndexesForString("".join(ours)), strict=False):
        if glyph:
            by_glyph.setdefault(glyph, ord(char))
    glyphs = raw.glyphIndexesForString("".join(strangers))
    return {
        ord(char): by_glyph[glyph]
        for char, glyph in zip(strangers, glyphs, strict=False)
        if glyph in by_glyph
    }


def _mend_to_unicode(path: Path, text: str) -> None:
    """Rewrite the PDF's ToUnicode maps (pypdf, in place) so its text reads as the
    characters drawn (`_glyph_twins`); a file that needs nothing is left as it is."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    reader = PdfReader(str(path))
    streams: list[tuple[StreamObject, bytes]] = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            cmap = font.get_object().get(NameObject("/ToUnicode"))
            if cmap is None:
                continue
            stream = cmap.get_object()
            assert isinstance(stream, StreamObject)
            streams.append((stream, stream.get_data()))
    named = {int(code, 16) for _, data in streams for code in _HEX.findall(data)}
    twins = _glyph_twins(text, named)
    changed = False
    for stream, data in streams:
        fixed = b"\n".join(_mend_line(line, twins) for line in data.split(b"\n"))
        if fixed != data:
            stream.set_data(fixed)
            changed = True
    if changed:
        writer = PdfWriter(clone_from=reader)
        with open(path, "wb") as out:
            writer.write(out)


def _mend_line(line: bytes, twins: dict[int, int]) -> bytes:
    """One line of a ToUnicode CMap with its destinations mended (radicals and glyph
    twins to the characters drawn, Latin ligatures to their letters): every code in a
    bfrange's array "<first> <last> [<code> …]", or the code of a one-glyph entry
    ("<glyph> <code>", "<glyph> <glyph> <code>"). Glyph ids (the sources) stay."""

    def mend(match: re.Match[bytes]) -> bytes:
        found = int(match.group(1), 16)
        if LIGATURES[0] <= found <= LIGATURES[1]:
            # A Latin face's "fi" ligature glyph: the letters it stands for.
            letters = unicodedata.normalize("NFKC", chr(found))
            return ("<" + "".join(f"{ord(c):04X}" for c in letters) + ">").encode()
        code = twins.get(found)
        return match.group(0) if code is None else f"<{code:04X}>".encode()

    if b"[" in line:
        head, _, rest = line.partition(b"[")
        return head + b"[" + _HEX.sub(mend, rest)
    codes = _HEX.findall(line)
    if len(codes) == 2 or (len(codes) == 3 and codes[0] == codes[1]):
        cut = line.rindex(b"<")
        return line[:cut] + _HEX.sub(mend, line[cut:])
    return line
