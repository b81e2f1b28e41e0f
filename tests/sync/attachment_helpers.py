"""Shared by the attachment sync tests: a real uvicorn server on loopback in a thread, and
laptops with the app's services on a store synced to it."""

from __future__ import annotations

import io
import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from PIL import Image
from sync_helpers import PASSWORD

from crm_desktop.domain.clock import Clock
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.server.http_protocol import NoDelayHttpProtocol


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app behind uvicorn on a free loopback port; its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
            http=NoDelayHttpProtocol,  # as `crm-server serve` runs it (no Nagle delay)
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(0.01)  # waits on the server's own start flag
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


@dataclass
class Field:
    """One laptop: its services on a store signed in to the server."""

    services: Services
    engine: SyncEngine

    @property
    def user_id(self) -> str:
        return self.services.actor.user_id

    def sync(self) -> None:
        self.engine.sync()
        self.services.user.reload()


def field_laptop(url: str, folder: Path, username: str, clock: Clock | None = None) -> Field:
    store = open_store(folder, clock=clock)
    engine = SyncEngine(store, Transport(url, httpx.Client(timeout=30)), page_limit=200)
    engine.login(username, PASSWORD)
    engine.sync()
    services = Services(store=store, user=CurrentUser(store))
    return Field(services, engine)


def add_customer(lap: Field, name: str = "宁波海天塑机有限公司") -> str:
    actor = lap.services.actor
    with UnitOfWork(lap.services.store, actor.user_id) as uow:
        customer = Customer(name=name, name_key=name, owner_id=actor.user_id, team_id=actor.team_id)
        uow.session.add(customer)
        uow.commit()
        return customer.id


def photo(seed: int, width: int = 640, height: int = 480) -> bytes:
    """A small real JPEG with noise, so no two seeds give the same bytes."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
