"""The smaller tabs of a key account: 客户团队 (the account team), 关系健康 (the periodic
self-check with its trend, the relationship type and cycle stage) and 大事记 (events)."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.key_accounts import (
    HEALTH_QUESTIONS,
    RATING_MAX,
    RATING_MIN,
    AccountTeamRole,
    CycleStage,
    EventKind,
    RelationshipType,
)
from crm_desktop.domain.picklists import Picklist
from crm_desktop.services.key_accounts.records import AccountProfile, Answer, EventRow, HealthCheck
from crm_desktop.services.key_accounts.team import TeamMemberRow
from crm_desktop.ui.key_accounts.text import bi
from crm_desktop.ui.operations import KEY_ACCOUNTS
from crm_desktop.ui.pages.base import PageContext


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str]) -> None:
    table.setRowCount(0)
    for values, key in zip(rows, keys, strict=True):
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def _selected_key(table: QTableWidget) -> str | None:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return key if isinstance(key, str) else None


def _combo(kind: type[Picklist], lang: str, blank: bool = False) -> QComboBox:
    combo = QComboBox()
    if blank:
        combo.addItem("", None)
    for member in kind:
        combo.addItem(member.label(lang), member.value)
    return combo


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _label(kind: type[Picklist], code: str | None, lang: str) -> str:
    try:
        return kind(code).label(lang) if code else ""
    except ValueError:
        return code or ""


class _AccountTab(QWidget):
    loaded = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.ka = context.services.key_accounts
        self.customer_id: str | None = None

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    def set_account(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def _added(self, edit: QLineEdit) -> None:
        edit.clear()
        self.reload()

    def write(self, fn: object) -> None:
        self.context.operations.write(fn, KEY_ACCOUNTS, parent=self)  # type: ignore[arg-type]


class TeamTab(_AccountTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.t
        self.table = _table([t("成员", "Member"), t("角色", "Role"), t("备注", "Note")])
        self.person = QComboBox()
        self.role = _combo(AccountTeamRole, self.lang)
        self.note = QLineEdit()
        self.note.setPlaceholderText(t("分工（可不填）", "Duties (optional)"))
        add, remove = QPushButton(t("加入团队", "Add to team")), QPushButton(t("移出", "Remove"))
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for widget in (self.person, self.role, self.note, add, remove):
            row.addWidget(widget)
        note = QLabel(
            t(
                "客户团队的成员都应能看到这个客户；客户计划由行政支持者审核。",
                "Every member of the account team should see this account; the plan is "
                "reviewed by its executive sponsor.",
            )
        )
        note.setObjectName("pageNote")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(note)

    def reload(self) -> None:
        if self.customer_id is None:
            _fill(self.table, [], [])
            return
        ka, customer = self.ka, self.customer_id
        self.context.operations.read(
            lambda: (ka.team.members(customer), ka.team.people()), parent=self, success=self._show
        )

    def _show(self, found: tuple[list[TeamMemberRow], list[tuple[str, str]]]) -> None:
        members, people = found
        _fill(
            self.table,
            [[m.name, _label(AccountTeamRole, m.role, self.lang), m.note] for m in members],
            [m.id for m in members],
        )
        self.person.clear()
        for user_id, name in people:
            self.person.addItem(name, user_id)
        self.loaded.emit()

    def add(self) -> None:
        user, customer = self.person.currentData(), self.customer_id
        if not isinstance(user, str) or customer is None:
            return
        ka, role, note = self.ka, str(self.role.currentData()), self.note.text()
        self.context.operations.write(
            lambda: ka.team.add(customer, user, role, note),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _id: self._added(self.note),
        )

    def remove(self) -> None:
        member = _selected_key(self.table)
        if member is not None:
            ka = self.ka
            self.context.operations.write(
                lambda: ka.team.remove(member),
                KEY_ACCOUNTS,
                parent=self,
                success=lambda _r: self.reload(),
            )


class TrendChart(QWidget):
    """The average rating of each check, oldest to newest, as a line on a 1-5 scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumHeight(90)

    def set_values(self, values: list[float]) -> None:
        self.values = values
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(24, 8, -8, -8)
        painter.setPen(QPen(QColor("#cfd8dc"), 1))
        for level in range(RATING_MIN, RATING_MAX + 1):
            y = rect.bottom() - (level - RATING_MIN) / (RATING_MAX - RATING_MIN) * rect.height()
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.drawText(QPointF(4, y + 4), str(level))
        if not self.values:
            painter.end()
            return
        step = rect.width() / max(len(self.values) - 1, 1)
        points = [
            QPointF(
                rect.left() + n * step,
                rect.bottom() - (v - RATING_MIN) / (RATING_MAX - RATING_MIN) * rect.height(),
            )
            for n, v in enumerate(self.values)
        ]
        painter.setPen(QPen(QColor("#1565c0"), 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(QColor("#1565c0"))
        for point in points:
            painter.drawEllipse(point, 3, 3)
        painter.end()


class HealthTab(_AccountTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.t
        self.date = QDateEdit(_qdate(context.services.clock.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = _combo(RelationshipType, self.lang, blank=True)
        self.stage = _combo(CycleStage, self.lang, blank=True)
        box = QGroupBox(
            t("本期自我检查（1 差 – 5 好）", "This period's self-check (1 poor – 5 good)")
        )
        form = QFormLayout(box)
        form.addRow(t("检查日期", "Date"), self.date)
        self.answers: dict[str, tuple[QSpinBox, QLineEdit]] = {}
        for question in HEALTH_QUESTIONS:
            rating = QSpinBox()
            rating.setRange(RATING_MIN, RATING_MAX)
            rating.setValue(3)
            comment = QLineEdit()
            comment.setPlaceholderText(t("说明", "Comment"))
            row = QHBoxLayout()
            row.addWidget(rating)
            row.addWidget(comment, 1)
            label = QLabel(question.label(self.lang))
            label.setWordWrap(True)
            form.addRow(label, row)
            self.answers[question.key] = (rating, comment)
        form.addRow(t("关系类型", "Relationship type"), self.kind)
        form.addRow(t("关系周期", "Cycle stage"), self.stage)
        save = QPushButton(t("保存本次检查", "Save this check"))
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        form.addRow(save)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = TrendChart()
        self.table = _table(
            [
                t("日期", "Date"),
                t("平均评分", "Average"),
                t("关系类型", "Type"),
                t("关系周期", "Stage"),
            ]
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(QLabel(t("趋势（平均评分）", "Trend (average rating)")))
        right_layout.addWidget(self.chart)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(box)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self) -> None:
        if self.customer_id is None:
            return
        ka, customer = self.ka, self.customer_id
        self.context.operations.read(
            lambda: ka.records.profile(customer), parent=self, success=self._show
        )

    def _show(self, profile: AccountProfile) -> None:
        checks = profile.checks
        self.summary.setText(
            self.t("目前：", "Now: ")
            + (_label(RelationshipType, profile.relationship_type, self.lang) or "—")
            + " · "
            + (_label(CycleStage, profile.cycle_stage, self.lang) or "—")
        )
        self.chart.set_values([c.average for c in checks if c.average is not None])
        ordered = list(reversed(checks))
        _fill(
            self.table,
            [
                [
                    c.checked_on.isoformat(),
                    "" if c.average is None else f"{c.average:.1f}",
                    _label(RelationshipType, c.relationship_type, self.lang),
                    _label(CycleStage, c.cycle_stage, self.lang),
                ]
                for c in ordered
            ],
            [c.id or "" for c in ordered],
        )
        if profile.relationship_type:
            self.kind.setCurrentIndex(max(self.kind.findData(profile.relationship_type), 0))
        if profile.cycle_stage:
            self.stage.setCurrentIndex(max(self.stage.findData(profile.cycle_stage), 0))
        self.loaded.emit()

    def save(self) -> None:
        customer = self.customer_id
        if customer is None:
            return
        check = HealthCheck(
            None,
            _pydate(self.date.date()),
            {k: Answer(r.value(), c.text()) for k, (r, c) in self.answers.items()},
            self.kind.currentData(),
            self.stage.currentData(),
        )
        ka = self.ka
        self.context.operations.write(
            lambda: ka.records.add_health_check(customer, check),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _id: self.reload(),
        )


class EventsTab(_AccountTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.t
        self.table = _table(
            [t("日期", "Date"), t("类型", "Kind"), t("事件", "Event"), t("说明", "Note")]
        )
        self.date = QDateEdit(_qdate(context.services.clock.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = _combo(EventKind, self.lang)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(
            t("事件，如：开业十周年庆典", "Event, e.g. 10th anniversary")
        )
        add, remove = QPushButton(t("记录", "Record")), QPushButton(t("删除", "Delete"))
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for widget in (self.date, self.kind, self.title_edit, add, remove):
            row.addWidget(widget)
        row.setStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        if self.customer_id is None:
            return
        ka, customer = self.ka, self.customer_id
        self.context.operations.read(
            lambda: ka.records.events(customer), parent=self, success=self._show
        )

    def _show(self, events: list[EventRow]) -> None:
        _fill(
            self.table,
            [
                [e.event_date.isoformat(), _label(EventKind, e.kind, self.lang), e.title, e.note]
                for e in events
            ],
            [e.id for e in events],
        )
        self.loaded.emit()

    def add(self) -> None:
        customer = self.customer_id
        if customer is None:
            return
        ka = self.ka
        day = _pydate(self.date.date())
        kind, title = str(self.kind.currentData()), self.title_edit.text()
        self.context.operations.write(
            lambda: ka.records.add_event(customer, day, kind, title),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _id: self._added(self.title_edit),
        )

    def remove(self) -> None:
        record = _selected_key(self.table)
        if record is not None:
            ka = self.ka
            self.context.operations.write(
                lambda: ka.records.remove(record),
                KEY_ACCOUNTS,
                parent=self,
                success=lambda _r: self.reload(),
            )
