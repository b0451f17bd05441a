"""Dependencies shared by the routes: the loaded index and the alignment built on it."""

from __future__ import annotations

from typing import Annotated

from arrimage.align.aligner import Aligner
from arrimage.index.search import Searcher
from fastapi import Depends, Request


def current_searcher(request: Request) -> Searcher:
    """The searcher of the current index version (NoIndex, a 503, when none is loaded)."""
    return request.app.state.runtime.searcher()


SearcherDep = Annotated[Searcher, Depends(current_searcher)]


def current_aligner(request: Request, searcher: SearcherDep) -> Aligner:
    """The aligner of the loaded index, built on first use and kept while the index stays."""
    cached = getattr(request.app.state, "aligner", None)
    if cached is None or cached[0] is not searcher:
        request.app.state.aligner = (searcher, Aligner(searcher.data, searcher.embedder))
    return request.app.state.aligner[1]


AlignerDep = Annotated[Aligner, Depends(current_aligner)]
