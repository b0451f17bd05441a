"""An answer against the reference answer: token F1 on analysed tokens, exact match of the figures.

- ``token_f1``: the answer (without its ``[n]`` markers) and the reference are analysed like BM25
  analyses text (``index.lexical.analyze``: French stemming, stopwords out, elisions dropped, accents
  folded, numbers kept with their units) and compared as bags of tokens (SQuAD-style F1).
- ``figures``: the amounts, percentages, counts and dates a text states, normalised so that spacing
  never matters ("963 M$" = "963 M$" = "963M$", "80 %" = "80%", "5 600" = "5600"); "millions $" is
  written "M$", "milliards $" "G$", a decimal point a comma. A date is one figure ("30 mars 2011").
  Pieces of codes (``INM-10-11-041``) are not figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from arrimage.index.lexical import analyze

_MARKER_RE = re.compile(r"\s*\[\d+\]")
_SPACE = r"[ \u00a0\u202f\u2009]"
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_DATE_RE = re.compile(rf"\b(\d{{1,2}})(?:er)?{_SPACE}+({_MONTHS}){_SPACE}+(\d{{4}})\b", re.IGNORECASE)
_NUMBER = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d])|\d+"
_FIGURE_RE = re.compile(
    rf"(?<![\w\-‐/])((?:{_NUMBER})(?:[.,]\d+)?(?:[-‐–]\d+)?)"
    rf"(?:{_SPACE}*(%|[MGk]\$|\$|millions?{_SPACE}+(?:de{_SPACE}+)?(?:\$|dollars)|milliards?{_SPACE}+(?:de{_SPACE}+)?(?:\$|dollars))"
    rf"|(?![\w\-‐]))",
    re.IGNORECASE,
)


def strip_markers(answer: str) -> str:
    return _MARKER_RE.sub("", answer)


def token_f1(prediction: str, reference: str) -> float:
    """F1 of the analysed tokens of ``prediction`` against ``reference``; NaN without a reference."""
    ref = Counter(analyze(reference))
    if not ref:
        return math.nan
    pred = Counter(analyze(strip_markers(prediction)))
    common = sum((pred & ref).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    low = raw.lower()
    if low.startswith("million"):
        return "M$"
    if low.startswith("milliard"):
        return "G$"
    return raw[0].upper() + raw[1:] if raw[0].lower() in "mgk" else raw


def figures(text: str) -> frozenset[str]:
    """The figures ``text`` states, normalised (see the module doc)."""
    found: set[str] = set()

    def date(m: re.Match[str]) -> str:
        month = m.group(2).lower().replace("é", "e").replace("û", "u")
        found.add(f"{int(m.group(1))} {month} {m.group(3)}")
        return " "

    rest = _DATE_RE.sub(date, text)
    for m in _FIGURE_RE.finditer(rest):
        number = re.sub(_SPACE, "", m.group(1)).replace(".", ",").replace("‐", "-").replace("–", "-")
        found.add(number + _unit(m.group(2)))
    return frozenset(found)


def figures_match(answer: str, reference: str) -> float:
    """1.0 when every figure of the reference is in the answer, 0.0 when one is missing, NaN without figures."""
    wanted = figures(reference)
    if not wanted:
        return math.nan
    return float(wanted <= figures(strip_markers(answer)))
