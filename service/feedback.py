"""HTTP routes of answer feedback: the chat page's 👍 / 👎 (no token: staff have none, sizes are bounded
in the schema) and the list of what was given (token needed: it shows what staff asked)."""

from __future__ import annotations

from arrimage.reviews.feedback import CitedPassage
from arrimage.reviews.feedback_export import feedback_dict
from fastapi import APIRouter

from .deps import FeedbackDep, Writer
from .schemas import FeedbackIn, FeedbackOut

router = APIRouter(tags=["feedback"])


@router.post("/feedback", status_code=201, response_model=FeedbackOut, responses={422: {}})
def add_feedback(body: FeedbackIn, store: FeedbackDep) -> FeedbackOut:
    """Keep a 👍 or 👎 on one answer, with the question, the answer, its citations and an optional comment."""
    citations = [CitedPassage(**{**c.model_dump(), "section_path": tuple(c.section_path)}) for c in body.citations]
    record = store.add(body.question, body.answer.strip(), citations, body.rating, body.comment.strip(), body.answerer)
    return FeedbackOut(**feedback_dict(record))


@router.get("/feedback", response_model=list[FeedbackOut], responses={401: {}, 403: {}})
def list_feedback(_: Writer, store: FeedbackDep) -> list[FeedbackOut]:
    """Every feedback, oldest first."""
    return [FeedbackOut(**feedback_dict(r)) for r in store.all()]
