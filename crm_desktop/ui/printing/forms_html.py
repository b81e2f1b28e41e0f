"""The plan and report forms (services/printing/forms.py) laid out as the training
manual's paper forms: F1 每日拜访计划表 and F2 每日销售报告表, each starting on a page of
its own, with the countersign / sign-off box at the foot. One HTML text for the preview,
the printer and the PDF alike (html_document.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crm_desktop.domain.kpi import plan_completion, to_percent
from crm_desktop.domain.money import format_fen
from crm_desktop.services.printing.forms import (
    Form,
    FormHeader,
    PlanForm,
    ReportForm,
    SignOff,
    TargetLine,
)
from crm_desktop.ui.printing.html_document import e, table

STYLE = (
    "<style>"
    "body{font-size:9.5pt} h1{font-size:17pt;text-align:center;margin:0}"
    "p.sub{text-align:center;color:#555;margin:2px 0 6px 0}"
    "h2{font-size:11pt;margin-top:10px;margin-bottom:3px;color:#1f4e79}"
    "table{border-collapse:collapse;margin:2px 0}"
    "th,td{border:1px solid #8c8c8c;padding:3px 5px;vertical-align:top}"
    "th{background:#ddebf7;font-weight:bold} th.label{text-align:left;background:#f2f2f2}"
    "td.num{text-align:right} td.mid{text-align:center}"
    "p.stamp{font-size:13pt;font-weight:bold;color:#c00000;text-align:right;margin:0}"
    "p.signed{font-size:11pt;font-weight:bold;color:#2e7d32;text-align:right;margin:0}"
    "p.warn{font-weight:bold;color:#c00000}"
    "p.foot{color:#777;font-size:8pt;margin-top:8px}"
    "</style>"
)
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TABLE = "width='100%' cellspacing='0'"


def t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def forms_html(forms: tuple[Form, ...] | list[Form]) -> str:
    """Every form of a print job, each from the top of a new page."""
    parts = [STYLE]
    for index, form in enumerate(forms):
        body = plan_html(form) if isinstance(form, PlanForm) else report_html(form)
        style = " style='page-break-before:always'" if index else ""
        parts.append(f"<div{style}>{body}</div>")
    return "".join(parts)


# --- pieces ---------------------------------------------------------------------------------
def _time(stamp: dt.datetime | None) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M") if stamp else ""


def _day(day: dt.date, lang: str) -> str:
    names = WEEKDAYS_EN if lang.startswith("en") else WEEKDAYS_ZH
    return f"{day.isoformat()} {names[day.weekday()]}"


def _pct(ratio: Decimal | None) -> str:
    """Half-up to one place, as the screens show it (domain/kpi.py)."""
    value = to_percent(ratio)
    return "—" if value is None else f"{value}%"


def _amount(value: int | None, money: bool) -> str:
    if value is None:
        return "—"
    return format_fen(value) if money else str(value)


def _title(zh: str, en: str, lang: str) -> str:
    # The English form keeps the manual's Chinese name beside its own.
    heading = zh if not lang.startswith("en") else f"{en} · {zh}"
    return f"<h1>{e(heading)}</h1>"


def _stamp(sign_off: SignOff, status_label: str, lang: str, plan: bool) -> str:
    """Top right: plainly 草稿 / 未签核 until signed; then who signed it."""
    if not sign_off.signed:
        text = t(lang, "草稿 / 未签核", "Draft / not signed · 草稿 / 未签核")
        status = t(lang, f"（{status_label}）", f" ({status_label})")
        return f"<p class='stamp'>{e(text)}{e(status)}</p>"
    done = t(lang, "已核签", "Countersigned") if plan else t(lang, "已签核", "Signed")
    return f"<p class='signed'>{e(done)} · {e(sign_off.signer_name or '')}</p>"


def _header(h: FormHeader, lang: str, report: bool) -> str:
    cells: list[tuple[str, str]] = [
        (t(lang, "销售员", "Rep"), f"{h.rep_name}（{h.rep_username}）" if h.rep_username
         else h.rep_name),
        (t(lang, "部门 / 团队", "Team"), h.team_name),
        (t(lang, "日期", "Date"), _day(h.day, lang)),
        (t(lang, "状态", "Status"), h.status_label),
        (t(lang, "提交时间", "Submitted"), _time(h.submitted_at) or t(lang, "未提交", "not yet")),
    ]  # fmt: skip
    if report:
        late = t(lang, "（迟交）", " (late)") if h.late else ""
        cells += [
            (t(lang, "出勤状况", "Attendance"), h.attendance),
            (t(lang, "截止时间", "Due"), _time(h.due_at) + late),
        ]
    cells.append((t(lang, "打印时间", "Printed"), _time(h.printed_at)))
    rows = []
    for i in range(0, len(cells), 4):
        chunk = cells[i : i + 4]
        rows.append(
            "<tr>"
            + "".join(f"<th class='label'>{e(k)}</th><td>{e(v)}</td>" for k, v in chunk)
            + "<td></td><td></td>" * (4 - len(chunk))
            + "</tr>"
        )
    return f"<table {TABLE}>{''.join(rows)}</table>"


def _targets(lines: tuple[TargetLine, ...], lang: str, plan: bool) -> str:
    if not lines:
        return f"<p>{e(t(lang, '本月没有设定目标。', 'No targets set for this month.'))}</p>"
    if plan:
        headers = [t(lang, "指标", "Measure"), t(lang, "今日计划", "Planned today"),
                   t(lang, "日目标", "Day target"), t(lang, "本月累计（不含今日）",
                   "Month to date (before today)"), t(lang, "月目标", "Month target"),
                   t(lang, "月达成率", "Month achieved")]  # fmt: skip
        rows = [
            [x.label, _amount(x.day_actual, x.money), _amount(x.day_target, x.money),
             _amount(x.month_actual, x.money), _amount(x.month_target, x.money),
             _pct(x.month_ratio)]
            for x in lines
        ]  # fmt: skip
    else:
        headers = [t(lang, "指标", "Measure"), t(lang, "今日实绩", "Today"),
                   t(lang, "日目标", "Day target"), t(lang, "日达成率", "Day achieved"),
                   t(lang, "本月累计", "Month to date"), t(lang, "月目标", "Month target"),
                   t(lang, "月达成率", "Month achieved")]  # fmt: skip
        rows = [
            [x.label, _amount(x.day_actual, x.money), _amount(x.day_target, x.money),
             _pct(x.day_ratio), _amount(x.month_actual, x.money),
             _amount(x.month_target, x.money), _pct(x.month_ratio)]
            for x in lines
        ]  # fmt: skip
    return table(headers, rows, TABLE)


def _sign_box(s: SignOff, lang: str, plan: bool) -> str:
    """The supervisor's box. Unsigned, it is left blank to sign by hand on paper."""
    title = (
        t(lang, "主管核签", "Supervisor's countersignature")
        if plan
        else t(lang, "主管签核与批示", "Supervisor's sign-off and comment")
    )
    who = t(lang, "核签人", "Countersigned by") if plan else t(lang, "签核人", "Signed by")
    when = t(lang, "核签时间", "Countersigned at") if plan else t(lang, "签核时间", "Signed at")
    comment_label = t(lang, "批示意见", "Comment")
    blank = "&nbsp;" * 30
    rows = [
        (who, e(s.signer_name) if s.signed else blank),
        (when, e(_time(s.signed_at)) if s.signed else blank),
        (comment_label, e(s.comment or "") or ("<br>" * 3 if not s.signed else "")),
    ]
    if not plan:
        print_label = t(lang, "签核指纹", "Sign-off fingerprint")
        if s.fingerprint:
            check = "" if s.fingerprint_matches else (
                "<p class='warn'>" + e(t(lang,
                "警告：报告现在的内容与签核时不一致，请与系统核对",
                "Warning: the report's content differs from what was signed; check the system"))
                + "</p>"
            )  # fmt: skip
            rows.append((print_label, f"<b>{e(s.fingerprint)}</b>{check}"))
        else:
            rows.append((print_label, e(t(lang, "未签核，无指纹", "not signed, no fingerprint"))))
    body = "".join(f"<tr><th class='label' width='18%'>{e(k)}</th><td>{v}</td></tr>"
                   for k, v in rows)  # fmt: skip
    return f"<h2>{e(title)}</h2><table {TABLE}>{body}</table>"


