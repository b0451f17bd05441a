"""The MCP server (official `mcp` SDK, `MCPServer`): Arrimage's search, answers, plan outlines, related
units and coverage as tools for agents.

- `arrimage mcp` serves it over stdio; the HTTP app serves the same tools as streamable HTTP at `/mcp`
  (stateless, JSON responses), behind `ARRIMAGE_API_KEYS` when keys are set.
- Each tool calls the function of the HTTP route that does the same (`search.search`, `ask.answer`,
  `alignment.plan_units`, …) with a request model of the HTTP API, so arguments are validated by the
  same rules and the results have the same JSON shape; a domain error (unknown plan, no index, bad
  argument) comes back as a tool error with its message.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, TypeVar

from arrimage.align.aligner import AlignmentError
from arrimage.align.calibration import NotCalibrated
from arrimage.index.search import SearchError, SearchUnavailable
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field, ValidationError
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from arrimage import __version__
from arrimage.runtime import NoIndex, Runtime, UnknownDocument

from . import alignment, ask, search
from .deps import InvalidRequest
from .keys import key_accepted
from .schemas import (
    AskRequest,
    AskResponse,
    CoverageResponse,
    DocumentInfo,
    Filters,
    HistoryTurn,
    Level,
    PlanUnits,
    RelatedRequest,
    RelatedResponse,
    SearchRequest,
    SearchResponse,
)

INSTRUCTIONS = (
    "Arrimage cherche dans des plans publics québécois (plans stratégiques, plans d’action : orientations, axes, "
    "objectifs, mesures, cibles) et y répond en citant chaque passage (document, page). Les plans sont en français ; "
    "les questions peuvent être en anglais. / Arrimage searches Québec public plans (strategic and action plans) and "
    "answers from them, citing every passage (document, page). The plans are in French; questions may be in English. "
    "Start with list_documents for the doc_ids."
)
_ANTICIPATED = (NoIndex, SearchError, SearchUnavailable, InvalidRequest, AlignmentError, NotCalibrated, alignment.UnknownPlan, UnknownDocument)
_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
F = TypeVar("F", bound=Callable)


def _describe(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}".replace("Value error, ", "")
                     for e in exc.errors())


def _tool_errors(fn: F) -> F:
    """A domain error becomes a tool error with its message (any other error stays a crash, its text withheld)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            raise ToolError(_describe(exc)) from exc
        except _ANTICIPATED as exc:
            raise ToolError(str(exc)) from exc

    return run  # type: ignore[return-value]


