"""Drive the real main window and customer page offscreen, for the bench scripts.

Waits on the model's own signals (no sleeps): a keystroke is done when the model reset
it triggers has happened and the visible rows' `data()` has been answered.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer

from crm_desktop.config.settings import Settings
from crm_desktop.services.container import Services
from crm_desktop.ui.application import create_application
from crm_desktop.ui.customers import list_model
from crm_desktop.ui.main_window import MainWindow

RESET_TIMEOUT_MS = 10_000  # only a guard against a hang; a keystroke takes milliseconds


@dataclass
class ScrollFigures:
    rows: int
    visible: int
    batch: int
    first_paint: int
    jump_to_end: int
    jump_to_middle: int
    steps: int
    max_step: int
    loaded_in_full_scroll: int
    max_cached: int
    none_refs_lost: int  # see none_refs_lost() below

    @property
    def limit(self) -> int:
        return self.visible + self.batch

    @property
    def holds(self) -> bool:
        return max(self.first_paint, self.jump_to_end, self.jump_to_middle, self.max_step) <= (
            self.limit
        )


class UiProbe:
    """The main window on `services`, showing the customer page, offscreen."""

    def __init__(self, services: Services, data_dir: Path, lang: str = "zh_CN") -> None:
        self.app = create_application(lang)
        # A throwaway settings file: the bench must not change the store's saved geometry.
        self._settings_dir = tempfile.TemporaryDirectory()
        settings = Settings(Path(self._settings_dir.name) / "settings.json")
        self.window = MainWindow(services, settings, lang)
        self.window.resize(1280, 800)
        self.window.show()
        self.page: Any = self.window.show_page("customers")
        self.model: Any = self.page.model
        self.view: Any = self.page.view
        self.search: Any = self.page.filters.search
        self.app.processEvents()
        self.view.viewport().repaint()

    def close(self) -> None:
        self.window.close()
        self._settings_dir.cleanup()

    # --- keystrokes ----------------------------------------------------------------------
    def type_text(self, text: str) -> tuple[float, int]:
        """Set the search box as a keystroke would; seconds until the visible rows answer."""
        if self.search.text() == text:
            return self.refresh_now(text)  # no keystroke would change anything
        loop = QEventLoop()
        reset: list[bool] = []

        def done() -> None:
            reset.append(True)
            loop.quit()

        self.model.modelReset.connect(done)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        started = time.perf_counter()
        self.search.setText(text)
        if not reset:
            guard.start(RESET_TIMEOUT_MS)
            loop.exec()
            guard.stop()
        self.answer_visible()
        elapsed = time.perf_counter() - started
        self.model.modelReset.disconnect(done)
        if not reset:
            raise RuntimeError(f"no model reset within {RESET_TIMEOUT_MS} ms after {text!r}")
        return elapsed, self.model.rowCount()

    def refresh_now(self, text: str) -> tuple[float, int]:
        """The page's query work alone: no debounce timer between keystroke and query."""
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        started = time.perf_counter()
        self.page.refresh()
        self.answer_visible()
        return time.perf_counter() - started, self.model.rowCount()

    def visible_rows(self) -> int:
        height = self.view.verticalHeader().defaultSectionSize()
        return min(self.model.rowCount(), self.view.viewport().height() // height + 1)

    def answer_visible(self) -> None:
        """Ask `data()` for every visible cell, as the first paint after a reset does."""
        first = max(self.view.rowAt(0), 0)
        columns = self.model.columnCount()
        for row in range(first, min(first + self.visible_rows(), self.model.rowCount())):
            for column in range(columns):
                self.model.data(self.model.index(row, column))

    # --- scrolling -----------------------------------------------------------------------
    def _paint_loads(self) -> int:
        """Rows loaded by one synchronous repaint of the list."""
        before = self.model.rows_loaded
        self.view.viewport().repaint()
        return int(self.model.rows_loaded - before)

    def scroll_figures(self) -> ScrollFigures:
        """Reset to the whole list, then jump and scroll page by page through all of it."""
        self.refresh_now("")
        bar = self.view.verticalScrollBar()
        bar.setValue(0)
        first_paint = self._paint_loads()
        bar.setValue(bar.maximum())
        jump_to_end = self._paint_loads()
        bar.setValue(bar.maximum() // 2)
        jump_to_middle = self._paint_loads()
        bar.setValue(0)
        self._paint_loads()
        start_loaded = self.model.rows_loaded
        none_refs = sys.getrefcount(None)
        steps = max_step = max_cached = 0
        for value in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
            bar.setValue(min(value, bar.maximum()))
            max_step = max(max_step, self._paint_loads())
            max_cached = max(max_cached, int(self.model.cached_rows))
            steps += 1
        return ScrollFigures(
            rows=self.model.rowCount(),
            visible=self.visible_rows(),
            batch=int(getattr(list_model, "BATCH_SIZE", 0)),
            first_paint=first_paint,
            jump_to_end=jump_to_end,
            jump_to_middle=jump_to_middle,
            steps=steps,
            max_step=max_step,
            loaded_in_full_scroll=int(self.model.rows_loaded - start_loaded),
            max_cached=max_cached,
            none_refs_lost=none_refs - sys.getrefcount(None),
        )

    def check_scrolling(self) -> ScrollFigures:
        started = time.perf_counter()
        f = self.scroll_figures()
        seconds = time.perf_counter() - started
        print(f"\nscrolling {f.rows:,} rows ({f.visible} visible, batch {f.batch}, "
              f"limit per step {f.limit}):")  # fmt: skip
        print(f"  first paint loads {f.first_paint}, jump to end {f.jump_to_end}, "
              f"jump to middle {f.jump_to_middle}")  # fmt: skip
        print(f"  page-by-page through everything: {f.steps:,} steps in {seconds:.1f} s, "
              f"at most {f.max_step} rows loaded by one step, {f.loaded_in_full_scroll:,} "
              f"loaded in all, at most {f.max_cached:,} rows cached")  # fmt: skip
        print(f"  never more than visible + one batch per step: {'yes' if f.holds else 'NO'}")
        # PySide6 6.12.0 on Python 3.11 drops a reference to None each time a Python
        # override hands None back to C++ (data()/headerData()); None is not immortal
        # before 3.12, so enough of them abort the process ("deallocating None").
        print(f"  references to None lost while scrolling: {f.none_refs_lost:,} "
              f"(of {sys.getrefcount(None):,} left; 0 expected)")  # fmt: skip
        return f
