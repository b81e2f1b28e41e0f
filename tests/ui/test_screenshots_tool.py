"""tools/screenshots.py keeps working: one page at one size, in a process of its own (the
tool makes its own QApplication and Qt message handler), plus what it counts as a problem.
.ci/run runs it over every page and dialog."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QtMsgType
from PySide6.QtGui import QImage

TOOL = Path(__file__).resolve().parents[2] / "tools" / "screenshots.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_page_at_one_size_is_saved_at_that_size(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, str(TOOL), str(tmp_path), "--lang", "zh", "--size", "1024x700"]
    done = subprocess.run(
        [*command, "--page", "today"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["today-zh-1024.png"]
    image = QImage(str(tmp_path / "today-zh-1024.png"))
    assert (image.width(), image.height()) == (1024, 700)


def test_a_qt_warning_or_a_logged_warning_is_a_problem_the_offscreen_note_is_not() -> None:
    problems = _tool()._Problems()
    problems.qt_message(QtMsgType.QtInfoMsg, None, "just saying")
    problems.qt_message(
        QtMsgType.QtWarningMsg, None, "This plugin does not support propagateSizeHints()"
    )
    assert problems.items == []
    problems.qt_message(QtMsgType.QtWarningMsg, None, "QLayout: Attempting to add a layout twice")
    record = logging.LogRecord(
        "crm_desktop.x", logging.WARNING, __file__, 1, "no catalogue", None, None
    )
    problems.log_handler().handle(record)
    assert len(problems.items) == 2
