"""Request and response models of the HTTP API (the contract the chat page and evaluation rely on)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from arrimage.answer.followup import MAX_TURN_CHARS, MAX_TURNS, PASSAGES
from arrimage.ingest.models import LEVELS
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

MAX_QUERY_CHARS = 2000
MAX_ID_CHARS = 300
Level = Literal[LEVELS]  # type: ignore[valid-type]

# ---- request strings: one set of types, so that every endpoint refuses the same bad text -------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
CONTENT_PATTERN = r"[^\W_]"  # a letter or a digit: str.isalnum, as Python's re reads \w


def _no_surrogate(value: object, info: ValidationInfo) -> object:
    """A lone surrogate ("\\ud800", or the bytes ED A0 80 that json reads as one) is not text: no encoder takes it.
    Checked before the type, whose own error ("unable to parse raw data as a unicode string") says less."""
    found = isinstance(value, str) and _SURROGATE.search(value)
    if found:
        raise ValueError(f"{info.field_name} holds a lone surrogate (U+{ord(found.group()):04X} at {found.start()}), "
                         "which is not text; send valid UTF-8")
    return value


def _has_content(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        raise ValueError(f"{info.field_name} is empty")
    if len(value) > MAX_QUERY_CHARS:
        raise ValueError(f"{info.field_name} is {len(value)} characters long; the limit is {MAX_QUERY_CHARS}")
    if not any(c.isalnum() for c in value):
        raise ValueError(f"{info.field_name} is empty: it has no letter or digit (only spaces, punctuation, symbols, "
                         "emoji or invisible characters)")
    return value.strip()


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated metadata, and a dict is unhashable
class _Documented:
    """Constraints a validator enforces, written into the JSON schema so that the schema and the validation agree."""

    constraints: dict[str, Any]

    def __get_pydantic_json_schema__(self, core_schema, handler):
        return {**handler(core_schema), **self.constraints}


CleanStr = Annotated[str, BeforeValidator(_no_surrogate)]
"""Any string of a request: valid Unicode, no lone surrogate."""

Ident = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS), BeforeValidator(_no_surrogate)]
"""A document or unit id: not empty."""

QueryText = Annotated[
    CleanStr, AfterValidator(_has_content),
    _Documented({"minLength": 1, "maxLength": MAX_QUERY_CHARS, "pattern": CONTENT_PATTERN}),
]
"""A query, question or text to relate: at most 2,000 characters with at least one letter or digit; trimmed."""


class ErrorDetail(BaseModel):
    code: str = Field(description="What went wrong, for programs: invalid_request, not_found, no_index, …",
                      examples=["invalid_request"])
    message: str = Field(description="What went wrong, for people", examples=["query: query is empty"])


class ErrorBody(BaseModel):
    """The body of every error response (4xx and 5xx)."""

    error: ErrorDetail


class RequestModel(BaseModel):
    """A request body: no unknown field, and strict types (`"stream": 0` is not a boolean, `"k": "5"` not an integer)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Filters(RequestModel):
    doc_ids: list[Ident] | None = Field(None, description="Only these documents; an empty list or null: all")
    levels: list[Level] | None = Field(None, description="Only documents of these levels; an empty list or null: all")


class SearchRequest(RequestModel):
    query: QueryText = Field(description="The question or keywords, French or English",
                             examples=["Quels sont les objectifs de l’axe 1 ?"])
    k: int = Field(10, ge=1, le=100)
    mode: Literal["hybrid", "dense", "bm25"] = "hybrid"
    filters: Filters = Filters()


class Hit(BaseModel):
    rank: int
    score: float
    chunk_id: str
    doc_id: str
    title: str
    level: str
    page: int
    page_end: int
    section_path: list[str]
    text: str


class SearchResponse(BaseModel):
    query: str
    mode: str
    took_ms: float
    hits: list[Hit]


class Health(BaseModel):
    status: str
    documents: int
    chunks: int
    embedding_model: str
    backend: Literal["local", "qdrant"] = Field(description="Where a search finds its candidates (ARRIMAGE_BACKEND)")


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    organization: str
    level: str
    period: str
    pages: int
    chunks: int


class HistoryTurn(RequestModel):
    role: Literal["user", "assistant"]
    content: CleanStr = Field(max_length=MAX_TURN_CHARS)


