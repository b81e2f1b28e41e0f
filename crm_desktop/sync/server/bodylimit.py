"""ASGI middleware refusing request bodies over a size limit with 413, before parsing."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Counts body bytes as they arrive (Content-Length may be absent or lie)."""

    def __init__(self, app: ASGIApp, max_bytes: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        # Path prefixes whose handlers bound their own bodies (blob uploads).
        self.exempt = exempt
        # Headroom for the JSON envelope around a batch at the protocol's limit.
        self.max_bytes = max_bytes + 64 * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _too_large(send)
            return
        received = 0
        over = False
        started = False

        async def limited() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            # The app may catch BodyTooLarge (FastAPI turns any error while reading a
            # body into a 400): once the limit is passed, its answer is replaced by 413.
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if over:
                    await _too_large(send)
                    return
            if not over:
                await send(message)

        try:
            await self.app(scope, limited, guarded_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


async def _too_large(send: Send) -> None:
    body: dict[str, Any] = {"detail": "request body too large (limit 2 MB)", "code": "too_large"}
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
