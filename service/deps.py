"""Dependencies shared by the routes: the settings, the loaded index, the alignment built on it, the write
token and the stores of the database (reviews, feedback). Each comes from the app's ``Runtime``."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from arrimage.align.aligner import Aligner
from arrimage.index.search import Searcher
from arrimage.reviews.feedback import FeedbackStore
from arrimage.reviews.store import ReviewStore
from fastapi import Depends, Request

from arrimage.runtime import Runtime
from arrimage.settings import Settings


# (async: an attribute read, served on the event loop rather than a trip through the thread pool)
async def current_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(current_runtime)]


async def current_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(current_settings)]


def current_searcher(runtime: RuntimeDep) -> Searcher:
    """The searcher of the current index version (NoIndex, a 503, when none is loaded)."""
    return runtime.searcher()


SearcherDep = Annotated[Searcher, Depends(current_searcher)]


def current_aligner(runtime: RuntimeDep, searcher: SearcherDep) -> Aligner:
    """The aligner of the loaded index, built on first use and kept while the index stays."""
    return runtime.aligner(searcher)


AlignerDep = Annotated[Aligner, Depends(current_aligner)]


async def compute_slot(runtime: RuntimeDep) -> AsyncIterator[None]:
    """One of the ``ARRIMAGE_COMPUTE_CONCURRENCY`` places of the CPU-bound requests of this process, held while the
    route runs and its response is serialised (released before a streamed body is sent). A request waits for its
    place on the event loop, holding no thread, so the thread pool stays free for event streams that wait and for the
    light routes; on 2 cores, fewer requests computing at once also finish sooner (docs/decisions.md)."""
    if runtime.compute is None:
        yield
        return
    borrower = object()  # the place is this request's, whichever task ends it
    await runtime.compute.acquire_on_behalf_of(borrower)
    try:
        yield
    finally:
        runtime.compute.release_on_behalf_of(borrower)


# Declared last among a route's parameters: its other dependencies (the searcher, which may wait for a new index
# version) are resolved before the place is taken. "function": released when the route's response is ready.
Compute = Annotated[None, Depends(compute_slot, scope="function")]


class InvalidRequest(ValueError):
    """A well-formed request that cannot be served as asked (e.g. an answerer that is not configured)."""


class Forbidden(PermissionError):
    """Writes are not enabled on this service (403)."""


class Unauthorized(PermissionError):
    """A write without the right token (401)."""


def require_writer(request: Request) -> None:
    """Writes need `Authorization: Bearer $ARRIMAGE_ADMIN_TOKEN`; with no token configured they are refused."""
    token = request.app.state.runtime.settings.admin_token
    if token is None or not token.get_secret_value():
        raise Forbidden("writes are disabled: set ARRIMAGE_ADMIN_TOKEN on the server, then send "
                        "'Authorization: Bearer <token>'")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.get_secret_value().encode()):
        raise Unauthorized("a missing or wrong token: send 'Authorization: Bearer <ARRIMAGE_ADMIN_TOKEN>'")


Writer = Annotated[None, Depends(require_writer)]


def review_store(runtime: RuntimeDep) -> ReviewStore:
    """The review database, opened (and migrated) on first use."""
    return runtime.reviews()


ReviewsDep = Annotated[ReviewStore, Depends(review_store)]


def feedback_store(runtime: RuntimeDep) -> FeedbackStore:
    """The feedback on answers, in the database of the reviews, opened (and migrated) on first use."""
    return runtime.feedback()


FeedbackDep = Annotated[FeedbackStore, Depends(feedback_store)]
