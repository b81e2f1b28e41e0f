"""Attachments on loopback: 200 photos of ~3 MB up and down through the sync server's
blob endpoints, against a plain HTTP copy of the same bytes, and the GUI meanwhile.

- The real server: `crm-server serve` (uvicorn, its own SQLite database, blobs in a
  folder) on loopback. A rep's laptop adds 200 photos (realistic JPEG bytes: noise over
  a blurred picture, 2400x1800, quality 92, ~3.1 MB each; each one unique), syncs the
  rows, then `AttachmentService.transfer_now()` uploads them; the supervisor's laptop
  syncs and downloads them. Resumable, checksummed at both ends, fsynced on the server.
- The plain copy: the same 200 files PUT to and GET from a bare ASGI app under the same
  uvicorn on loopback (write the body to a file; send a file back), with the same
  httpx client, one at a time as the transfer goes. No auth, no hashing, no fsync.
- The GUI: the transfers run on the app's sync lane (ui/tasks.py) while a 5 ms Qt timer
  on the GUI thread records its longest late tick (bench/gui_block.py's TickMeter).

    .venv/bin/python bench/attachments_bench.py [--photos 200] [--rounds 1]

Prints the throughput of each, the ratios (target >= 80 %) and the longest GUI block
(target <= 50 ms), with the load average. Not a test.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRM_NOTIFY_WORKER", "0")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "sync"))

import httpx  # noqa: E402

PASSWORD = "bench-password-1"
TARGET_RATIO = 0.80
TARGET_BLOCK_MS = 50


# --- the plain HTTP copy: a bare ASGI app ------------------------------------------------
def plain_app(folder: Path):  # type: ignore[no-untyped-def]
    """PUT /f/<name> writes the body to a file, GET /f/<name> sends it back."""

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        path = folder / scope["path"].rsplit("/", 1)[-1]
        if scope["method"] != "PUT" and not path.is_file():
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        if scope["method"] == "PUT":
            with path.open("wb") as out:
                more = True
                while more:
                    message = await receive()
                    out.write(message.get("body", b""))
                    more = message.get("more_body", False)
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        size = path.stat().st_size
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-length", str(size).encode())],
            }
        )
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    return app


def serve_plain(port: int, folder: Path) -> None:
    import uvicorn

    from crm_desktop.sync.server.http_protocol import NoDelayHttpProtocol

    uvicorn.run(
        plain_app(folder),
        host="127.0.0.1",
        port=port,
        http=NoDelayHttpProtocol,
        log_level="warning",
    )


def start_plain(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    from test_sync_e2e import _free_port

    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, "--plain-server", str(port), str(folder)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(timeout=1.0) as client:
        for _ in range(600):
            try:
                client.get(base + "/f/none")
            except httpx.TransportError:
                try:
                    process.wait(timeout=0.05)
                except subprocess.TimeoutExpired:
                    continue
                raise SystemExit("the plain server died") from None
            else:
                return process, base
    raise SystemExit("the plain server did not start")


# --- photos ---------------------------------------------------------------------------
def base_photos(count: int) -> list[bytes]:
    from PIL import Image

    photos = []
    for seed in range(count):
        rng = random.Random(seed)
        w, h = 2400, 1800
        blurred = Image.frombytes("RGB", (w // 4, h // 4), rng.randbytes(w * h * 3 // 16))
        picture = blurred.resize((w, h), Image.Resampling.BILINEAR)
        noise = Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))
        out = io.BytesIO()
        Image.blend(picture, noise, 0.35).save(out, format="JPEG", quality=92)
        photos.append(out.getvalue())
    return photos


def unique(photo: bytes, n: int) -> bytes:
    """The photo with a JPEG comment segment naming it: the same picture, other bytes."""
    text = f"photo {n}".encode()
    segment = b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text
    return photo[:2] + segment + photo[2:]


# --- the run ----------------------------------------------------------------------------
def timed_on_sync_lane(work):  # type: ignore[no-untyped-def]
    """Run `work` on the app's sync lane with the GUI timer ticking; (result, s, block)."""
    from gui_block import TickMeter
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.tasks import Lane, run_task, wait_for_all_tasks

    app = QApplication.instance() or QApplication(sys.argv)
    meter = TickMeter()
    box: dict[str, object] = {}
    meter.start()
    started = time.perf_counter()
    task = run_task(lambda _ctx: work(), lane=Lane.SYNC)
    task.succeeded.connect(lambda value: box.__setitem__("value", value))
    task.failed.connect(lambda error: box.__setitem__("error", error))
    task.finished.connect(app.quit)
    app.exec()
    seconds = time.perf_counter() - started
    meter.stop()
    wait_for_all_tasks(60_000)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value"), seconds, meter.longest


def idle_block() -> float:
    from gui_block import TickMeter
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    meter = TickMeter()
    meter.start()
    QTimer.singleShot(1000, app.quit)
    app.exec()
    meter.stop()
    return meter.longest


