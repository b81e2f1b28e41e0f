"""`crm-desktop print` on the demo team: the PDF read back (its text extracted with pypdf,
its fonts embedded), a rep's week and a team's day as one PDF, and clean bilingual
refusals. The first test runs the real command in a subprocess; the others call the same
`main()` in this process, which is much cheaper on a loaded CI machine."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from crm_desktop.cli import main

pytestmark = pytest.mark.slow

FINGERPRINT = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=240, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print") / "data"
    result = run("demo", "--data-dir", folder, "--customers", "60")
    assert result.returncode == 0, result.stderr
    return folder


def call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """`crm-desktop ARGS` in this process: (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def query(folder: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(folder / "crm.sqlite3") as db:
        return db.execute(sql, params).fetchall()


def text_of(path: Path) -> str:
    """The PDF's text, each run of white space one space (pypdf puts tabs and line
    breaks between the runs Qt draws one by one)."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def embedded_fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font, whether its glyphs are embedded) of every font the pages use."""
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for part in descendants:
                descriptor = part.get_object()["/FontDescriptor"].get_object()
                embedded = "/FontFile2" in descriptor or "/FontFile3" in descriptor
                found.append((str(font["/BaseFont"]), embedded))
    return found


def test_a_signed_report_prints_with_its_sign_off_and_fingerprint(
    demo_dir: Path, tmp_path: Path
) -> None:
    username, day, name, comment = query(
        demo_dir,
        "select u.username, r.report_date, u.display_name, r.review_comment"
        " from daily_reports r join users u on u.id = r.owner_id"
        " where r.status = 'signed' and r.review_comment is not null"
        " order by r.report_date desc limit 1",
    )[0]
    out = tmp_path / "report.pdf"
    result = run("print", "--data-dir", demo_dir, "--kind", "report", "--rep", username,
                 "--date", day, "-o", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "每日销售报告表" in result.stdout
    text = text_of(out)
    for expected in ("每日销售报告表", str(name), str(day), "李明华", str(comment), "签核指纹",
                     "当日合计", "今日拜访心得"):  # fmt: skip
        assert expected in text
    assert FINGERPRINT.search(text)
    assert "未签核" not in text
    fonts = embedded_fonts(out)
    assert any("CJK" in base for base, _ in fonts)
    assert all(embedded for _, embedded in fonts), fonts


def test_a_reps_week_and_a_teams_day_are_one_pdf_each(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A day of last week, so the week printed is a whole one.
    (day,) = query(demo_dir, "select date(max(plan_date), '-7 days') from visit_plans")[0]
    rows = query(
        demo_dir,
        "select u.username, u.display_name, count(*) from visit_plans p"
        " join users u on u.id = p.owner_id where p.plan_date = ? and p.deleted = 0"
        " group by u.username order by u.username",
        day,
    )
    username, name, _ = rows[0]
    week = tmp_path / "week.pdf"
    code, out, err = call(capsys, "print", "--data-dir", demo_dir, "--kind", "plan",
                          "--rep", username, "--date", day, "--week", "-o", week,
                          "--lang", "en")  # fmt: skip
    assert code == 0, err
    text = text_of(week)
    picked = dt.date.fromisoformat(str(day))
    monday = picked - dt.timedelta(days=picked.weekday())
    (planned,) = query(
        demo_dir,
        "select count(*) from visit_plans p join users u on u.id = p.owner_id"
        " where u.username = ? and p.deleted = 0 and p.plan_date between ? and ?",
        username, monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(),
    )[0]  # fmt: skip
    # The week of `day`: one form per day with a plan, each from a new page.
    assert f": {planned} form(s) written to" in out
    assert text.count("Daily visit plan · 每日拜访计划表") == planned
    assert str(name) in text and "Countersigned · 李明华" in text
    assert len(PdfReader(week).pages) >= planned

    team = tmp_path / "team.pdf"
    code, out, err = call(capsys, "print", "--data-dir", demo_dir, "--kind", "plan", "--team",
                          "华东办事处", "--date", day, "-o", team)  # fmt: skip
    assert code == 0, err
    assert f"（{len(rows)} 份表单）" in out
    text = text_of(team)
    # One form per rep with a plan that day, each starting on its own page.
    assert text.count("每日拜访计划表") == len(rows)
    assert len(PdfReader(team).pages) >= len(rows)
    for _, rep_name, _ in rows:
        assert str(rep_name) in text


def test_refusals_are_bilingual_and_leave_no_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.pdf"
    base = ("print", "--data-dir", demo_dir)
    code, _, err = call(capsys, *base, "--kind", "plan", "--rep", "nobody", "--date",
                        "2026-11-23", "-o", out)  # fmt: skip
    assert code == 2 and "找不到用户“nobody”" in err
    code, _, err = call(capsys, *base, "--kind", "report", "--rep", "zhangwei", "--date",
                        "2001-01-01", "-o", out, "--lang", "en")  # fmt: skip
    assert code == 2 and "张伟: no sales report to print for 2001-01-01" in err
    code, _, err = call(capsys, *base, "--kind", "plan", "--date", "2026-11-23", "-o",
                        tmp_path / "plan.xlsx")  # fmt: skip
    assert code == 2 and "请选择以 .pdf 结尾的文件名" in err
    code, _, err = call(capsys, *base, "--kind", "plan", "--date", "23/11/2026", "-o", out)
    assert code == 2 and "请按 2026-11-23 的格式填写" in err
    assert not out.exists()
