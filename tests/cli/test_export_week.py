"""`crm-desktop export-week` in a subprocess: the file, the scope, and clean refusals."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.slow


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=240, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("week") / "data"
    result = run("demo", "--data-dir", folder, "--customers", "60")
    assert result.returncode == 0, result.stderr
    return folder


def last_week() -> str:
    year, week, _ = (dt.date.today() - dt.timedelta(days=7)).isocalendar()
    return f"{year}-W{week:02d}"


def test_team_and_rep_summaries_are_written(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "team.xlsx"
    result = run("export-week", "--data-dir", demo_dir, "--week", last_week(), "-o", out)
    assert result.returncode == 0, result.stderr
    assert "华东办事处" in result.stdout and "5 名销售员" in result.stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["汇总 Summary", "刘洋"] and len(book.sheetnames) == 15
    assert last_week() in book["汇总 Summary"]["A1"].value

    one = tmp_path / "one.xlsx"
    result = run("export-week", "--data-dir", demo_dir, "--week", last_week(), "--rep",
                 "zhangwei", "-o", one, "--lang", "en")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1 reps" in result.stdout
    assert openpyxl.load_workbook(one).sheetnames[1] == "张伟"

    by_team = tmp_path / "by-team.xlsx"
    result = run("export-week", "--data-dir", demo_dir, "--week", last_week(), "--team",
                 "华东办事处", "-o", by_team)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert by_team.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-W54"], "不是有效的 ISO 周"),
        (["--week", "next week"], "不是有效的 ISO 周"),
        (["--week", "2026-W46", "--rep", "nobody"], "找不到用户"),
        (["--week", "2026-W46", "--team", "没有这个团队"], "找不到团队"),
    ],
)
def test_bad_input_is_refused_in_plain_words(
    demo_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.xlsx"
    result = run("export-week", "--data-dir", demo_dir, *args, "-o", out)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_unwritable_target_is_an_error_in_english_too(demo_dir: Path, tmp_path: Path) -> None:
    result = run("export-week", "--data-dir", demo_dir, "--week", "2026-W46", "-o", tmp_path,
                 "--lang", "en")  # fmt: skip
    assert result.returncode == 2
    assert "Cannot write" in result.stderr and "Traceback" not in result.stderr


def test_rep_and_team_together_are_refused(demo_dir: Path, tmp_path: Path) -> None:
    result = run("export-week", "--data-dir", demo_dir, "--week", "2026-W46", "--rep", "a",
                 "--team", "b", "-o", tmp_path / "x.xlsx")  # fmt: skip
    assert result.returncode != 0 and "not allowed with" in result.stderr
