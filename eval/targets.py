"""What is evaluated: the in-process pipeline, or a running service through its public HTTP API.

Both give the same typed values (``Passage``, ``Reply``), judged the same way afterwards: by the text
of the passages, never by offsets or internals, so a run over HTTP and a run in process on the same
index score the same. Over HTTP only ``POST /search``, ``POST /ask``, ``GET /documents``,
``GET /health``, ``GET /plans/{doc_id}/units`` and ``POST /align`` are used.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from arrimage.answer.followup import PASSAGES, Turn, ask
from arrimage.ingest.models import PlanUnit
from arrimage.ingest.models import Target as UnitTarget

if TYPE_CHECKING:  # pragma: no cover
    from arrimage.align.aligner import Aligner
    from arrimage.answer.answers import Answerer
    from arrimage.index.search import Searcher, SearchHit

SEARCH_K = 10
MAX_QUERY_CHARS = 2000  # what POST /search accepts
# Over HTTP a quote's passages are looked for with a BM25 search of the quote itself, this deep.
QUOTE_SEARCH_K = 30


class TargetError(RuntimeError):
    """The target cannot be evaluated (unreachable service, no index); the message says why."""


@dataclass(frozen=True)
class Passage:
    rank: int
    chunk_id: str
    doc_id: str
    page: int
    score: float
    text: str
    section_path: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class CitedPassage:
    n: int
    chunk_id: str
    doc_id: str
    page: int
    quote: str
    text: str


@dataclass(frozen=True)
class Reply:
    """An answer as the service gives it: text with [n] markers, citations, abstention."""

    answer: str
    citations: tuple[CitedPassage, ...]
    abstained: bool
    answerer: str
    notice: str | None = None
    searched: str = ""  # the question actually searched (a follow-up with its subject)


@dataclass(frozen=True)
class TargetInfo:
    kind: str  # "in-process" or "http"
    location: str  # the index directory or the service URL
    model_id: str
    documents: int
    chunks: int
    corpus_hash: str | None  # not exposed over HTTP
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Target(Protocol):
    info: TargetInfo

    def document_ids(self) -> list[str]: ...

    def document_texts(self) -> dict[str, str] | None:
        """The cleaned text of every document, or None when the target does not expose it (HTTP)."""
        ...

    def search(self, query: str, k: int = SEARCH_K, mode: str = "hybrid") -> list[Passage]: ...

    def ask(self, question: str, k: int = PASSAGES, answerer: str | None = None,
            history: Sequence[dict[str, str]] = ()) -> Reply:
        """The answer to ``question``; ``history`` is the conversation before it (role, content)."""
        ...

    def candidates(self, text: str) -> list[Passage]:
        """Passages that may hold ``text``: every passage in process, a BM25 search for it over HTTP."""
        ...

    def units(self) -> list[PlanUnit]:
        """Every plan unit, with its parent link."""
        ...

    def align(self, source_doc_id: str, target_doc_id: str, k: int) -> dict[str, list[str]]:
        """For each unit of the source plan, the ids of the target plan's ``k`` best units, best first."""
        ...


