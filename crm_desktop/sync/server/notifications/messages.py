"""What a notification says, and each channel's body: pure functions, no I/O.

The team reads Chinese: DingTalk, WeCom and e-mail carry the Chinese text (e-mail adds
the English below it); the generic JSON webhook carries English `title`/`text`, the
Chinese in `title_zh`/`text_zh`, and the event's facts under `data` for programs.
Titles start with 【CRM】 so a robot secured by a keyword can be given "CRM".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import ComplaintCategory, ComplaintStatus, MarketCategory
from crm_desktop.domain.picklists import Severity as SeverityLevel
from crm_desktop.sync.server.notifications.events import (
    COMPLAINT_OVERDUE,
    EVENTS,
    MARKET_CRITICAL,
    REPORT_LATE,
    REPORT_RETURNED,
    REPORT_SUBMITTED,
    TEST,
)

PREFIX = "【CRM】"
# A robot message is short: a long description is cut (DingTalk and WeCom cap a message
# at a few kilobytes and refuse longer ones).
DESCRIPTION_LIMIT = 300


@dataclass(frozen=True)
class Message:
    event: str
    title_zh: str
    lines_zh: tuple[str, ...]
    title_en: str
    lines_en: tuple[str, ...]
    facts: Mapping[str, Any]

    @property
    def text_zh(self) -> str:
        return "\n".join(self.lines_zh)

    @property
    def text_en(self) -> str:
        return "\n".join(self.lines_en)


def _label(picklist: Any, code: str | None, lang: str) -> str:
    try:
        item = picklist(code)
    except ValueError:
        return code or ""
    return str(item.zh if lang == "zh" else item.en)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LIMIT else text[:DESCRIPTION_LIMIT] + "…"


def compose(facts: Mapping[str, Any]) -> Message:
    """The message of an outbox payload (its `event` and facts)."""
    event = str(facts.get("event", ""))
    composer = _COMPOSERS.get(event, _generic)
    title_zh, lines_zh, title_en, lines_en = composer(facts)
    return Message(
        event, PREFIX + title_zh, tuple(lines_zh), "[CRM] " + title_en, tuple(lines_en), facts
    )


_Parts = tuple[str, list[str], str, list[str]]


def _who(f: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    return (
        [f"团队：{f.get('team', '')}", f"销售员：{f.get('rep', '')}", f"日期：{f.get('date', '')}"],
        [f"Team: {f.get('team', '')}", f"Rep: {f.get('rep', '')}", f"Date: {f.get('date', '')}"],
    )


def _day_figures(f: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    visits, effective = int(f.get("visits", 0)), int(f.get("effective_visits", 0))
    orders, collections = (
        format_fen(int(f.get("orders_fen", 0))),
        format_fen(int(f.get("collections_fen", 0))),
    )
    return (
        [f"拜访：{visits} 家（有效 {effective}）", f"订货：{orders}", f"回款：{collections}"],
        [
            f"Visits: {visits} ({effective} effective)",
            f"Orders: {orders}",
            f"Collections: {collections}",
        ],
    )


def _submitted(f: Mapping[str, Any]) -> _Parts:
    zh, en = _who(f)
    figures_zh, figures_en = _day_figures(f)
    late_zh, late_en = (["（迟交）"], ["(submitted late)"]) if f.get("late") else ([], [])
    return (
        f"日报已提交：{f.get('rep', '')} {f.get('date', '')}",
        zh + figures_zh + late_zh,
        f"Daily report submitted: {f.get('rep', '')} {f.get('date', '')}",
        en + figures_en + late_en,
    )


def _returned(f: Mapping[str, Any]) -> _Parts:
    zh, en = _who(f)
    comment = _cut(str(f.get("comment", ""))) or "—"
    return (
        f"日报被退回：{f.get('rep', '')} {f.get('date', '')}",
        [*zh, f"退回人：{f.get('reviewer', '')}", f"批示意见：{comment}"],
        f"Daily report returned: {f.get('rep', '')} {f.get('date', '')}",
        [*en, f"Returned by: {f.get('reviewer', '')}", f"Comment: {comment}"],
    )


def _late(f: Mapping[str, Any]) -> _Parts:
    zh, en = _who(f)
    due = str(f.get("due_local", ""))
    return (
        f"日报逾期未交：{f.get('rep', '')} {f.get('date', '')}",
        [*zh, f"截止时间：{due}", "截至目前尚未提交当日日报。"],
        f"Daily report late: {f.get('rep', '')} {f.get('date', '')}",
        [*en, f"Due: {due}", "The day's report has not been submitted yet."],
    )


def _market(f: Mapping[str, Any]) -> _Parts:
    zh, en = _who(f)
    category = f.get("category")
    description = _cut(str(f.get("description", "")))
    action = _cut(str(f.get("suggested_action", ""))) or "—"
    where_zh = [f"区域：{f['region']}"] if f.get("region") else []
    where_en = [f"Region: {f['region']}"] if f.get("region") else []
    customer_zh = [f"客户：{f['customer']}"] if f.get("customer") else []
    customer_en = [f"Customer: {f['customer']}"] if f.get("customer") else []
    return (
        f"紧急市场情况：{_label(MarketCategory, category, 'zh')}",
        [
            *zh,
            *where_zh,
            *customer_zh,
            f"严重程度：{_label(SeverityLevel, f.get('severity'), 'zh')}",
            f"情况：{description}",
            f"建议措施：{action}",
        ],
        f"Critical market report: {_label(MarketCategory, category, 'en')}",
        [
            *en,
            *where_en,
            *customer_en,
            f"Severity: {_label(SeverityLevel, f.get('severity'), 'en')}",
            f"Description: {description}",
            f"Suggested action: {action}",
        ],
    )


def _complaint(f: Mapping[str, Any]) -> _Parts:
    customer = f.get("customer", "")
    description = _cut(str(f.get("description", "")))
    return (
        f"客户投诉逾期未处理：{customer}",
        [
            f"团队：{f.get('team', '')}",
            f"负责人：{f.get('rep', '')}",
            f"客户：{customer}",
            f"类别：{_label(ComplaintCategory, f.get('category'), 'zh')}",
            f"严重程度：{_label(SeverityLevel, f.get('severity'), 'zh')}",
            f"状态：{_label(ComplaintStatus, f.get('status'), 'zh')}",
            f"应处理日期：{f.get('due_on', '')}",
            f"投诉内容：{description}",
        ],
        f"Complaint overdue: {customer}",
        [
            f"Team: {f.get('team', '')}",
            f"Owner: {f.get('rep', '')}",
            f"Customer: {customer}",
            f"Category: {_label(ComplaintCategory, f.get('category'), 'en')}",
            f"Severity: {_label(SeverityLevel, f.get('severity'), 'en')}",
            f"Status: {_label(ComplaintStatus, f.get('status'), 'en')}",
            f"Due: {f.get('due_on', '')}",
            f"Complaint: {description}",
        ],
    )


def _test(f: Mapping[str, Any]) -> _Parts:
    return (
        "通知测试",
        [f"团队：{f.get('team', '')}", "看到这条消息，说明此通知渠道已配置成功。"],
        "Notification test",
        [f"Team: {f.get('team', '')}", "If you can read this, the channel works."],
    )


def _generic(f: Mapping[str, Any]) -> _Parts:
    zh, en = EVENTS.get(str(f.get("event")), (str(f.get("event")), str(f.get("event"))))
    return zh, [f"团队：{f.get('team', '')}"], en, [f"Team: {f.get('team', '')}"]


_COMPOSERS = {
    REPORT_SUBMITTED: _submitted,
    REPORT_RETURNED: _returned,
    REPORT_LATE: _late,
    MARKET_CRITICAL: _market,
    COMPLAINT_OVERDUE: _complaint,
    TEST: _test,
}


# --- the bodies ---------------------------------------------------------------------------


def dingtalk_body(message: Message) -> dict[str, Any]:
    """A DingTalk custom robot's markdown message."""
    text = f"### {message.title_zh}\n\n" + "\n".join(f"- {line}" for line in message.lines_zh)
    return {"msgtype": "markdown", "markdown": {"title": message.title_zh, "text": text}}