def _foot(lang: str, report: bool) -> str:
    text = (
        t(lang, "签核指纹是系统中该报告签核内容的哈希前 12 位；纸面副本可凭它与系统核对。",
          "The fingerprint is the first 12 digits of the hash of the signed content in the "
          "system; check a paper copy against it.")
        if report else ""
    )  # fmt: skip
    return f"<p class='foot'>CRM Desktop · {e(text)}</p>"


# --- the forms --------------------------------------------------------------------------------
def plan_html(form: PlanForm) -> str:
    lang, h = form.lang, form.header
    count = t(lang, f"共计划拜访 {len(form.rows)} 家客户。", f"{len(form.rows)} visits planned.")
    parts = [
        _stamp(form.sign_off, h.status_label, lang, plan=True),
        _title("每日拜访计划表", "Daily visit plan", lang),
        f"<p class='sub'>{e(t(lang, '（客户拜访计划表）', '(customer visit plan, F1)'))}</p>",
        _header(h, lang, report=False),
        f"<h2>{e(t(lang, '计划拜访的客户', 'Customers to visit'))}</h2>",
        table(
            [
                t(lang, "序号", "No."),
                t(lang, "时间安排", "Time"),
                t(lang, "客户", "Customer"),
                t(lang, "区域", "Area"),
                t(lang, "拜访项目 / 目的", "Purpose"),
                t(lang, "拜访目标与说明", "Objective and notes"),
            ],
            [[r.number, r.time, r.customer, r.area, r.purpose, r.objective] for r in form.rows],
            TABLE,
        ),
        f"<p>{e(count)}</p>",
        f"<h2>{e(t(lang, '目标与计划', 'Targets and the plan'))}</h2>",
        _targets(form.targets, lang, plan=True),
        _sign_box(form.sign_off, lang, plan=True),
        _foot(lang, report=False),
    ]
    return "".join(parts)


