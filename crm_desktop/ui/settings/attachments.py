"""Settings 设置, the attachments group (issue 17): the largest file this laptop stores and
the edge a large photo is shrunk to on import (0 keeps every pixel).

This laptop's choices, in its settings file (config/settings.py), applied to
`services.attachments.limits` at start (MainWindow) and on Save. The server keeps its own
hard ceiling (domain/attachments.HARD_MAX_FILE_BYTES), which no setting passes. Texts
side by side in Chinese and English, like the attachment screens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QSpinBox

from crm_desktop.config.settings import ATTACHMENT_DOWNSCALE_EDGE, ATTACHMENT_MAX_FILE_MB, Settings
from crm_desktop.domain.attachments import HARD_MAX_FILE_BYTES, AttachmentLimits
from crm_desktop.services.container import Services
from crm_desktop.ui.attachments.text import bi
from crm_desktop.ui.settings.form import SectionBase, group_form

MB = 1024 * 1024
MAX_MB = HARD_MAX_FILE_BYTES // MB
MAX_EDGE = 8000  # beyond any phone's sensor; 0 means keep the original


def limits_from(settings: Settings) -> AttachmentLimits:
    """The settings as the service's limits; a hand-edited value out of range is clamped."""
    mb = min(max(int(settings.get(ATTACHMENT_MAX_FILE_MB)), 1), MAX_MB)
    edge = min(max(int(settings.get(ATTACHMENT_DOWNSCALE_EDGE)), 0), MAX_EDGE)
    return AttachmentLimits(max_file_bytes=mb * MB, downscale_max_edge_px=edge)


def apply_attachment_limits(services: Services, settings: Settings) -> None:
    services.attachments.limits = limits_from(settings)


class AttachmentLimitsSection(SectionBase):
    """The attachments group and its load and save (mixed into SettingsPage)."""

    def _attachments_group(self) -> QGroupBox:
        lang = self.context.lang
        self.attachment_max_mb = QSpinBox()
        self.attachment_max_mb.setRange(1, MAX_MB)
        self.attachment_max_mb.setSuffix(" MB")
        self.attachment_max_mb.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.attachment_max_mb.setFixedWidth(120)
        self.attachment_edge = QSpinBox()
        self.attachment_edge.setRange(0, MAX_EDGE)
        self.attachment_edge.setSingleStep(256)
        self.attachment_edge.setSuffix(bi(lang, " 像素", " px"))
        self.attachment_edge.setSpecialValueText(bi(lang, "不缩小", "keep original"))
        self.attachment_edge.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.attachment_edge.setFixedWidth(140)
        note = QLabel(
            bi(
                lang,
                "照片的长边超过此值时，导入时按比例缩小（拍摄时间等 EXIF 信息保留）；"
                "超过上限的文件不会保存。",
                "A photo whose longer side is larger is shrunk on import (its EXIF time "
                "is kept); a file over the limit is not stored.",
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        group = QGroupBox(bi(lang, "附件", "Attachments"))
        self.attachments_group = group
        form = group_form(group)
        form.addRow(bi(lang, "单个附件上限", "Largest file"), self.attachment_max_mb)
        form.addRow(bi(lang, "照片缩小到（长边）", "Shrink photos to (longer side)"),
                    self.attachment_edge)  # fmt: skip
        form.addRow("", note)
        return group

    def _load_attachment_limits(self) -> None:
        limits = limits_from(self.context.settings)
        self.attachment_max_mb.setValue(limits.max_file_bytes // MB)
        self.attachment_edge.setValue(limits.downscale_max_edge_px)

    def _save_attachment_limits(self) -> None:
        settings = self.context.settings
        settings.set(ATTACHMENT_MAX_FILE_MB, self.attachment_max_mb.value())
        settings.set(ATTACHMENT_DOWNSCALE_EDGE, self.attachment_edge.value())
        apply_attachment_limits(self.context.services, settings)
