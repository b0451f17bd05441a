"""French lexical analysis and the BM25 side of the index (bm25s, Snowball stemmer, French stopwords)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_FRENCH

# ’ and ' are the same apostrophe to search; elided articles (l’, d’, qu’ …) are dropped.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_ELISION_RE = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=\w)")
# Numbers keep their separators: "5 600" is 5600, "2018-2023" stays a code, "80 %" and "963 M$" keep their unit.
_THOUSANDS_RE = re.compile(r"(?<=\d) (?=\d{3}\b)")
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+)*\s?(?:%|m\$|\$)?|[^\W\d_]+(?:-[^\W\d_]+)*")
_STOPWORDS = frozenset(STOPWORDS_FRENCH) | {"a", "les", "des", "cette", "ces", "être", "plus", "comme", "ainsi"}


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


def analyze(text: str) -> list[str]:
    """Tokens for BM25: lowercased, elisions removed, stopwords out, words stemmed, numbers and codes kept."""
    text = _THOUSANDS_RE.sub("", text.translate(_APOSTROPHES).lower())
    text = _ELISION_RE.sub("", text)
    tokens: list[str] = []
    stem = _stemmer().stemWord
    for raw in _TOKEN_RE.findall(text):
        token = raw.replace(" ", "")
        if token[0].isdigit():
            tokens.extend(_number_tokens(token))
        elif "-" in token:
            parts = [p for p in token.split("-") if p not in _STOPWORDS]
            tokens.extend(stem(p) for p in parts)
        elif token not in _STOPWORDS:
            tokens.append(stem(token))
    return tokens


def _number_tokens(token: str) -> list[str]:
    """``2018-2023`` → 2018-2023, 2018, 2023; ``80%`` → 80%, 80; ``01`` → 01, 1."""
    out = [token]
    core = re.sub(r"(%|m\$|\$)$", "", token)
    if core != token:
        out.append(core)
    if "-" in core:
        out.extend(core.split("-"))
    out.extend(p.lstrip("0") for p in list(out) if p.startswith("0") and p.strip("0"))
    return out


class LexicalIndex:
    """BM25 over analysed chunk texts; scores every chunk so that filters are a mask."""

    def __init__(self, retriever: bm25s.BM25) -> None:
        self._retriever = retriever

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        retriever = bm25s.BM25()
        retriever.index([analyze(t) or [""] for t in texts], show_progress=False)
        return cls(retriever)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in analyze(query) if t in self._retriever.vocab_dict]
        n = self._retriever.scores["num_docs"]
        if not tokens:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        return cls(bm25s.BM25.load(str(directory), mmap=False))
