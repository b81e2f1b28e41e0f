"""The account plan as a PDF (issue 16): the same AccountPlanReport the .xlsx prints
(export/account_plan_data.py), laid out as a document with the relationship map's
diagram, written by ui/printing/html_document.py (Qt's QTextDocument and QPdfWriter,
through config/atomic_file.py, so a failed write leaves no half file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QTextDocument

from crm_desktop.domain.key_accounts import InfoGrade
from crm_desktop.domain.relationship_map import MapNode
from crm_desktop.export.account_plan_data import AccountPlanReport
from crm_desktop.ui.key_accounts.map_painter import render_png
from crm_desktop.ui.printing.html_document import PAGE_WIDTH_PX, document, write_pdf
from crm_desktop.ui.printing.html_document import e as _e
from crm_desktop.ui.printing.html_document import fields as _fields
from crm_desktop.ui.printing.html_document import money as _money
from crm_desktop.ui.printing.html_document import table as _table

DIAGRAM_URL = "crm://relationship-map.png"


def _grade(report: AccountPlanReport, code: str) -> str:
    try:
        return InfoGrade(code).label(report.lang)
    except ValueError:
        return ""


def plan_html(r: AccountPlanReport, with_diagram: bool) -> str:
    t = r.t
    c, p, s = r.content, r.content.profile, r.content.situation
    parts = [
        "<style>body{font-size:10pt} h1{font-size:16pt;color:#1f4e79} h2{font-size:13pt;"
        "margin-top:14px} h3{font-size:11pt} table{border-collapse:collapse;margin:4px 0}"
        "th,td{border:1px solid #bfbfbf;padding:3px 5px;vertical-align:top}"
        "th{background:#ddebf7} th.label{text-align:left;width:150px}</style>",
        "<h1>"
        + _e(
            t(
                f"{r.customer_name} {r.plan_year} 年客户计划",
                f"{r.customer_name} account plan {r.plan_year}",
            )
        )
        + "</h1>",
        _fields(
            [
                (t("客户经理", "Account manager"), r.owner_name),
                (t("版本", "Version"), r.version_no),
                (t("状态", "Status"), r.status),
                (t("行政支持者", "Executive sponsor"), r.sponsor_name),
                (
                    t("批准时间（UTC）", "Approved at (UTC)"),
                    r.approved_at.strftime("%Y-%m-%d %H:%M") if r.approved_at else "",
                ),
                (t("审核意见", "Sponsor's comment"), r.review_comment),
                (t("关系类型", "Relationship type"), r.relationship_type),
                (t("关系周期", "Cycle stage"), r.cycle_stage),
            ]
        ),
        f"<h2>{_e(t('一、计划摘要', '1. Plan summary'))}</h2><p>{_e(c.summary)}</p>",
        f"<h2>{_e(t('二、客户概况', '2. Customer profile'))}</h2>",
        _fields(
            [
                (t("市场", "Market"), p.market),
                (t("战略", "Strategy"), p.strategy),
                (t("趋势", "Trends"), p.trends),
                (t("过去的需求", "Past needs"), p.past_needs),
                (t("目前的需求", "Current needs"), p.current_needs),
                (t("明年需求量预测（%）", "Next year's demand (%)"), p.next_year_demand_pct),
                (t("信息等级", "Information grade"), _grade(r, p.info_grade)),
                (t("优势", "Strengths"), p.swot.strengths),
                (t("弱点", "Weaknesses"), p.swot.weaknesses),
                (t("机遇", "Opportunities"), p.swot.opportunities),
                (t("威胁", "Threats"), p.swot.threats),
            ]
        ),
        f"<h3>{_e(t('竞争者概况', 'Competitor profiles'))}</h3>",
        _table(
            [
                t("竞争者", "Competitor"),
                t("关系和业务", "Relationship"),
                t("能力和资源", "Capabilities"),
                t("策略", "Strategy"),
                t("优势和弱点", "Strengths/weaknesses"),
                t("客户的看法", "Customer's view"),
                t("偏爱（1-5）", "Preference (1-5)"),
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
                ]
                for x in c.competitors
            ],
        ),
        f"<h3>{_e(t('情况评估', 'Situation assessment'))}</h3>",
        _fields(
            [
                (t("与客户的关系状况", "Our relationship"), s.relationship),
                (t("目前的业务进展", "Business progress"), s.progress),
                (t("目前销售额（元）", "Current sales (yuan)"), _money(s.current_sales_fen)),
                (t("客户份额（%）", "Share of customer (%)"), s.share_pct),
                (t("调换供应商的代价", "Switching cost"), s.switching_cost),
            ]
        ),
        f"<h2>{_e(t('三、客户战略', '3. Account strategy'))}</h2>",
        _fields([(t("远景规划", "Vision"), c.vision)]),
        f"<h3>{_e(t('客户发展目标（SMART）', 'Development objectives (SMART)'))}</h3>",
        _table(
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
        ),
        f"<h3>{_e(t('行动计划', 'Action plan'))}</h3>",
        _table(
            [
                t("任务或步骤", "Task"),
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
        ),
        f"<h3>{_e(t('收益执行计划与实际', 'Revenue plan and actuals'))}</h3>",
        _table(
            [
                t("季度", "Quarter"),
                t("计划销售额", "Planned sales"),
                t("实际订货", "Orders"),
                t("达成（%）", "Achieved (%)"),
                t("计划收入", "Planned revenue"),
                t("实际回款", "Collections"),
                t("利润率（%）", "Margin (%)"),
                t("计划盈利", "Planned profit"),
                t("盈利估算", "Estimated profit"),
            ],
            [
                [
                    f"Q{x.quarter}",
                    _money(x.planned_sales_fen),
                    _money(x.actual_orders_fen),
                    x.sales_achievement_pct,
                    _money(x.planned_revenue_fen),
                    _money(x.actual_collections_fen),
                    x.margin_pct,
                    _money(x.planned_profit_fen),
                    _money(x.estimated_profit_fen),
                ]
                for x in r.revenue
            ],
        ),
        f"<h2>{_e(t('客户团队', 'Account team'))}</h2>",
        _table(
            [t("成员", "Member"), t("角色", "Role"), t("备注", "Note")], [list(m) for m in r.team]
        ),
        f"<h2>{_e(t('关系图', 'Relationship map'))}</h2>",
    ]
    if with_diagram:
        parts.append(f"<p><img src='{DIAGRAM_URL}' width='{PAGE_WIDTH_PX}'></p>")
    parts.append(
        _table(
            [
                t("姓名", "Name"),
                t("层级", "Level"),
                t("职务", "Title"),
                t("购买角色", "Buying role"),
                t("态度", "Attitude"),
                t("影响力", "Influence"),
                t("我方对接人", "Our contact"),
            ],
            [
                [
                    "\u00a0" * 4 * (m.level - 1) + m.name,
                    m.level,
                    m.title,
                    m.buying_role,
                    m.attitude,
                    m.influence,
                    m.our_person or t("（未覆盖）", "(not covered)"),
                ]
                for m in r.map_rows
            ],
        )
    )
    parts.append(
        _table(
            [
                t("层级", "Level"),
                t("人数", "People"),
                t("已有我方对接", "Linked"),
                t("缺口", "Gap"),
                t("未覆盖的人", "Not covered"),
            ],
            [[x.level, x.people, x.linked, x.gap, "、".join(x.unlinked)] for x in r.coverage],
        )
    )
    parts.append(f"<h2>{_e(t('关系健康自查', 'Relationship health'))}</h2>")
    parts.append(
        _table(
            [
                t("日期", "Date"),
                t("平均评分", "Average"),
                t("关系类型", "Type"),
                t("关系周期", "Stage"),
            ],
            [
                [h.checked_on.isoformat(), h.average, h.relationship_type, h.cycle_stage]
                for h in r.health
            ],
        )
    )
    parts.append(f"<h2>{_e(t('大事记', 'Events'))}</h2>")
    parts.append(
        _table(
            [t("日期", "Date"), t("类型", "Kind"), t("事件", "Event")],
            [[d.isoformat(), kind, title] for d, kind, title in r.events],
        )
    )
    return "".join(parts)


def write_account_plan_pdf(report: AccountPlanReport, tree: list[MapNode], path: Path) -> Path:
    """Write the PDF to `path` (replacing it); needs a QGuiApplication."""

    def add_diagram(doc: QTextDocument) -> None:
        if tree:
            image = QImage.fromData(QByteArray(render_png(tree, report.lang)))
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(DIAGRAM_URL), image)

    doc = document(plan_html(report, with_diagram=bool(tree)), add_diagram)
    return write_pdf(doc, path, report.customer_name)
