"""HTTP to the sync server over an injectable httpx.Client (tests put faults in between)."""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from crm_desktop.sync import protocol as p
from crm_desktop.sync.client.errors import (
    AuthFailed,
    ClientOutdated,
    CursorGone,
    DeviceRevoked,
    Offline,
    ServerRefused,
)

M = TypeVar("M", bound=BaseModel)
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class Transport:
    """JSON requests with the bearer token; HTTP failures become SyncError subclasses."""

    def __init__(self, base_url: str, client: httpx.Client | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = client or httpx.Client(timeout=TIMEOUT)
        self.token: str | None = None

    def _headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def call(
        self,
        method: str,
        path: str,
        answer: type[M],
        *,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> M:
        """Send one request and parse the answer as `answer`."""
        content = None if body is None else body.model_dump_json().encode()
        headers = self._headers()
        if content is not None:
            headers["Content-Type"] = "application/json"
        response = self._send(method, path, content, params, headers)
        _raise_for(response, path)
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as error:
            raise ServerRefused(response.status_code, "unexpected answer") from error

    def _send(
        self,
        method: str,
        path: str,
        content: bytes | None,
        params: dict[str, Any] | None,
        headers: dict[str, str],
    ) -> httpx.Response:
        """One request; a kept-alive connection the server just closed is retried once.

        Every call of the protocol may be repeated safely (pushes are idempotent by
        mutation id), so the retry cannot apply anything twice.
        """
        for attempt in (1, 2):
            try:
                return self.client.request(
                    method, self.base_url + path, content=content, params=params, headers=headers
                )
            except (httpx.RemoteProtocolError, httpx.ReadError) as error:
                if attempt == 2:
                    raise Offline(type(error).__name__) from error
            except httpx.TransportError as error:
                raise Offline(type(error).__name__) from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    return str(data.get("detail", data)) if isinstance(data, dict) else str(data)[:200]


def raise_for(response: httpx.Response, path: str) -> None:
    """An HTTP failure as the sync's SyncError (also used by the blob client)."""
    _raise_for(response, path)


def _raise_for(response: httpx.Response, path: str) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 401:
        raise AuthFailed(at_sign_in=path == p.LOGIN_PATH)
    if status == 403 and (detail := _detail(response)) in (
        p.DEVICE_REVOKED,
        p.DEVICE_REVOKED_WIPE,
    ):
        raise DeviceRevoked(wipe=detail == p.DEVICE_REVOKED_WIPE)
    if status == 410:
        raise CursorGone()
    if status == 426:
        raise ClientOutdated()
    if status in (502, 503, 504):
        raise Offline(f"HTTP {status}")
    raise ServerRefused(status, _detail(response))
