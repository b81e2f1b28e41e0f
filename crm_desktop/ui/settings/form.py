"""The parts every Settings group shares: the form layout (labels centred on their field's
height: the fields are taller than a line of text, and a top-aligned label looked lifted)
and the sections' base."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox

from crm_desktop.ui.pages.base import Page

# The base of SettingsPage's sections: a plain mixin at run time, because PySide6 mixes
# up the meta-object of a QObject class with several Python QObject bases (signals stop
# arriving), so the signals live on SettingsPage and only the type checker sees Page.
if TYPE_CHECKING:
    SectionBase = Page
else:
    SectionBase = object


def group_form(group: QGroupBox) -> QFormLayout:
    form = QFormLayout(group)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form
