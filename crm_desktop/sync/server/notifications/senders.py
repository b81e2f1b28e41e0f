"""Sending one message to one channel: HTTP for the robots and webhooks (httpx, with
timeouts), SMTP for e-mail (smtplib, STARTTLS or SSL). A refusal raises `SendError`."""

from __future__ import annotations

import datetime as dt
import json
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from crm_desktop.sync.server.notifications.messages import (
    Message,
    dingtalk_body,
    dingtalk_signed_url,
    email_message,
    encode,
    webhook_body,
    webhook_signature,
    wecom_body,
)

KINDS = ("dingtalk", "wecom", "webhook", "email")
HTTP_TIMEOUT_S = 10.0

SMTP_HOST_ENV = "CRM_SMTP_HOST"
SMTP_PORT_ENV = "CRM_SMTP_PORT"
SMTP_USER_ENV = "CRM_SMTP_USER"
SMTP_PASSWORD_ENV = "CRM_SMTP_PASSWORD"
SMTP_FROM_ENV = "CRM_SMTP_FROM"
SMTP_SECURITY_ENV = "CRM_SMTP_SECURITY"  # starttls | ssl | none
# A company mail server whose certificate an internal CA signed: that CA's PEM file.
SMTP_CA_FILE_ENV = "CRM_SMTP_CA_FILE"
SECURITY = ("starttls", "ssl", "none")


class SendError(Exception):
    """The receiver could not be reached or refused the message."""


@dataclass(frozen=True)
class Channel:
    id: int
    team_id: str
    kind: str
    target: str
    secret: str | None


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "crm@localhost"
    security: str = "starttls"
    timeout_s: float = 15.0
    ca_file: str | None = None

    def tls(self) -> ssl.SSLContext:
        """The system's trusted CAs, or `ca_file`'s; the server's name is checked."""
        return ssl.create_default_context(cafile=self.ca_file)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        env = os.environ if env is None else env
        security = env.get(SMTP_SECURITY_ENV, "starttls").strip().lower() or "starttls"
        default_port = {"ssl": 465, "none": 25}.get(security, 587)
        port = env.get(SMTP_PORT_ENV, "").strip()
        return cls(
            host=env.get(SMTP_HOST_ENV) or None,
            port=int(port) if port.isdigit() else default_port,
            user=env.get(SMTP_USER_ENV) or None,
            password=env.get(SMTP_PASSWORD_ENV) or None,
            sender=env.get(SMTP_FROM_ENV) or env.get(SMTP_USER_ENV) or "crm@localhost",
            security=security if security in SECURITY else "starttls",
            ca_file=env.get(SMTP_CA_FILE_ENV) or None,
        )


def recipients(target: str) -> list[str]:
    return [part.strip() for part in target.replace(";", ",").split(",") if part.strip()]


class Sender:
    """Sends messages; holds one HTTP client (its connections are reused)."""

    def __init__(self, smtp: SmtpSettings | None = None, *, timeout_s: float = HTTP_TIMEOUT_S):
        self.smtp = smtp or SmtpSettings.from_env()
        self._http = httpx.Client(timeout=timeout_s, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def send(self, channel: Channel, message: Message, delivery_id: int, now: dt.datetime) -> str:
        """Deliver `message`; a short description of the receiver's answer. `now` is aware."""
        if channel.kind == "email":
            return self._email(channel, message, delivery_id)
        if channel.kind == "dingtalk":
            url = channel.target
            if channel.secret:
                url = dingtalk_signed_url(url, channel.secret, int(now.timestamp() * 1000))
            return self._post(url, encode(dingtalk_body(message)), {}, robot=True)
        if channel.kind == "wecom":
            return self._post(channel.target, encode(wecom_body(message)), {}, robot=True)
        if channel.kind == "webhook":
            stamp = now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
            body = encode(webhook_body(message, delivery_id, stamp))
            headers = {"X-CRM-Event": message.event, "X-CRM-Delivery": str(delivery_id)}
            if channel.secret:
                headers["X-CRM-Signature"] = webhook_signature(channel.secret, body)
            return self._post(channel.target, body, headers, robot=False)
        raise SendError(f"unknown channel kind {channel.kind!r}")

    def _post(self, url: str, body: bytes, headers: dict[str, str], *, robot: bool) -> str:
        try:
            answer = self._http.post(
                url, content=body, headers={"Content-Type": "application/json", **headers}
            )
        except httpx.HTTPError as error:
            raise SendError(f"{type(error).__name__}: {error}") from error
        if not answer.is_success:
            raise SendError(f"HTTP {answer.status_code}: {answer.text[:200]}")
        if robot:
            # DingTalk and WeCom answer 200 with {"errcode": n} also when they refuse
            # (bad sign, keyword missing, rate limit): only errcode 0 is delivered.
            code = _errcode(answer.text)
            if code not in (None, 0):
                raise SendError(f"robot refused: {answer.text[:200]}")
        return f"HTTP {answer.status_code}"

    def _email(self, channel: Channel, message: Message, delivery_id: int) -> str:
        s = self.smtp
        if not s.host:
            raise SendError(f"no SMTP server configured ({SMTP_HOST_ENV})")
        to = recipients(channel.target)
        if not to:
            raise SendError("no e-mail address")
        mail = email_message(message, s.sender, to, delivery_id)
        try:
            smtp: smtplib.SMTP
            if s.security == "ssl":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s, context=s.tls())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
            with smtp:
                if s.security == "starttls":
                    smtp.starttls(context=s.tls())
                if s.user and s.password:
                    smtp.login(s.user, s.password)
                refused = smtp.send_message(mail, from_addr=s.sender, to_addrs=to)
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(f"{type(error).__name__}: {error}") from error
        # All refused raised above; some refused is delivered to the others (a retry
        # would send the others a second copy), and the log says who was refused.
        note = f"; refused: {', '.join(refused)}" if refused else ""
        return f"sent to {len(to) - len(refused)} address(es){note}"


def _errcode(text: str) -> Any:
    try:
        body = json.loads(text)
    except ValueError:
        return None
    return body.get("errcode") if isinstance(body, dict) else None
