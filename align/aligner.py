"""Alignment of plan units: which institutional units serve which ministerial units, coverage, gaps.

Signals, each measured alone in ``arrimage eval alignment``:

- dense: cosine of the source unit, embedded as an e5 query, and the target unit, embedded as a
  passage with its ancestors' titles (a mesure carries its objectif's aim);
- target_parent: the source against the target's parent (a mesure inherits from its objectif);
- target_children: the source against the best of the target's own sub-units (an objectif is
  served when one of its mesures is);
- target_passages: the source against the best of the indexed passages that cover the target's own
  text (the plan's whole paragraph about it, with the section path, not the unit's clipped text);
- source_parent: the source's parent against the target (a moyen serves what its objectif serves);
- lexical: BM25 of the source's text against the targets' texts (French analysis), divided by the
  source's best BM25 score over the units of the other plans, so it lies in [0, 1] and a pair scores
  the same whatever else is asked for.

The score is a weighted mean of the signals and ranks the targets; the probability that a pair is
aligned, and its label, come from a calibration of that score and of the source's affinity with the
target's plan on labelled pairs (``calibration.py``). A link the source's own
plan declares (a regional action filed under one of the ministry's themes) is not guessed: it scores
1, has probability 1 and comes first.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from arrimage.index.chunk_store import Chunks
from arrimage.index.embed import Embedder
from arrimage.index.lexical import LexicalIndex, analyze
from arrimage.index.store import IndexData
from arrimage.ingest.models import PlanUnit, ancestors, filter_problem

from .calibration import LABELS, Calibration

# Weights and thresholds measured on eval/datasets/dev/alignment.jsonl (docs/figures.md). The five
# dense signals weigh alike. BM25 finds gold targets well but is the signal hard negatives (pairs that
# share words) fool: it weighs 1/25 of a dense signal, about a tie-breaker, since dense scores of one
# source spread over a few hundredths while BM25 spans [0, 1].
SIGNALS = ("dense", "target_parent", "target_children", "target_passages", "source_parent", "lexical")
WEIGHTS = {"dense": 1.0, "target_parent": 1.0, "target_children": 1.0, "target_passages": 1.0, "source_parent": 1.0,
           "lexical": 0.04}
_USED = tuple(name for name, weight in WEIGHTS.items() if weight)
DECLARED = 1.0
# What institutional units are aligned to: the ministry's objectives and measures, and the MES themes
# (orientations and axes are too general: they attract every source).
TARGET_KINDS = frozenset({"objectif", "mesure", "theme"})


class AlignmentError(ValueError):
    """An alignment request that names unknown plans, units or levels."""


@dataclass(frozen=True)
class Sources:
    """What the signals need of the source side: query vectors, the vectors of the sources' parents (the
    source's own where it has none), texts, their plans (None for a free text), and the units each
    source's plan files it under."""

    vectors: np.ndarray
    parent_vectors: np.ndarray
    texts: list[str]
    doc_ids: list[str | None]
    ancestors: list[frozenset[int]]


@dataclass(frozen=True)
class Evidence:
    source_quote: str
    target_quote: str
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class AlignedPair:
    source: PlanUnit
    target: PlanUnit
    score: float
    probability: float
    label: str
    signals: dict[str, float]
    evidence: Evidence


def shared_terms(a: str, b: str) -> tuple[str, ...]:
    """Words of ``a`` whose analysed form also occurs in ``b`` (stopwords out), in ``a``'s order."""
    wanted = set(analyze(b))
    seen: list[str] = []
    for word in a.replace("’", "'").split():
        word = word.strip(".,;:()«»\"'").lower()
        stems = analyze(word)
        if word and stems and stems[0] in wanted and word not in seen:
            seen.append(word)
    return tuple(seen)


def _best_over(scores: np.ndarray, groups: Sequence[Sequence[int]], targets: list[int], fallback: np.ndarray) -> np.ndarray:
    """(sources × targets): each target's best score over its group of columns, or ``fallback`` where
    the group is empty."""
    return np.stack([scores[:, groups[t]].max(axis=1) if len(groups[t]) else fallback[:, col]
                     for col, t in enumerate(targets)], axis=1)


