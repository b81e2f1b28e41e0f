"""Real receivers on loopback for the notification tests: an HTTP server that records
what robots and webhooks are sent (and can fail, or hold a request), and an SMTP server
(aiosmtpd) that records the e-mails. Tests wait on their conditions, never sleep."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

WAIT_S = 20.0


@dataclass(frozen=True)
class Received:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class HttpReceiver:
    """Records every POST. The first `fail_first` answer HTTP 500; `answer` is the JSON
    body of a success (a robot's {"errcode": 0}); with `hold`, each request waits until
    `release` is set (a receiver that hangs)."""

    def __init__(self, *, fail_first: int = 0, answer: Any = None, hold: bool = False) -> None:
        self.requests: list[Received] = []
        self.arrived = threading.Condition()
        self.release = threading.Event()
        if not hold:
            self.release.set()
        self.fail_first = fail_first
        self.answer = {"errcode": 0, "errmsg": "ok"} if answer is None else answer
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                split = urllib.parse.urlsplit(self.path)
                got = Received(
                    split.path,
                    dict(urllib.parse.parse_qsl(split.query)),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                with receiver.arrived:
                    receiver.requests.append(got)
                    failing = len(receiver.requests) <= receiver.fail_first
                    receiver.arrived.notify_all()
                receiver.release.wait(WAIT_S)
                status, body = (
                    (500, b"busy") if failing else (200, json.dumps(receiver.answer).encode())
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def wait_for(self, count: int) -> list[Received]:
        """The first `count` requests, once that many have arrived."""
        with self.arrived:
            ok = self.arrived.wait_for(lambda: len(self.requests) >= count, WAIT_S)
            assert ok, f"{len(self.requests)} of {count} requests arrived"
            return list(self.requests)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpReceiver:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message."""

    def __init__(self, **smtp: Any) -> None:
        """`smtp`: aiosmtpd's options, e.g. ssl_context= (implicit TLS) or tls_context=
        with require_starttls=True."""
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler:
            async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
                parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
                with receiver.arrived:
                    receiver.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
                    receiver.arrived.notify_all()
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **smtp)
        self.controller.start()

    def wait_for(self, count: int) -> list[tuple[list[str], EmailMessage]]:
        with self.arrived:
            ok = self.arrived.wait_for(lambda: len(self.messages) >= count, WAIT_S)
            assert ok, f"{len(self.messages)} of {count} e-mails arrived"
            return list(self.messages)

    def close(self) -> None:
        self.controller.stop()


def self_signed(folder: Path) -> tuple[Path, Path] | None:
    """A certificate for 127.0.0.1 and its key, made by the openssl command; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
