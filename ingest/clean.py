"""Clean what PDF and text extraction leave: page furniture, bullets, cut words, odd characters.

The result is one cleaned text per document in which paragraphs and list items sit on their own
lines, plus the offset at which each page starts. Chunk offsets point into this text.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .grammar import ARROWS, KEYCAP, KEYCAP_RE, MEASURES, Grammar, Heading, bare_number, grammar, level_name
from .structure import (
    is_bare_keyword,
    is_caps,
    is_citation,
    is_heading,
    is_structural_heading,
    split_inline_headings,
)
from .vocabulary import Vocabulary, word_list

BULLETS = "•\uf0a7\ufffd\x7f▪◦●\uf0b7\uf0d8\uf076\uf0fc\uf0e0‣∙➢►■□✓✔○➜▸★☆"
# Marks that are bullets only where they open a line ("→ Réserver …", "◆ Financement …", "☐ Créer …"); inside a
# sentence an arrow or a diamond is text ("de 12 → 20 places").
# "▾ ATT-1 …", "▸": a fiche's disclosure triangle (test35's MRC plan); "↳ Suivi : …" under an item (test37's zec).
LEADING_BULLETS = "→⇒◆◇❖➤▶◾▫☐☑☒▾▿↳"
# A middle dot is a bullet only between spaces ("· Établir …"), not inside "étudiant·e·s", nor before a label, where
# it sets a line's fields apart ("Porteur : … · Alliés : … · Quand : 2026").
# A line of a plan's legend, or a line its legend's mark opens: "■ Axe stratégique", "◆ Nombre de projets …".
_LEGEND_RE = re.compile(f"^\\s*([{BULLETS}{LEADING_BULLETS}])\\s+(\\S.*)$")
# A line listed by its code and a middle dot, "RC 1.1 · Demandes de service … : 12 → 40": an entry of a list.
LISTED_BY_RE = re.compile(r"^\s*[A-Z]{1,4}[ .-]?\d{1,2}(?:[.-]\d{1,2}){0,3}\s+·\s+")
_LABEL_MARK_RE = re.compile(rf"([^{BULLETS}]*?\S)\s+[{BULLETS}]\s+(?=\S)")  # the words before a bullet inside a line
_BULLET_RE = re.compile(f"[{BULLETS}]|(?:(?<=\\s)|^)·(?=\\s)(?!\\s+[^\\W\\d_][\\w’' ]{{0,30}}:)|^\\s*[{LEADING_BULLETS}](?=\\s)")
_TRANSLATE = str.maketrans(
    {
        "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
        "\u200a": " ", "\t": " ", "\u2010": "-", "\u2011": "-",
        "\u00ad": None, "\u200b": None, "\ufeff": None, "\r": None,
    }
)
# "Page 3", "Institut national des mines  Page 3" (two spaces set the footer apart from a sentence).
_PAGE_FOOTER_RE = re.compile(r"^(?:.{0,80}\S {2,})?(?:Page|PAGE)\s*\d{1,4}(?:\s*(?:/|de|sur)\s*\d{1,4})?$")
_SENTENCE_END = tuple(".!?:;»)]")  # "… coût : 45 000 $]": a bracket of fields closes an item as a sentence does
# A line that starts a list item or a table row ("- …", "a) …", "1) …", "| … |") starts its own line; a
# dash before a field ("– Cible : …") continues an indicator's line.
# An item's start: a dash, "a)", "(iv)", "3)", a table row, or a number and a letter before a capital ("1b Intégrer …").
# A table's row: its pipe closes it ("| Cible 2028 : 95 %" is a line of fields wrapped after its separator).
_ROW_RE = re.compile(r"^\|.*\|\s*$")
_LIST_START_RE = re.compile(rf"^(?:[-–*]\s+(?!Cibles?\s*:)|\(?[a-z]\)\s|[a-z]\.\s+[A-ZÀ-Þ]|\(?[ivx]{{2,5}}\)\s|[ivx]{{2,5}}\.\s+[A-ZÀ-Þ]|\(?\d{{1,2}}\)\s|\d{{1,2}}°\s|(?={_ROW_RE.pattern[1:]})\||\d{{1,2}}[a-z]\s+[A-ZÀ-Þ])")
_ITEM_NUMBER_RE = re.compile(r"(\d{1,2})[.)]\s+\S")
# (Not a line's last piece, which the line below may go on: "du s" / "ecteur".)
_SPLIT_WORD_RE = re.compile(r"(?<![^\s'’])([^\W\d_]+) (?=([a-zà-ÿœ]+)(?![\w'’-]|$))")
_SPLIT_CAPS_RE = re.compile(r"(?<![^\s'’])([A-ZÀ-ÖØ-ÞŒ]+) (?=([A-ZÀ-ÖØ-ÞŒ]+)(?![\w'’-]))")
_FRAGMENT_END_RE = re.compile(r"([^\W\d_]+)(-?)$")
_FRAGMENT_START_RE = re.compile(r"^([^\W\d_]+)")
_INLINE_HYPHEN_RE = re.compile(r"([^\W\d_]+)- ([^\W\d_]+)")
_KEEP_SPACE_AFTER_HYPHEN = {"et", "ou", "à", "aux"}
_FUNCTION_WORDS = frozenset(
    "le la les l’ l' un une des du de d’ d' au aux à et ou en dans par pour sur avec sans sous chez vers entre "
    "que qu’ qui dont où ce cette ces son sa ses leur leurs notre nos votre vos est sont a ont "
    "the an of and or to for with by from into in on at its their our".split()
)
# Footnotes and references: "3 GOUVERNEMENT DU QUÉBEC (2017). Politique …, [En ligne]. [http://…]".
# (A unit of measure is no path: "L/pers./jour", "kg/hab./an", test21's watershed plan.)
_UNIT_OF_MEASURE = r"[^\W\d_]{1,6}\.?(?:/[^\W\d_]{1,6}\.?)+(?![\w/])"
_URL_RE = re.compile(rf"\[?https?://\S*\]?\.?|\[?www\.\S+|\S*(?:\.html?|\.pdf|\.aspx?|\.php)\S*|(?<!\S)(?!{_UNIT_OF_MEASURE})\S*/\S*/\S*")
_URL_FRAGMENT_RE = re.compile(r"^[\w./%#?=&~:\[\]-]*(?:[/_#]|http)[\w./%#?=&~:\[\]-]*$")
_NOTE_START_RE = re.compile(r"^\d{1,2}\s+[A-ZÀ-ÖØ-ÞŒ][A-ZÀ-ÖØ-ÞŒ’' ,.-]{3,}")
_NOTE_MARK_RE = re.compile(r"\[En ligne\]|https?://|\((?:19|20)\d{2}\)")
_NOTE_SPAN = 5


def normalize_chars(text: str) -> str:
    """NFC, ligatures expanded, exotic spaces and hyphens made plain, invisible characters dropped."""
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


@dataclass(frozen=True)
class _Line:
    text: str
    page: int
    item: bool = False
    para: bool = False
    lead_space: bool = False
    trail_space: bool = False


def clean_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Clean a document's pages; return the text and the offset where each page starts."""
    raw = [normalize_chars(p).split("\n") for p in pages]
    raw = _own_marks(_keyed(_said_marks(raw), _legend(raw)))
    furniture = _furniture_keys(raw)
    lines = _split_lines(raw, furniture)
    vocabulary = Vocabulary.from_lines(line.text for line in lines)
    widths = _page_widths(lines, len(pages))
    return _join(lines, vocabulary, widths, len(pages))


