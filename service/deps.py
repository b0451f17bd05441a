"""Dependencies shared by the routes: the loaded index, the alignment built on it, the write token and the
stores of the database (reviews, feedback)."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from arrimage.align.aligner import Aligner
from arrimage.index.search import Searcher
from arrimage.reviews.feedback import FeedbackStore
from arrimage.reviews.store import ReviewStore
from fastapi import Depends, Request

from arrimage.runtime import make_aligner


def current_searcher(request: Request) -> Searcher:
    """The searcher of the current index version (NoIndex, a 503, when none is loaded)."""
    return request.app.state.runtime.searcher()


SearcherDep = Annotated[Searcher, Depends(current_searcher)]


def current_aligner(request: Request, searcher: SearcherDep) -> Aligner:
    """The aligner of the loaded index, built on first use and kept while the index stays."""
    cached = getattr(request.app.state, "aligner", None)
    if cached is None or cached[0] is not searcher:
        request.app.state.aligner = (searcher, make_aligner(searcher, request.app.state.runtime.settings))
    return request.app.state.aligner[1]


AlignerDep = Annotated[Aligner, Depends(current_aligner)]


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


# Two first requests at once must not both migrate the database.
_opening = threading.Lock()


def review_store(request: Request) -> ReviewStore:
    """The review database, opened (and migrated) on first use."""
    with _opening:
        store = getattr(request.app.state, "reviews", None)
        if store is None:
            store = request.app.state.reviews = ReviewStore(request.app.state.runtime.settings.database_url)
    return store


ReviewsDep = Annotated[ReviewStore, Depends(review_store)]


def feedback_store(request: Request) -> FeedbackStore:
    """The feedback on answers, in the database of the reviews, opened (and migrated) on first use."""
    with _opening:
        store = getattr(request.app.state, "feedback", None)
        if store is None:
            store = request.app.state.feedback = FeedbackStore(request.app.state.runtime.settings.database_url)
    return store


FeedbackDep = Annotated[FeedbackStore, Depends(feedback_store)]
