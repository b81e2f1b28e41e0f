"""What a click on a reminder opens: its page, and there its day (the plan or report
editor of that day) -- the same entry points the Today page uses."""

from __future__ import annotations

from typing import Protocol

from crm_desktop.domain.reminders import Target
from crm_desktop.ui.pages.base import Page


class _Window(Protocol):
    def show_page(self, key: str) -> Page: ...


def open_target(window: _Window, available: list[str], target: Target) -> Page | None:
    """Show the target's page (None when this user has no such page, e.g. after a
    switch of user); on Plans & reports, its day and the plan or report tab."""
    if target.page not in available:
        return None
    page = window.show_page(target.page)
    if target.page == "plans" and target.day is not None:
        from crm_desktop.ui.plans.page import PlansPage

        if isinstance(page, PlansPage):
            page.open_day(target.day)
            if target.tab == "report":
                page.show_report()
            else:
                page.show_plan()
    return page