# Closing guillemets a plan may use as its bullet, when they open three lines or more before a capital.
_QUOTE_MARKS = "»›"
# Signs that open a line without marking an item: comparisons, degrees, legal marks.
_NOT_MARKS = "±×÷≤≥≈≠°©®§¶"


def _own_marks(pages: list[list[str]]) -> list[list[str]]:
    """The pages, each line that opens on a mark of the plan's own ("♪ Créer un laissez-passer …", "✿", "☀") opening on a
    bullet instead: a sign (Unicode symbol, not ASCII nor a currency) followed by a space that opens three lines or
    more is the plan's bullet, whatever glyph its designer chose; one before a heading that names its level is dropped."""
    def mark(line: str) -> str:
        """The sign that opens the line with a space after it, or ""."""
        text = line.lstrip()
        if len(text) > 2 and text[0] in _QUOTE_MARKS and text[1] == " " and text[2].isupper():
            return text[0]  # "» Lancer une AEC …" (test44's cégep); a quotation closes on other marks ("» – Une voyageuse")
        return text[0] if len(text) > 2 and text[1] == " " and _own_mark(text[0]) else ""

    opening = Counter(m for page in pages for line in page if (m := mark(line)))
    marks = {m for m, n in opening.items() if n >= 3}
    g = grammar()

    def read(line: str) -> str:
        sign = mark(line)
        if sign in marks:
            return f"• {line.lstrip()[2:]}"
        # A sign that decorates a heading naming its level is no bullet: "◷ PRIORITÉ 1", "♻ PRIORITÉ 4" (test44's
        # infographic plan, a pictogram of its own before each priority).
        if sign and (heading := g.heading(line.lstrip()[2:])) is not None and heading.labelled:
            return line.lstrip()[2:]
        return line

    return [[read(line) for line in page] for page in pages] if opening else pages


def _own_mark(char: str) -> bool:
    return (ord(char) > 127 and unicodedata.category(char) in ("So", "Sm") and char not in _NOT_MARKS
            and char not in BULLETS and char not in LEADING_BULLETS)


def _legend_name(g: Grammar, text: str) -> str | None:
    """The level or field a legend's line names: "Axe stratégique", "Objectif", "Indicateur" (of "Indicateur de
    l'objectif, avec sa valeur de référence …")."""
    words = text.strip().split()
    for n in range(min(3, len(words)), 0, -1):
        name = " ".join(words[:n]).rstrip(",:;.")
        if g.kind_of(name) is not None or n == 1 and g.fields(f"{name} :"):
            return name
    return None


