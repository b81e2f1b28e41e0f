"""The account plan 客户计划 as an .xlsx workbook (issue 16): the plan in the reference's
logical order (F13), the revenue plan against actuals, the account team, the relationship
map (an indented table, its coverage by level, and the diagram when the GUI drew one),
the relationship health checks and the events.

Money is printed in yuan from integer fen (domain/money.py). The file is written through
config/atomic_file.py: a failed write leaves no file and keeps the old one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.key_accounts import InfoGrade
from crm_desktop.domain.money import fen_to_decimal
from crm_desktop.export.account_plan_data import AccountPlanReport
from crm_desktop.export.errors import file_error

PLAN_SHEET = "Plan"
REVENUE_SHEET = "Revenue"
TEAM_SHEET = "Team"
MAP_SHEET = "Relationship map"
HEALTH_SHEET = "Health"
EVENTS_SHEET = "Events"
_MONEY = "#,##0.00"
_FONT = "Microsoft YaHei"
_ATTITUDE_FILL = {"support": "#E2F0D9", "neutral": "#EDEDED", "oppose": "#F8CBAD"}


class _Sheet:
    """A worksheet written top to bottom, with the workbook's few formats."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, formats: dict[str, Format]) -> None:
        self.ws: Worksheet = book.add_worksheet(name)
        self.f = formats
        self.row = 0

    def title(self, text: str) -> None:
        self.ws.write(self.row, 0, text, self.f["title"])
        self.row += 2

    def heading(self, text: str) -> None:
        self.ws.write(self.row, 0, text, self.f["heading"])
        self.row += 1

    def field(self, label: str, value: Any) -> None:
        self.ws.write(self.row, 0, label, self.f["label"])
        self._cell(1, value)
        self.row += 1

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        for column, header in enumerate(headers):
            self.ws.write(self.row, column, header, self.f["head"])
        self.row += 1
        for values in rows:
            for column, value in enumerate(values):
                self._cell(column, value)
            self.row += 1
        self.row += 1

    def _cell(self, column: int, value: Any) -> None:
        if isinstance(value, _Money):
            self.ws.write_number(self.row, column, float(value.yuan), self.f["money"])
        elif isinstance(value, int | float):
            self.ws.write_number(self.row, column, value, self.f["cell"])
        elif value is None:
            self.ws.write_blank(self.row, column, None, self.f["cell"])
        else:
            self.ws.write_string(self.row, column, str(value), self.f["text"])


class _Money:
    def __init__(self, fen: int) -> None:
        self.yuan = fen_to_decimal(fen)


