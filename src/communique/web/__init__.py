"""``communique serve``: explore, audit and correct a corpus in a browser (FastAPI, server-rendered pages)."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store import Store
from .app import LOOPBACK_HOSTS, create_app

__all__ = ["create_app", "free_port", "is_loopback", "serve", "serving", "settle_heap"]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: str | Path, *, host: str | None = None, port: int = 8000, workers: int = 1, cache_mb: int = 64
) -> None:
    """Run the app with uvicorn: on 127.0.0.1 unless a host is given (then any Host header is accepted).

    ``workers`` > 1: that many server processes on the one port, each with its own database connections
    and ``cache_mb`` of cached responses, sharing the CSRF token.
    """
    import uvicorn

    chosen = host or "127.0.0.1"
    settings = {
        "db": str(db),
        "trusted_hosts": LOOPBACK_HOSTS if is_loopback(chosen) else None,
        "csrf_token": secrets.token_urlsafe(32),
        "response_cache_bytes": cache_mb << 20,
    }
    if not is_loopback(chosen):
        print(
            f"communique: serving on {chosen}: anyone who can reach this machine can read and correct the corpus",
            file=sys.stderr,
        )
    # a browser keeps its connection open between clicks: uvicorn's 5 s default closes it under a reader's
    # feet, and a request sent just then fails
    options: dict[str, Any] = {"host": chosen, "port": port, "log_level": "warning", "timeout_keep_alive": 75}
    if workers == 1:
        app = create_app(**settings)
        settle_heap()
        uvicorn.run(app, **options)
        return
    with Store(db, create=False) as store:  # fails here, once, on a bad path; indexes new articles for all
        store.refresh_search_index()
    os.environ[SETTINGS_VARIABLE] = json.dumps(settings)  # what the worker processes build their app from
    uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, **options)


SETTINGS_VARIABLE = "COMMUNIQUE_SERVE_SETTINGS"


def worker_app() -> Any:
    """The app of one of ``serve``'s worker processes (uvicorn calls this in each)."""
    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    if settings["trusted_hosts"] is not None:
        settings["trusted_hosts"] = tuple(settings["trusted_hosts"])
    app = create_app(**settings)
    settle_heap()
    return app


def settle_heap() -> None:
    """Take what a server process holds once its app is built (modules, templates, the ontology) out of
    the garbage collector's reach.

    A full collection walks every object the collector tracks: in a worker with its imports and caches,
    60 to 230 ms, every few seconds under load, during which no request moves (the slowest percent of
    responses). Frozen, those objects are never walked again; they live as long as the process anyway.
    A collection first, so that no garbage of the start-up is frozen with them.
    """
    import gc

    gc.collect()
    gc.freeze()


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
