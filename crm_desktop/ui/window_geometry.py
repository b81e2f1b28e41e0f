"""The main window's size on the screen it opens on (pure geometry, testable alone).

A salesperson's laptop is often 1366x768 with a taskbar: a fixed 1280x800 start put the
status bar under the taskbar. The first start fills most of the available area; a saved
geometry from a larger or unplugged monitor is pulled back onto the screen.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QRect

# Frame margins: left, top (title bar), right, bottom, in pixels.
Margins = tuple[int, int, int, int]
FIRST_SIZE = (1440, 900)  # enough for the widest pages; smaller screens get what they have
FIRST_SHARE = 0.92  # of a larger screen: the window opens clearly as a window, centred


def first_geometry(area: QRect, margins: Margins) -> QRect:
    """The client rectangle of a first start: the whole window, frame included, inside
    `area`, centred; up to FIRST_SIZE, and all of `area` when that is smaller."""
    left, top, right, bottom = margins
    room_w = area.width() - left - right
    room_h = area.height() - top - bottom
    if area.width() >= FIRST_SIZE[0] / FIRST_SHARE and area.height() >= FIRST_SIZE[1] / FIRST_SHARE:
        width, height = FIRST_SIZE
    else:
        width, height = room_w, room_h
    width, height = min(width, room_w), min(height, room_h)
    x = area.left() + left + (room_w - width) // 2
    y = area.top() + top + (room_h - height) // 2
    return QRect(x, y, width, height)


def fit_to_screen(client: QRect, margins: Margins, area: QRect) -> QRect:
    """`client` (a restored geometry) shrunk to fit `area` with its frame, then moved
    onto it: the title bar and the status bar are always reachable."""
    left, top, right, bottom = margins
    room_w = max(area.width() - left - right, 1)
    room_h = max(area.height() - top - bottom, 1)
    width = min(client.width(), room_w)
    height = min(client.height(), room_h)
    x = min(max(client.x(), area.left() + left), area.left() + left + room_w - width)
    y = min(max(client.y(), area.top() + top), area.top() + top + room_h - height)
    return QRect(x, y, width, height)


_MAGIC = 0x1D9D0CB  # QWidget::saveGeometry's
_LAYOUT = struct.Struct(">IHH4i4iiB")


def read_saved_geometry(data: bytes) -> tuple[QRect, bool] | None:
    """The client rectangle (as last shown un-maximized) and whether it was maximized,
    from QWidget.saveGeometry's bytes; None when they are not that.

    Read here rather than handed to restoreGeometry, which fits the window to the screen
    it finds itself on and knows nothing of the taskbar. The layout (big-endian, Qt 5
    and 6): magic, major and minor version, the frame rectangle, the normal rectangle
    (left, top, right, bottom), the screen number, maximized, ...
    """
    try:
        magic, major, _minor, *rects, _screen, maximized = _LAYOUT.unpack_from(data)
    except struct.error:
        return None
    left, top, right, bottom = rects[4:8]
    normal = QRect(left, top, right - left + 1, bottom - top + 1)
    if magic != _MAGIC or major < 1 or not normal.isValid():
        return None
    return normal, maximized != 0
