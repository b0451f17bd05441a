"""Feedback on answers: a 👍 or 👎 given in the chat page, with an optional comment, kept with the question,
the answer text, the answerer and the citations as they were shown (so that a later re-ingest does not change
what was judged). Kept in the database of the reviews (`database.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from sqlalchemy import JSON, CheckConstraint, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .database import Base, open_database

RATINGS = ("up", "down")


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN ('up', 'down')", name="rating_up_or_down"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    citations: Mapped[list] = mapped_column(JSON)
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str] = mapped_column(Text, default="")
    answerer: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True)
class CitedPassage:
    """A citation of the answer, as POST /ask gave it, without the passage's whole text (its chunk id names it)."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    page: int
    section_path: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    question: str
    answer: str
    citations: tuple[CitedPassage, ...]
    rating: str
    comment: str
    answerer: str
    created_at: datetime


def _record(row: Feedback) -> FeedbackRecord:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=timezone.utc)
    citations = tuple(CitedPassage(**{**c, "section_path": tuple(c["section_path"])}) for c in row.citations)
    return FeedbackRecord(row.id, row.question, row.answer, citations, row.rating, row.comment, row.answerer, created)


class FeedbackStore:
    def __init__(self, url: str) -> None:
        self.engine = open_database(url)

    def add(self, question: str, answer: str, citations: Sequence[CitedPassage], rating: str, comment: str = "",
            answerer: str = "") -> FeedbackRecord:
        if rating not in RATINGS:
            raise ValueError(f"rating is {rating!r}; expected one of {', '.join(RATINGS)}")
        with Session(self.engine) as session, session.begin():
            row = Feedback(question=question, answer=answer, citations=[asdict(c) for c in citations], rating=rating,
                           comment=comment, answerer=answerer, created_at=datetime.now(timezone.utc))
            session.add(row)
            session.flush()
            return _record(row)

    def all(self) -> list[FeedbackRecord]:
        """Every feedback, oldest first."""
        with Session(self.engine) as session:
            return [_record(row) for row in session.scalars(select(Feedback).order_by(Feedback.id))]
