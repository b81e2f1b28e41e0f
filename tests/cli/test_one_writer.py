"""One writer per data folder, with real processes.

Two windows on one folder each kept their own view of the store, and a stale save in one
deleted what the other had saved. Now the first start holds the folder (store/
folder_lock.py); a second window brings the first forward, and a second start that
cannot (a command, or no window answering) is refused with a zh + en message and a
non-zero exit. The lock is the operating system's, so it goes with its process, even a
killed one. No test sleeps: each waits for a line its child prints.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.store.folder_lock import LOCK_FILENAME, FolderLock

pytestmark = pytest.mark.slow

ZH = "正被另一个 CRM Desktop 使用"
EN = "is in use by another CRM Desktop"
LINE_TIMEOUT_S = 120

# A process that holds the folder the way a running command does, says so, and keeps it
# until its stdin closes (or it is killed).
HOLDER = """
import sys
from pathlib import Path
from crm_desktop.store.folder_lock import FolderLock
with FolderLock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""

# The real window (app.run_gui, offscreen). It prints `ready` once it listens for a second
# start, and `raised` each time a second start asks it to come forward.
WINDOW = """
import sys
from crm_desktop import app
from crm_desktop.ui import application

Raiser = application.WindowRaiser
class Observed(Raiser):
    def __init__(self, *args):
        super().__init__(*args)
        print("ready", flush=True)
    def bring_forward(self):
        super().bring_forward()
        print("raised", flush=True)
application.WindowRaiser = Observed
sys.exit(app.run_gui(sys.argv[1], "zh_CN", demo=False, probe=False))
"""


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return env


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=240, check=False,
    )  # fmt: skip


class Child:
    """A long-running child whose stdout lines the test waits for."""

    def __init__(self, script: str, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, str(data_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", env=_env(),
        )  # fmt: skip
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)  # end of output: the child has gone

    def wait_for(self, expected: str) -> None:
        while True:
            line = self.lines.get(timeout=LINE_TIMEOUT_S)
            if line is None:
                assert self.process.stderr is not None
                raise AssertionError(
                    f"child ended before {expected!r}: {self.process.stderr.read()}"
                )
            if line == expected:
                return

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=60)

    def finish(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(timeout=60)


@pytest.fixture
def children() -> Iterator[list[Child]]:
    started: list[Child] = []
    yield started
    for child in started:
        if child.process.poll() is None:
            child.kill()


def _refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_second_start_is_refused_while_a_command_holds_the_folder(
    tmp_path: Path, children: list[Child]
) -> None:
    data_dir = tmp_path / "data"
    holder = Child(HOLDER, data_dir)
    children.append(holder)
    holder.wait_for("locked")

    _refused(run("selftest", "--data-dir", data_dir), ZH)
    _refused(run("--lang", "en", "selftest", "--data-dir", data_dir), EN)
    # The commands that write are refused too (they do not wait for the app to close).
    _refused(run("demo", "--data-dir", data_dir, "--customers", "5"), ZH)
    _refused(run("sync", "--data-dir", data_dir, "--server", "http://127.0.0.1:9"), ZH)
    _refused(run("import-customers", "--data-dir", data_dir, tmp_path / "none.xlsx"), ZH)
    _refused(run("restore", "--data-dir", data_dir, tmp_path / "none.crmbak"), ZH)
    # (A window started now finds no window to bring forward and shows the same message
    # in a modal box, which a test cannot close; run_gui prints it to stderr as well.)

    assert holder.finish() == 0  # released on a normal exit
    result = run("selftest", "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ok"


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path, children: list[Child]) -> None:
    data_dir = tmp_path / "data"
    holder = Child(HOLDER, data_dir)
    children.append(holder)
    holder.wait_for("locked")
    _refused(run("selftest", "--data-dir", data_dir), ZH)

    holder.kill()  # SIGKILL / TerminateProcess: no cleanup runs in the child
    assert (data_dir / LOCK_FILENAME).exists()  # the file stays; its lock went with the process
    result = run("selftest", "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr


def test_a_second_window_brings_the_first_forward(tmp_path: Path, children: list[Child]) -> None:
    data_dir = tmp_path / "data"
    window = Child(WINDOW, data_dir)
    children.append(window)
    window.wait_for("ready")

    second = run("--data-dir", data_dir)
    assert second.returncode == 0, second.stderr  # handed over to the running window
    window.wait_for("raised")
    # A headless start is still refused while the window runs.
    _refused(run("selftest", "--data-dir", data_dir), ZH)

    window.kill()
    assert run("selftest", "--data-dir", data_dir).returncode == 0


def test_the_lock_is_per_folder_and_reentrant_in_one_holder(tmp_path: Path) -> None:
    first = FolderLock(tmp_path / "a").acquire()
    try:
        assert first.try_acquire()  # the holder asking again
        other = FolderLock(tmp_path / "b")
        assert other.try_acquire()  # another folder is free
        other.release()
    finally:
        first.release()
