"""Settings → 附件: the per-file limit and the photo edge are saved to the settings file,
applied to the service at once, and read again at start."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import Settings
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.services.container import Services
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.settings.attachments import apply_attachment_limits
from crm_desktop.ui.settings.page import SettingsPage


def test_the_limits_are_saved_applied_and_read_again(
    qtbot: QtBot, context: PageContext, services: Services, settings: Settings, tmp_path: Path
) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert (page.attachment_max_mb.value(), page.attachment_edge.value()) == (25, 2560)
    page.attachment_max_mb.setValue(1)
    page.attachment_edge.setValue(800)
    assert page.save()
    assert services.attachments.limits.max_file_bytes == 1024 * 1024
    customer_id = services.customers.save(CustomerDraft(name="明通百货有限公司"))
    big = tmp_path / "门头.jpg"
    Image.new("RGB", (3000, 2000), (200, 90, 30)).save(big, "JPEG")
    view = services.attachments.add_file("customer", customer_id, big)
    assert (view.width, view.height) == (800, 533)  # shrunk on import, as set

    services.attachments.limits = services.attachments.limits.__class__()  # a fresh start
    apply_attachment_limits(services, Settings(settings.path))  # what MainWindow does
    assert services.attachments.limits.downscale_max_edge_px == 800
    again = SettingsPage(context)
    qtbot.addWidget(again)
    assert (again.attachment_max_mb.value(), again.attachment_edge.value()) == (1, 800)


def test_zero_keeps_the_original_pixels(
    qtbot: QtBot, context: PageContext, services: Services, tmp_path: Path
) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.attachment_edge.setValue(0)
    assert page.attachment_edge.text() == "不缩小"
    assert page.save()
    customer_id = services.customers.save(CustomerDraft(name="明通百货有限公司"))
    big = tmp_path / "门头.jpg"
    Image.new("RGB", (3000, 2000), (200, 90, 30)).save(big, "JPEG")
    view = services.attachments.add_file("customer", customer_id, big)
    assert (view.width, view.height) == (3000, 2000)
