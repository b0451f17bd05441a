"""BEIR folders: export a question set with the index's passages; import one to score our retrieval on it.

A BEIR folder holds ``queries.jsonl`` (``_id``, ``text``), ``corpus.jsonl`` (``_id``, ``title``,
``text``) and ``qrels/<split>.tsv`` (``query-id``, ``corpus-id``, ``score`` with a header line).

- Export: the corpus is the passages of the current index, the queries are the questions, and a
  passage is relevant (score 1) to a question when its text holds one of the question's gold quotes
  (``quotes.holds``, the judging of every other metric). Other tools can then score their runs.
- Import: each relevant corpus document is mapped to our passages: directly when its id is one of
  our passage ids, else through its text (a passage matches when either text holds half of the other,
  ``quotes.matches``). Each relevant document is one item of evidence, so the metrics are BEIR's
  passage-level ones (relevance grades above 0 count as relevant). A relevant document matching none
  of our passages is reported and left out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .datasets import DatasetError, Question
from .quotes import matches
from .targets import InProcessTarget, Target
from .validation import Case, Evidence, Issue, prepare

QRELS_HEADER = ("query-id", "corpus-id", "score")


@dataclass(frozen=True)
class BeirSet:
    queries: dict[str, tuple[str, str]]  # id → (text, kind)
    qrels: dict[str, dict[str, int]]  # query id → corpus id → grade
    corpus: dict[str, str]  # corpus id → "title\ntext", only the documents some qrel names


def _write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def export(target: InProcessTarget, questions: Sequence[Question], directory: Path, split: str = "dev") -> dict[str, int]:
    """Write the BEIR folder; returns counts of what was written."""
    cases, _ = prepare(target, questions)
    passages = target.all_passages()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "qrels").mkdir(exist_ok=True)
    _write_jsonl(directory / "corpus.jsonl", [
        {"_id": p.chunk_id, "title": p.title, "text": p.text,
         "metadata": {"doc_id": p.doc_id, "page": p.page, "section_path": list(p.section_path)}}
        for p in passages
    ])
    by_id = {q.qid: q for q in questions}
    _write_jsonl(directory / "queries.jsonl", [
        {"_id": c.qid, "text": c.text, "metadata": {"kind": c.kind, "lang": by_id[c.qid].lang, "answerable": c.answerable}}
        for c in cases
    ])
    qrels = [(c.qid, p.chunk_id) for c in cases for p in passages if any(e.in_passage(p) for e in c.evidence)]
    with (directory / "qrels" / f"{split}.tsv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(QRELS_HEADER)
        writer.writerows((qid, cid, 1) for qid, cid in qrels)
    return {"queries": len(cases), "corpus": len(passages), "qrels": len(qrels),
            "queries_with_qrels": len({qid for qid, _ in qrels})}


def _jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except ValueError as exc:
                        raise DatasetError(f"{path}:{n}: not valid JSON ({exc})") from exc
                    if not isinstance(row, dict) or "_id" not in row:
                        raise DatasetError(f"{path}:{n}: field '_id': missing")
                    yield n, row
    except OSError as exc:
        raise DatasetError(f"{path}: cannot be read ({exc})") from exc


def _qrels_path(directory: Path, split: str) -> Path:
    path = directory / "qrels" / f"{split}.tsv"
    if not path.is_file():
        found = sorted(p.stem for p in (directory / "qrels").glob("*.tsv")) if (directory / "qrels").is_dir() else []
        raise DatasetError(f"{path}: no such file" + (f"; splits found: {', '.join(found)} (use --split)" if found else ""))
    return path


def read(directory: Path, split: str = "dev") -> BeirSet:
    """Queries, qrels and the text of every corpus document a qrel names."""
    qrels: dict[str, dict[str, int]] = {}
    path = _qrels_path(directory, split)
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            parts = line.rstrip("\n").split("\t")
            if not line.strip() or (n == 1 and parts[0] == "query-id"):
                continue
            if len(parts) < 3:
                raise DatasetError(f"{path}:{n}: expected query-id, corpus-id and score separated by tabs")
            try:
                grade = int(float(parts[2]))
            except ValueError as exc:
                raise DatasetError(f"{path}:{n}: field 'score': {parts[2]!r} is not a number") from exc
            if grade > 0:
                qrels.setdefault(parts[0], {})[parts[1]] = grade
    wanted = {cid for rel in qrels.values() for cid in rel}
    corpus = {}
    for _, row in _jsonl(directory / "corpus.jsonl"):
        if str(row["_id"]) in wanted:
            corpus[str(row["_id"])] = "\n".join(t for t in (row.get("title", ""), row.get("text", "")) if t)
    queries = {}
    for n, row in _jsonl(directory / "queries.jsonl"):
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            raise DatasetError(f"{directory / 'queries.jsonl'}:{n}: field 'text': expected a non-empty string")
        queries[str(row["_id"])] = (row["text"], str((row.get("metadata") or {}).get("kind", "beir")))
    missing = sorted(q for q in qrels if q not in queries)
    if missing:
        raise DatasetError(f"{path}: query id(s) {', '.join(missing[:5])} are not in queries.jsonl")
    return BeirSet(queries, qrels, corpus)


def cases(target: Target, beir: BeirSet) -> tuple[list[Case], list[Issue]]:
    """The queries with qrels as cases, each relevant document mapped to the passages of ``target``."""
    out: list[Case] = []
    issues: list[Issue] = []
    for qid, relevant in beir.qrels.items():
        evidence = []
        holders: set[str] = set()
        for cid in sorted(relevant):
            text = beir.corpus.get(cid)
            if text is None:
                issues.append(Issue(qid, cid, "", "corpus document not in corpus.jsonl"))
                continue
            candidates = target.candidates(text)
            mapped = {cid} if any(p.chunk_id == cid for p in candidates) else {p.chunk_id for p in candidates if matches(p.text, text)}
            if mapped:
                evidence.append(Evidence(chunk_ids=frozenset(mapped)))
                holders |= mapped
            else:
                issues.append(Issue(qid, cid, text[:200], "no passage of the index matches this corpus document"))
        text, kind = beir.queries[qid]
        out.append(Case(qid, text, kind, True, tuple(evidence), len(holders)))
    return out, issues