def _formats(book: xlsxwriter.Workbook) -> dict[str, Format]:
    base = {"font_name": _FONT, "font_size": 10, "valign": "top"}
    return {
        "title": book.add_format({**base, "font_size": 14, "bold": True, "font_color": "#1F4E79"}),
        "heading": book.add_format({**base, "font_size": 12, "bold": True}),
        "label": book.add_format({**base, "bold": True}),
        "head": book.add_format(
            {**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        ),
        "cell": book.add_format({**base, "border": 1}),
        "text": book.add_format({**base, "border": 1, "text_wrap": True}),
        "money": book.add_format({**base, "border": 1, "num_format": _MONEY}),
        **{
            f"attitude.{code}": book.add_format({**base, "border": 1, "bg_color": colour})
            for code, colour in _ATTITUDE_FILL.items()
        },
    }


def _grade(report: AccountPlanReport, code: str) -> str:
    try:
        grade = InfoGrade(code)
    except ValueError:
        return ""
    return grade.label(report.lang)


def write_account_plan_workbook(report: AccountPlanReport, path: Path) -> Path:
    """Write the workbook to `path` (replacing it) and return the path."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            book = xlsxwriter.Workbook(str(temporary), {"strings_to_numbers": False})
            formats = _formats(book)
            _plan_sheet(_Sheet(book, PLAN_SHEET, formats), report)
            _revenue_sheet(_Sheet(book, REVENUE_SHEET, formats), report)
            _team_sheet(_Sheet(book, TEAM_SHEET, formats), report)
            _map_sheet(_Sheet(book, MAP_SHEET, formats), report, formats)
            _health_sheet(_Sheet(book, HEALTH_SHEET, formats), report)
            _events_sheet(_Sheet(book, EVENTS_SHEET, formats), report)
            book.close()
    except OSError as error:
        raise file_error(error, path) from error
    return path


def _plan_sheet(sheet: _Sheet, r: AccountPlanReport) -> None:
    t = r.t
    c = r.content
    sheet.ws.set_column(0, 0, 22)
    sheet.ws.set_column(1, 8, 18)
    sheet.title(
        t(
            f"{r.customer_name} {r.plan_year} 年客户计划",
            f"{r.customer_name} account plan {r.plan_year}",
        )
    )
    sheet.field(t("客户经理", "Account manager"), r.owner_name)
    sheet.field(t("版本", "Version"), r.version_no)
    sheet.field(t("状态", "Status"), r.status)
    sheet.field(t("行政支持者", "Executive sponsor"), r.sponsor_name)
    sheet.field(
        t("批准时间（UTC）", "Approved at (UTC)"),
        r.approved_at.strftime("%Y-%m-%d %H:%M") if r.approved_at else "",
    )
    sheet.field(t("审核意见", "Sponsor's comment"), r.review_comment)
    sheet.field(t("关系类型", "Relationship type"), r.relationship_type)
    sheet.field(t("关系周期", "Cycle stage"), r.cycle_stage)
    sheet.row += 1
    sheet.heading(t("一、计划摘要", "1. Plan summary"))
    sheet.field(t("总的目的和方向", "Aim and direction"), c.summary)
    sheet.row += 1
    sheet.heading(t("二、客户概况", "2. Customer profile"))
    p = c.profile
    sheet.field(t("市场", "Market"), p.market)
    sheet.field(t("战略", "Strategy"), p.strategy)
    sheet.field(t("趋势", "Trends"), p.trends)
    sheet.field(t("过去的需求", "Past needs"), p.past_needs)
    sheet.field(t("目前的需求", "Current needs"), p.current_needs)
    sheet.field(t("明年需求量预测（%）", "Next year's demand (%)"), p.next_year_demand_pct)
    sheet.field(t("信息等级", "Information grade"), _grade(r, p.info_grade))
    sheet.table(
        [t("产品的SWOT分析", "Products' SWOT"), ""],
        [
            [t("优势", "Strengths"), p.swot.strengths],
            [t("弱点", "Weaknesses"), p.swot.weaknesses],
            [t("机遇", "Opportunities"), p.swot.opportunities],
            [t("威胁", "Threats"), p.swot.threats],
        ],
    )
    sheet.heading(t("竞争者概况", "Competitor profiles"))
    sheet.table(
        [
            t("竞争者", "Competitor"),
            t("与客户的关系和业务", "Relationship and business"),
            t("能力和资源", "Capabilities and resources"),
            t("策略", "Strategy"),
            t("优势和弱点", "Strengths and weaknesses"),
            t("客户的看法", "Customer's view"),
            t("客户偏爱程度（1-5）", "Customer's preference (1-5)"),
            t("信息等级", "Information grade"),
        ],
        [
            [
                x.name,
                x.relationship,
                x.capabilities,
                x.strategy,
                x.strengths_weaknesses,
                x.customer_view,
                x.preference,
                _grade(r, x.info_grade),
            ]
            for x in c.competitors
        ],
    )
    sheet.heading(t("情况评估", "Situation assessment"))
    s = c.situation
    sheet.field(t("与客户的关系状况", "Our relationship"), s.relationship)
    sheet.field(t("目前的业务进展", "Business progress"), s.progress)
    sheet.field(
        t("目前销售额（元）", "Current sales (yuan)"),
        _Money(s.current_sales_fen) if s.current_sales_fen is not None else None,
    )
    sheet.field(t("客户份额（%）", "Share of customer (%)"), s.share_pct)
    sheet.field(t("调换供应商的代价", "Switching cost"), s.switching_cost)
    sheet.row += 1
    sheet.heading(t("三、客户战略", "3. Account strategy"))
    sheet.field(t("远景规划", "Vision"), c.vision)
    sheet.row += 1
    sheet.heading(t("客户发展目标（SMART）", "Development objectives (SMART)"))
    sheet.table(
        [
            t("目标", "Objective"),
            t("衡量指标", "Metric"),
            t("现状", "Baseline"),
            t("目标值", "Target"),
            t("服务于", "Serves"),
            t("完成日期", "Due"),
            "SMART",
        ],
        [
            [
                o.statement,
                o.metric,
                o.baseline,
                o.target,
                o.serves,
                o.due_on.isoformat() if o.due_on else "",
                "".join(ch.letter if ch.ok else "-" for ch in checks),
            ]
            for o, checks in zip(c.objectives, r.smart, strict=False)
        ],
    )
    sheet.heading(t("行动计划", "Action plan"))
    sheet.table(
        [
            t("任务或步骤", "Task or step"),
            t("负责人", "Responsible"),
            t("开始", "Start"),
            t("完成", "Due"),
            t("完成情况（%）", "Completion (%)"),
        ],
        [
            [
                a.task,
                r.action_owners.get(a.owner_id or "", ""),
                a.start_on.isoformat() if a.start_on else "",
                a.due_on.isoformat() if a.due_on else "",
                a.done_pct,
            ]
            for a in c.actions
        ],
    )


def _revenue_sheet(sheet: _Sheet, r: AccountPlanReport) -> None:
    t = r.t
    sheet.ws.set_column(0, 8, 16)
    sheet.title(t(f"{r.plan_year} 年收益执行计划与实际", f"Revenue plan and actuals {r.plan_year}"))
    rows: list[list[Any]] = []
    for line in r.revenue:
        rows.append(
            [
                f"Q{line.quarter}",
                _Money(line.planned_sales_fen),
                _Money(line.actual_orders_fen),
                line.sales_achievement_pct,
                _Money(line.planned_revenue_fen),
                _Money(line.actual_collections_fen),
                line.margin_pct,
                _Money(line.planned_profit_fen),
                _Money(line.estimated_profit_fen),
            ]
        )
    total = [
        t("合计", "Total"),
        _Money(sum(x.planned_sales_fen for x in r.revenue)),
        _Money(sum(x.actual_orders_fen for x in r.revenue)),
        None,
        _Money(sum(x.planned_revenue_fen for x in r.revenue)),
        _Money(sum(x.actual_collections_fen for x in r.revenue)),
        None,
        _Money(sum(x.planned_profit_fen for x in r.revenue)),
        _Money(sum(x.estimated_profit_fen for x in r.revenue)),
    ]
    sheet.table(
        [
            t("季度", "Quarter"),
            t("计划销售额（元）", "Planned sales (yuan)"),
            t("实际订货（元）", "Actual orders (yuan)"),
            t("销售达成（%）", "Sales achieved (%)"),
            t("计划收入（元）", "Planned revenue (yuan)"),
            t("实际回款（元）", "Actual collections (yuan)"),
            t("利润率（%）", "Margin (%)"),
            t("计划盈利（元）", "Planned profit (yuan)"),
            t("实际盈利估算（元）", "Estimated profit (yuan)"),
        ],
        [*rows, total],
    )
    sheet.ws.write(
        sheet.row,
        0,
        t(
            "实际订货和回款取自该客户拜访记录的订货金额和回款金额；实际盈利按计划利润率估算。",
            "Actual orders and collections are the visits' order and collection amounts; "
            "the actual profit is estimated at the planned margin.",
        ),
    )


def _team_sheet(sheet: _Sheet, r: AccountPlanReport) -> None:
    t = r.t
    sheet.ws.set_column(0, 2, 22)
    sheet.title(t("客户团队", "Account team"))
    sheet.table(
        [t("成员", "Member"), t("角色", "Role"), t("备注", "Note")],
        [list(member) for member in r.team],
    )


def _map_sheet(sheet: _Sheet, r: AccountPlanReport, formats: dict[str, Format]) -> None:
    t = r.t
    sheet.ws.set_column(0, 0, 28)
    sheet.ws.set_column(1, 6, 14)
    sheet.title(
        t("关系图（按汇报关系，自上而下）", "Relationship map (by reporting line, top down)")
    )
    head = [
        t("姓名（按层级缩进）", "Name (indented by level)"),
        t("层级", "Level"),
        t("职务", "Title"),
        t("购买角色", "Buying role"),
        t("态度", "Attitude"),
        t("影响力（1-5）", "Influence (1-5)"),
        t("我方对接人", "Our contact"),
    ]
    for column, header in enumerate(head):
        sheet.ws.write(sheet.row, column, header, formats["head"])
    sheet.row += 1
    for row in r.map_rows:
        fill = formats.get(f"attitude.{row.attitude_code}", formats["text"])
        sheet.ws.write_string(sheet.row, 0, "　" * (row.level - 1) + row.name, formats["text"])
        sheet.ws.write_number(sheet.row, 1, row.level, formats["cell"])
        sheet.ws.write_string(sheet.row, 2, row.title, formats["text"])
        sheet.ws.write_string(sheet.row, 3, row.buying_role, formats["text"])
        sheet.ws.write_string(sheet.row, 4, row.attitude, fill)
        if row.influence is None:
            sheet.ws.write_blank(sheet.row, 5, None, formats["cell"])
        else:
            sheet.ws.write_number(sheet.row, 5, row.influence, formats["cell"])
        sheet.ws.write_string(
            sheet.row, 6, row.our_person or t("（未覆盖）", "(not covered)"), formats["text"]
        )
        sheet.row += 1
    sheet.row += 1
    sheet.heading(t("各层级覆盖情况", "Coverage by level"))
    sheet.table(
        [
            t("层级", "Level"),
            t("人数", "People"),
            t("已有我方对接", "Linked"),
            t("缺口", "Gap"),
            t("未覆盖的人", "Not covered"),
        ],
        [[c.level, c.people, c.linked, c.gap, "、".join(c.unlinked)] for c in r.coverage],
    )
    if r.diagram_png:
        sheet.ws.insert_image(
            sheet.row, 0, "relationship_map.png", {"image_data": io.BytesIO(r.diagram_png)}
        )


def _health_sheet(sheet: _Sheet, r: AccountPlanReport) -> None:
    t = r.t
    sheet.ws.set_column(0, 4, 20)
    sheet.title(t("关系健康自查", "Relationship health checks"))
    sheet.table(
        [
            t("日期", "Date"),
            t("平均评分（1-5）", "Average rating (1-5)"),
            t("关系类型", "Relationship type"),
            t("关系周期", "Cycle stage"),
        ],
        [
            [h.checked_on.isoformat(), h.average, h.relationship_type, h.cycle_stage]
            for h in r.health
        ],
    )
    if r.health:
        latest = r.health[-1]
        sheet.heading(t(f"最近一次（{latest.checked_on}）", f"Latest ({latest.checked_on})"))
        sheet.table(
            [t("问题", "Question"), t("评分", "Rating"), t("说明", "Comment")],
            [list(answer) for answer in latest.answers],
        )


def _events_sheet(sheet: _Sheet, r: AccountPlanReport) -> None:
    t = r.t
    sheet.ws.set_column(0, 2, 22)
    sheet.title(t("大事记", "Events"))
    sheet.table(
        [t("日期", "Date"), t("类型", "Kind"), t("事件", "Event")],
        [[d.isoformat(), kind, title] for d, kind, title in r.events],
    )