def _covering_chunks(units: Sequence[PlanUnit], chunks: Chunks) -> list[np.ndarray]:
    """For each unit, the chunks that overlap its own text: from its start to the next unit of its plan (from the
    chunks' spans: no chunk is read)."""
    starts: dict[str, list[int]] = {}
    for u in units:
        starts.setdefault(u.doc_id, []).append(u.char_start)
    starts = {doc: sorted(set(s)) for doc, s in starts.items()}
    rows_of = {doc: chunks.rows_of(doc) for doc in starts}
    out = []
    for u in units:
        later = starts[u.doc_id][bisect.bisect_right(starts[u.doc_id], u.char_start):]
        rows = rows_of[u.doc_id]
        covering = chunks.char_ends[rows] > u.char_start
        if later:
            covering &= chunks.char_starts[rows] < later[0]
        out.append(rows[covering].astype(np.int64))
    return out


def plan_centroids(vectors: np.ndarray, doc_of: np.ndarray) -> dict[str, np.ndarray]:
    """Each plan's centroid: the normalised mean of its units' vectors (one pass over the units)."""
    docs, plan_of = np.unique(doc_of, return_inverse=True)
    sums = np.zeros((len(docs), vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, plan_of, np.asarray(vectors, dtype=np.float32))
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)  # the mean's direction is the sum's
    return dict(zip(docs.tolist(), sums))


def unit_texts(units: Sequence[PlanUnit]) -> list[str]:
    """What the lexical signal reads of each unit: its code, title and text."""
    return [f"{u.code} {u.title} {u.text}" for u in units]


@dataclass(frozen=True)
class Related:
    unit: PlanUnit
    score: float
    probability: float


