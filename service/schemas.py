"""Request and response models of the HTTP API (the contract the chat page and evaluation rely on)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from arrimage.answer.followup import MAX_TURN_CHARS, MAX_TURNS
from arrimage.ingest.models import LEVELS
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_QUERY_CHARS = 2000
Level = Literal[LEVELS]  # type: ignore[valid-type]


def _text(value: str, name: str) -> str:
    if not value.strip():
        raise ValueError(f"{name} is empty")
    if len(value) > MAX_QUERY_CHARS:
        raise ValueError(f"{name} is {len(value)} characters long; the limit is {MAX_QUERY_CHARS}")
    return value.strip()


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_ids: list[str] | None = None
    levels: list[Level] | None = None


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(description="The question or keywords, French or English", examples=["Quels sont les objectifs de l’axe 1 ?"])
    k: int = Field(10, ge=1, le=100)
    mode: Literal["hybrid", "dense", "bm25"] = "hybrid"
    filters: Filters = Filters()

    @field_validator("query")
    @classmethod
    def _query_has_text(cls, value: str) -> str:
        return _text(value, "query")


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


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    organization: str
    level: str
    period: str
    pages: int
    chunks: int


class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="A question in French or English", examples=["Quelles sont les orientations du plan numérique ?"])
    k: int = Field(8, ge=1, le=50, description="How many passages the answer may draw on")
    filters: Filters = Filters()
    answerer: Literal["extractive", "llm"] | None = None
    stream: bool = False
    history: list[HistoryTurn] = Field(
        [], max_length=MAX_TURNS,
        description="The conversation before this question, oldest first: a follow-up (\"Et pour l'INRS ?\") takes its "
                    "subject from it")

    @field_validator("question")
    @classmethod
    def _question_has_text(cls, value: str) -> str:
        return _text(value, "question")


class CitationOut(BaseModel):
    n: int
    chunk_id: str
    doc_id: str
    title: str
    page: int
    section_path: list[str]
    quote: str
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


# Feedback is accepted without the write token (staff on the chat page have none), so every size is bounded:
# a request stores at most about 700,000 characters, a typical one a few thousand (docs/decisions.md).
MAX_ANSWER_CHARS = 20_000
MAX_COMMENT_CHARS = 2000
MAX_FEEDBACK_CITATIONS = 100  # an outline answer cites each unit it lists (44 actions in one real plan)
MAX_QUOTE_CHARS = 4000  # a quote lies inside one chunk, and chunks are at most 4,000 characters (settings)


class FeedbackCitation(BaseModel):
    """A citation as POST /ask returns it; its ``text`` (the whole passage) is accepted and not kept."""

    model_config = ConfigDict(extra="ignore")

    n: int = Field(ge=0, le=10_000)
    chunk_id: str = Field(max_length=200)
    doc_id: str = Field(max_length=200)
    title: str = Field(max_length=300)
    page: int = Field(ge=0, le=100_000)
    section_path: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=10)
    quote: str = Field("", max_length=MAX_QUOTE_CHARS)


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question as it was asked")
    answer: str = Field(min_length=1, max_length=MAX_ANSWER_CHARS, description="The answer text, with its [n] markers")
    citations: list[FeedbackCitation] = Field([], max_length=MAX_FEEDBACK_CITATIONS)
    rating: Literal["up", "down"]
    comment: str = Field("", max_length=MAX_COMMENT_CHARS)
    answerer: str = Field("", max_length=40, description="The answerer that gave the answer (extractive, llm)")

    @field_validator("question")
    @classmethod
    def _question_has_text(cls, value: str) -> str:
        return _text(value, "question")


class CitedPassageOut(BaseModel):
    n: int
    chunk_id: str
    doc_id: str
    title: str
    page: int
    section_path: list[str]
    quote: str


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


class RelatedRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    unit_id: str | None = None
    k: int = Field(5, ge=1, le=50)
    levels: list[Level] | None = None
    kinds: list[str] | None = Field(None, description="Unit kinds (objectif, mesure, theme, …): the k best of each")
    exclude_doc_ids: list[str] | None = None

    @field_validator("text")
    @classmethod
    def _text_has_text(cls, value: str | None) -> str | None:
        return None if value is None else _text(value, "text")

    @model_validator(mode="after")
    def _exactly_one(self) -> RelatedRequest:
        if (self.text is None) == (self.unit_id is None):
            raise ValueError("give exactly one of text and unit_id")
        return self


class RelatedResponse(BaseModel):
    units: list[UnitOut]


class Selection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_ids: list[str] | None = None
    levels: list[Level] | None = None

    @model_validator(mode="after")
    def _something(self) -> Selection:
        if not self.doc_ids and not self.levels:
            raise ValueError("give doc_ids or levels")
        return self


class AlignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Selection
    target: Selection
    k: int = Field(3, ge=1, le=20, description="Targets per source unit (per kind when kinds are named)")
    kinds: list[str] | None = Field(None, description="Target unit kinds (objectif, mesure, theme, …), ranked within each; "
                                                      "default: objectifs, mesures and themes in one ranking")
    min_label: Literal["strong", "partial", "none"] = "partial"
    include_rejected: bool = Field(False, description="Also return the links a planner rejected")


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


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source_unit_id: str = Field(min_length=1, max_length=300)
    target_unit_id: str = Field(min_length=1, max_length=300)
    decision: Literal["confirmed", "rejected"]
    note: str = Field("", max_length=2000)
    reviewer: str = Field("", max_length=120)


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
