"""What `crm-desktop print` checks and says: the day and the file name are refused before
the store is opened, and the result names what was printed and what had nothing to print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.printing.forms import FormBundle


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValidationError(
            f"日期“{text}”无效，请按 2026-11-23 的格式填写",
            f"“{text}” is not a date; write it as 2026-11-23",
            "date",
        ) from error


def check_pdf(path: Path) -> None:
    if Path(path).suffix.lower() != ".pdf":
        raise ValidationError(
            "请选择以 .pdf 结尾的文件名，例如“日报.pdf”",
            "Choose a file name ending in .pdf, e.g. “report.pdf”",
            "output",
        )


def say_printed(bundle: FormBundle, output: str, lang: str) -> str:
    count = len(bundle.forms)
    if lang.startswith("en"):
        text = f"{bundle.title}: {count} form(s) written to {output}"
        if bundle.missing:
            text += "\nNothing to print for: " + ", ".join(bundle.missing)
        return text
    text = f"已导出 {bundle.title}（{count} 份表单）：{output}"
    if bundle.missing:
        text += "\n没有可打印的：" + "、".join(bundle.missing)
    return text
