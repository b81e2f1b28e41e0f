"""The nightly job recomputes value classes once a day, in the background."""

from __future__ import annotations

from fixed_time import TEST_NOW
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import Settings
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import classified_on
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.nightly import NightlyJobs


def test_runs_once_a_day(services: Services, settings: Settings, qtbot: QtBot) -> None:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.add(Customer(name="重点", name_key="重点", is_key_account=True,
                                 owner_id=services.actor.user_id))  # fmt: skip
        uow.commit()
    jobs = NightlyJobs(services, settings)

    with qtbot.waitSignal(jobs.finished, timeout=10_000) as first:
        jobs.run_now()
    assert first.args == [1]  # the key account became A
    assert classified_on(services) == TEST_NOW.date()

    with qtbot.waitSignal(jobs.finished, timeout=10_000) as second:
        jobs.run_now()
    assert second.args == [None]  # already done today
