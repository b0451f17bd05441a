"""Feedback written out for people who improve the answers: JSON lines (one feedback a line, everything
kept) or CSV for a spreadsheet (`arrimage.spreadsheet`: formula cells guarded)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from arrimage.spreadsheet import csv_text

from .feedback import FeedbackRecord

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ["id", "created_at", "rating", "question", "answer", "comment", "answerer", "sources", "citations"]


def feedback_dict(record: FeedbackRecord) -> dict:
    return {**asdict(record), "created_at": record.created_at.isoformat(),
            "citations": [{**asdict(c), "section_path": list(c.section_path)} for c in record.citations]}


def _sources(record: FeedbackRecord) -> str:
    """The cited passages for a person: "[1] Plan d’action numérique, p. 12 ; [2] …"."""
    return " ; ".join(f"[{c.n}] {c.title}, p. {c.page}" for c in record.citations)


def feedback_as(records: Sequence[FeedbackRecord], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(feedback_dict(r), ensure_ascii=False) + "\n" for r in records)
    if fmt == "csv":
        rows = []
        for r in records:
            d = feedback_dict(r)
            rows.append([d["id"], d["created_at"], d["rating"], d["question"], d["answer"], d["comment"], d["answerer"],
                         _sources(r), json.dumps(d["citations"], ensure_ascii=False)])
        return csv_text(CSV_COLUMNS, rows)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
