"""关系图 The relationship map tab (F15): the diagram (map_painter), the coverage gaps by
level, and a form to put a contact on the map: who they report to, buying role,
attitude, influence and which of our people holds the link."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.key_accounts import Attitude
from crm_desktop.domain.picklists import BuyingRole
from crm_desktop.domain.relationship_map import (
    INFLUENCE_MAX,
    INFLUENCE_MIN,
    MapNode,
    broken_levels,
)
from crm_desktop.services.key_accounts.relationship import LinkDraft, RelationshipMap
from crm_desktop.ui.key_accounts.map_painter import paint, place, size
from crm_desktop.ui.key_accounts.text import bi
from crm_desktop.ui.operations import KEY_ACCOUNTS
from crm_desktop.ui.pages.base import PageContext


class MapView(QWidget):
    """The diagram; a click on a person's box selects them."""

    picked = Signal(str)  # contact id

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.tree: list[MapNode] = []
        self.setAutoFillBackground(True)

    def set_tree(self, tree: list[MapNode]) -> None:
        self.tree = tree
        width, height = size(place(tree))
        self.setFixedSize(QSize(int(width), int(height)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint(painter, self.tree, self.lang, self.font())
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for placed in place(self.tree):
            if placed.rect.contains(event.position()):
                self.picked.emit(placed.node.person.contact_id)
                return
        super().mousePressEvent(event)


class MapTab(QWidget):
    loaded = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.ka = context.services.key_accounts
        self.customer_id: str | None = None
        self.current: RelationshipMap | None = None
        t = self.t
        self.view = MapView(self.lang)
        self.view.picked.connect(self._pick)
        scroll = QScrollArea()
        scroll.setWidget(self.view)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.legend = QLabel(
            t(
                "绿色：支持　灰色：中立　红色：反对　红色虚线框：我方无人对接（覆盖缺口）",
                "Green: supportive · grey: neutral · red: opposed · red dashed border: "
                "none of ours holds the link (a coverage gap)",
            )
        )
        self.legend.setObjectName("pageNote")
        self.legend.setWordWrap(True)
        self.contact = QComboBox()
        self.reports_to = QComboBox()
        self.role = QComboBox()
        self.attitude = QComboBox()
        for combo, kind in ((self.role, BuyingRole), (self.attitude, Attitude)):
            combo.addItem("", None)
            for member in kind:
                combo.addItem(member.label(self.lang), member.value)
        self.influence = QSpinBox()
        self.influence.setRange(INFLUENCE_MIN, INFLUENCE_MAX)
        self.influence.setValue(3)
        self.ours = QComboBox()
        save = QPushButton(t("保存到关系图", "Save to the map"))
        save.setObjectName("primary")
        remove = QPushButton(t("从图中移除", "Remove from the map"))
        save.clicked.connect(self.save)
        remove.clicked.connect(self.remove)
        self.contact.currentIndexChanged.connect(lambda _i: self._fill_form())
        box = QGroupBox(t("客户方人员", "The customer's person"))
        form = QFormLayout(box)
        form.addRow(t("联系人", "Contact"), self.contact)
        form.addRow(t("直接上级", "Reports to"), self.reports_to)
        form.addRow(t("购买角色", "Buying role"), self.role)
        form.addRow(t("对我方态度", "Attitude to us"), self.attitude)
        form.addRow(t("影响力（1-5）", "Influence (1-5)"), self.influence)
        form.addRow(t("我方对接人", "Our contact"), self.ours)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(remove)
        form.addRow(buttons)
        hint = QLabel(
            t(
                "“拉链式”关系：双方自上而下、一一对应地建立联系。先在客户资料中添加联系人。",
                "A “zipper” network: one-to-one links between the two companies, top to "
                "bottom. Add the people as contacts on the customer card first.",
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageNote")
        side = QWidget()
        side.setMaximumWidth(330)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(box)
        side_layout.addWidget(hint)
        side_layout.addWidget(self.coverage)
        side_layout.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addWidget(self.legend)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    def set_account(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        self.reload()

    def reload(self) -> None:
        if self.customer_id is None:
            self.view.set_tree([])
            return
        ka, customer = self.ka, self.customer_id
        self.context.operations.read(
            lambda: (ka.relationship.map(customer), ka.team.people()),
            parent=self,
            success=self._show,
        )

    def _show(self, found: tuple[RelationshipMap, list[tuple[str, str]]]) -> None:
        relationship, people = found
        self.current = relationship
        self.view.set_tree(relationship.tree)
        chosen = self.contact.currentData()
        for combo in (self.contact, self.reports_to):
            combo.blockSignals(True)
            combo.clear()
        self.reports_to.addItem(self.t("（最高层）", "(top)"), None)
        for contact_id, name in relationship.contacts:
            self.contact.addItem(name, contact_id)
            self.reports_to.addItem(name, contact_id)
        self.ours.clear()
        self.ours.addItem(self.t("（无人对接）", "(nobody yet)"), None)
        for user_id, name in people:
            self.ours.addItem(name, user_id)
        if chosen:
            self.contact.setCurrentIndex(max(self.contact.findData(chosen), 0))
        for combo in (self.contact, self.reports_to):
            combo.blockSignals(False)
        self._fill_form()
        lines = [
            self.t(
                f"第 {c.level} 层：{c.people} 人，已对接 {c.linked} 人",
                f"Level {c.level}: {c.people} people, {c.linked} linked",
            )
            + (self.t("，缺口：", "; gap: ") + "、".join(c.unlinked) if c.unlinked else "")
            for c in relationship.coverage
        ]
        broken = broken_levels(relationship.coverage)
        if broken:
            lines.append(
                self.t("拉链断开的层级：", "Levels with no link at all: ")
                + "、".join(str(n) for n in broken)
            )
        if not relationship.people:
            lines = [
                self.t(
                    "关系图还是空的：选择联系人，填写汇报关系和角色后保存。",
                    "The map is empty: choose a contact, fill in their place and save.",
                )
            ]
        self.coverage.setText(
            "<b>" + self.t("各层级覆盖", "Coverage by level") + "</b><br>" + "<br>".join(lines)
        )
        self.loaded.emit()

    def _pick(self, contact_id: str) -> None:
        self.contact.setCurrentIndex(max(self.contact.findData(contact_id), 0))

    def _fill_form(self) -> None:
        contact = self.contact.currentData()
        person = None
        if self.current is not None:
            person = next((p for p in self.current.people if p.contact_id == contact), None)
        self.reports_to.setCurrentIndex(
            max(self.reports_to.findData(person.reports_to), 0)
            if person and person.reports_to
            else 0
        )
        self.role.setCurrentIndex(max(self.role.findData(person.buying_role), 0) if person else 0)
        self.attitude.setCurrentIndex(
            max(self.attitude.findData(person.attitude), 0) if person else 0
        )
        self.influence.setValue(person.influence or 3 if person else 3)
        self.ours.setCurrentIndex(
            max(self.ours.findData(person.our_user_id), 0) if person and person.our_user_id else 0
        )

    def save(self) -> None:
        contact, customer = self.contact.currentData(), self.customer_id
        if not isinstance(contact, str) or customer is None:
            return
        draft = LinkDraft(
            customer,
            contact,
            self.reports_to.currentData(),
            self.role.currentData(),
            self.attitude.currentData(),
            self.influence.value(),
            self.ours.currentData(),
        )
        ka = self.ka
        self.context.operations.write(
            lambda: ka.relationship.save(draft),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _id: self.reload(),
        )

    def remove(self) -> None:
        contact = self.contact.currentData()
        link = self.current.link_ids.get(contact) if self.current and contact else None
        if link is None:
            return
        ka = self.ka
        self.context.operations.write(
            lambda: ka.relationship.remove(link),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _r: self.reload(),
        )
