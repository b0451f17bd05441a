"""The OpenAI-compatible chat API under `/v1`, for the chat tools people already run (Open WebUI, LibreChat,
editors, scripts with the `openai` client).

- `GET /v1/models`: one model per answerer, `arrimage` (extractive) and `arrimage-llm` when an LLM is configured.
- `POST /v1/chat/completions`: the last user message is the question, the user and assistant messages
  before it are the history (follow-ups); the answer is what `POST /ask` gives (``ask.answer``, the one
  answer path), as a message that keeps its [n] markers and ends with its sources, plus an extension
  field `citations` holding the structured citations. `stream: true` sends OpenAI's chunks as
  server-sent events, ending with `data: [DONE]`.
- Errors have OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`; with `ARRIMAGE_API_KEYS`
  set, every call needs `Authorization: Bearer <key>`.

It is a sub-application mounted at `/v1`, so its error shape and its key stay its own.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Literal

from arrimage.answer.answers import Answer
from arrimage.answer.export import to_chat
from arrimage.answer.factory import llm_configured
from arrimage.answer.followup import MAX_TURN_CHARS, MAX_TURNS
from arrimage.index.search import SearchError, SearchUnavailable
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from arrimage import __version__
from arrimage.runtime import NoIndex, Runtime
from arrimage.settings import Settings

from . import ask
from .deps import Compute, InvalidRequest
from .keys import key_accepted
from .schemas import AskRequest, CitationOut, HistoryTurn

log = logging.getLogger("arrimage.service")

# model id → answerer
MODELS = {"arrimage": "extractive", "arrimage-llm": "llm"}
_CREATED = int(time.time())


def model_ids(settings: Settings) -> list[str]:
    return ["arrimage", *(["arrimage-llm"] if llm_configured(settings) else [])]


# ---- errors ------------------------------------------------------------------------------------------------


class OpenAIError(Exception):
    """An error in OpenAI's shape."""

    def __init__(self, status: int, message: str, type: str = "invalid_request_error", code: str | None = None,
                 param: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.code, self.param = status, message, type, code, param

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def _response(error: OpenAIError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status)


def _validation_error(errors: list[dict]) -> OpenAIError:
    first = errors[0] if errors else {}
    where = [str(p) for p in first.get("loc", ()) if p != "body"]
    message = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg', 'invalid')}"
                        for e in errors).replace("Value error, ", "")
    return OpenAIError(400, message or "invalid request", param=".".join(where) or None)


# ---- request ----------------------------------------------------------------------------------------------


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content if p.type == "text" and p.text)
        return self.content or ""


