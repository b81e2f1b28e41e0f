"""uvicorn's HTTP/1.1 protocol (httptools, else h11) with Nagle's algorithm switched off.

With `--workers N` uvicorn binds the listening socket itself and leaves its `proto` at 0;
accepted sockets inherit it, and asyncio then skips the TCP_NODELAY it normally sets
(it checks `proto == IPPROTO_TCP`). Nagle holds the small response body back until the
client's delayed ACK, so every keep-alive request cost ~40 ms more on Linux: a no-op
sync measured 96 ms instead of 10. Upstream: Kludex/uvicorn#3149. Setting the option
ourselves when a connection is made works for every listener, bound by uvicorn or not.
"""

from __future__ import annotations

import asyncio
import socket

try:  # httptools parses HTTP in C; uvicorn's own "auto" choice prefers it too
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Protocol
except ImportError:  # pragma: no cover - the server extra installs httptools
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Protocol  # type: ignore[assignment]


class NoDelayHttpProtocol(_Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