def report_html(form: ReportForm) -> str:
    lang, h, totals = form.lang, form.header, form.totals
    yes, no = t(lang, "是", "yes"), ""
    visit_rows = [
        [r.number, r.time, r.customer,
         t(lang, "计划内", "planned") if r.planned else t(lang, "计划外", "unplanned"),
         r.purpose, r.contacts, r.outcome, yes if r.effective else no,
         format_fen(r.order_fen, symbol=False) if r.order_fen else "",
         format_fen(r.collection_fen, symbol=False) if r.collection_fen else "",
         yes if r.complaint_handled else no]
        for r in form.rows
    ]  # fmt: skip
    notes = [
        [r.number, r.customer, r.competitor_info, r.customer_feedback, r.customer_news,
         r.next_step]
        for r in form.rows if r.has_notes
    ]  # fmt: skip
    completion = _pct(plan_completion(form.planned_visited, form.planned_items))
    summary = [
        (t(lang, "拜访客户", "Visits"), str(totals.visits)),
        (t(lang, "有效拜访（有效拜访率）", "Effective (rate)"),
         f"{totals.effective_visits}（{_pct(totals.effective_rate)}）"),
        (t(lang, "成交（交易率）", "With an order (rate)"),
         f"{totals.orders}（{_pct(totals.transaction_rate)}）"),
        (t(lang, "订货金额", "Orders"), format_fen(totals.order_amount_fen)),
        (t(lang, "货款回收", "Collections"), format_fen(totals.collection_fen)),
        (t(lang, "计划完成", "Plan completed"),
         f"{form.planned_visited} / {form.planned_items}（{completion}）"),
        (t(lang, "计划外拜访", "Unplanned visits"), str(form.unplanned)),
        (t(lang, "费用", "Expenses"),
         format_fen(form.expenses_fen) + (f"（{form.expense_note}）" if form.expense_note else "")),
    ]  # fmt: skip
    summary_rows = "".join(
        "<tr>"
        + "".join(f"<th class='label'>{e(k)}</th><td>{e(v)}</td>" for k, v in summary[i : i + 4])
        + "</tr>"
        for i in range(0, len(summary), 4)
    )
    parts = [
        _stamp(form.sign_off, h.status_label, lang, plan=False),
        _title("每日销售报告表", "Daily sales report", lang),
        f"<p class='sub'>{e(t(lang, '（每日拜访报告表）', '(daily visit report, F2)'))}</p>",
        _header(h, lang, report=True),
        f"<h2>{e(t(lang, '拜访客户洽谈结果', 'Visits and their results'))}</h2>",
        table(
            [
                t(lang, "序号", "No."),
                t(lang, "时间", "Time"),
                t(lang, "客户", "Customer"),
                t(lang, "计划", "Plan"),
                t(lang, "目的", "Purpose"),
                t(lang, "会见人", "Met"),
                t(lang, "洽谈结果", "Result"),
                t(lang, "有效", "Effective"),
                t(lang, "订货金额（元）", "Order (yuan)"),
                t(lang, "回款金额（元）", "Collected (yuan)"),
                t(lang, "客诉处理", "Complaint"),
            ],
            visit_rows,
            TABLE,
        ),
        f"<h2>{e(t(lang, '当日合计', 'Day totals'))}</h2>",
        f"<table {TABLE}>{summary_rows}</table>",
        f"<h2>{e(t(lang, '目标达成（实绩与比率）', 'Targets (actual and ratio)'))}</h2>",
        _targets(form.targets, lang, plan=False),
    ]
    if notes:
        parts += [
            f"<h2>{e(t(lang, '市场信息与客户反映', 'Market news and customer feedback'))}</h2>",
            table(
                [
                    t(lang, "序号", "No."),
                    t(lang, "客户", "Customer"),
                    t(lang, "竞争者的市场信息", "Competitors"),
                    t(lang, "客户反映的意见", "Customer feedback"),
                    t(lang, "客户的最新动态", "Customer news"),
                    t(lang, "下一步", "Next step"),
                ],
                notes,
                TABLE,
            ),
        ]
    parts += [
        f"<h2>{e(t(lang, '今日拜访心得', 'Reflections on the day'))}</h2>",
        f"<table {TABLE}><tr><td>{e(form.reflections) or '<br><br>'}</td></tr></table>",
        _sign_box(form.sign_off, lang, plan=False),
        _foot(lang, report=True),
    ]
    return "".join(parts)
