"""The review store: one row per reviewed link (a new review of the same link replaces the old one),
with the hash of both units' texts at review time, so a review whose unit changed shows as stale
("à revoir") after a re-ingest. The database is migrated when the store opens (`database.py`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from arrimage.ingest.models import PlanUnit
from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, delete, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .database import Base, open_database

DECISIONS = ("confirmed", "rejected")


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("source_unit_id", "target_unit_id", name="one_review_per_link"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_unit_id: Mapped[str] = mapped_column(String(300), index=True)
    target_unit_id: Mapped[str] = mapped_column(String(300), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(120), default="")
    source_text_hash: Mapped[str] = mapped_column(String(40))
    target_text_hash: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    source_unit_id: str
    target_unit_id: str
    decision: str
    note: str
    reviewer: str
    source_text_hash: str
    target_text_hash: str
    created_at: datetime


def text_hash(unit: PlanUnit) -> str:
    return hashlib.sha1(unit.text.encode("utf-8")).hexdigest()


def _record(row: Review) -> ReviewRecord:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=timezone.utc)
    return ReviewRecord(row.id, row.source_unit_id, row.target_unit_id, row.decision, row.note, row.reviewer,
                        row.source_text_hash, row.target_text_hash, created)


class ReviewStore:
    def __init__(self, url: str) -> None:
        self.engine = open_database(url)

    def add(self, source: PlanUnit, target: PlanUnit, decision: str, note: str = "", reviewer: str = "") -> ReviewRecord:
        """Record a review of the link source → target, replacing an earlier one of the same link."""
        with Session(self.engine) as session, session.begin():
            session.execute(delete(Review).where(Review.source_unit_id == source.unit_id,
                                                 Review.target_unit_id == target.unit_id))
            row = Review(source_unit_id=source.unit_id, target_unit_id=target.unit_id, decision=decision, note=note,
                         reviewer=reviewer, source_text_hash=text_hash(source), target_text_hash=text_hash(target),
                         created_at=datetime.now(timezone.utc))
            session.add(row)
            session.flush()
            return _record(row)

    def all(self, doc_id: str | None = None) -> list[ReviewRecord]:
        """Every review, or those of links with a unit of one plan."""
        query = select(Review).order_by(Review.id)
        if doc_id:
            prefix = f"{doc_id}:%"
            query = query.where(or_(Review.source_unit_id.like(prefix), Review.target_unit_id.like(prefix)))
        with Session(self.engine) as session:
            return [_record(row) for row in session.scalars(query)]

    def remove(self, review_id: int) -> bool:
        with Session(self.engine) as session, session.begin():
            return session.execute(delete(Review).where(Review.id == review_id)).rowcount > 0
