"""Dependencies shared by the routes: the settings, the loaded index, the alignment built on it, the write
token and the stores of the database (reviews, feedback). Each comes from the app's ``Runtime``."""

from __future__ import annotations

import hmac
from typing import Annotated

from arrimage.align.aligner import Aligner
from arrimage.index.search import Searcher
from arrimage.reviews.feedback import FeedbackStore
from arrimage.reviews.store import ReviewStore
from fastapi import Depends, Request

from arrimage.runtime import Runtime
from arrimage.settings import Settings


def current_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(current_runtime)]


def current_settings(runtime: RuntimeDep) -> Settings:
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
