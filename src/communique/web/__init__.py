"""``communique serve``: explore, audit and correct a corpus in a browser (FastAPI, server-rendered pages)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .app import LOOPBACK_HOSTS, create_app

__all__ = ["create_app", "free_port", "is_loopback", "serve", "serving"]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str | Path, *, host: str | None = None, port: int = 8000) -> None:
    """Run the app with uvicorn: on 127.0.0.1 unless a host is given (then any Host header is accepted)."""
    import uvicorn

    chosen = host or "127.0.0.1"
    app = create_app(db, trusted_hosts=LOOPBACK_HOSTS if is_loopback(chosen) else None)
    if not is_loopback(chosen):
        print(
            f"communique: serving on {chosen}: anyone who can reach this machine can read and correct the corpus",
            file=sys.stderr,
        )
    # a browser keeps its connection open between clicks: uvicorn's 5 s default closes it under a reader's
    # feet, and a request sent just then fails
    uvicorn.run(app, host=chosen, port=port, log_level="warning", timeout_keep_alive=75)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(app: Any, port: int | None = None) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 in a background thread for the block (browser tests, screenshots); yields its URL."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