def _legend(pages: list[list[str]]) -> dict[str, str]:
    """A plan's key to the marks that stand for its levels ("Chaque symbole correspond à un niveau : ■ Axe
    stratégique / ● Objectif / ○ Initiative / ◆ Indicateur de l'objectif …"): lines in a row, each a different mark and
    the name of a level or a field, two levels at least. A mark → the name; {} for a plan without one (a list's
    items share one mark)."""
    g = grammar()
    run: dict[str, str] = {}
    for line in (line for page in pages for line in page if line.strip()):
        m = _LEGEND_RE.match(line)
        name = _legend_name(g, m.group(2)) if m and m.group(1) not in run else None
        if name is not None:
            run[m.group(1)] = name
            continue
        if sum(g.kind_of(name) is not None for name in run.values()) >= 2:
            return run
        run = {}
    return {}


def _keyed(pages: list[list[str]], legend: dict[str, str]) -> list[list[str]]:
    """The pages, each line that opens on a mark of the legend opening on the name it stands for instead ("■ ACCÉLÉRER
    …" → "Axe stratégique : ACCÉLÉRER …"); the legend's own lines lose their marks."""
    if not legend:
        return pages
    g = grammar()
    out = []
    for page in pages:
        keyed = []
        for line in page:
            m = _LEGEND_RE.match(line)
            if m is None or m.group(1) not in legend or _legend_name(g, m.group(2)) is not None:
                keyed.append(line)
            else:
                keyed.append(f"{legend[m.group(1)]} : {m.group(2).strip()}")
        out.append(keyed)
    return out


def _said_marks(pages: list[list[str]]) -> list[list[str]]:
    """The pages, each line that opens on a symbol the plan's legend says opens a level's headings opening on that
    level's name instead: "1️⃣  Réussir la transition …" → "Orientation 1 : Réussir la transition …", "🎯 Augmenter …" →
    "Objectif : Augmenter …" (test17's cégep: "un chiffre encadré (1️⃣ 2️⃣) ouvre chacune des orientations ; la cible 🎯
    précède chacun des objectifs ; la flèche ▸ introduit chacun des moyens", ``Grammar.markers``)."""
    marks = grammar().markers("\n".join(line for page in pages for line in page))
    if not marks:
        return pages

    def read(line: str) -> str:
        text = line.lstrip()
        keycap = _KEYCAP_HEAD_RE.match(text) if KEYCAP in marks else None
        if keycap:
            return f"{level_name(marks[KEYCAP])} {keycap.group('digit')} : {text[keycap.end():]}"
        if text[:1] in marks and text[1:2] in (" ", "\ufe0f") and text[:1] not in text[1:]:  # (several: a legend's line)
            return f"{level_name(marks[text[0]])} : {text[1:].lstrip(_MARK_TRAIL)}"
        return line

    return [[read(line) for line in page] for page in pages]


# A digit in a box opening a heading, and its separator: "1️⃣ — Réussir …".
_KEYCAP_HEAD_RE = re.compile(rf"{KEYCAP_RE.pattern}\s*(?:[–—:.-]\s+)?")
_MARK_TRAIL = "\ufe0f \t–—:-"  # what may stand between a mark and its heading's words


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


# A running header may be long: Chromium prints the date, the time and the whole title ("12/1/26, 11:02 PM Plan
# d'action … – Ministère des Transports et de la Mobilité dura…", 131 characters).
_FURNITURE_MAX = 200