class ChatRequest(BaseModel):
    """OpenAI's chat request; the other parameters clients send (top_p, seed, user, …) are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(description="arrimage (extractive answers) or arrimage-llm (when an LLM is configured)")
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    max_tokens: int | None = Field(None, ge=1, description="Accepted; the answer's length is the answerer's own")
    max_completion_tokens: int | None = Field(None, ge=1, description="Accepted, as max_tokens")
    temperature: float | None = Field(None, ge=0, le=2, description="Accepted and ignored: answers are deterministic")
    n: int = Field(1, ge=1, le=1, description="One answer per request")


def ask_request(chat: ChatRequest) -> AskRequest:
    """The `POST /ask` request of a chat: its last user message, and the conversation before it as history
    (the latest MAX_TURNS user and assistant turns, each cut to MAX_TURN_CHARS: only user turns carry the
    subject of a follow-up, and an assistant turn holds its sources too)."""
    turns = [(m.role, m.text()) for m in chat.messages if m.role in ("user", "assistant")]
    last_user = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=None)
    if last_user is None:
        raise OpenAIError(400, "messages: there is no user message to answer", param="messages")
    history = [HistoryTurn(role=role, content=text[:MAX_TURN_CHARS]) for role, text in turns[:last_user] if text.strip()]
    try:
        return AskRequest(question=turns[last_user][1], history=history[-MAX_TURNS:], answerer=MODELS[chat.model])
    except ValidationError as exc:
        error = _validation_error(exc.errors())
        error.message = error.message.replace("question:", "messages (the last user message):", 1)
        error.param = "messages"
        raise error from exc


# ---- response ---------------------------------------------------------------------------------------------


def _citations(answer: Answer) -> list[dict]:
    return [CitationOut(**{**asdict(c), "section_path": list(c.section_path)}).model_dump() for c in answer.citations]


def completion(answer: Answer, model: str) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": to_chat(answer)}, "finish_reason": "stop",
                     "logprobs": None}],
        "citations": _citations(answer),
    }


def _sse(data: dict | str) -> str:
    return f"data: {data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)}\n\n"


def chunks(make_answer, model: str) -> Iterator[str]:
    """OpenAI's chunks: the role first, then the message word by word, then the finish reason with the
    citations, then `[DONE]`. The message is the checked answer (an LLM's raw tokens are not forwarded: the
    check removes markers and sentences its passages do not support, and a chat client cannot take text back)."""
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model}

    def chunk(delta: dict, finish_reason: str | None = None, **extra) -> str:
        return _sse({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
                     **extra})

    yield chunk({"role": "assistant", "content": ""})
    try:
        answer = make_answer()
        for piece in re.findall(r"\s*\S+", to_chat(answer)):
            yield chunk({"content": piece})
        yield chunk({}, "stop", citations=_citations(answer))
    except Exception:  # noqa: BLE001 - a stream cannot change its status code any more: report in-band
        log.exception("error while streaming a chat completion")
        yield _sse(OpenAIError(500, "the answer could not be completed", "server_error").body())
    yield _sse("[DONE]")


# ---- the app ----------------------------------------------------------------------------------------------


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def require_key(request: Request) -> None:
    if not key_accepted(_runtime(request).settings, request.headers.get("authorization")):
        raise OpenAIError(401, "Incorrect or missing API key: send 'Authorization: Bearer <key>', a key of ARRIMAGE_API_KEYS",
                          code="invalid_api_key")


def _model(settings: Settings, model: str) -> dict:
    if model not in model_ids(settings):
        hint = " (no LLM is configured: set ARRIMAGE_LLM_BASE_URL and ARRIMAGE_LLM_MODEL)" if model == "arrimage-llm" else ""
        raise OpenAIError(404, f"The model '{model}' does not exist{hint}; see GET /v1/models", code="model_not_found",
                          param="model")
    return {"id": model, "object": "model", "created": _CREATED, "owned_by": "arrimage"}


def create_openai_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(title="Arrimage — OpenAI-compatible API", version=__version__, dependencies=[Depends(require_key)],
                  description="Chat completions answered from the Québec plans, with their sources and citations.")
    app.state.runtime = runtime

    @app.exception_handler(OpenAIError)
    async def _openai(_: Request, exc: OpenAIError) -> JSONResponse:
        return _response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _response(_validation_error(list(exc.errors())))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        message = f"Unknown request URL: {request.method} {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return _response(OpenAIError(exc.status_code, message))

    @app.exception_handler(NoIndex)
    async def _no_index(_: Request, exc: NoIndex) -> JSONResponse:
        return _response(OpenAIError(503, str(exc), "server_error", "no_index"))

    @app.exception_handler(SearchUnavailable)
    async def _engine_down(_: Request, exc: SearchUnavailable) -> JSONResponse:
        return _response(OpenAIError(503, str(exc), "server_error", "search_unavailable"))

    @app.exception_handler(SearchError)
    @app.exception_handler(InvalidRequest)
    async def _bad(_: Request, exc: ValueError) -> JSONResponse:
        return _response(OpenAIError(400, str(exc)))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _response(OpenAIError(500, "an unexpected error occurred; it has been logged", "server_error"))

    @app.get("/models")
    def list_models(request: Request) -> dict:
        settings = _runtime(request).settings
        return {"object": "list", "data": [_model(settings, m) for m in model_ids(settings)]}

    @app.get("/models/{model}")
    def get_model(request: Request, model: str) -> dict:
        return _model(_runtime(request).settings, model)

    @app.post("/chat/completions", responses={200: {"content": {"text/event-stream": {}},
                                                    "description": "a chat completion, or its chunks when stream=true"}})
    def chat_completions(request: Request, body: ChatRequest, _: Compute = None):
        runtime = _runtime(request)
        _model(runtime.settings, body.model)
        question = ask_request(body)
        searcher = runtime.searcher()  # the version this request started with; NoIndex before anything is sent
        if not body.stream:
            return JSONResponse(completion(ask.answer(question, runtime.settings, searcher), body.model))
        return StreamingResponse(chunks(lambda: ask.answer(question, runtime.settings, searcher), body.model),
                                 media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    return app
