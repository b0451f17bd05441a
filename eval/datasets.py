"""The evaluation datasets, read and checked: question sets and alignment pairs (eval/datasets/README.md).

Each loader checks every field of every line and raises ``DatasetError`` naming the file, the line
and the field. Whether the quotes are found in the indexed documents is checked later, against an
index (``validation.py``), since that depends on what was ingested.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

KINDS = ("factual", "numeric", "list", "cross_document", "paraphrase", "english", "unanswerable", "follow_up")
LANGS = ("fr", "en")
LABELS = ("strong", "partial", "none")

T = TypeVar("T")

# The alignment calibration is fit on the pair sets opened after their one blind scoring (README.md here): fit on
# dev's 78 pairs alone, its ECE was 0.19–0.23 on the sets written later. heldout stays out to judge it; test5 and test6
# stay out (adding them made it worse on heldout). "unrelated" holds plans on other subjects, each source's best target
# labelled none (its README says how they were drawn).
FIT_PAIRS = tuple(Path(f"eval/datasets/{split}/alignment.jsonl") for split in ("dev", "test", "test2", "test3", "test4", "unrelated"))
HELDOUT_PAIRS = Path("eval/datasets/heldout/alignment.jsonl")


class DatasetError(ValueError):
    """A dataset that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class GoldQuote:
    doc_id: str
    quote: str


@dataclass(frozen=True)
class Question:
    qid: str
    question: str
    kind: str
    lang: str
    answerable: bool
    gold_quotes: tuple[GoldQuote, ...]
    reference_answer: str
    doc_ids: tuple[str, ...] = ()
    follows: str = ""  # a follow-up: the id of the earlier question it continues
    standalone: str = ""  # a follow-up written as a complete question


@dataclass(frozen=True)
class AlignmentPair:
    """A passage of one plan and a passage of another, with how well the second serves the first."""

    pid: str
    source_doc_id: str
    source_quote: str
    target_doc_id: str
    target_quote: str
    label: str
    hard_negative: bool
    note: str = ""


class _Row:
    """One JSON object of a JSONL file, read field by field with errors naming file, line and field."""

    def __init__(self, where: str, raw: dict[str, Any]) -> None:
        self.where = where
        self.raw = raw

    def fail(self, field: str, message: str) -> DatasetError:
        return DatasetError(f"{self.where}: field {field!r}: {message}")

    def get(self, field: str, kind: type, default: Any = ...) -> Any:
        if field not in self.raw:
            if default is ...:
                raise self.fail(field, "missing")
            return default
        value = self.raw[field]
        if not isinstance(value, kind) or (kind is str and not value.strip() and default is ...):
            expected = {str: "a non-empty string", bool: "true or false", list: "a list"}.get(kind, kind.__name__)
            raise self.fail(field, f"expected {expected}, got {json.dumps(value, ensure_ascii=False)[:60]}")
        return value

    def choice(self, field: str, choices: tuple[str, ...], default: Any = ...) -> str:
        value = self.get(field, str, default)
        if value not in choices:
            raise self.fail(field, f"{value!r} is not one of {', '.join(choices)}")
        return value


