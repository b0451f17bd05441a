"""French vocabulary used to decide whether two fragments cut by a line break form one word."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """The French word list shipped with pyspellchecker (about 140,000 forms)."""
    data = resources.files("spellchecker").joinpath("resources/fr.json.gz").read_bytes()
    return frozenset(json.loads(gzip.decompress(data)))


class Vocabulary:
    """Known words: a French dictionary plus the words a document itself uses."""

    def __init__(self, document_words: Iterable[str] = ()) -> None:
        self._own = frozenset(w.lower() for w in document_words)
        self._base = french_words()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Vocabulary:
        """Learn a document's words from inside its lines: a line's first and last words may be cut."""
        words: list[str] = []
        for line in lines:
            inner = WORD_RE.findall(line)[1:-1]
            words.extend(w for w in inner if len(w) > 1)
        return cls(words)

    def __contains__(self, word: str) -> bool:
        w = word.lower()
        return w in self._own or w in self._base
