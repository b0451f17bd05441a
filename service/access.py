"""Every request gets an id, a JSON access log line and its metrics.

- The id is the request's `X-Request-ID` when it is a plain token (letters, digits, `.`, `_`, `:`, `-`,
  at most 128), else a new one; it is echoed in the response's `X-Request-ID` and carried by every log
  line written while the request is served (`request_id`).
- One access line per request on the `arrimage.access` logger: method, path, route template, status,
  duration, request id. `json_logging()` (called by `arrimage serve`) writes the `arrimage` loggers as
  one JSON object a line on stderr.
- An error no handler took is answered here with the app's own handler for `Exception`, so that answer
  carries the request id too.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.routing import Match, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .metrics import Metrics

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("arrimage_request_id", default=None)
HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
access_log = logging.getLogger("arrimage.access")


def request_id(offered: str | None) -> str:
    return offered if offered and _VALID_ID.fullmatch(offered) else uuid.uuid4().hex


def route_template(served: Scope, entry: Scope, routes: list) -> str:
    """The template of the route that served the request (`/plans/{doc_id}/units`), with the path of the mounts
    it went through (`/v1/chat/completions`); `unmatched` when no route took it.

    The router names the API route it chose in ``served["route"]``; for the other routes (a mount of static
    files, the MCP endpoint, the docs) the request as it came in (``entry``) is matched against ``routes``."""
    route = served.get("route")
    if isinstance(route, Route):
        return served.get("root_path", "")[len(entry.get("root_path", "")):] + route.path
    for route in routes:
        if isinstance(route, Route | Mount) and route.matches(entry)[0] is not Match.NONE:
            return f"{route.path}/{{path}}" if isinstance(route, Mount) else route.path
    return "unmatched"


class AccessMiddleware:
    """Pure ASGI (a streamed answer is timed to its last byte and never buffered)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, owner) -> None:
        self.app = app
        self.metrics = metrics
        self.owner = owner  # the FastAPI app: its routes, and its handler for Exception

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        entry = dict(scope)  # the router changes the scope it is given
        rid = request_id(next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), None))
        # Not reset afterwards: the server runs each request in a task of its own, and a handler that runs
        # after this middleware returns (the server's own 500) still logs with the id.
        REQUEST_ID.set(rid)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            handler = self.owner.exception_handlers.get(Exception)
            if response_started or handler is None:
                raise
            response = await handler(Request(scope, receive), exc)
            await response(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope, entry, self.owner.router.routes)
            self.metrics.observe(scope["method"], route, status, seconds)
            access_log.info("%s %s %s", scope["method"], scope["path"], status, extra={
                "method": scope["method"], "path": scope["path"], "route": route, "status": status,
                "duration_ms": round(seconds * 1000, 2), "client": (scope.get("client") or ("", 0))[0], "request_id": rid})


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def json_logging(level: int = logging.INFO) -> None:
    """Write the `arrimage` loggers (the access log among them) as JSON lines on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("arrimage")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
