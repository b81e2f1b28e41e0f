"""The real commands in subprocesses: demo, selftest, import-customers, and broken inputs."""

from __future__ import annotations

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


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    result = run("demo", "--data-dir", folder, "--customers", "50")
    assert result.returncode == 0, result.stderr
    assert "客户 customers: 50" in result.stdout and "李明华" in result.stdout
    return folder


def test_demo_then_selftest_opens_as_the_supervisor(demo_dir: Path) -> None:
    result = run("selftest", "--data-dir", demo_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "ok"
    assert "user 李明华 (supervisor)" in lines


def test_demo_into_a_used_folder_is_refused_cleanly(demo_dir: Path) -> None:
    result = run("demo", "--data-dir", demo_dir, "--customers", "10")
    assert result.returncode == 2
    assert "已有客户数据" in result.stderr and "Traceback" not in result.stderr


def test_import_prints_the_report(tmp_path: Path) -> None:
    file = workbook(tmp_path / "客户.xlsx", [["客户名称", "电话", "类型"],
                                             ["杭州西湖茶业有限公司", "0571-87001234", "经销商"],
                                             ["宁波港城贸易有限公司", None, "企业"]])  # fmt: skip
    result = run("import-customers", file, "--data-dir", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "成功导入 2 个客户" in result.stdout

    again = run("import-customers", file, "--data-dir", tmp_path / "data")
    assert again.returncode == 0
    assert "疑似重复 2 行（未导入）" in again.stdout and "现有客户" in again.stdout


def test_import_with_row_errors_exits_1(tmp_path: Path) -> None:
    file = workbook(tmp_path / "e.xlsx", [["客户名称", "类型"], ["好客户有限公司", "企业"],
                                          ["坏客户", "外星人"]])  # fmt: skip
    result = run("import-customers", file, "--data-dir", tmp_path / "data")
    assert result.returncode == 1
    assert "成功导入 1 个客户" in result.stdout and "第 3 行" in result.stdout
    english = run("import-customers", file, "--data-dir", tmp_path / "data2", "--lang", "en")
    assert english.returncode == 1
    assert "1 customer imported" in english.stdout and "Row 3" in english.stdout


def test_a_corrupt_import_file_is_a_clear_message(tmp_path: Path) -> None:
    file = tmp_path / "客户.xlsx"
    file.write_text("这不是 Excel 文件", encoding="utf-8")
    result = run("import-customers", file, "--data-dir", tmp_path / "data")
    assert result.returncode == 2
    assert "不是有效的 Excel" in result.stderr and "Traceback" not in result.stderr
    english = run("import-customers", file, "--data-dir", tmp_path / "data", "--lang", "en")
    assert "not a valid Excel" in english.stderr


def test_an_unknown_owner_is_a_clear_message(tmp_path: Path) -> None:
    file = workbook(tmp_path / "o.xlsx", [["客户名称"], ["甲公司"]])
    result = run("import-customers", file, "--data-dir", tmp_path / "data", "--owner", "nobody")
    assert result.returncode == 2
    assert "nobody" in result.stderr and "Traceback" not in result.stderr


def test_a_corrupt_database_makes_selftest_exit_2_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "crm.sqlite3").write_bytes(b"\x00junk, not a database\xff" * 200)
    result = run("selftest", "--data-dir", folder)
    assert result.returncode == 2
    assert "数据库文件已损坏" in result.stderr and "Traceback" not in result.stderr