def _by_source(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(source id, target id) pairs in rank order → each source's target ids, best first."""
    ranked: dict[str, list[str]] = {}
    for source, target in pairs:
        ranked.setdefault(source, []).append(target)
    return ranked


def _passage(hit: SearchHit) -> Passage:
    return Passage(rank=hit.rank, chunk_id=hit.chunk.chunk_id, doc_id=hit.chunk.doc_id, page=hit.chunk.page_start,
                   score=float(hit.score), text=hit.chunk.text, section_path=tuple(hit.chunk.section_path),
                   title=hit.document.title)


def reply_of(answer: Any) -> Reply:
    """A ``Reply`` from the service's ``Answer`` or from the JSON of ``POST /ask`` (same field names)."""
    get = (lambda o, k: o[k]) if isinstance(answer, dict) else getattr
    citations = tuple(
        CitedPassage(n=int(get(c, "n")), chunk_id=get(c, "chunk_id"), doc_id=get(c, "doc_id"), page=int(get(c, "page")),
                     quote=get(c, "quote"), text=get(c, "text"))
        for c in get(answer, "citations")
    )
    return Reply(answer=get(answer, "answer"), citations=citations, abstained=bool(get(answer, "abstained")),
                 answerer=get(answer, "answerer"), notice=get(answer, "notice"),
                 searched=(answer.get("searched") if isinstance(answer, dict) else answer.searched) or "")


class InProcessTarget:
    """The searcher and answerer of this process, called exactly as the service calls them."""

    def __init__(self, searcher: Searcher, answerers: dict[str, Answerer], location: str = "") -> None:
        self.searcher = searcher
        self.answerers = answerers
        self._all: list[Passage] | None = None
        self._aligner: Aligner | None = None
        m = searcher.data.manifest
        self.info = TargetInfo(kind="in-process", location=location, model_id=m.model_id, documents=m.document_count,
                               chunks=m.chunk_count, corpus_hash=m.corpus_hash, details={"manifest": asdict(m)})

    def document_ids(self) -> list[str]:
        return [d.meta.doc_id for d in self.searcher.data.documents]

    def document_texts(self) -> dict[str, str] | None:
        return {d.meta.doc_id: d.text for d in self.searcher.data.documents}

    def search(self, query: str, k: int = SEARCH_K, mode: str = "hybrid") -> list[Passage]:
        return [_passage(h) for h in self.searcher.search(query.strip(), k=k, mode=mode)]

    def ask(self, question: str, k: int = PASSAGES, answerer: str | None = None,
            history: Sequence[dict[str, str]] = ()) -> Reply:
        name = answerer or next(iter(self.answerers), "")
        if name not in self.answerers:
            raise TargetError(f"answerer {name!r} is not available in process; available: {', '.join(self.answerers) or 'none'}")
        answer = ask(self.searcher, self.answerers[name], question.strip(), [Turn(**t) for t in history], k=k)
        return reply_of(answer)

    def candidates(self, text: str) -> list[Passage]:
        return self.all_passages()

    def units(self) -> list[PlanUnit]:
        return list(self.searcher.data.units)

    def align(self, source_doc_id: str, target_doc_id: str, k: int) -> dict[str, list[str]]:
        from arrimage.runtime import make_aligner
        from arrimage.settings import get_settings

        self._aligner = self._aligner or make_aligner(self.searcher, get_settings())
        pairs = self._aligner.align(self._aligner.select(doc_ids=[source_doc_id]),
                                    self._aligner.select(doc_ids=[target_doc_id], targets=True), k=k, min_label="none")
        return _by_source((p.source.unit_id, p.target.unit_id) for p in pairs)

    def all_passages(self) -> list[Passage]:
        """Every passage of the index, in index order."""
        if self._all is None:
            docs = {d.meta.doc_id: d.meta for d in self.searcher.data.documents}
            self._all = [
                Passage(rank=0, chunk_id=c.chunk_id, doc_id=c.doc_id, page=c.page_start, score=0.0, text=c.text,
                        section_path=tuple(c.section_path), title=docs[c.doc_id].title)
                for c in self.searcher.data.chunks
            ]
        return self._all


class HttpTarget:
    """A running Arrimage service, through its public API only."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        health = self._call("GET", "/health")
        self._documents = self._call("GET", "/documents")
        self.info = TargetInfo(kind="http", location=self.url, model_id=health.get("embedding_model", ""),
                               documents=int(health.get("documents", 0)), chunks=int(health.get("chunks", 0)),
                               corpus_hash=None, details={"health": health})

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise TargetError(f"{method} {self.url}{path} answered {exc.code}: {detail}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise TargetError(f"cannot reach the service at {self.url} ({method} {path}): {exc}") from exc
        except ValueError as exc:
            raise TargetError(f"{method} {self.url}{path} did not answer JSON: {exc}") from exc

    def document_ids(self) -> list[str]:
        return [d["doc_id"] for d in self._documents]

    def document_texts(self) -> dict[str, str] | None:
        return None

    def _passages(self, body: dict) -> list[Passage]:
        hits = self._call("POST", "/search", body)["hits"]
        return [
            Passage(rank=h["rank"], chunk_id=h["chunk_id"], doc_id=h["doc_id"], page=h["page"], score=float(h["score"]),
                    text=h["text"], section_path=tuple(h.get("section_path", ())), title=h.get("title", ""))
            for h in hits
        ]

    def search(self, query: str, k: int = SEARCH_K, mode: str = "hybrid") -> list[Passage]:
        return self._passages({"query": query, "k": k, "mode": mode})

    def ask(self, question: str, k: int = PASSAGES, answerer: str | None = None,
            history: Sequence[dict[str, str]] = ()) -> Reply:
        return reply_of(self._call("POST", "/ask", {"question": question, "k": k, "answerer": answerer,
                                                    "history": list(history)}))

    def candidates(self, text: str) -> list[Passage]:
        return self._passages({"query": text[:MAX_QUERY_CHARS], "k": QUOTE_SEARCH_K, "mode": "bm25"})

    def units(self) -> list[PlanUnit]:
        found: list[PlanUnit] = []

        def walk(node: dict) -> None:
            record = {k: v for k, v in node.items() if k in PlanUnit.__dataclass_fields__}
            found.append(PlanUnit(**{**record, "section_path": tuple(record.get("section_path", ())),
                                     "indicators": tuple(record.get("indicators", ())),
                                     "targets": tuple(UnitTarget(**t) for t in record.get("targets", ())),
                                     "fields": tuple(record.get("fields", {}).items())}))
            for child in node.get("children", ()):
                walk(child)

        for doc_id in self.document_ids():
            for root in self._call("GET", f"/plans/{urllib.parse.quote(doc_id)}/units")["units"]:
                walk(root)
        return found

    def align(self, source_doc_id: str, target_doc_id: str, k: int) -> dict[str, list[str]]:
        body = {"source": {"doc_ids": [source_doc_id]}, "target": {"doc_ids": [target_doc_id]}, "k": k, "min_label": "none"}
        pairs, offset = [], 0
        while offset is not None:  # page by page
            page = self._call("POST", "/align", {**body, "offset": offset})
            pairs += page["pairs"]
            offset = page["next_offset"]
        return _by_source((p["source"]["unit_id"], p["target"]["unit_id"]) for p in pairs)

