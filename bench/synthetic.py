"""Synthetic corpora for the scale benchmark: the sentences of the real plans recombined into many plans.

What is kept from the real corpus (an index built by `arrimage ingest`): its sentences, the length of its
chunks (each synthetic chunk draws a real chunk's length and takes sentences until it reaches it), the
number of chunks of a plan (drawn around the real mean), the overlap (a chunk starts with the last
sentence of the one before, as `ingest/chunk.py` does) and its section paths. What is made up: the
plans' organizations and titles (an institution type and a Québec place: vocabulary the five plans do not
have) and, in a third of the sentences that carry figures, the figures themselves, so that numbers and
years vary as they do across many plans. Everything else in the vocabulary is the five plans': a real
corpus of a million chunks would have more distinct words (names, programmes), so posting lists here are
longer than they would be, which makes BM25 slower, not faster.

Every chunk satisfies ``document.text[char_start:char_end] == chunk.text``; the same seed gives the same
corpus.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from arrimage.index.store import load_index
from arrimage.ingest.models import Chunk, Document, DocumentMeta

# Sentence ends as ingest/chunk.py cuts them (a full stop before a capital, a line break).
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…;])\s+(?=[«\"(\[A-ZÀ-ÖØ-ÞŒ0-9])|\n")
_DIGITS_RE = re.compile(r"\d+")
_INSTITUTIONS = ("Cégep de", "Cégep régional de", "Université de", "Centre de services scolaire de", "CISSS de",
                 "CIUSSS de", "Collège de", "Institut de recherche de", "Direction régionale de", "Municipalité de")
_MINISTRIES = ("Ministère de l’Éducation", "Ministère de l’Enseignement supérieur", "Ministère de la Santé et des Services sociaux",
               "Ministère de l’Économie", "Ministère de l’Environnement", "Ministère des Transports", "Ministère de la Famille",
               "Ministère de la Culture et des Communications", "Ministère de l’Emploi", "Ministère des Affaires municipales",
               "Ministère de la Justice", "Ministère des Finances", "Ministère de la Cybersécurité et du Numérique")
_PLACES = ("Rimouski", "Matane", "Gaspé", "Sept-Îles", "Baie-Comeau", "Chicoutimi", "Jonquière", "Alma", "Saint-Félicien",
           "Rouyn-Noranda", "Val-d’Or", "Amos", "Trois-Rivières", "Shawinigan", "Victoriaville", "Drummondville",
           "Sherbrooke", "Granby", "Saint-Hyacinthe", "Sorel-Tracy", "Joliette", "Terrebonne", "Laval", "Longueuil",
           "Montréal", "Gatineau", "Mont-Laurier", "Saint-Jérôme", "Lévis", "Québec", "Thetford Mines", "Rivière-du-Loup",
           "La Pocatière", "Beauce", "Charlevoix", "Sainte-Foy", "Limoilou", "Valleyfield", "Saint-Laurent", "Ahuntsic",
           "Maisonneuve", "Vieux-Montréal", "Abitibi-Témiscamingue", "Côte-Nord", "Nunavik", "Outaouais", "Lanaudière",
           "Mauricie", "Estrie", "Montérégie", "Laurentides", "Chaudière-Appalaches", "Bas-Saint-Laurent", "Saguenay")
_PLAN_KINDS = ("Plan stratégique", "Plan d’action", "Plan de réussite", "Rapport annuel de gestion", "Plan d’action numérique",
               "Plan de développement durable", "Plan d’engagement vers la réussite", "Politique institutionnelle")
_LEVELS = ("institutional", "ministerial", "regional")
_LEVEL_WEIGHTS = (0.80, 0.05, 0.15)
# Norm of the noise added to a chunk's unit vector.
_NOISE = 0.1


@dataclass(frozen=True)
class Source:
    """What the synthetic corpora take from a real index."""

    sentences: tuple[str, ...]
    has_digits: np.ndarray  # bool, per sentence
    chunk_lengths: np.ndarray  # characters, per real chunk
    section_paths: tuple[tuple[str, ...], ...]
    chunks_per_document: float
    mean_sentence: int  # characters


def read_source(index_dir: Path) -> Source:
    """The sentences, chunk lengths and section paths of the index at ``index_dir`` (its current version)."""
    data = load_index(index_dir)
    sentences: dict[str, None] = {}
    for doc in data.documents:
        for piece in _SENTENCE_END_RE.split(doc.text):
            piece = " ".join(piece.split())
            if len(piece) >= 3:
                sentences.setdefault(piece)
    ordered = tuple(sentences)
    return Source(
        sentences=ordered,
        has_digits=np.array([bool(_DIGITS_RE.search(s)) for s in ordered]),
        chunk_lengths=np.array([len(c.text) for c in data.chunks]),
        section_paths=tuple({c.section_path: None for c in data.chunks}),
        chunks_per_document=len(data.chunks) / len(data.documents),
        mean_sentence=int(np.mean([len(s) for s in ordered])),
    )


def _new_figures(sentence: str, rng: np.random.Generator) -> str:
    def swap(match: re.Match) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):  # a year stays a plausible year
            return str(rng.integers(2005, 2036))
        first = str(rng.integers(1, 10)) if len(digits) > 1 else str(rng.integers(0, 10))
        return first + "".join(str(d) for d in rng.integers(0, 10, len(digits) - 1))

    return _DIGITS_RE.sub(swap, sentence)


def _meta(number: int, rng: np.random.Generator) -> DocumentMeta:
    level = _LEVELS[rng.choice(3, p=_LEVEL_WEIGHTS)]
    if level == "ministerial":
        organization = _MINISTRIES[rng.integers(len(_MINISTRIES))]
    else:
        organization = f"{_INSTITUTIONS[rng.integers(len(_INSTITUTIONS))]} {_PLACES[rng.integers(len(_PLACES))]}"
    start = int(rng.integers(2005, 2031))
    kind = _PLAN_KINDS[rng.integers(len(_PLAN_KINDS))]
    return DocumentMeta(doc_id=f"syn-{number:06d}", title=f"{kind} {start}-{start + 5} — {organization}",
                        organization=organization, level=level, period=f"{start}-{start + 5}", source="synthetic")


def _document(number: int, n_chunks: int, source: Source, rng: np.random.Generator) -> tuple[Document, list[Chunk]]:
    meta = _meta(number, rng)
    parts: list[str] = []  # sentences of the document, in order
    starts: list[int] = []  # character offset of each sentence
    position = 0
    drawn: list[int] = []  # which source sentence each one is
    windows: list[tuple[int, int]] = []  # [first, last] sentence of each chunk
    first = 0
    for _ in range(n_chunks):
        # The last sentence taken passes the drawn length by half a sentence on average: aim that much lower.
        target = int(source.chunk_lengths[rng.integers(len(source.chunk_lengths))]) - source.mean_sentence // 2
        length, last = 0, first - 1
        while length < target or last < first:
            last += 1
            if last == len(parts):
                i = int(rng.integers(len(source.sentences)))
                sentence = source.sentences[i]
                if source.has_digits[i] and rng.random() < 1 / 3:
                    sentence = _new_figures(sentence, rng)
                starts.append(position)
                parts.append(sentence)
                drawn.append(i)
                position += len(sentence) + 1
            length = starts[last] + len(parts[last]) - starts[first]
        windows.append((first, last))
        first = last if last > first else last + 1  # the next chunk opens on this one's last sentence
    text = " ".join(parts)
    pages = tuple(range(0, len(text), 3000))
    chunks = []
    paths = source.section_paths
    for j, (a, b) in enumerate(windows):
        start, end = starts[a], starts[b] + len(parts[b])
        page_start, page_end = start // 3000 + 1, max(start, end - 1) // 3000 + 1
        chunk_id = hashlib.blake2b(f"{meta.doc_id}\x00{j}".encode(), digest_size=8).hexdigest()
        chunks.append(Chunk(chunk_id=chunk_id, doc_id=meta.doc_id, text=text[start:end], char_start=start, char_end=end,
                            page_start=page_start, page_end=page_end, section_path=paths[rng.integers(len(paths))]))
    digest = hashlib.sha256(text.encode()).hexdigest()
    sentences = [drawn[a : b + 1] for a, b in windows]
    return Document(meta=meta, text=text, page_starts=pages or (0,), sections=(), content_hash=digest), chunks, sentences


def generate(source: Source, n_chunks: int, seed: int = 0) -> Iterator[tuple[Document, list[Chunk], list[list[int]]]]:
    """Plans of about the real number of chunks each, until ``n_chunks`` chunks in all; with each chunk, the
    source sentences it is made of (``Source.sentences`` indices)."""
    rng = np.random.default_rng(seed)
    made, number = 0, 0
    while made < n_chunks:
        size = min(n_chunks - made, max(1, int(rng.poisson(source.chunks_per_document))))
        document, chunks, sentences = _document(number, size, source, rng)
        made += len(chunks)
        number += 1
        yield document, chunks, sentences


def composed_vectors(sentences: list[list[int]], sentence_vectors: np.ndarray, seed: int = 0) -> np.ndarray:
    """A chunk's vector from the real embeddings of its sentences: their mean, a little noise (so that two
    chunks of the same sentences differ, as chunks whose figures differ would), normalised. Clustered like
    real embeddings, unlike random unit vectors, on which an approximate index finds few true neighbours."""
    rng = np.random.default_rng(seed)
    out = np.empty((len(sentences), sentence_vectors.shape[1]), dtype=np.float32)
    step = 50_000
    for start in range(0, len(sentences), step):
        block = sentences[start : start + step]
        rows = np.repeat(np.arange(len(block)), [len(s) for s in block])
        summed = np.zeros((len(block), sentence_vectors.shape[1]), dtype=np.float32)
        np.add.at(summed, rows, sentence_vectors[np.concatenate(block)])
        summed /= np.linalg.norm(summed, axis=1, keepdims=True)
        summed += rng.normal(0, _NOISE / np.sqrt(summed.shape[1]), summed.shape).astype(np.float32)
        out[start : start + len(block)] = summed / np.linalg.norm(summed, axis=1, keepdims=True)
    return out