# A plan written in Markdown: a heading's hashes ("## Axe 1 – …") and a line set in bold ("**Objectif 1.1 — …**").
_MARKDOWN_HEADING_RE = re.compile(r"^(\s*)#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MARKDOWN_BOLD_RE = re.compile(r"^(\s*)(\*\*|__)((?:(?!\2).)+)\2\s*$")


def _unmarked(line: str) -> str:
    """A line without the Markdown that sets it as a heading or in bold."""
    m = _MARKDOWN_HEADING_RE.match(line) or _MARKDOWN_BOLD_RE.match(line)
    return m.group(1) + m.group(m.lastindex) if m else line


# Letter-spaced text (CSS letter-spacing, a layout program's tracking), which extraction gives one letter at a time
# with a wider gap between words: "O R I E N TAT I O N  1" (pairs the font kerns stay whole: "TAT"). A run of pieces
# of one to three letters, one space apart, is a spaced word when it has five pieces or more, three in four of them a
# single letter (prose has at most four one-letter words in a row: "il y a à"), or three or more single letters that
# make a French or English word ("A X E"); once a line has one, its shorter runs of single letters or figures too ("E T",
# "0 1").
_SPACED_RE = re.compile(r"(?<!\S)[^\W\d_]{1,3}(?: [^\W\d_]{1,3}){2,}(?!\S)")
_SHORT_SPACED_RE = re.compile(r"(?<!\S)(?:[^\W\d_](?: [^\W\d_])+|\d(?: \d)+)(?!\S)")  # (and its number: "L E V I E R  0 1")
_SPACED_ELISION_RE = re.compile(r"(?<!\S)([A-ZÀ-Þ]) ([’']) (?=[A-ZÀ-ÞŒ])")
# Small capitals (CSS ``font-variant: small-caps``) come out of a PDF with a space after their first, larger, letter:
# "P ORTEUR : …", "I NDICATEURS" (test35's university plan).
_SMALL_CAPS_RE = re.compile(r"(?<![\w’'])([A-ZÀ-Þ]) ([A-ZÀ-ÞŒ]+)(?![\w’'])")


def _words_of(letters: str) -> str:
    """Letters run together as the fewest known words ("ORIENTATIONGOUVERNEMENTALE" → "ORIENTATION GOUVERNEMENTALE":
    a spaced heading whose gap between words extraction gave as one space, test45's ministry plan); as they are when
    they are a word already or make no words."""
    def known(word: str) -> bool:  # (short pieces would spell anything: "PL AND ACTION")
        return len(word) >= 2 and word.lower() in word_list("fr") or len(word) >= 4 and word.lower() in word_list("en")

    if any(letters.lower() in word_list(lang) for lang in ("fr", "en")):
        return letters
    best: list[list[str] | None] = [[]] + [None] * len(letters)  # best[i]: the fewest words spelling letters[:i]
    for end in range(1, len(letters) + 1):
        options = [[*best[start], letters[start:end]] for start in range(end)
                   if best[start] is not None and known(letters[start:end])]
        best[end] = min(options, key=len, default=None)
    return " ".join(best[-1]) if best[-1] else letters


def _unspaced(line: str) -> str:
    """A line with its letter-spaced words, and its words in small capitals, written whole."""
    def whole(m: re.Match[str]) -> str:
        pieces = m.group(0).split(" ")
        singles = sum(len(p) == 1 for p in pieces)
        word = "".join(pieces)
        spaced = (len(pieces) >= 5 and 4 * singles >= 3 * len(pieces)
                  or singles == len(pieces) and any(word.lower() in word_list(lang) for lang in ("fr", "en")))
        return _words_of(word) if spaced else m.group(0)

    def small_caps(m: re.Match[str]) -> str:
        word, rest = m.group(1) + m.group(2), m.group(2).lower()
        # "L E PLAN": a word of some language whose end is none in it; never a French word after a letter ("A PROPOS")
        known = any(word.lower() in word_list(lang) and rest not in word_list(lang) for lang in ("fr", "en"))
        return word if known and rest not in word_list("fr") else m.group(0)

    spaced = _SPACED_RE.sub(whole, line)
    spaced = spaced if spaced == line else _SHORT_SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), spaced)
    return _SPACED_ELISION_RE.sub(r"\1\2", _SMALL_CAPS_RE.sub(small_caps, spaced))  # "AXE D ' INTERVENTION 1", "COUP D ' ŒIL": an elision spaced out


def _names_unit(key: str) -> bool:
    """A line's key (digits as "#") that heads one of the plan's units: a heading at the top of each page, one number
    more each time ("CHAMP D'INTERVENTION 1", "… 2": test65's road-safety plan), is content, not a running header."""
    line = _unspaced(key.replace("#", "1").upper())
    g = grammar()
    heading = g.heading(line)
    # (or a kicker of the plan's own word: "L E V I E R  0 1" atop each of test66's agrifood table's pages)
    return is_structural_heading(line) or heading is not None and heading.labelled and bool(heading.number) or g.kicker(line)