class AskRequest(RequestModel):
    question: QueryText = Field(description="A question in French or English",
                                examples=["Quelles sont les orientations du plan numérique ?"])
    k: int = Field(PASSAGES, ge=1, le=50, description="How many passages the answer may draw on")
    filters: Filters = Filters()
    answerer: Literal["extractive", "llm"] | None = None
    stream: bool = False
    history: list[HistoryTurn] = Field(
        [], max_length=MAX_TURNS,
        description="The conversation before this question, oldest first: a follow-up (\"Et pour l'INRS ?\") takes its "
                    "subject from it")


class CitedPassageOut(BaseModel):
    n: int
    chunk_id: str
    doc_id: str
    title: str
    page: int
    section_path: list[str]
    quote: str


class CitationOut(CitedPassageOut):
    text: str


class AskResponse(BaseModel):
    question: str
    answer: str
    citations: list[CitationOut]
    abstained: bool
    answerer: str
    notice: str | None
    searched: str = Field("", description="The question actually searched, when a follow-up took its subject from the history")
    markdown: str = Field(description="The question, the answer and its sources with their quotes, as Markdown")
    took_ms: float


# One /align page: at most this many source units, and at most ALIGN_PAGE_PAIRS pairs (k per source, per kind).
# All 150 units of the bundled plans against all 207 gave 13.6 MB in one response; a page of 500 pairs is
# about 1 MB (bench/align_bench.py).
ALIGN_PAGE_SOURCES = 100
ALIGN_PAGE_PAIRS = 500

# Feedback is accepted without the write token (staff on the chat page have none), so every size is bounded:
# a request stores at most about 700,000 characters, a typical one a few thousand (docs/decisions.md).
MAX_ANSWER_CHARS = 20_000
MAX_COMMENT_CHARS = 2000
MAX_FEEDBACK_CITATIONS = 100  # an outline answer cites each unit it lists (44 actions in one real plan)
MAX_QUOTE_CHARS = 4000  # a quote lies inside one chunk, and chunks are at most 4,000 characters (settings)


class FeedbackCitation(RequestModel):
    """A citation as POST /ask returns it; its ``text`` (the whole passage) is accepted and not kept."""

    model_config = ConfigDict(extra="ignore", strict=True)

    n: int = Field(ge=0, le=10_000)
    chunk_id: CleanStr = Field(max_length=200)
    doc_id: CleanStr = Field(max_length=200)
    title: CleanStr = Field(max_length=300)
    page: int = Field(ge=0, le=100_000)
    section_path: list[Annotated[CleanStr, Field(max_length=200)]] = Field([], max_length=10)
    quote: CleanStr = Field("", max_length=MAX_QUOTE_CHARS)


class FeedbackIn(RequestModel):
    question: QueryText = Field(description="The question as it was asked")
    answer: CleanStr = Field(min_length=1, max_length=MAX_ANSWER_CHARS, description="The answer text, with its [n] markers")
    citations: list[FeedbackCitation] = Field([], max_length=MAX_FEEDBACK_CITATIONS)
    rating: Literal["up", "down"]
    comment: CleanStr = Field("", max_length=MAX_COMMENT_CHARS)
    answerer: CleanStr = Field("", max_length=40, description="The answerer that gave the answer (extractive, llm)")




class FeedbackOut(BaseModel):
    id: int
    question: str
    answer: str
    citations: list[CitedPassageOut]
    rating: Literal["up", "down"]
    comment: str
    answerer: str
    created_at: datetime


class TargetOut(BaseModel):
    """A target as data: "72 % en 2029 (64 % en 2023)" → value 72, unit "%", deadline "2029", baseline."""

    text: str
    value: float | None = None
    unit: str | None = None
    deadline: str | None = None
    baseline: str | None = None


class UnitOut(BaseModel):
    unit_id: str
    doc_id: str
    level: str
    kind: str
    code: str
    title: str
    text: str
    section_path: list[str]
    page: int
    indicators: list[str] = []
    targets: list[TargetOut] = []
    fields: dict[str, str] = {}  # responsable, echeance, budget, partenaires
    parent_id: str | None = None
    score: float | None = None
    probability: float | None = Field(None, description="Probability that the unit serves what was asked (calibrated)")


class UnitNode(UnitOut):
    children: list[UnitNode] = []


class PlanUnits(BaseModel):
    doc_id: str
    units: list[UnitNode]


