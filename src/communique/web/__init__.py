"""``communique serve``: explore, audit and correct a corpus in a browser (FastAPI, server-rendered pages)."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

from .app import LOOPBACK_HOSTS, create_app

__all__ = ["create_app", "is_loopback", "serve"]


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
    uvicorn.run(app, host=chosen, port=port, log_level="warning")
