"""The background worker of a server process: scans for time-based events and delivers
the outbox, in a daemon thread, so no request ever waits for a receiver.

One per process (started and stopped with the app's lifespan, app.py); any number of
processes may run one on the same database (see delivery.py for why that is safe).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from crm_desktop.domain.clock import Clock, SystemClock
from crm_desktop.sync.server.notifications.delivery import Retry, deliver_due, prune
from crm_desktop.sync.server.notifications.scan import scan
from crm_desktop.sync.server.notifications.senders import Sender

log = logging.getLogger(__name__)

WORKER_ENV = "CRM_NOTIFY_WORKER"  # "0": this process sends nothing (another one does)
POLL_ENV = "CRM_NOTIFY_POLL_SECONDS"
SCAN_ENV = "CRM_NOTIFY_SCAN_SECONDS"
# The zone the teams' days and due hours are in (e.g. Asia/Shanghai) when the server's
# machine runs on another one (a container on UTC); default: the machine's zone.
TIMEZONE_ENV = "CRM_NOTIFY_TIMEZONE"


class NotificationWorker:
    """Every `poll_s` seconds (at once again while there was work) delivers what is due;
    every `scan_s` seconds scans for late reports and overdue complaints and prunes the
    log of messages settled long ago."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock | None = None,
        *,
        sender: Sender | None = None,
        retry: Retry | None = None,
        poll_s: float = 2.0,
        scan_s: float = 60.0,
    ) -> None:
        self.engine = engine
        self.clock = clock or SystemClock()
        self.sender = sender or Sender()
        self.retry = retry or Retry()
        self.poll_s = poll_s
        self.scan_s = scan_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_scan: float | None = None

    def start(self) -> NotificationWorker:
        self._thread = threading.Thread(target=self._run, name="crm-notifications", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Look again now rather than at the next poll (e.g. after a scan moved the clock)."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.sender.close()

    def run_once(self) -> int:
        """One round: a scan when one is due, then deliveries; rows attempted."""
        # A monotonic timer paces the scans; business time comes from the clock.
        started = time.monotonic()
        if self._last_scan is None or started - self._last_scan >= self.scan_s:
            self._last_scan = started
            scan(self.engine, self.clock)
            prune(self.engine, self.clock.utcnow())
        return deliver_due(self.engine, self.clock, self.sender, self.retry)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() > 0
            except Exception:  # the database away for a moment: try again next poll
                log.exception("notification worker round failed")
                busy = False
            if not busy:
                self._wake.wait(self.poll_s)
                self._wake.clear()


def start_worker(engine: Engine) -> NotificationWorker | None:
    """The process's worker on the system clock, configured from the environment; None
    when CRM_NOTIFY_WORKER=0."""
    if os.environ.get(WORKER_ENV, "1").strip() == "0":
        return None
    poll = float(os.environ.get(POLL_ENV, "2") or 2)
    every = float(os.environ.get(SCAN_ENV, "60") or 60)
    zone = os.environ.get(TIMEZONE_ENV, "").strip()
    clock = SystemClock(ZoneInfo(zone) if zone else None)
    return NotificationWorker(engine, clock, poll_s=poll, scan_s=every).start()