def _rows(path: Path) -> Iterator[_Row]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot be read ({exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise DatasetError(f"{path}:{n}: not valid JSON ({exc})") from exc
        if not isinstance(raw, dict):
            raise DatasetError(f"{path}:{n}: expected a JSON object, got {type(raw).__name__}")
        yield _Row(f"{path}:{n}", raw)


def _load(path: Path, parse: Callable[[_Row], T], key: Callable[[T], str], what: str) -> list[T]:
    items: list[T] = []
    seen: set[str] = set()
    for row in _rows(path):
        item = parse(row)
        if key(item) in seen:
            raise row.fail("id", f"duplicate id {key(item)!r}")
        seen.add(key(item))
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no {what}")
    return items


def _question(row: _Row) -> Question:
    quotes = []
    for i, g in enumerate(row.get("gold_quotes", list, [])):
        if not isinstance(g, dict) or not all(isinstance(g.get(f), str) and g[f].strip() for f in ("doc_id", "quote")):
            raise row.fail(f"gold_quotes[{i}]", "expected {\"doc_id\": string, \"quote\": non-empty string}")
        quotes.append(GoldQuote(g["doc_id"], g["quote"]))
    doc_ids = row.get("doc_ids", list, [])
    if not all(isinstance(d, str) for d in doc_ids):
        raise row.fail("doc_ids", "expected a list of document ids")
    q = Question(
        qid=row.get("id", str),
        question=row.get("question", str),
        kind=row.choice("kind", KINDS),
        lang=row.choice("lang", LANGS, "fr"),
        answerable=row.get("answerable", bool, True),
        gold_quotes=tuple(quotes),
        reference_answer=row.get("reference_answer", str, ""),
        doc_ids=tuple(doc_ids),
        follows=row.get("follows", str, ""),
        standalone=row.get("standalone", str, ""),
    )
    if (q.kind == "follow_up") != bool(q.follows) or (q.kind == "follow_up") != bool(q.standalone):
        raise row.fail("follows", "a follow_up question has 'follows' and 'standalone', and only a follow-up has them")
    if q.answerable and not q.gold_quotes:
        raise row.fail("gold_quotes", f"answerable question {q.qid!r} has no gold quote")
    if not q.answerable and q.gold_quotes:
        raise row.fail("gold_quotes", f"unanswerable question {q.qid!r} has gold quotes")
    # A follow-up may ask what the plans do not say ("Et quel budget pour la quatrième ?"); any other question the plans
    # do not answer is of kind unanswerable.
    if q.answerable if q.kind == "unanswerable" else not q.answerable and q.kind != "follow_up":
        raise row.fail("answerable", f"kind {q.kind!r} and answerable={str(q.answerable).lower()} disagree")
    stray = sorted({g.doc_id for g in q.gold_quotes} - set(q.doc_ids)) if q.doc_ids else []
    if stray:
        raise row.fail("doc_ids", f"gold quotes come from {', '.join(stray)}, which doc_ids does not list")
    return q


def set_name(path: Path) -> str:
    """A question set named by its folder ("test13"), and its file when that is not questions.jsonl ("dev/train")."""
    return path.parent.name if path.stem == "questions" else f"{path.parent.name}/{path.stem}"


def load_questions(path: Path) -> list[Question]:
    """The questions of a JSONL question set, every field checked; a follow-up continues an earlier question of the
    set (one the plans may not answer: "Quel est le budget … ?" then "Et l'an dernier ?")."""
    questions = _load(path, _question, lambda q: q.qid, "questions")
    earlier: set[str] = set()
    for q in questions:
        if q.follows and q.follows not in earlier:
            raise DatasetError(f"{path}: follow-up {q.qid!r} follows {q.follows!r}, which is no earlier question")
        earlier.add(q.qid)
    return questions


def _pair(row: _Row) -> AlignmentPair:
    pair = AlignmentPair(
        pid=row.get("id", str),
        source_doc_id=row.get("source_doc_id", str),
        source_quote=row.get("source_quote", str),
        target_doc_id=row.get("target_doc_id", str),
        target_quote=row.get("target_quote", str),
        label=row.choice("label", LABELS),
        hard_negative=row.get("hard_negative", bool, False),
        note=row.get("note", str, ""),
    )
    if pair.hard_negative and pair.label != "none":
        raise row.fail("hard_negative", f"a hard negative is labelled 'none', not {pair.label!r}")
    return pair


def load_alignment(path: Path) -> list[AlignmentPair]:
    """The pairs of an alignment JSONL file, every field checked; a (source, target) pair appears once."""
    pairs = _load(path, _pair, lambda p: p.pid, "alignment pairs")
    seen: dict[tuple[str, str, str, str], str] = {}
    for p in pairs:
        key = (p.source_doc_id, p.source_quote, p.target_doc_id, p.target_quote)
        if key in seen:
            raise DatasetError(f"{path}: pair {p.pid!r} repeats pair {seen[key]!r} (same source and target)")
        seen[key] = p.pid
    return pairs
