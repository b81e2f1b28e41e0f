"""After a sync the window moves the photos (services.attachments.transfer_now) on the
sync lane; a failure is only logged (the sync already said why); photos that moved make
every strip re-read its badges."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.attachments.transfer import TransferReport
from crm_desktop.services.container import Services
from crm_desktop.ui.attachments.transfers import BlobTransfers
from crm_desktop.ui.operations import ATTACHMENTS
from crm_desktop.ui.pages.base import PageContext


def test_a_transfer_that_cannot_run_is_logged_not_shown(
    qtbot: QtBot, services: Services, context: PageContext, shown_errors: list[UserFacingError]
) -> None:
    transfers = BlobTransfers(services)
    transfers.attach(context.operations)
    with qtbot.waitSignal(transfers.finished, timeout=10_000) as done:
        assert transfers.after_sync() is not None  # never signed in: it cannot move anything
    assert isinstance(done.args[0], UserFacingError)
    assert shown_errors == [] and not transfers.running


def test_photos_that_moved_make_the_strips_re_read(
    qtbot: QtBot, services: Services, context: PageContext
) -> None:
    transfers = BlobTransfers(services)
    transfers.attach(context.operations)
    with qtbot.waitSignal(context.operations.did_change, timeout=1_000) as announced:
        transfers._moved(TransferReport(downloaded=2, bytes_moved=4096))
    assert announced.args[0] == ATTACHMENTS and announced.args[1] is transfers
    with qtbot.assertNotEmitted(context.operations.did_change):
        transfers._moved(TransferReport())  # nothing moved: nothing to re-read