class Aligner:
    """Scores pairs of the index's plan units. It is handed the index, the embedder, the lexical index of
    the units' texts (``unit_texts``) and the calibration of the embedding model (``arrimage.runtime``
    assembles them)."""

    def __init__(self, data: IndexData, embedder: Embedder, lexical: LexicalIndex, calibration: Calibration) -> None:
        self.units = data.units
        self.vectors = data.unit_vectors
        self.query_vectors = data.unit_query_vectors
        self.embedder = embedder
        self.by_id = {u.unit_id: u for u in self.units}
        self.index_of = {u.unit_id: i for i, u in enumerate(self.units)}
        self.doc_ids = {u.doc_id for u in self.units} | {d.meta.doc_id for d in data.documents}
        self.calibration = calibration
        self._texts = unit_texts(self.units)
        self._lexical_index = lexical
        parent = [self.index_of.get(u.parent_id, -1) if u.parent_id else -1 for u in self.units]
        self._parent = np.array(parent)
        self._children: list[list[int]] = [[] for _ in self.units]
        for child, p in enumerate(parent):
            if p >= 0:
                self._children[p].append(child)
        self._doc_of = np.array([u.doc_id for u in self.units])
        self._chunk_vectors = data.vectors
        self._passages = _covering_chunks(self.units, data.chunks)
        self._plan_centroids = plan_centroids(self.vectors, self._doc_of)

    # --- selection -------------------------------------------------------------------------
    def select(self, doc_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None,
               targets: bool = False, kinds: Sequence[str] | None = None) -> list[int]:
        """The units of these plans, levels and kinds; ``targets``: only the kinds units are aligned to
        (unless ``kinds`` names others)."""
        problem = filter_problem(doc_ids, levels, self.doc_ids)
        if problem:
            raise AlignmentError(problem)
        present = sorted({u.kind for u in self.units})
        unknown_kinds = sorted(set(kinds or ()) - set(present))
        if unknown_kinds:
            raise AlignmentError(f"unknown unit kind(s): {', '.join(unknown_kinds)}; the plans have {', '.join(present)}")
        wanted = set(kinds) if kinds else TARGET_KINDS if targets else None
        return [
            i for i, u in enumerate(self.units)
            if (not doc_ids or u.doc_id in doc_ids) and (not levels or u.level in levels)
            and (wanted is None or u.kind in wanted)
        ]

    def unit(self, unit_id: str) -> PlanUnit:
        if unit_id not in self.by_id:
            raise AlignmentError(f"unknown unit id {unit_id!r}; see GET /plans/{{doc_id}}/units")
        return self.by_id[unit_id]

    # --- scoring ---------------------------------------------------------------------------
    def _lexical(self, sources: Sources, targets: list[int]) -> np.ndarray:
        out = np.zeros((len(sources.texts), len(targets)), dtype=np.float32)
        for row, (text, doc_id) in enumerate(zip(sources.texts, sources.doc_ids)):
            scores = self._lexical_index.scores(text)
            top = scores[self._doc_of != doc_id].max(initial=0.0)
            if top > 0:
                out[row] = scores[targets] / top
        return out

    def signals(self, sources: Sources, targets: list[int], names: tuple[str, ...] = SIGNALS) -> dict[str, np.ndarray]:
        """Each signal named as a (sources × targets) matrix. Sources come as query vectors, targets as
        passages (e5 is trained for that asymmetry)."""
        dense_all = sources.vectors @ self.vectors.T
        dense = dense_all[:, targets]
        out = {"dense": dense}
        if "target_parent" in names:
            parents = self._parent[targets]
            out["target_parent"] = np.where(parents >= 0, dense_all[:, np.maximum(parents, 0)], dense)
        if "target_children" in names:
            out["target_children"] = _best_over(dense_all, self._children, targets, dense)
        if "target_passages" in names:
            out["target_passages"] = _best_over(sources.vectors @ self._chunk_vectors.T, self._passages, targets, dense)
        if "source_parent" in names:
            out["source_parent"] = sources.parent_vectors @ self.vectors[targets].T
        if "lexical" in names:
            out["lexical"] = self._lexical(sources, targets)
        return {n: out[n] for n in names}

    def scores(self, sig: dict[str, np.ndarray], weights: dict[str, float] = WEIGHTS) -> np.ndarray:
        total = sum(w for name, w in weights.items() if w)
        return sum(w * sig[name] for name, w in weights.items() if w) / total

    def affinities(self, sources: Sources, targets: list[int]) -> np.ndarray:
        """(sources × targets): the source's affinity with the target's plan (the cosine of the source, as a query,
        with the plan's centroid), the calibration's second feature."""
        plans = sorted({self._doc_of[t] for t in targets})
        column = {plan: c for c, plan in enumerate(plans)}
        by_plan = sources.vectors @ np.stack([self._plan_centroids[plan] for plan in plans]).T
        return by_plan[:, [column[self._doc_of[t]] for t in targets]]

    def declared(self, sources: Sources, targets: list[int]) -> np.ndarray:
        """(sources × targets): the target is a unit the source's own plan files it under."""
        return np.array([[t in a for t in targets] for a in sources.ancestors], dtype=bool).reshape(
            len(sources.texts), len(targets))

    def combined(self, sources: Sources, targets: list[int]) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """The scores used to rank (declared links first), the probabilities that the pairs are aligned
        (1 for a declared link), and the signals behind them."""
        sig = self.signals(sources, targets, _USED)
        declared = self.declared(sources, targets)
        raw = self.scores(sig)
        affinity = self.affinities(sources, targets)
        scores = np.where(declared, DECLARED, raw)
        probabilities = np.where(declared, 1.0, self.calibration.probabilities(raw, affinity))
        return scores, probabilities, {**sig, "source_affinity": affinity, "declared": declared.astype(np.float32)}

    def _ancestors(self, i: int) -> frozenset[int]:
        return frozenset(self.index_of[a.unit_id] for a in ancestors(self.units[i], self.by_id))

    def source_rows(self, sources: list[int]) -> Sources:
        parents = self._parent[sources]
        parent_vectors = np.where((parents >= 0)[:, None], self.query_vectors[np.maximum(parents, 0)],
                                  self.query_vectors[sources])
        return Sources(self.query_vectors[sources], parent_vectors, [self._texts[i] for i in sources],
                       [self.units[i].doc_id for i in sources], [self._ancestors(i) for i in sources])

    def text_rows(self, text: str) -> Sources:
        vector = self.embedder.embed_query(text)[None, :]
        return Sources(vector, vector, [text], [None], [frozenset()])

    # --- services --------------------------------------------------------------------------
    def align(self, sources: list[int], targets: list[int], k: int = 3, min_label: str = "partial",
              by_kind: bool = False) -> list[AlignedPair]:
        """For each source unit, its k best targets (or k best of each kind) whose label reaches ``min_label``."""
        if not sources or not targets:
            return []
        scores, probabilities, sig = self.combined(self.source_rows(sources), targets)
        allowed = LABELS[: LABELS.index(min_label) + 1]
        pairs = []
        for row, s in enumerate(sources):
            for col in top_k(scores[row], [self.units[t].kind for t in targets], k, by_kind):
                pair = self._pair(s, targets[col], float(scores[row, col]), float(probabilities[row, col]),
                                  {n: round(float(m[row, col]), 4) for n, m in sig.items()})
                if pair.label in allowed:
                    pairs.append(pair)
        return pairs

    def _pair(self, s: int, t: int, score: float, probability: float, signals: dict[str, float]) -> AlignedPair:
        source, target = self.units[s], self.units[t]
        evidence = Evidence(source.title or source.text[:240], target.title or target.text[:240],
                            shared_terms(source.text, target.text))
        return AlignedPair(source, target, round(score, 4), round(probability, 4), self.calibration.label(probability),
                           signals, evidence)

    def related(self, *, text: str | None = None, unit_id: str | None = None, k: int = 5,
                levels: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                exclude_doc_ids: Sequence[str] | None = None) -> list[Related]:
        """The units of other plans most related to a unit or to a free text (the k best of each kind
        when ``kinds`` are named)."""
        if (text is None) == (unit_id is None):
            raise AlignmentError("give exactly one of text and unit_id")
        candidates = self.select(levels=levels, kinds=kinds)
        if unit_id is not None:
            unit = self.unit(unit_id)
            rows = self.source_rows([self.index_of[unit_id]])
            excluded = set(exclude_doc_ids or ()) | {unit.doc_id}
        else:
            rows = self.text_rows(text)
            excluded = set(exclude_doc_ids or ())
        unknown = sorted(excluded - self.doc_ids)
        if unknown:
            raise AlignmentError(f"unknown document id(s): {', '.join(unknown)}")
        candidates = [i for i in candidates if self.units[i].doc_id not in excluded]
        if not candidates:
            return []
        scores, probabilities, _ = self.combined(rows, candidates)
        order = top_k(scores[0], [self.units[i].kind for i in candidates], k, bool(kinds))
        return [Related(self.units[candidates[i]], round(float(scores[0, i]), 4), round(float(probabilities[0, i]), 4))
                for i in order]