def _furniture_keys(pages: list[list[str]]) -> frozenset[str]:
    """Lines repeated at the top or bottom of most pages (running headers and footers)."""
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        kept = [s for s in (ln.strip() for ln in lines) if s]
        edge_counts.update({_key(s) for s in kept[:3] + kept[-3:]})
    needed = max(3, (len(pages) + 1) // 2)
    # A line a page holds twice is content ("FICHE-ACTION 03" and "FICHE-ACTION 04" at the top of a page and half-way
    # down it, test42's urban-forest plan), not its running header.
    twice = {k for lines in pages for k, n in Counter(_key(s.strip()) for s in lines if s.strip()).items() if n >= 2}
    # A table's header row repeated on the pages the table runs over is content, not a running header; so is one of
    # field names only, a small table's header at the foot of many pages ("Indicateur Cible", test42's government plan).
    g = grammar()
    return frozenset(k for k, n in edge_counts.items()
                     if n >= needed and len(k) <= _FURNITURE_MAX and not _names_unit(k) and not k.startswith("|")
                     and not all(g.fields(f"{word} :") for word in k.split()) and k not in twice)


def _repeated_short_lines(pages: list[list[str]]) -> frozenset[str]:
    """Short lines recurring through a document with the plan's period in them ("Pôle Québec Plan
    d’action 2025-2026"): a running header. A line with a colon ("Cible : 31 mars 2013") or a table's row
    ("| Échéance | 2027-2028 |") is content."""
    counts = Counter(_key(s) for lines in pages for s in (ln.strip() for ln in lines) if s)
    return frozenset(
        k for k, n in counts.items()
        if n >= 3 and len(k) <= 60 and "#-#" in k and ":" not in k and not _names_unit(k)
        and not re.fullmatch(r"[#\s.,%$-]*", k) and not k.startswith("|")
    )


def _drop_notes(lines: list[str]) -> list[str]:
    """Remove footnote blocks (a numbered reference up to its last URL or "[En ligne]") and bare URLs."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        window = lines[i : i + _NOTE_SPAN]
        if _NOTE_START_RE.match(lines[i].strip()) and any(_NOTE_MARK_RE.search(w) for w in window):
            last = max(j for j, w in enumerate(window) if _NOTE_MARK_RE.search(w) or w.rstrip().endswith("]."))
            i += last + 1
            continue
        line = _URL_RE.sub(" ", lines[i])
        if not _URL_FRAGMENT_RE.match(line.strip()) or not line.strip():
            out.append(line)
        i += 1
    return out


def _split_lines(pages: list[list[str]], furniture: frozenset[str]) -> list[_Line]:
    """Drop furniture, split at bullets and at headings run into a line, mark list items and paragraphs."""
    repeated = _repeated_short_lines(pages)
    out: list[_Line] = []
    para = True
    bracket = ""  # a bracket left open by the lines above ("[Porteur : MRC des Hauts-" / "Plateaux · 2028]")
    item = False  # the line above opened an item with another bullet than a middle dot, and goes on ("▸ Refondre … —")
    for page_no, lines in enumerate(pages):
        # Furniture goes first: the notes' rules would cut a header that opens on a date ("12/1/26, 4:47 PM …").
        body = [ln for ln in lines if not (_key(ln.strip()) in furniture or _key(ln.strip()) in repeated
                                           or _PAGE_FOOTER_RE.match(ln.strip()))]
        for raw_line in _drop_notes(body):
            raw_line = _label_marks(_unspaced(_unmarked(raw_line)))
            stripped = raw_line.strip()
            if not stripped:
                para, bracket, item = True, "", False
                continue
            # A table's row is whole: a cell that opens on a level's word ("| AXE 3 – Informer … |") is no
            # heading run into a line.
            row = stripped.startswith("|")
            pieces = [raw_line] if row or _dot_separated(stripped) else _bullet_pieces(raw_line, bracket, item)
            bracket = "" if row else _open_bracket(bracket + raw_line)
            item = not row and (_opens_item(raw_line) or item) and (stripped.endswith(("—", "–")) or continues(stripped))
            for i, piece in enumerate(pieces):
                for j, part in enumerate([piece] if row else split_inline_headings(piece)):
                    text = part.strip()
                    if not text:
                        continue
                    out.append(
                        _Line(
                            text=" ".join(text.split()),
                            page=page_no,
                            item=i > 0 and j == 0,
                            para=para or j > 0,
                            lead_space=part[:1] == " ",
                            trail_space=part[-1:] == " ",
                        )
                    )
                    para = False
    return out


def _open_bracket(text: str) -> str:
    """The brackets ``text`` leaves open, "[" or "(" (or both), "" when none."""
    return "[" * (text.count("[") > text.count("]")) + "(" * (text.count("(") > text.count(")"))


def _bullet_pieces(line: str, bracket: str = "", item: bool = False) -> list[str]:
    """The line cut at its bullets, except inside brackets (``bracket``: those the lines above left open), where a middle
    dot sets an item's fields apart ("▸ Former une brigade … [Porteur : CRBLH · Partenaires : CJE · Chaque été]",
    test35's biosphere plan). Nor is a middle dot a bullet in an item another bullet opens ("▸ Refondre le portail … —
    T2 2026 · Service des TI", or wrapped onto the next line: ``item``): it sets the item's tail apart (test53's OKR
    roadmap)."""
    pieces, start = [], 0
    marked = item or _opens_item(line) or line.lstrip().startswith(("— ", "– "))  # (or its tail wrapped: "— T3 2026 · …")
    for m in _BULLET_RE.finditer(line):
        if _open_bracket(bracket + line[: m.start()]):
            continue
        if m.group() == "·" and marked and m.start() > 1:
            continue
        if not pieces and (code := line[: m.start()].strip()) and bare_number(code) is not None and (
                m.group() in ARROWS and any(c.isdigit() for c in code) or m.group() == "·" and code[:1].isdigit()):
            continue  # "R1 ▸ Toutes les femmes …" (test64's perinatal plan), "1A · Accroître …" (test66's agrifood table): the
            # arrow or the dot parts a unit's code from its title (not "IR-1 · Nombre d'adultes …", an indicator's code
            # before its text, test61's literacy plan)
        pieces.append(line[start : m.start()])
        start = m.end()
    return [*pieces, line[start:]]


def _label_marks(line: str) -> str:
    """The line with the bullets that stand for fields' colons written as colons, in a line without colons that opens on
    a field's label and its bullet: "Porteur ▪ MEQ   Échéance ▪ 2027" (test62's government plan) is "Porteur : MEQ
    Échéance : 2027". Elsewhere a bullet opens an item ("… pour les entreprises partenaires • Conclure …")."""
    def labelled(words: list[str]) -> bool:
        return any(grammar().field_re.fullmatch(" ".join(words[-n:]) + " : ") for n in range(1, min(4, len(words)) + 1))

    first = _LABEL_MARK_RE.match(line.lstrip()) if ":" not in line else None
    if first is None or not grammar().field_re.fullmatch(first.group(1) + " : "):
        # (a line with colons of its own has its labels: "partenaires • Échéance : 2028", a wrapped line's end)
        return line
    return _LABEL_MARK_RE.sub(lambda m: f"{m.group(1)} : " if labelled(m.group(1).split()) else m.group(0), line)


