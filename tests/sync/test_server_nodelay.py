"""The server's connections have TCP_NODELAY even on a listener bound with proto 0.

That is how uvicorn binds the socket for `--workers N` (Kludex/uvicorn#3149): without
the option every keep-alive response waited ~40 ms for the client's delayed ACK.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from crm_desktop.sync.server.http_protocol import NoDelayHttpProtocol


async def _nodelay_of_accepted(protocol: type[H11Protocol]) -> int:
    """TCP_NODELAY of a connection accepted by `protocol` on a proto-0 listener."""
    config = Config(app=lambda scope, receive, send: None, http=protocol)
    config.load()
    state = ServerState()
    seen: asyncio.Queue[int] = asyncio.Queue()

    class Probe(protocol):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            seen.put_nowait(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0)  # proto left at 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Probe(config, state, {}), sock=listener)
    try:
        _reader, writer = await asyncio.open_connection(*listener.getsockname())
        value = await asyncio.wait_for(seen.get(), timeout=10)
        writer.close()
        await writer.wait_closed()
        return value
    finally:
        for connection in list(state.connections):
            connection.shutdown()
        server.close()
        await server.wait_closed()


def test_no_delay_protocol_sets_tcp_nodelay() -> None:
    assert asyncio.run(_nodelay_of_accepted(NoDelayHttpProtocol)) != 0


def test_plain_uvicorn_protocol_still_needs_the_workaround() -> None:
    """The upstream bug this module works around. When uvicorn fixes it this test fails:
    then drop NoDelayHttpProtocol and this test."""
    assert asyncio.run(_nodelay_of_accepted(H11Protocol)) == 0
