"""French vocabulary used to decide whether two fragments cut by a line break form one word."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=2)
def word_list(lang: str) -> frozenset[str]:
    """The word list of ``lang`` shipped with pyspellchecker (fr: about 140,000 forms; en: 160,000)."""
    data = resources.files("spellchecker").joinpath(f"resources/{lang}.json.gz").read_bytes()
    return frozenset(json.loads(gzip.decompress(data)))


class Vocabulary:
    """Known words: a French dictionary plus the words a document itself uses."""

    def __init__(self, document_words: Iterable[str] = ()) -> None:
        self._own = frozenset(w.lower() for w in document_words)
        self._base = word_list("fr")

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