def plain_copy(base: str, files: list[Path], into: Path) -> tuple[float, float]:
    """Seconds to PUT every file, then to GET every file back (one at a time)."""
    into.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=60) as client:
        started = time.perf_counter()
        for path in files:

            def body(path: Path = path):  # type: ignore[no-untyped-def]
                with path.open("rb") as handle:
                    while chunk := handle.read(1024 * 1024):
                        yield chunk

            size = path.stat().st_size
            answer = client.put(
                f"{base}/f/{path.name}", content=body(), headers={"Content-Length": str(size)}
            )
            assert answer.status_code == 204
        up = time.perf_counter() - started
        started = time.perf_counter()
        for path in files:
            with (
                client.stream("GET", f"{base}/f/{path.name}") as answer,
                (into / path.name).open("wb") as out,
            ):
                for chunk in answer.iter_bytes(1024 * 1024):
                    out.write(chunk)
        down = time.perf_counter() - started
    return up, down


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--plain-server", nargs=2, metavar=("PORT", "DIR"))
    args = parser.parse_args()
    if args.plain_server:
        serve_plain(int(args.plain_server[0]), Path(args.plain_server[1]))
        return

    from _common import machine
    from test_sync_e2e import start_server, stop_server

    from crm_desktop.domain.attachments import AttachmentLimits
    from crm_desktop.domain.picklists import Role
    from crm_desktop.services.actor import CurrentUser
    from crm_desktop.services.container import Services
    from crm_desktop.store.database import open_store
    from crm_desktop.store.models import Customer
    from crm_desktop.store.unit_of_work import UnitOfWork
    from crm_desktop.sync.client.engine import SyncEngine
    from crm_desktop.sync.client.transport import Transport
    from crm_desktop.sync.server import admin
    from crm_desktop.sync.server.db import make_engine, upgrade

    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        started = time.perf_counter()
        bases = base_photos(8)
        photos = [unique(bases[n % len(bases)], n) for n in range(args.photos)]
        files = []
        (tmp / "photos").mkdir()
        for n, data in enumerate(photos):
            path = tmp / "photos" / f"p{n:03d}.jpg"
            path.write_bytes(data)
            files.append(path)
        total = sum(len(p) for p in photos)
        print(
            f"{len(photos)} photos, {total / 1e6:.0f} MB (mean {total / len(photos) / 1e6:.2f} MB)"
            f", made in {time.perf_counter() - started:.1f} s"
        )

        url = f"sqlite:///{tmp / 'server.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        admin.create_user(engine, "sup", Role.SUPERVISOR, PASSWORD, team="East")
        admin.create_user(engine, "rep1", Role.REP, PASSWORD, supervisor="sup")
        engine.dispose()
        os.environ["CRM_BLOB_DIR"] = str(tmp / "server-blobs")
        server, base = start_server(url)
        plain, plain_base = start_plain(tmp / "plain")
        (tmp / "plain").mkdir(exist_ok=True)
        try:

            def laptop(name: str) -> Services:
                store = open_store(tmp / name)
                sync = SyncEngine(store, Transport(base, httpx.Client(timeout=60)))
                sync.login(name, PASSWORD)
                sync.sync()
                services = Services(store=store, user=CurrentUser(store))
                # The bench measures the transfer of ~3 MB photos as they are.
                services.attachments.limits = AttachmentLimits(
                    max_file_bytes=50 * 1024 * 1024, downscale_max_edge_px=0
                )
                return services

            rep = laptop("rep1")
            with UnitOfWork(rep.store, rep.actor.user_id) as uow:
                customer = Customer(
                    name="华联超市",
                    name_key="华联超市",
                    owner_id=rep.actor.user_id,
                    team_id=rep.actor.team_id,
                )
                uow.session.add(customer)
                uow.commit()
                customer_id = customer.id
            started = time.perf_counter()
            for path in files:
                rep.attachments.add_file("customer", customer_id, path)
            added = time.perf_counter() - started
            print(
                f"import: {len(files)} photos added in {added:.1f} s "
                f"({added / len(files) * 1000:.0f} ms each, EXIF read, hashed, fsynced)"
            )
            rep.sync.sync_now()

            from crm_desktop.ui.application import freeze_long_lived

            freeze_long_lived(enable=True)  # as the app does once its window is up
            print(
                f"idle GUI baseline: longest late tick {idle_block() * 1000:.0f} ms "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
            report, up_s, up_block = timed_on_sync_lane(rep.attachments.transfer_now)
            assert report.uploaded == len(files) and not report.failed, report  # type: ignore[attr-defined]
            sup = laptop("sup")
            report, down_s, down_block = timed_on_sync_lane(sup.attachments.transfer_now)
            assert report.downloaded == len(files) and not report.failed, report  # type: ignore[attr-defined]
            plain_up, plain_down = plain_copy(plain_base, files, tmp / "plain-back")
            load = os.getloadavg()[0]
            for what, ours, theirs, block in (
                ("upload", up_s, plain_up, up_block),
                ("download", down_s, plain_down, down_block),
            ):
                ratio = theirs / ours
                verdict = "OK" if ratio >= TARGET_RATIO else "UNDER TARGET"
                print(
                    f"{what}: {total / ours / 1e6:.0f} MB/s in {ours:.1f} s; plain HTTP copy "
                    f"{total / theirs / 1e6:.0f} MB/s in {theirs:.1f} s; ratio {ratio:.0%} "
                    f"(target >= {TARGET_RATIO:.0%}: {verdict}); longest GUI block "
                    f"{block * 1000:.0f} ms (target <= {TARGET_BLOCK_MS} ms)"
                )
            print(f"load average {load:.1f}")
            rep.close()
            sup.close()
        finally:
            stop_server(server)
            plain.terminate()
            plain.wait()


if __name__ == "__main__":
    main()
