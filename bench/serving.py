"""`arrimage serve` in a child process for the benchmarks: started on a free port, healthy, stopped.
SERVER_LOG=FILE keeps its log (else it is dropped)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(env: dict[str, str] | None = None, timeout: float = 120,
           args: list[str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """The base URL of a healthy server on the current settings (plus ``env``, and ``args`` to `arrimage serve`),
    and its process; it listens on 127.0.0.1 only."""
    port = _free_port()
    environment = {**os.environ, **(env or {}), "PORT": str(port), "HOST": "127.0.0.1"}
    log = open(os.environ["SERVER_LOG"], "w") if os.environ.get("SERVER_LOG") else subprocess.DEVNULL  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "arrimage.cli", "serve", *(args or [])], env=environment,
                              stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not become healthy")
                time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