def top_k(scores: np.ndarray, kinds: Sequence[str], k: int, by_kind: bool) -> list[int]:
    """Positions of the k best scores (ties in order), or of the k best of each kind, kinds in the order
    their best comes."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    if not by_kind:
        return order[:k].tolist()
    taken: dict[str, int] = {}
    out = []
    for i in order.tolist():
        if taken.get(kinds[i], 0) < k:
            taken[kinds[i]] = taken.get(kinds[i], 0) + 1
            out.append(i)
    return out


@dataclass(frozen=True)
class CoverageRow:
    target: PlanUnit
    probability: float  # the best of the covering pairs'
    label: str
    covering: tuple[AlignedPair, ...]


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]
    uncovered_targets: tuple[PlanUnit, ...]
    unaligned_sources: tuple[PlanUnit, ...]


SOURCE_LEVELS = ("institutional", "regional")


def coverage_sources(aligner: Aligner, target_doc_id: str, source_levels: Sequence[str] = SOURCE_LEVELS) -> list[int]:
    """The units that may cover a ministerial plan: those of the other plans at the source levels."""
    return [i for i in aligner.select(levels=source_levels) if aligner.units[i].doc_id != target_doc_id]


def coverage(aligner: Aligner, target_doc_id: str, source_levels: Sequence[str] = SOURCE_LEVELS,
             k: int = 3) -> Coverage:
    """Per ministerial unit of a plan: the units covering it (by plan), a score, and the gaps both ways."""
    targets = aligner.select(doc_ids=[target_doc_id], targets=True)
    if not targets:
        raise AlignmentError(f"plan {target_doc_id!r} has no units to cover")
    sources = coverage_sources(aligner, target_doc_id, source_levels)
    pairs = aligner.align(sources, targets, k=k, min_label="partial")
    by_target: dict[str, list[AlignedPair]] = {}
    for pair in pairs:
        by_target.setdefault(pair.target.unit_id, []).append(pair)
    rows = []
    for t in targets:
        covering = tuple(sorted(by_target.get(aligner.units[t].unit_id, []), key=lambda p: -p.probability))
        best = max((p.probability for p in covering), default=0.0)
        rows.append(CoverageRow(aligner.units[t], best, aligner.calibration.label(best) if covering else "none", covering))
    aligned_sources = {p.source.unit_id for p in pairs}
    return Coverage(
        rows=tuple(rows),
        uncovered_targets=tuple(r.target for r in rows if not r.covering and r.target.kind in ("objectif", "theme")),
        unaligned_sources=tuple(aligner.units[s] for s in sources if aligner.units[s].unit_id not in aligned_sources),
    )