def _opens_item(line: str) -> bool:
    """Whether a bullet other than a middle dot opens the line: "▸ Refondre le portail …"."""
    return line.lstrip()[:1] in BULLETS + LEADING_BULLETS


def _dot_separated(line: str) -> bool:
    """Whether the middle dot after a level's word and number sets its title apart ("STRATÉGIE A · ÉDUCATION"),
    rather than opening an item."""
    heading = grammar().heading(line) if "·" in line else None
    return heading is not None and heading.labelled and bool(heading.number) and line.split("·", 1)[0].rstrip()[-1:].isalnum() \
        and grammar().heading(line.split("·", 1)[0].strip()) is not None


def _page_widths(lines: list[_Line], n_pages: int) -> list[int]:
    by_page: list[list[int]] = [[] for _ in range(n_pages)]
    for line in lines:
        by_page[line.page].append(len(line.text))
    return [max(statistics.quantiles(w, n=20)[-1], 20) if len(w) >= 2 else 80 for w in by_page]


def _separator(prev: _Line, line: _Line, vocabulary: Vocabulary, width: int, opening: str = "") -> tuple[str, bool]:
    """How ``prev`` and ``line`` are joined: ("\\n" | " " | ""), and whether prev's final hyphen goes;
    ``opening`` is the text of the line that began the one ``prev`` ends."""
    if prev.text.endswith(" ›") and (named := grammar().heading(prev.text[:-2])) and named.number and not named.title:
        return " ", False  # a trail of units' names goes on: "ORIENTATION 1 ›" / "OBJECTIF 1.1" (test53's government plan)
    if (line.text.startswith("[") and not line.para and not prev.text.endswith("]")
            and (fields := grammar().fields(line.text[1:])) and fields[0].name not in MEASURES and not grammar().fields(prev.text)):
        # An item's owner and dates in square brackets, wrapped below it: "(i) Offer a free French placement workshop
        # …" / "[Lead: French Department; Timeline: Fall 2025]" (test46's college plan); not a unit's measures in
        # brackets under its list ("[Indicateur de résultat : … — Cible 2029 : …]", test38)
        return " ", False
    if prev.text.endswith("]") and line.text[:1].isupper() and grammar().fields(prev.text.rpartition("[")[2]):
        return "\n", False  # the fields in brackets end their item: "… · Échéance : 2026]" / "Mandat II — Attirer, …" (test37)
    if _ROW_RE.match(prev.text):
        return "\n", False  # a table's row ends its line ("| … | Actions 15 et 16 |" / "5. Les actions du Ministère")
    if grammar().lead_in(prev.text) and prev.text.rstrip(" :").lower().endswith(("s", "x")):
        return "\n", False  # "Mesures" / "1. Lancer …": a lead-in ends its line (a bare "MESURE" takes its number)
    if is_bare_keyword(prev.text):
        # "MESURE" / "09 AMENER …": the word takes its number; not over a heading that names its own ("NOUVELLE
        # MESURE" / "Mesure 1.1": a status line, test35)
        if is_bare_keyword(line.text):
            return "\n", False  # "Axe stratégique" / "Objectif": words of a legend or a list, not a word and its title
        heading = grammar().heading(line.text)
        return ("\n" if heading is not None and heading.labelled and heading.number else " "), False
    if grammar().is_label(prev.text):
        return "\n", False  # "Budget prévu" / "36 000 $": a label over its value (ingest/units.py reads them as one field)
    if _value_below(prev.text, line):
        return " ", False  # "Indicateur : … | Cible 2028 :" / "18 départements": the field's value wrapped below
    if line.text.startswith("|") and not _ROW_RE.match(line.text) and grammar().fields(prev.text):
        return " ", False  # "Indicateur : …" / "| Cible 2028 : 95 %": a line of fields wrapped before its separator
    if (
        is_heading(prev.text) and is_caps(prev.text) and is_caps(line.text)
        and not is_structural_heading(line.text) and not is_citation(line.text) and grammar().heading(line.text) is None
    ):
        return " ", False
    if (line.text.startswith("— ") and opening.startswith("— ") and not prev.text.endswith(("—", "–"))
            and not grammar().fields(line.text[2:])):
        # "— Lancer la phase publique …" / "— Solliciter …": items a dash opens, one after the other (test62's foundation);
        # not an item's tail wrapped after its own dash ("▸ Créer un compte …" / "— T3 2026 · Service des TI")
        return "\n", False
    if (line.item or line.para or is_heading(line.text) or _LIST_START_RE.match(line.text) or LISTED_BY_RE.match(line.text)
            or _starts_unit(prev.text, line.text, opening)):
        return "\n", False
    if is_caps(prev.text) != is_caps(line.text) and (is_heading(prev.text) or is_caps(prev.text)):
        return "\n", False
    if is_structural_heading(prev.text) and line.text[:1].isupper():
        return "\n", False
    if prev.text.endswith(_SENTENCE_END) and len(prev.text) < 0.8 * width:
        return "\n", False
    if (len(prev.text) < 0.7 * width and line.text[:1].isupper() and not continues(prev.text)
            and not prev.text.endswith(("-", " —", " –"))):
        # A line ending well short of the page width, then a capital: a new paragraph, item or table cell. (Not after
        # a dash, which parts an item's title from its tail: "▸ Refondre le portail … —" / "T2 2026 · Service des TI".)
        return "\n", False
    end = _FRAGMENT_END_RE.search(prev.text)
    start = _FRAGMENT_START_RE.match(line.text)
    if not end or not start or prev.trail_space or line.lead_space:
        return " ", False
    a, hyphen, b = end.group(1), end.group(2), start.group(1)
    if hyphen:
        return "", (a + b) in vocabulary
    joined_known = (a + b) in vocabulary
    parts_known = a in vocabulary and b in vocabulary
    hard_wrapped = len(prev.text) >= width - 2
    if joined_known and (not parts_known or hard_wrapped):
        return "", False
    return " ", False


