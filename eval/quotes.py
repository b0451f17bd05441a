"""Judging a passage by its text: does it hold a gold quote?

Both texts are reduced to their *skeleton*: their letters and digits, casefolded. Whitespace, line
breaks, hyphenation (``for-mation`` = ``formation``), apostrophes (``’`` = ``'``), punctuation and
case never matter. A passage *holds* a quote when its skeleton contains a contiguous piece of the
quote's skeleton at least half as long as the quote (its first half, its last half, the whole …)
and at least ``MIN_PIECE`` characters long (the whole quote when it is shorter), so that a short
quote is not "held" by any passage sharing a common phrase with it.

No character offsets are involved: a passage returned by the in-process pipeline and the same
passage returned over HTTP are judged the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_PIECE = 30
_WHITESPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def skeleton(text: str) -> str:
    """Letters and digits of ``text``, casefolded."""
    return "".join(ch.casefold() for ch in text if ch.isalnum())


@lru_cache(maxsize=64)
def skeleton_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The skeleton of ``text`` and, for each of its characters, the offset in ``text`` it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            folded = ch.casefold()
            chars.append(folded)
            offsets.extend([i] * len(folded))
    return "".join(chars), tuple(offsets)


def piece_length(quote_length: int) -> int:
    """How many skeleton characters of a quote a passage must hold, in one piece."""
    return min(quote_length, max((quote_length + 1) // 2, MIN_PIECE))


def holds_skeleton(passage: str, quote: str) -> bool:
    """``passage`` and ``quote`` are skeletons; true when the passage holds the quote (see the module doc)."""
    n = len(quote)
    if n == 0:
        return False
    need = piece_length(n)
    # Any window of ``need`` characters covers one whole block of ``need // 2`` characters starting at a
    # multiple of the block size: a passage holding no block cannot hold the quote (a cheap first test).
    block = max(1, need // 2)
    if not any(quote[i : i + block] in passage for i in range(0, n - block + 1, block)):
        return False
    return any(quote[i : i + need] in passage for i in range(n - need + 1))


def holds(passage_text: str, quote: str) -> bool:
    """True when the passage text holds at least half of the quote, in one piece (see the module doc)."""
    return holds_skeleton(skeleton(passage_text), skeleton(quote))


def matches(passage_text: str, other_text: str) -> bool:
    """True when either text holds the other: a passage of ours and a passage of another corpus."""
    return holds(passage_text, other_text) or holds(other_text, passage_text)


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of ``quote`` in ``text`` when the whole quote is there (skeleton match), else None."""
    haystack, offsets = skeleton_offsets(text)
    needle = skeleton(quote)
    at = haystack.find(needle) if needle else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def squash(text: str) -> str:
    """``text`` with every run of whitespace made one space, stripped: what "verbatim" compares."""
    return _WHITESPACE_RE.sub(" ", text).strip()