def dingtalk_signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """DingTalk's signed-robot scheme: `timestamp` (ms) and `sign` = base64 of
    HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"), URL-encoded, as query params."""
    sign = dingtalk_sign(secret, timestamp_ms)
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    query = urllib.parse.urlencode({"timestamp": str(timestamp_ms), "sign": sign})
    return f"{url}{joiner}{query}"


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def wecom_body(message: Message) -> dict[str, Any]:
    """A WeCom (企业微信) group robot's markdown message."""
    content = f"**{message.title_zh}**\n" + "\n".join(f"> {line}" for line in message.lines_zh)
    return {"msgtype": "markdown", "markdown": {"content": content}}


def webhook_body(message: Message, delivery_id: int, sent_at: str) -> dict[str, Any]:
    """The generic JSON: English first for programs, Chinese beside it, and the facts."""
    data = {k: v for k, v in message.facts.items() if k != "event"}
    return {
        "event": message.event,
        "delivery_id": delivery_id,
        "sent_at": sent_at,
        "title": message.title_en,
        "text": message.text_en,
        "title_zh": message.title_zh,
        "text_zh": message.text_zh,
        "team": message.facts.get("team", ""),
        "data": data,
    }


def webhook_signature(secret: str, body: bytes) -> str:
    """`X-CRM-Signature` of a generic webhook with a secret: sha256=HMAC hex of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def encode(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def email_message(
    message: Message, sender: str, recipients: list[str], delivery_id: int
) -> EmailMessage:
    """A plain-text e-mail: the Chinese, then the English."""
    mail = EmailMessage()
    mail["Subject"] = message.title_zh
    mail["From"] = sender
    mail["To"] = ", ".join(recipients)
    # Receivers may see a message twice (at least once): this header tells them apart.
    mail["X-CRM-Delivery"] = str(delivery_id)
    mail.set_content(
        f"{message.title_zh}\n\n{message.text_zh}\n\n——\n{message.title_en}\n\n{message.text_en}\n"
    )
    return mail
