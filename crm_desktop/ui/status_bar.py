"""Status bar: who is signed in (name and role) and, on hover, where the store lives."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from crm_desktop.services.container import Services


def build_status_bar(services: Services, lang: str, parent: QWidget | None = None) -> QStatusBar:
    bar = QStatusBar(parent)
    actor = services.actor
    user = QLabel(f"{actor.display_name} · {actor.role.label(lang)}")
    user.setObjectName("statusUser")
    user.setToolTip(str(services.database_path))
    bar.addPermanentWidget(user)
    bar.setToolTip(str(services.database_path))
    return bar