def _value_below(prev: str, line: _Line) -> bool:
    """A line of fields that ends on a field's name, its value on the next line (not a lead-in over a list)."""
    g = grammar()
    fields = g.fields(prev) if prev.rstrip().endswith(":") else []
    return (bool(fields) and not fields[-1].value and not line.item and not _LIST_START_RE.match(line.text)
            and g.lead_in(prev) is None and g.heading(line.text) is None)


def _starts_unit(prev: str, line: str, opening: str = "") -> bool:
    """A line the plan grammar reads as a field ("Cible : …"), a lead-in ("Moyens :"), a table of contents
    heading ("Table des matières"), a container's heading
    ("Annexe 1. Tableau de bord") after a finished line, a heading naming its
    level ("Objectif A. …") or numbered ("1.1 Accroître …"), the next number of a numbered line wrapped
    above it ("2. …" after "1. … / … intégrateurs") or of a field line wrapped ("Budget : 560 000 $ / par année"),
    or the line after a heading naming its level."""
    g = grammar()
    if g.fields(line) or g.lead_in(line) or g.is_contents(line) or (g.is_container(line) and not continues(prev)):
        return True
    above = g.heading(prev)
    if above is not None and (above.kind is not None or _nested(above)) and line[:1].isupper() and not continues(prev):
        return True  # the line after a heading, when it does not go on in lower case nor after "in", "de"
    if prev.endswith(_SENTENCE_END) and (a := _ITEM_NUMBER_RE.match(opening)) and (b := _ITEM_NUMBER_RE.match(line)):
        # An item numbered on from the one it ends, however long: "2. Réaliser … [Porteur : …]" after "1. … 45 000 $]".
        return int(b.group(1)) == int(a.group(1)) + 1
    heading = g.heading(line)
    if heading is None or len(line) > 160 or line[:1].islower() and not heading.number:
        # (a level's word in lower case with no number goes on a sentence: "… appear under each" / "expected result.
        # The unit leading each step …", test46's college plan)
        return False
    # "1.1 …", "II. …", "B. …" start a heading anywhere; "2. …" after a sentence, a field or a heading.
    first = g.heading(opening) if opening else None
    sibling = first is not None and (first.scheme, first.depth) == (heading.scheme, heading.depth) and first.number != heading.number
    return (heading.kind is not None or _nested(heading) or prev.endswith(_SENTENCE_END) or bool(g.fields(prev))
            or bool(opening and g.fields(opening)) or above is not None or sibling)


def _nested(heading: Heading) -> bool:
    """A numbering that is not a plain list's: "1.1", "II.", "B."."""
    return heading.scheme in ("roman", "upper") or "." in heading.number


def continues(text: str) -> bool:
    """A line ending with a comma or a word that cannot end a sentence ("Dans le"), or leaving a bracket open
    ("Soutenir … (Équipe" before "Milieux scolaires, 2026)"), goes on."""
    last = text.rsplit(maxsplit=1)[-1].lower() if text.strip() else ""
    return text.endswith(",") or last in _FUNCTION_WORDS or text.count("(") > text.count(")")