class RelatedRequest(RequestModel):
    model_config = ConfigDict(json_schema_extra={"oneOf": [  # exactly one of text and unit_id, as the validator says
        {"required": ["text"], "properties": {"text": {"type": "string"}}},
        {"required": ["unit_id"], "properties": {"unit_id": {"type": "string"}}},
    ]})

    text: QueryText | None = Field(None, description="A text to relate (or give unit_id)")
    unit_id: Ident | None = Field(None, description="A unit to relate (or give text)")
    k: int = Field(5, ge=1, le=50)
    levels: list[Level] | None = None
    kinds: list[Ident] | None = Field(None, description="Unit kinds (objectif, mesure, theme, …): the k best of each")
    exclude_doc_ids: list[Ident] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> RelatedRequest:
        if (self.text is None) == (self.unit_id is None):
            raise ValueError("give exactly one of text and unit_id")
        return self


class RelatedResponse(BaseModel):
    units: list[UnitOut]


class Selection(RequestModel):
    model_config = ConfigDict(json_schema_extra={"anyOf": [  # doc_ids or levels, not empty, as the validator says
        {"required": ["doc_ids"], "properties": {"doc_ids": {"type": "array", "minItems": 1}}},
        {"required": ["levels"], "properties": {"levels": {"type": "array", "minItems": 1}}},
    ]})

    doc_ids: list[Ident] | None = None
    levels: list[Level] | None = None

    @model_validator(mode="after")
    def _something(self) -> Selection:
        if not self.doc_ids and not self.levels:
            raise ValueError("give doc_ids or levels")
        return self


class AlignRequest(RequestModel):

    source: Selection
    target: Selection
    k: int = Field(3, ge=1, le=20, description="Targets per source unit (per kind when kinds are named)")
    kinds: list[Ident] | None = Field(None, description="Target unit kinds (objectif, mesure, theme, …), ranked within each; "
                                                      "default: objectifs, mesures and themes in one ranking")
    min_label: Literal["strong", "partial", "none"] = "partial"
    include_rejected: bool = Field(False, description="Also return the links a planner rejected")
    offset: int = Field(0, ge=0, description="The first source unit of the page (0, then each response's next_offset)")
    page_size: int = Field(ALIGN_PAGE_SOURCES, ge=1, le=ALIGN_PAGE_SOURCES,
                           description="Source units per page; fewer when k × kinds would pass the pairs a page may hold")


class EvidenceOut(BaseModel):
    source_quote: str
    target_quote: str
    shared_terms: list[str]


class LinkReviewOut(BaseModel):
    id: int
    decision: Literal["confirmed", "rejected"]
    note: str
    reviewer: str
    created_at: datetime
    stale: bool = Field(description="A unit's text changed since the review: to review again (« à revoir »)")


class PairOut(BaseModel):
    source: UnitOut
    target: UnitOut
    probability: float = Field(description="Probability that the source serves the target (calibrated on labelled pairs)")
    label: str
    score: float = Field(description="The aligner's combined score, before calibration")
    signals: dict[str, float]
    evidence: EvidenceOut
    review: LinkReviewOut | None = None


class ReviewIn(RequestModel):
    source_unit_id: Ident
    target_unit_id: Ident
    decision: Literal["confirmed", "rejected"]
    note: CleanStr = Field("", max_length=2000)
    reviewer: CleanStr = Field("", max_length=120)


class ReviewOut(BaseModel):
    id: int
    source_unit_id: str
    target_unit_id: str
    decision: Literal["confirmed", "rejected"]
    note: str
    reviewer: str
    created_at: datetime
    stale: bool


class AlignResponse(BaseModel):
    pairs: list[PairOut]
    sources: int = Field(description="Source units the request selects, over all pages")
    next_offset: int | None = Field(description="The offset of the next page of source units; null on the last page")


class CoverageRowOut(BaseModel):
    target: UnitOut
    probability: float = Field(description="The best probability among the units covering the target")
    label: str
    by_plan: dict[str, int]
    covering: list[PairOut]


class CoverageResponse(BaseModel):
    target_doc_id: str
    rows: list[CoverageRowOut]
    uncovered_targets: list[UnitOut]
    unaligned_sources: list[UnitOut]


class UploadAccepted(BaseModel):
    job_id: str
    doc_id: str
    status: Literal["queued", "running", "done", "failed"]


class JobOut(BaseModel):
    job_id: str
    doc_id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str = Field(description="queued, reading, embedding, saving, done or failed")
    done: int
    total: int
    error: str | None = Field(None, description="The file and the reason, when the job failed")
