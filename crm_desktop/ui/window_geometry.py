"""The main window's size on the screen it opens on (pure geometry, testable alone).

A salesperson's laptop is often 1366x768 with a taskbar: a fixed 1280x800 start put the
status bar under the taskbar. The first start fills most of the available area; a saved
geometry from a larger or unplugged monitor is pulled back onto the screen.
"""

from __future__ import annotations

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