def _repair_split_words(text: str) -> str:
    """``car rière``, ``F onds``, ``offr e`` (a word a PDF's justified or kerned line cut with a space) become
    ``carrière``, ``Fonds``, ``offre``: joined where the two pieces make a word of the dictionary and they are not two
    words already ("en semble" stays)."""
    words = word_list("fr")

    def fix(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        joined = (a + b).lower()
        acronym = len(a) > 1 and a.isupper()  # "REN de" is no "rende"
        return a if joined in words and not acronym and not (a.lower() in words and b in words) else m.group(0)

    def fix_caps(m: re.Match[str]) -> str:
        a, b = m.group(1).lower(), m.group(2).lower()
        return m.group(1) if a + b in words and not (a in words and b in words) else m.group(0)

    text = _SPLIT_WORD_RE.sub(fix, text)
    # A line in capitals spaced out by the PDF's letter-spacing and kerning: "STRA TÉGIE 1A — RENDRE LE CONCER T PL US
    # ACCES SIBLE" (test64's orchestra plan) is "STRATÉGIE 1A — RENDRE LE CONCERT PLUS ACCESSIBLE".
    return _SPLIT_CAPS_RE.sub(fix_caps, text) if is_caps(text) else text


def _repair_inline_hyphens(text: str, vocabulary: Vocabulary) -> str:
    """``acti- vités`` (a cut word reflowed onto one line) becomes ``activités``; compounds keep the hyphen."""

    def fix(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if b.lower() in _KEEP_SPACE_AFTER_HYPHEN:
            return m.group(0)
        return a + b if (a + b) in vocabulary else f"{a}-{b}"

    return _INLINE_HYPHEN_RE.sub(fix, text)


_ITEM_CHARS = 300  # an item of a list is no longer than this (a paragraph is)


def _fields_wrapped(built: str, text: str, after: str) -> bool:
    """Brackets of fields wrapped, ``text`` or the line ``after`` it closing what ``built`` (the line so far) left open:
    "[Lead: French Department; Support: Program coordinators;" / "Timeline: 2026–2027]" (test46's college plan),
    "[Porteur : TIR-SHV — Partenaires : MRC … —" / "Échéance : 2025-2028]." (test46's public-health plan), "… [Porteur :" /
    "Comité ZIP … | Horizon :" / "court terme]" (test42); in parentheses when they open on a field: "… (porteur : Service
    technique; quand : 2026-2027;" / "budget : 2,4 M$ (PQI))" (session 37's newcomer housing office, from its PDF)."""
    if text.startswith("|"):
        return False
    opened = _open_bracket(built)
    shut = {"[": "]", "(": ")"}
    return any(bracket in opened and (bracket == "[" or grammar().fields(built.rpartition(bracket)[2]))
               and any(t.count(shut[bracket]) > t.count(bracket) for t in (text, after)) for bracket in shut)


def _join(lines: list[_Line], vocabulary: Vocabulary, widths: list[int], n_pages: int) -> tuple[str, tuple[int, ...]]:
    parts: list[str] = []
    length = 0
    page_starts = [0] * n_pages
    seen_page = -1
    opening = ""  # the first piece of the line being built
    listing = False  # the lines since a lead-in ("Moyens :") are its items
    contents = False  # the lines since a table of contents' heading are its entries
    built = ""  # the line being built
    g = grammar()
    # A table of contents' entries are shorter than the document's lines, though maybe not its own page's (a
    # title page holds nothing longer): each entry is a line of its own.
    entry_chars = 0.8 * max(widths, default=80)
    for idx, line in enumerate(lines):
        text = _repair_split_words(_repair_inline_hyphens(line.text, vocabulary))
        if idx:
            prev = lines[idx - 1]
            sep, drop_hyphen = _separator(prev, line, vocabulary, widths[prev.page], opening)
            contents = contents and len(prev.text) <= entry_chars and not prev.text.endswith(_SENTENCE_END)
            if sep == " " and contents and (text[:1].isupper() or text[:1].isdigit()) and not continues(prev.text):
                sep = "\n"  # "Message du président …" / "Mot du président-directeur général"
            if (sep == " " and listing and len(built) <= _ITEM_CHARS and ". " not in built and text[:1].isupper()
                    and not is_caps(text) and not continues(prev.text) and not prev.text.endswith(("-", ".", ";", ":", " —", " –"))):
                # An item of the list, its bullet lost (a browser draws it): "… en philosophie" / "Bonifier le tutorat …"
                sep = "\n"
            if sep == "\n" and _fields_wrapped(built, text, lines[idx + 1].text if idx + 1 < len(lines) else ""):
                sep = " "
            if sep == "\n":
                # A list runs from its lead-in over short items; a field, a heading or a paragraph ends it.
                listing = bool(g.lead_in(opening)) or (listing and len(built) <= _ITEM_CHARS and ". " not in built
                                                        and not g.fields(text) and g.heading(text) is None
                                                        and not is_heading(text))
                opening, built = text, ""
                contents = contents or g.is_contents(text)
            built += sep if built else ""
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
                length -= 1
            parts.append(sep)
            length += len(sep)
        opening = opening or text
        built += text
        while seen_page < line.page:
            seen_page += 1
            page_starts[seen_page] = length
        parts.append(text)
        length += len(text)
    for p in range(seen_page + 1, n_pages):
        page_starts[p] = length
    return "".join(parts), tuple(page_starts)
