"""What every response gets, whatever route or error made it: security headers, HEAD wherever GET is served,
and, when configured, a per-client rate limit.

They wrap the whole application (outside FastAPI's own error layer), so a 500 carries the headers too.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 'self' only: the page loads its script, style and data from this origin, with no inline script or style.
CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Add SECURITY_HEADERS to every HTTP response; a route that sets one of them (the /docs page) keeps its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answer HEAD as GET would, headers and all, without the body: the routes see a GET, so HEAD is never a 405
    where GET is served and the OpenAPI schema needs no HEAD operations."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class RateLimit:
    """At most ``per_minute`` requests a minute from one client address (a sliding window); beyond it a 429 in the
    documented error shape, with ``Retry-After``. Off when ``per_minute`` is 0 (the default: a deployment behind a
    proxy limits there, where the client's address is known)."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _wait(self, client: str) -> float:
        """0 when the request may go, else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            window = self._seen.setdefault(client, deque())
            while window and now - window[0] >= 60:
                window.popleft()
            if len(window) >= self.per_minute:
                return 60 - (now - window[0])
            window.append(now)
            if len(self._seen) > 10_000:  # forget idle clients
                for key in [k for k, w in self._seen.items() if not w or now - w[-1] >= 60]:
                    del self._seen[key]
            return 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.per_minute:
            await self.app(scope, receive, send)
            return
        wait = self._wait((scope.get("client") or ("?", 0))[0])
        if not wait:
            await self.app(scope, receive, send)
            return
        message = f"more than {self.per_minute} requests a minute from this address; retry later"
        refused = JSONResponse({"error": {"code": "too_many_requests", "message": message}}, status_code=429,
                               headers={"Retry-After": str(math.ceil(wait))})
        await refused(scope, receive, send)