def build_server(runtime: Runtime) -> MCPServer:
    """The MCP server of a runtime: its tools read the index the runtime serves."""
    # The SDK configures the root logger when a server is made (logging.basicConfig, rich): logging is the
    # entry point's to configure, so the root logger is put back as it was.
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    server = MCPServer("arrimage", title="Arrimage", version=__version__, instructions=INSTRUCTIONS)
    root.handlers[:], root.level = handlers, level

    def tool(title: str, description: str, name: str | None = None):
        def register(fn: F) -> F:
            server.add_tool(_tool_errors(fn), name=name, title=title, description=description, annotations=_READ_ONLY)
            return fn

        return register

    @tool("Chercher dans les plans / Search the plans",
          "FR : les passages des plans les plus proches d’une question ou de mots-clés (recherche hybride), avec "
          "document, page et chemin de section, filtrables par document et par niveau.\n"
          "EN: the passages of the plans closest to a question or keywords (hybrid search), with document, page "
          "and section path, filterable by document and level.")
    def search_plans(
        query: Annotated[str, Field(description="Question ou mots-clés, en français ou en anglais / A question or "
                                                "keywords, in French or English")],
        k: Annotated[int, Field(ge=1, le=100, description="Nombre de passages / Number of passages")] = 10,
        doc_ids: Annotated[list[str] | None, Field(description="Seulement ces documents (voir list_documents) / Only "
                                                               "these documents (see list_documents)")] = None,
        levels: Annotated[list[Level] | None, Field(description="Seulement ces niveaux / Only these levels")] = None,
    ) -> SearchResponse:
        body = SearchRequest(query=query, k=k, filters=Filters(doc_ids=doc_ids, levels=levels))
        return search.search(body, runtime.searcher())

    # The function is not called `ask`, which would hide the module `ask` here.
    @tool("Poser une question / Ask a question",
          "FR : une réponse tirée des plans, chaque phrase suivie de [n], avec ses citations (document, page, "
          "extrait) ; dit quand les plans ne répondent pas. L’historique permet les questions de suivi (« Et pour "
          "l’INRS ? »).\n"
          "EN: an answer drawn from the plans, each sentence followed by [n], with its citations (document, page, "
          "quote); says when the plans do not answer. The history allows follow-up questions (\"And for INRS?\").",
          name="ask")
    def ask_question(
        question: Annotated[str, Field(description="La question, en français ou en anglais / The question, in French "
                                                   "or English")],
        history: Annotated[list[HistoryTurn] | None, Field(description="La conversation avant cette question, la plus "
                                                                        "ancienne d’abord / The conversation before this "
                                                                        "question, oldest first")] = None,
    ) -> AskResponse:
        started = time.perf_counter()
        body = AskRequest(question=question, history=history or [])
        return ask.ask_response(ask.answer(body, runtime.settings, runtime.searcher()), started)

    @tool("Lister les documents / List the documents",
          "FR : les plans indexés : identifiant, titre, organisme, niveau (institutional, ministerial, regional), "
          "période, pages, passages.\n"
          "EN: the indexed plans: id, title, organization, level (institutional, ministerial, regional), period, "
          "pages, passages.")
    def list_documents() -> list[DocumentInfo]:
        return search.documents(runtime.searcher())

    @tool("Plan d’un document / Outline of a plan",
          "FR : la structure reconnue d’un plan, en arbre : orientations, axes, objectifs, mesures… avec leurs "
          "indicateurs, cibles et champs (responsable, échéance, budget).\n"
          "EN: the recognised structure of a plan as a tree: orientations, axes, objectives, measures… with their "
          "indicators, targets and fields (responsible, deadline, budget).")
    def plan_outline(
        doc_id: Annotated[str, Field(description="Identifiant du plan (voir list_documents) / The plan's id (see "
                                                 "list_documents)")],
    ) -> PlanUnits:
        searcher = runtime.searcher()
        return alignment.plan_units(doc_id, runtime.aligner(searcher))

    @tool("Unités liées / Related units",
          "FR : les unités des autres plans (objectifs, mesures, thèmes…) les plus liées à un texte ou à une unité, "
          "avec une probabilité calibrée. Donner exactement un de text et unit_id.\n"
          "EN: the units of other plans (objectives, measures, themes…) most related to a text or to a unit, with a "
          "calibrated probability. Give exactly one of text and unit_id.")
    def related_units(
        text: Annotated[str | None, Field(description="Un texte / A text")] = None,
        unit_id: Annotated[str | None, Field(description="Une unité (voir plan_outline) / A unit (see plan_outline)")] = None,
        k: Annotated[int, Field(ge=1, le=50, description="Nombre d’unités / Number of units")] = 5,
    ) -> RelatedResponse:
        body = RelatedRequest(text=text, unit_id=unit_id, k=k)
        searcher = runtime.searcher()
        return alignment.related(body, runtime.aligner(searcher))

    @tool("Couverture d’un plan ministériel / Coverage of a ministerial plan",
          "FR : pour chaque unité d’un plan ministériel, les unités des autres plans qui la couvrent (probabilité, "
          "étiquette, revues appliquées), et les écarts : cibles non couvertes, unités sources non alignées.\n"
          "EN: for each unit of a ministerial plan, the units of other plans that cover it (probability, label, "
          "reviews applied), and the gaps: uncovered targets, unaligned source units.")
    def coverage(
        target_doc_id: Annotated[str, Field(min_length=1, description="Le plan ministériel (voir list_documents) / The "
                                                                      "ministerial plan (see list_documents)")],
    ) -> CoverageResponse:
        searcher = runtime.searcher()
        return alignment.reviewed_coverage(runtime.aligner(searcher), runtime.reviews(), target_doc_id)

    return server


class McpHttp:
    """`/mcp` on the HTTP app: the SDK's streamable HTTP transport, started and stopped with the app."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.server = build_server(runtime)
        self._manager = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        # A session manager runs once: each start of the app makes a new one. Stateless, JSON answers: the tools
        # are request and response, and any worker can serve any request.
        self.server.streamable_http_app(streamable_http_path="/mcp", stateless_http=True, json_response=True,
                                        host=self.runtime.settings.host)
        manager = self.server.session_manager
        async with manager.run():
            self._manager = manager
            try:
                yield
            finally:
                self._manager = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope["headers"])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        if not key_accepted(self.runtime.settings, authorization):
            response = JSONResponse({"error": {"code": "unauthorized", "message": "a missing or wrong key: send "
                                               "'Authorization: Bearer <key>', a key of ARRIMAGE_API_KEYS"}},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
        elif self._manager is None:
            response = JSONResponse({"error": {"code": "unavailable", "message": "the MCP server is not running"}},
                                    status_code=503)
        else:
            await self._manager.handle_request(scope, receive, send)
            return
        await response(scope, receive, send)
