"""The forms' renderer on hand-made forms: what the sign-off box says in each state, in
both languages, read back from the PDF (pypdf), and the PDF's text map mended."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from crm_desktop.domain.daily import DayTotals
from crm_desktop.services.printing.forms import (
    FormBundle,
    FormHeader,
    ReportForm,
    ReportRow,
    SignOff,
    TargetLine,
)
from crm_desktop.ui.printing.form_output import write_forms_pdf
from crm_desktop.ui.printing.html_document import _mend_line

DAY = dt.date(2026, 11, 23)


def _form(lang: str, sign_off: SignOff) -> ReportForm:
    header = FormHeader("张伟", "zhang", "北京一组", DAY, "signed" if sign_off.signed else "draft",
                        "已签核" if sign_off.signed else "草稿", None,
                        dt.datetime(2026, 11, 23, 10, 0), attendance="出勤")  # fmt: skip
    row = ReportRow(1, "09:30–10:15", "华联商厦", True, "订货", "王经理", "已下订单", True,
                    123_450, 0, False, "竞品降价", "", "", "")  # fmt: skip
    target = TargetLine("sales", "销售额", True, 123_450, 100_000, 500_000, 2_000_000)
    return ReportForm(lang, header, (row,), DayTotals(1, 1, 1, 123_450, 0), 1, 1, 0,
                      (target,), 8_800, "", "客户重视交期", sign_off)  # fmt: skip


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def test_the_sign_off_box_in_each_state(qapp: QApplication, tmp_path: Path) -> None:
    tampered = SignOff(True, "李明华", dt.datetime(2026, 11, 23, 18, 0), "好",
                       "3F2A-9C01-B7E4", fingerprint_matches=False)  # fmt: skip
    draft = SignOff(False)
    out = tmp_path / "forms.pdf"
    write_forms_pdf(FormBundle("t", (_form("zh_CN", tampered), _form("en", draft))), out)
    text = _text(out)
    zh, en = text.split("Draft / not signed", 1)
    assert "已签核 · 李明华" in zh and "3F2A-9C01-B7E4" in zh
    assert "警告：报告现在的内容与签核时不一致" in zh
    assert "123.5%" in zh and "¥1,234.50" in zh  # the day's sales against its target (half-up)
    assert "Daily sales report · 每日销售报告表" in en
    assert "not signed, no fingerprint" in en and "草稿 / 未签核" in en
    assert len(PdfReader(out).pages) >= 2


def test_the_text_map_names_the_ideograph_not_the_radical() -> None:
    twins = {0x2F47: 0x65E5, 0x6236: 0x6237}  # ⽇ → 日, 戶 → 户
    assert _mend_line(b"<0001> <0003> [<6BCF> <2F47> <6236>]", twins) == (
        b"<0001> <0003> [<6BCF> <65E5> <6237>]"
    )
    assert _mend_line(b"<2F47> <2F47>", twins) == b"<2F47> <65E5>"  # a glyph id stays
    assert _mend_line(b"<0004> <0004> <6236>", twins) == b"<0004> <0004> <6237>"
    # A range of several glyphs onto consecutive codes is left alone.
    assert _mend_line(b"<0005> <0006> <2F47>", twins) == b"<0005> <0006> <2F47>"
    # A Latin face's "fi" ligature reads as its two letters.
    assert _mend_line(b"<0007> <0007> <FB01>", twins) == b"<0007> <0007> <00660069>"
