"""HTTP route of answers, `POST /ask`, and the functions behind it.

``answer`` and ``answer_events`` are what `/ask` does (resolve a follow-up, retrieve, answer); the
OpenAI-compatible chat API and the MCP ``ask`` tool call them too, so there is one answer path.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import asdict

from arrimage.answer import followup
from arrimage.answer.answers import Answer, Answerer, Token
from arrimage.answer.export import to_markdown
from arrimage.answer.factory import AnswererUnavailable, make_answerer
from arrimage.index.search import Searcher
from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from arrimage.settings import Settings

from .deps import Compute, InvalidRequest, SearcherDep, SettingsDep
from .schemas import AskRequest, AskResponse

router = APIRouter(tags=["answers"])
log = logging.getLogger("arrimage.service")


def _answerer(settings: Settings, searcher: Searcher, name: str | None) -> Answerer:
    try:
        return make_answerer(settings, searcher, name)  # the searcher this request started with
    except AnswererUnavailable as exc:
        raise InvalidRequest(str(exc)) from exc


def _args(body: AskRequest, settings: Settings, searcher: Searcher) -> tuple:
    history = [followup.Turn(t.role, t.content) for t in body.history]
    return (searcher, _answerer(settings, searcher, body.answerer), body.question, history, body.k, body.filters.doc_ids,
            body.filters.levels)


def answer(body: AskRequest, settings: Settings, searcher: Searcher) -> Answer:
    """The answer to ``body``, as `POST /ask` gives it."""
    return followup.ask(*_args(body, settings, searcher))


def answer_events(body: AskRequest, settings: Settings, searcher: Searcher) -> Iterator[Token | Answer]:
    """The answer to ``body`` streamed: tokens, then the answer. The answerer is made before the first event,
    so an answerer that is not configured fails the request, not the stream."""
    return followup.ask_stream(*_args(body, settings, searcher))


def ask_response(answer: Answer, started: float) -> AskResponse:
    body = asdict(answer)
    body["citations"] = [{**c, "section_path": list(c["section_path"])} for c in body["citations"]]
    return AskResponse(**body, markdown=to_markdown(answer), took_ms=round((time.perf_counter() - started) * 1000, 2))


@router.post("/ask", response_model=AskResponse,
             responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, or a stream when stream=true"}})
def ask(body: AskRequest, settings: SettingsDep, searcher: SearcherDep, _: Compute = None):
    # A streamed answer is produced while its body is sent, after the place is given back: it may wait on an LLM
    # for many seconds, so it runs in the server's thread pool like the other event streams.
    started = time.perf_counter()
    if not body.stream:
        return ask_response(answer(body, settings, searcher), started)
    return StreamingResponse(_sse(answer_events(body, settings, searcher), started), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _sse(events: Iterator[Token | Answer], started: float) -> Iterator[str]:
    """token events while the answer is produced, then citations, then done with the whole answer."""
    try:
        for event in events:
            if isinstance(event, Token):
                yield _event("token", {"text": event.text})
            else:
                response = ask_response(event, started).model_dump()
                yield _event("citations", response["citations"])
                yield _event("done", response)
    except Exception:  # noqa: BLE001 - a stream cannot change its status code any more: report in-band
        log.exception("error while streaming an answer")
        yield _event("error", {"error": {"code": "internal_error", "message": "the answer could not be completed"}})
