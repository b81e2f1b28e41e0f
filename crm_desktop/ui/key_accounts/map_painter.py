"""The relationship map drawn as a tree (F15): the customer's people by reporting line,
top to bottom, each box coloured by attitude (支持 green, 中立 grey, 反对 red), with
their buying role, influence and which of our people holds the link; a box nobody of
ours holds has a red dashed border (a coverage gap).

One painter for the page's widget, the PDF and the image in the .xlsx, so the diagram
is the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from crm_desktop.domain.key_accounts import Attitude
from crm_desktop.domain.picklists import BuyingRole
from crm_desktop.domain.relationship_map import MapNode
from crm_desktop.ui.key_accounts.text import bi

BOX_W, BOX_H = 168.0, 74.0
GAP_X, GAP_Y = 18.0, 46.0
MARGIN = 16.0
FILL = {
    Attitude.SUPPORT.value: QColor("#d5ecd4"),
    Attitude.NEUTRAL.value: QColor("#e8e8e8"),
    Attitude.OPPOSE.value: QColor("#f6cfc7"),
}
EDGE = {
    Attitude.SUPPORT.value: QColor("#2e7d32"),
    Attitude.NEUTRAL.value: QColor("#757575"),
    Attitude.OPPOSE.value: QColor("#c62828"),
}


@dataclass(frozen=True)
class Placed:
    node: MapNode
    rect: QRectF


def place(tree: list[MapNode]) -> list[Placed]:
    """Boxes for every node: leaves side by side, a parent centred over its children."""
    placed: list[Placed] = []
    next_x = [MARGIN]

    def visit(node: MapNode) -> float:
        y = MARGIN + (node.level - 1) * (BOX_H + GAP_Y)
        if node.children:
            centres = [visit(child) for child in node.children]
            centre = (centres[0] + centres[-1]) / 2
        else:
            centre = next_x[0] + BOX_W / 2
            next_x[0] += BOX_W + GAP_X
        placed.append(Placed(node, QRectF(centre - BOX_W / 2, y, BOX_W, BOX_H)))
        return centre

    for root in tree:
        visit(root)
    return placed


def size(placed: list[Placed]) -> tuple[float, float]:
    if not placed:
        return (BOX_W + 2 * MARGIN, BOX_H + 2 * MARGIN)
    return (
        max(p.rect.right() for p in placed) + MARGIN,
        max(p.rect.bottom() for p in placed) + MARGIN,
    )


def _label(kind: type[BuyingRole] | type[Attitude], code: str | None, lang: str) -> str:
    try:
        return kind(code).label(lang) if code else ""
    except ValueError:
        return code or ""


def paint(painter: QPainter, tree: list[MapNode], lang: str, font: QFont | None = None) -> None:
    placed = place(tree)
    by_id = {p.node.person.contact_id: p for p in placed}
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base = QFont(font) if font is not None else QFont()
    base.setPixelSize(12)
    small = QFont(base)
    small.setPixelSize(11)
    painter.setPen(QPen(QColor("#90a4ae"), 1.4))
    for p in placed:
        for child in p.node.children:
            target = by_id[child.person.contact_id].rect
            start = QPointF(p.rect.center().x(), p.rect.bottom())
            end = QPointF(target.center().x(), target.top())
            middle = (start.y() + end.y()) / 2
            painter.drawLine(start, QPointF(start.x(), middle))
            painter.drawLine(QPointF(start.x(), middle), QPointF(end.x(), middle))
            painter.drawLine(QPointF(end.x(), middle), end)
    for p in placed:
        person = p.node.person
        attitude = person.attitude or Attitude.NEUTRAL.value
        linked = bool(person.our_user_id)
        pen = QPen(EDGE.get(attitude, EDGE["neutral"]), 1.6)
        if not linked:
            pen = QPen(QColor("#c62828"), 1.8, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(FILL.get(attitude, FILL["neutral"]))
        painter.drawRoundedRect(p.rect, 8, 8)
        inner = p.rect.adjusted(8, 5, -8, -5)
        line = inner.height() / 4
        painter.setPen(QColor("#1a1a1a"))
        bold = QFont(base)
        bold.setBold(True)
        painter.setFont(bold)
        influence = f" ★{person.influence}" if person.influence else ""
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{person.name}{influence}",
        )
        painter.setFont(small)
        role = _label(BuyingRole, person.buying_role, lang)
        stance = _label(Attitude, person.attitude, lang)
        rows = [
            person.title,
            " · ".join(x for x in (role, stance) if x),
            (bi(lang, "我方：", "Ours: ") + person.our_user_name)
            if linked
            else bi(lang, "未覆盖", "Not covered"),
        ]
        for n, text in enumerate(rows, start=1):
            if n == 3 and not linked:
                painter.setPen(QColor("#c62828"))
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            painter.drawText(
                QRectF(inner.left(), inner.top() + n * line, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )


def render_png(tree: list[MapNode], lang: str, scale: float = 2.0) -> bytes:
    """The diagram as PNG bytes (for the .xlsx and the PDF); needs a QGuiApplication."""
    width, height = size(place(tree))
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint(painter, tree, lang)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    buffer.close()
    return bytes(data.data())
