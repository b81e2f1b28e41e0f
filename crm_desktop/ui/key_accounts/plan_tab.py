"""客户计划 The account plan editor (F13): the sections in the reference's logical order,
the question bank (F14c) beside the field being filled, the SMART check of each
objective, the revenue plan beside the actuals, the version history and the workflow
buttons (submit to the sponsor, approve / return, activate, review, revise, archive)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.account_plan import (
    ActionItem,
    CompetitorProfile,
    CustomerProfile,
    Objective,
    PlanContent,
    RevenueLine,
    RevenueQuarter,
    Situation,
    Swot,
    smart_checks,
)
from crm_desktop.domain.account_plan_workflow import (
    COMMENT_REQUIRED,
    AccountPlanAction,
    AccountPlanStatus,
)
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.key_accounts import QUESTION_BANK, InfoGrade
from crm_desktop.services.key_accounts.plans import PlanView
from crm_desktop.ui import application
from crm_desktop.ui.attachments.strip import AttachmentStrip
from crm_desktop.ui.key_accounts.grid import Grid
from crm_desktop.ui.key_accounts.text import (
    bi,
    date_text,
    money_text,
    parse_date,
    parse_int,
    parse_money,
)
from crm_desktop.ui.operations import FOLLOW_UPS, KEY_ACCOUNTS
from crm_desktop.ui.pages.base import PageContext

TEXT_HEIGHT = 64


class _TextEdit(QPlainTextEdit):
    """A few lines of text at a fixed height: the stylesheet's min-height would otherwise
    shrink it to one line in a form."""

    def __init__(self, height: int) -> None:
        super().__init__()
        self._height = height
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The application stylesheet's min-height wins over setMinimumHeight; this wins over it.
        self.setStyleSheet(f"QPlainTextEdit {{ min-height: {height - 10}px; }}")

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height)


def _text_edit(height: int = TEXT_HEIGHT) -> QPlainTextEdit:
    return _TextEdit(height)


class PlanTab(QWidget):
    loaded = Signal()  # a plan (or its absence) is on screen

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.ka = context.services.key_accounts
        self.customer_id: str | None = None
        self.owner_id: str | None = None
        self.view: PlanView | None = None
        self._sections: dict[QWidget, str] = {}
        t = self.t
        # --- the bar: version, status, sponsor, actions
        self.version = QComboBox()
        # Sized to its longest entry: a character count undercounts Chinese, which clipped it.
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QLabel()
        self.status.setObjectName("planStatus")
        self.sponsor = QComboBox()
        self.sponsor.setMinimumContentsLength(6)
        self.sponsor_label = QLabel(t("行政支持者", "Sponsor"))
        self.new_button = QPushButton(t("新建计划", "New plan"))
        self.save_button = QPushButton(t("保存", "Save"))
        self.save_button.setObjectName("primary")
        self.action_buttons: dict[AccountPlanAction, QPushButton] = {}
        bar = QHBoxLayout()
        for widget in (self.version, self.status, self.sponsor_label, self.sponsor):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.save_button)
        for action in AccountPlanAction:
            if action is AccountPlanAction.EDIT:
                continue
            button = QPushButton(action.label(self.lang))
            button.clicked.connect(lambda _c=False, a=action: self.take(a))
            self.action_buttons[action] = button
            bar.addWidget(button)
        self.comment = QLabel()
        self.comment.setWordWrap(True)
        self.comment.setObjectName("pageNote")
        # --- the form
        self.summary = _text_edit()
        self.market, self.strategy, self.trends = _text_edit(), _text_edit(), _text_edit()
        self.past_needs, self.current_needs = _text_edit(), _text_edit()
        self.demand_pct = QLineEdit()
        self.demand_pct.setPlaceholderText("%")
        self.info_grade = QComboBox()
        self.info_grade.addItem("", "")
        for grade in InfoGrade:
            self.info_grade.addItem(grade.label(self.lang), grade.value)
        self.strengths, self.weaknesses = _text_edit(44), _text_edit(44)
        self.opportunities, self.threats = _text_edit(44), _text_edit(44)
        self.competitors = Grid(
            [
                t("竞争者", "Competitor"),
                t("关系和业务", "Relationship"),
                t("能力和资源", "Capabilities"),
                t("策略", "Strategy"),
                t("优势和弱点", "Strengths/weaknesses"),
                t("客户的看法", "Customer's view"),
                t("偏爱(1-5)", "Preference (1-5)"),
            ],
            t("添加竞争者", "Add competitor"),
            t("删除所选", "Remove selected"),
        )
        self.relationship, self.progress = _text_edit(), _text_edit()
        self.current_sales = QLineEdit()
        self.share_pct = QLineEdit()
        self.switching_cost = QLineEdit()
        self.vision = _text_edit()
        self.objectives = Grid(
            [
                t("目标（具体）", "Objective (specific)"),
                t("衡量指标", "Metric"),
                t("现状", "Baseline"),
                t("目标值", "Target"),
                t("服务于", "Serves"),
                t("完成日期", "Due"),
                "SMART",
            ],
            t("添加目标", "Add objective"),
            t("删除所选", "Remove selected"),
            read_only=(6,),
        )
        self.action_plan = Grid(
            [
                t("任务或步骤", "Task or step"),
                t("负责人", "Responsible"),
                t("开始", "Start"),
                t("完成", "Due"),
                t("完成情况%", "Done %"),
            ],
            t("添加行动", "Add action"),
            t("删除所选", "Remove selected"),
            combo_column=1,
        )
        self.revenue = Grid(
            [
                t("季度", "Quarter"),
                t("计划销售额(元)", "Planned sales"),
                t("计划收入(元)", "Planned revenue"),
                t("利润率%", "Margin %"),
                t("计划盈利", "Planned profit"),
                t("实际订货", "Actual orders"),
                t("实际回款", "Collections"),
                t("达成%", "Achieved %"),
            ],
            "",
            "",
            fixed_rows=4,
            read_only=(0, 4, 5, 6, 7),
            height=150,
        )
        form = QWidget()
        column = QVBoxLayout(form)
        column.addWidget(
            self._group(
                t("一、计划摘要", "1. Plan summary"),
                "summary",
                [(t("总的目的和方向", "Aim and direction"), self.summary)],
            )
        )
        profile = self._group(
            t("二、客户概况", "2. Customer profile"),
            "market",
            [
                (t("市场", "Market"), self.market),
                (t("战略", "Strategy"), self.strategy),
                (t("趋势", "Trends"), self.trends),
                (t("过去的需求", "Past needs"), self.past_needs),
                (t("目前的需求", "Current needs"), self.current_needs),
                (t("明年需求量预测%", "Next year's demand %"), self.demand_pct),
                (t("信息等级", "Information grade"), self.info_grade),
            ],
        )
        self._sections.update(
            {
                self.strategy: "strategy",
                self.trends: "trends",
                self.past_needs: "needs",
                self.current_needs: "needs",
                self.demand_pct: "needs",
            }
        )
        column.addWidget(profile)
        swot = QGroupBox(t("产品的SWOT分析", "Products' SWOT"))
        grid = QGridLayout(swot)
        for n, (label, edit) in enumerate(
            [
                (t("优势", "Strengths"), self.strengths),
                (t("弱点", "Weaknesses"), self.weaknesses),
                (t("机遇", "Opportunities"), self.opportunities),
                (t("威胁", "Threats"), self.threats),
            ]
        ):
            grid.addWidget(QLabel(label), (n // 2) * 2, n % 2)
            grid.addWidget(edit, (n // 2) * 2 + 1, n % 2)
            self._sections[edit] = "swot"
        column.addWidget(swot)
        column.addWidget(
            self._group(
                t("竞争者概况", "Competitor profiles"), "competitors", [("", self.competitors)]
            )
        )
        column.addWidget(
            self._group(
                t("情况评估", "Situation assessment"),
                "situation",
                [
                    (t("与客户的关系状况", "Our relationship"), self.relationship),
                    (t("目前的业务进展", "Business progress"), self.progress),
                    (t("目前销售额(元)", "Current sales (yuan)"), self.current_sales),
                    (t("客户份额%", "Share of customer %"), self.share_pct),
                    (t("调换供应商的代价", "Switching cost"), self.switching_cost),
                ],
            )
        )
        column.addWidget(
            self._group(
                t("三、客户战略：远景规划", "3. Strategy: vision"), "vision", [("", self.vision)]
            )
        )
        column.addWidget(
            self._group(
                t("客户发展目标（SMART）", "Development objectives (SMART)"),
                "objectives",
                [("", self.objectives)],
            )
        )
        column.addWidget(
            self._group(t("行动计划", "Action plan"), "actions", [("", self.action_plan)])
        )
        column.addWidget(
            self._group(
                t("收益执行计划与实际", "Revenue plan and actuals"), "revenue", [("", self.revenue)]
            )
        )
        # Contracts, competitor leaflets, photos (ui/attachments/) gathered while the plan
        # runs: the plan's owner adds them in any state, as the year brings them.
        self.attachments = AttachmentStrip(
            context.services, context.operations, self.lang, "account_plan", icon_edge=72
        )
        attachments_box = QGroupBox(
            t("附件（合同、竞争者资料、照片）", "Attachments (contracts, leaflets, photos)")
        )
        QVBoxLayout(attachments_box).addWidget(self.attachments)
        column.addWidget(attachments_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        self.guide = QTextBrowser()
        self.guide.setMinimumWidth(220)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setObjectName("pageNote")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(t("填写提示", "Guiding questions")))
        side_layout.addWidget(self.guide, 1)
        side_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setObjectName("pageNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.comment)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.body = splitter
        self.version.currentIndexChanged.connect(self._version_chosen)
        self.new_button.clicked.connect(self.new_plan)
        self.save_button.clicked.connect(self.save)
        self.objectives.table.itemChanged.connect(lambda _item: self._smart_guide())
        self.objectives.table.itemSelectionChanged.connect(self._smart_guide)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._show_guide("summary")
        self._set_plan(None)

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    def _group(self, title: str, key: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in rows:
            if label:
                form.addRow(label, widget)
            else:
                form.addRow(widget)
            self._sections.setdefault(widget, key)
        self._sections[box] = key
        return box

    # --- guidance ----------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and widget is not self:
            key = self._sections.get(widget)
            if key is not None:
                if key == "objectives":
                    self._smart_guide()
                else:
                    self._show_guide(key)
                return
            widget = widget.parentWidget()

    def _show_guide(self, key: str, extra: str = "") -> None:
        questions = QUESTION_BANK.get(key, ())
        items = "".join(f"<li>{q.label(self.lang)}</li>" for q in questions)
        self.guide.setHtml(f"<ul>{items}</ul>{extra}")

    def _smart_guide(self) -> None:
        row = self.objectives.table.currentRow()
        extra = ""
        if row >= 0 and self.view is not None:
            try:
                objective = self._objective(self.objectives.rows()[row])
            except UserFacingError:
                objective = None
            if objective is not None:
                lines = "".join(
                    f"<li>{'✔' if c.ok else '✘'} <b>{c.letter} {c.name(self.lang)}</b>："
                    f"{c.reason(self.lang)}</li>"
                    for c in smart_checks(objective, self.view.plan_year)
                )
                extra = f"<p><b>{self.t('本目标的检查', 'This objective')}</b></p><ul>{lines}</ul>"
        self._show_guide("objectives", extra)

    # --- loading -----------------------------------------------------------------------
    def set_account(self, customer_id: str | None, owner_id: str | None) -> None:
        self.customer_id, self.owner_id = customer_id, owner_id
        if customer_id is None:
            self._set_plan(None)
            return
        ka = self.ka
        self.context.operations.read(
            lambda: ka.plans.newest_plan_id(customer_id),
            parent=self,
            success=lambda plan_id: self.open_plan(plan_id),
        )

    def open_plan(self, plan_id: str | None) -> None:
        if plan_id is None:
            self._set_plan(None)
            return
        ka = self.ka
        self.context.operations.read(
            lambda: (ka.plans.open(plan_id), ka.revenue(plan_id)),
            parent=self,
            success=lambda found: self._set_plan(*found),
        )

    def _set_plan(self, view: PlanView | None, revenue: list[RevenueLine] | None = None) -> None:
        self.view = view
        self.body.setVisible(view is not None)
        self.empty.setVisible(view is None)
        year = self.context.services.clock.today().year
        has_this_year = view is not None and any(v.plan_year == year for v in view.versions)
        self.new_button.setText(self.t(f"新建 {year} 年计划", f"New plan for {year}"))
        self.new_button.setVisible(self.customer_id is not None and not has_this_year)
        if view is None:
            self.empty.setText(
                self.t(
                    "这个客户还没有客户计划。点击“新建计划”，按提示逐项填写。",
                    "This customer has no account plan yet. Click “New plan” and fill it in "
                    "section by section, guided by the questions.",
                )
                if self.customer_id
                else self.t("请在左侧选择一个重点客户。", "Choose a key account on the left.")
            )
            self.status.setText("")
            self.comment.setText("")
            for button in self.action_buttons.values():
                button.hide()
            self.save_button.hide()
            self.sponsor.hide()
            self.sponsor_label.hide()
            self.version.hide()
            self.loaded.emit()
            return
        self._fill_versions(view)
        self.status.setText(
            self.t("状态：", "Status: ") + AccountPlanStatus(view.status).label(self.lang)
        )
        comment = view.review_comment or ""
        sponsor = view.sponsor_name
        self.comment.setText(
            (self.t("行政支持者：", "Sponsor: ") + sponsor + "　" if sponsor else "")
            + (self.t("意见：", "Comment: ") + comment if comment else "")
        )
        self.comment.setVisible(bool(comment or sponsor))
        self._fill_form(view, revenue or [])
        me = self.context.services.actor.user_id
        editable = view.editable and view.owner_id == me
        self.attachments.set_owner(view.id)
        self.attachments.set_read_only(view.owner_id != me)
        self._set_editable(editable)
        self.save_button.setVisible(editable)
        for action, button in self.action_buttons.items():
            button.setVisible(action in view.actions)
        submitting = AccountPlanAction.SUBMIT in view.actions
        self.sponsor.setVisible(submitting)
        self.sponsor_label.setVisible(submitting)
        if submitting:
            self.sponsor.clear()
            for user_id, name in self.ka.plans.sponsors(view.owner_id):
                self.sponsor.addItem(name, user_id)
            if view.sponsor_id:
                self.sponsor.setCurrentIndex(max(self.sponsor.findData(view.sponsor_id), 0))
        self.history.setText(
            "<br>".join(
                f"{e.at:%Y-%m-%d} {AccountPlanAction(e.action).label(self.lang)}"
                + (f"：{e.comment}" if e.comment else "")
                for e in view.history
                if e.action in set(AccountPlanAction)
            )
        )
        self.loaded.emit()

    def _fill_versions(self, view: PlanView) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        for v in view.versions:
            label = self.t(
                f"{v.plan_year} 年 第 {v.version_no} 版", f"{v.plan_year} v{v.version_no}"
            )
            self.version.addItem(f"{label}（{AccountPlanStatus(v.status).label(self.lang)}）", v.id)
        self.version.setCurrentIndex(max(self.version.findData(view.id), 0))
        self.version.setVisible(True)
        self.version.blockSignals(False)

    def _version_chosen(self, _index: int) -> None:
        plan_id = self.version.currentData()
        if isinstance(plan_id, str) and (self.view is None or plan_id != self.view.id):
            self.open_plan(plan_id)

    def _fill_form(self, view: PlanView, revenue: list[RevenueLine]) -> None:
        c = view.content
        p, s = c.profile, c.situation
        for edit, text in (
            (self.summary, c.summary),
            (self.market, p.market),
            (self.strategy, p.strategy),
            (self.trends, p.trends),
            (self.past_needs, p.past_needs),
            (self.current_needs, p.current_needs),
            (self.strengths, p.swot.strengths),
            (self.weaknesses, p.swot.weaknesses),
            (self.opportunities, p.swot.opportunities),
            (self.threats, p.swot.threats),
            (self.relationship, s.relationship),
            (self.progress, s.progress),
            (self.vision, c.vision),
        ):
            edit.setPlainText(text)
            edit.moveCursor(QTextCursor.MoveOperation.Start)  # show the text from its top
        self.demand_pct.setText(
            "" if p.next_year_demand_pct is None else str(p.next_year_demand_pct)
        )
        self.info_grade.setCurrentIndex(max(self.info_grade.findData(p.info_grade), 0))
        self.current_sales.setText(money_text(s.current_sales_fen))
        self.share_pct.setText("" if s.share_pct is None else str(s.share_pct))
        self.switching_cost.setText(s.switching_cost)
        self.competitors.set_rows(
            [
                [
                    x.name,
                    x.relationship,
                    x.capabilities,
                    x.strategy,
                    x.strengths_weaknesses,
                    x.customer_view,
                    "" if x.preference is None else str(x.preference),
                ]
                for x in c.competitors
            ]
        )
        self.objectives.table.blockSignals(True)
        self.objectives.set_rows(
            [
                [
                    o.statement,
                    o.metric,
                    _num(o.baseline),
                    _num(o.target),
                    o.serves,
                    date_text(o.due_on),
                    _smart_text(o, view.plan_year),
                ]
                for o in c.objectives
            ]
        )
        self.objectives.table.blockSignals(False)
        people = self.context.services.key_accounts.team.people()
        self.action_plan.choices = people
        self.action_plan.set_rows(
            [
                [a.task, "", date_text(a.start_on), date_text(a.due_on), str(a.done_pct)]
                for a in c.actions
            ],
            [a.owner_id for a in c.actions],
        )
        self._action_keys = [a.key for a in c.actions]
        by_quarter = {line.quarter: line for line in revenue}
        rows = []
        for number, q in c.revenue_by_quarter().items():
            line = by_quarter.get(number)
            rows.append(
                [
                    f"Q{number}",
                    money_text(q.sales_fen),
                    money_text(q.revenue_fen),
                    str(q.margin_pct),
                    money_text(q.profit_fen),
                    money_text(line.actual_orders_fen if line else 0),
                    money_text(line.actual_collections_fen if line else 0),
                    _num(line.sales_achievement_pct if line else None),
                ]
            )
        self.revenue.set_rows(rows)

    def _set_editable(self, editable: bool) -> None:
        for edit in self.findChildren(QPlainTextEdit):
            edit.setReadOnly(not editable)
        for line in (self.demand_pct, self.current_sales, self.share_pct, self.switching_cost):
            line.setReadOnly(not editable)
        self.info_grade.setEnabled(editable)
        for grid in (self.competitors, self.objectives, self.action_plan, self.revenue):
            grid.set_editable(editable)

    # --- reading the form --------------------------------------------------------------
    def _objective(self, row: list[str]) -> Objective:
        t = self.t
        return Objective(
            statement=row[0],
            metric=row[1],
            baseline=parse_int(row[2], t("现状", "Baseline"), "Baseline"),
            target=parse_int(row[3], t("目标值", "Target"), "Target"),
            serves=row[4],
            due_on=parse_date(row[5], t("完成日期", "Due date"), "Due date"),
        )

    def content(self) -> PlanContent:
        """The form as the plan's sections; ValidationError on a bad date or number."""
        t = self.t
        competitors = tuple(
            CompetitorProfile(
                name=r[0],
                relationship=r[1],
                capabilities=r[2],
                strategy=r[3],
                strengths_weaknesses=r[4],
                customer_view=r[5],
                preference=parse_int(r[6], t("偏爱程度", "Preference"), "Preference"),
            )
            for r in self.competitors.rows()
            if any(r)
        )
        objectives = tuple(self._objective(r) for r in self.objectives.rows() if any(r[:6]))
        keys = getattr(self, "_action_keys", [])
        actions = []
        for n, r in enumerate(self.action_plan.rows()):
            if not any(r) and self.action_plan.chosen(n) is None:
                continue
            key = keys[n] if n < len(keys) and keys[n] else f"k{len(keys) + n + 1}"
            actions.append(
                ActionItem(
                    key=key,
                    task=r[0],
                    owner_id=self.action_plan.chosen(n),
                    start_on=parse_date(r[2], t("开始日期", "Start date"), "Start date"),
                    due_on=parse_date(r[3], t("完成日期", "Due date"), "Due date"),
                    done_pct=parse_int(r[4], t("完成情况", "Completion"), "Completion") or 0,
                )
            )
        revenue = tuple(
            RevenueQuarter(
                quarter=n,
                sales_fen=parse_money(r[1]) or 0,
                revenue_fen=parse_money(r[2]) or 0,
                margin_pct=parse_int(r[3], t("利润率", "Margin"), "Margin") or 0,
            )
            for n, r in enumerate(self.revenue.rows(), start=1)
        )
        base = self.view.content if self.view is not None else PlanContent()
        return dataclasses.replace(
            base,
            summary=self.summary.toPlainText().strip(),
            profile=CustomerProfile(
                market=self.market.toPlainText().strip(),
                strategy=self.strategy.toPlainText().strip(),
                trends=self.trends.toPlainText().strip(),
                past_needs=self.past_needs.toPlainText().strip(),
                current_needs=self.current_needs.toPlainText().strip(),
                next_year_demand_pct=parse_int(
                    self.demand_pct.text(), t("明年需求量", "Next year's demand"), "Demand"
                ),
                swot=Swot(
                    self.strengths.toPlainText().strip(),
                    self.weaknesses.toPlainText().strip(),
                    self.opportunities.toPlainText().strip(),
                    self.threats.toPlainText().strip(),
                ),
                info_grade=str(self.info_grade.currentData() or ""),
            ),
            competitors=competitors,
            situation=Situation(
                relationship=self.relationship.toPlainText().strip(),
                progress=self.progress.toPlainText().strip(),
                current_sales_fen=parse_money(self.current_sales.text()),
                share_pct=parse_int(self.share_pct.text(), t("客户份额", "Share"), "Share"),
                switching_cost=self.switching_cost.text().strip(),
            ),
            vision=self.vision.toPlainText().strip(),
            objectives=objectives,
            actions=tuple(actions),
            revenue=revenue,
        )

    # --- writing -----------------------------------------------------------------------
    def new_plan(self) -> None:
        if self.customer_id is None:
            return
        ka, customer = self.ka, self.customer_id
        year = self.context.services.clock.today().year
        self.context.operations.write(
            lambda: ka.plans.create(customer, year),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda view: self.open_plan(view.id),
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.view is None:
            return
        try:
            content = self.content()
        except UserFacingError as error:
            application.show_error(error, self)
            return
        ka, plan_id = self.ka, self.view.id
        self.context.operations.write(
            lambda: ka.plans.save(plan_id, content),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda view: then() if then else self.open_plan(view.id),
        )

    def take(self, action: AccountPlanAction) -> None:
        view = self.view
        if view is None:
            return
        comment: str | None = None
        if action in COMMENT_REQUIRED or action is AccountPlanAction.APPROVE:
            prompt = {
                AccountPlanAction.APPROVE: self.t("批准意见（可不填）：", "Comment (optional):"),
                AccountPlanAction.RETURN: self.t(
                    "退回意见：告诉客户经理需要修改什么", "Tell the account manager what to change:"
                ),
                AccountPlanAction.REVIEW: self.t("定期检查的结论：", "Findings of the review:"),
            }[action]
            text, accepted = QInputDialog.getMultiLineText(self, action.label(self.lang), prompt)
            if not accepted:
                return
            comment = text
        sponsor = self.sponsor.currentData() if action is AccountPlanAction.SUBMIT else None
        ka, plan_id = self.ka, view.id

        def run() -> PlanView:
            return ka.plans.step(plan_id, action, comment, sponsor)

        def go() -> None:
            self.context.operations.write(
                run,
                KEY_ACCOUNTS | FOLLOW_UPS,
                parent=self,
                success=lambda result: self.open_plan(result.id),
            )

        if action is AccountPlanAction.SUBMIT and view.editable:
            self.save(then=go)  # what is on screen is what the sponsor reviews
        else:
            go()


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _smart_text(objective: Objective, year: int) -> str:
    return "".join(c.letter if c.ok else "-" for c in smart_checks(objective, year))
