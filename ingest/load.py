"""Read a plan file into pages of raw text: PDF with pypdf, text and Markdown as UTF-8."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .grammar import grammar
from .models import IngestError
from .tables import continue_last_row, names_columns, pipe_tables

PDF_SUFFIXES = (".pdf",)
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = PDF_SUFFIXES + TEXT_SUFFIXES
_MIN_TEXT_CHARS = 20

logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class RawFile:
    path: Path
    pages: tuple[str, ...]
    info: dict[str, str]
    data: bytes


def load_file(path: Path) -> RawFile:
    """Read ``path``; raise IngestError naming the file when it holds no usable text."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"{path}: unsupported file type {suffix or '(none)'}; expected .pdf, .txt or .md")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    pages, info = _read_pdf(path, data) if suffix in PDF_SUFFIXES else (_read_text(path, data), {})
    if sum(len(p.strip()) for p in pages) < _MIN_TEXT_CHARS:
        reason = "no text layer (a scanned PDF?)" if suffix in PDF_SUFFIXES else "no text"
        raise IngestError(f"{path}: {reason}")
    return RawFile(path=path, pages=tuple(pages), info=info, data=data)


def _read_pdf(path: Path, data: bytes) -> tuple[list[str], dict[str, str]]:
    from io import BytesIO

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{path}: the PDF is encrypted with a password")
        if len(reader.pages) == 0:
            raise IngestError(f"{path}: the PDF has no pages")
        pages = []
        carried = None
        for page in reader.pages:
            text, open_columns, spill = _page_text(page, carried)
            if spill:
                pages[-1] = continue_last_row(pages[-1], spill)
            pages.append(text)
            carried = open_columns
        info = {str(k).lstrip("/"): str(v) for k, v in (reader.metadata or {}).items() if v}
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise IngestError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    return pages, info


def _page_text(page, carried: list[int] | None) -> tuple[str, list[int] | None, list[str] | None]:
    """The page's text; a page holding a table is read from its layout, the table as pipe rows. Also the
    columns of a table that runs on to the next page, and the end of the previous page's last row."""
    weights = _Weights()
    extracted = page.extract_text(visitor_text=weights.visit, visitor_operand_before=weights.before,
                                  visitor_operand_after=weights.after) or ""
    plain = weights.paragraphs(weights.in_reading_order(weights.in_place(extracted)))
    if not carried and "  " not in plain and not _may_hold_table(plain):
        return plain, None, None
    tables, still_open, spill = pipe_tables(_spaced_lines(page.extract_text(extraction_mode="layout") or ""), carried, plain)
    return (_with_forms(tables, plain, weights.moved) if tables is not None else plain), still_open, spill


def _with_forms(text: str, plain: str, moved: list[str]) -> str:
    """A page read from its layout, with the lines only forms hold put back: pypdf's layout mode leaves out the text a
    browser paints in a form ("ORIENTATION GOUVERNEMENTALE 1" at 90 % opacity over its title, test41's PADD). Each goes
    before the line that follows it in the plain text."""
    lines = text.split("\n")
    plain_lines = [line.strip() for line in plain.split("\n")]
    for line in moved:
        if not line or any(line in own for own in lines):
            continue
        after = next((p for p in plain_lines[plain_lines.index(line) + 1 :] if p), None) if line in plain_lines else None
        at = next((i for i, own in enumerate(lines) if after and own.strip().startswith(after)), None)
        if at is not None:
            lines.insert(at, line)
    return "\n".join(lines)


class _Weights:
    """The face each line of a page is set in, from the font and size pypdf reports for each piece of text: a change
    of weight between whole lines ends a paragraph, so a bold heading is never run into the text below it ("10.
    Favoriser l'équité … du Centre" above "Un plan d'action …"), and so does a line set larger than the one before, each
    in one face ("Expected result A1 — …" under an introduction, test46's college plan; not a change of style alone,
    an item's italic "[Direction artistique · chaque printemps · 6 500 $]" below it, test42, nor a smaller line, an
    item's "(échéance : 2026)" wrapped below it, test40), and a change of size between two bold lines (a champ's title
    over its first objective, "Des rues pour ralentir" / "1A – Réduire …", test65's road-safety plan).
    And where each piece stands, so that what a form paints last is read in its place (``in_place``, once per page,
    before ``paragraphs``)."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, _Face]] = []
        self.places: list[tuple[float, float]] = []  # where each piece stands on the page
        self.formed: list[bool] = []  # whether a form (an XObject the page paints with "Do") holds it
        self.moved: list[str] = []  # the lines of forms ``in_place`` moved to where they stand
        self._outer: list[list[float]] = []  # the page's matrix at each form being read

    def before(self, operator: bytes, operands, cm, tm) -> None:
        if operator == b"Do":
            self._outer.append(list(cm))

    def after(self, operator: bytes, operands, cm, tm) -> None:
        if operator == b"Do" and self._outer:
            self._outer.pop()

    def visit(self, text: str, cm, tm, font: dict | None, size: float) -> None:
        # The font's name without its subset tag ("EAAAAA+DejaVuSerif"), and the size as printed, in tenths of a point.
        name = str((font or {}).get("/BaseFont", "")).rpartition("+")[2]
        matrix = list(cm)
        place = _apply(matrix, (float(tm[4]), float(tm[5])))  # where the piece starts (the text matrix's origin)
        above = _apply(matrix, _apply(list(tm), (0.0, 1.0)))  # one unit of text space above it: the size's scale
        self.pieces.append((text, (name, round(float(size) * math.dist(above, place), 1))))
        # pypdf gives a form's pieces the form's own matrix: the page's, at the "Do" that paints it, is composed here.
        for outer in reversed(self._outer):
            place = _apply(outer, place)
        self.places.append(place)
        self.formed.append(bool(self._outer))

    def in_place(self, text: str) -> str:
        """The page's text with what a form holds moved to where it stands. A browser paints text with some opacity
        ("ORIENTATION 1" over a heading, at 90 %) in a form after the rest of the page, and pypdf reads it in that
        order, its letters spaced ("O R I E N TAT I O N  1"): the run goes before the first line of the page's own
        text that stands below it in the same column, letters joined."""
        if not any(self.formed) or "".join(t for t, _ in self.pieces) != text:
            return text
        pieces = list(zip(self.pieces, self.places, self.formed))
        runs: list[tuple[int, int]] = []
        for i, (_, _, formed) in enumerate(pieces):
            if formed and (not runs or runs[-1][1] != i):
                runs.append((i, i + 1))
            elif formed:
                runs[-1] = (runs[-1][0], i + 1)
        for start, end in reversed(runs):
            run = pieces[start:end]
            shown = [place for (t, _), place, _ in run if t.strip()]
            if not shown:
                continue
            x, y = shown[0]
            own = [(i, place) for i, ((t, _), place, formed) in enumerate(pieces) if not formed and t.strip()]
            before = [place for i, place in own if i < start]
            if not before or before[-1][1] >= y - _LINE:
                continue  # painted in its place already
            at = next((i for i, (px, py) in own if py < y - _LINE and abs(px - x) <= _COLUMN), None)
            if at is None or at > start:
                continue
            while at > 0 and not pieces[at - 1][0][0].endswith("\n"):
                at -= 1  # the start of that line
            moved = [((_despaced(t), face), place, False) for (t, face), place, _ in run]
            self.moved.insert(0, "".join(t for (t, _), _, _ in moved).strip())
            newline = (("\n", ("", 0)), (x, y), False)
            pieces = pieces[:at] + moved + [newline] + pieces[at:start] + pieces[end:]
        self.pieces = [piece for piece, _, _ in pieces]
        self.places = [place for _, place, _ in pieces]
        self.formed = [formed for _, _, formed in pieces]
        return "".join(t for t, _ in self.pieces)

    def in_reading_order(self, text: str) -> str:
        """The page's lines in the order they stand, where a browser painted some out of it. Chrome paints a positioned
        box (``position: relative`` or ``absolute``: an item with its code badge) after the rest of the page, so pypdf
        reads a list's items after the headings below them and "M1" under its item's last line (test65's road-safety
        plan). On a page of one column where a line stands higher than the line read before it by more than that
        line's size (not a superscript), the lines are put in order from the top, those on one baseline joined left
        to right ("M1 Abaisser la limite…")."""
        if "".join(t for t, _ in self.pieces) != text:
            return text
        lines: list[list[tuple[str, _Face, tuple[float, float]]]] = [[]]
        for (piece, face), place in zip(self.pieces, self.places):
            parts = piece.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if i and part.strip() and parts[0].strip():
                    return text  # a piece running over two lines: where the second stands is not known
                lines[-1].append((part, face, place))
        placed: list[tuple[tuple[float, float], float, list]] = []  # each line's place, size and pieces
        for line in lines:
            shown = next(((place, face[1]) for part, face, place in line if part.strip()), None)
            if shown:
                placed.append((shown[0], shown[1], line))
            elif placed:
                placed[-1][2].extend(line)
        # (Not a table's next cell, read up at the height of its row's first cell and right of it: "Engagement n°" /
        # "1", then "1.1 Faire …" beside them, test58's legal clinic.)
        if not any(b[0][1] > a[0][1] + max(a[1], _LINE) and abs(b[0][0] - a[0][0]) <= _COLUMN
                   and not any(abs(e[0][1] - b[0][1]) <= _LINE and e[0][0] < b[0][0] for e in placed[:i])
                   for i, (a, b) in enumerate(zip(placed, placed[1:]), start=1)):
            return text
        if any(abs(a[0][0] - b[0][0]) > _COLUMN and abs(a[0][1] - b[0][1]) <= min(a[1], b[1])
               for i, a in enumerate(placed) for b in placed[i + 1 :]):
            return text  # two columns side by side: their order is not the page's height
        rows: list[list[tuple[tuple[float, float], float, list]]] = []
        for line in sorted(placed, key=lambda line: -line[0][1]):
            if rows and abs(rows[-1][0][0][1] - line[0][1]) <= _LINE:
                rows[-1].append(line)
            else:
                rows.append([line])
        pieces: list[tuple[str, _Face, tuple[float, float]]] = []
        for row in rows:
            if pieces:
                pieces.append(("\n", pieces[-1][1], pieces[-1][2]))
            for j, (_, _, line) in enumerate(sorted(row, key=lambda line: line[0][0])):
                if j and not pieces[-1][0].endswith(" "):
                    pieces.append((" ", pieces[-1][1], pieces[-1][2]))
                pieces.extend(line)
        self.pieces = [(part, face) for part, face, _ in pieces]
        self.places = [place for _, _, place in pieces]
        self.formed = [False] * len(pieces)
        return "".join(part for part, _ in self.pieces)

    def _lines(self) -> list[tuple[bool, _Face | None]]:
        """Each line's weight (bold when every piece of it is) and face (None when it mixes faces)."""
        lines: list[tuple[bool, _Face | None]] = []
        faces: set[_Face] = set()  # the faces of this line's pieces that hold a letter or a digit
        for text, face in self.pieces:
            for i, part in enumerate(text.split("\n")):
                if i:
                    lines.append(_weight_and_face(faces))
                    faces = set()
                if any(c.isalnum() for c in part):
                    faces.add(face)
        lines.append(_weight_and_face(faces))
        return lines

    def paragraphs(self, text: str) -> str:
        lines = text.split("\n")
        faces = self._lines()
        if len(faces) != len(lines):
            return text  # pieces that do not line up with the text: nothing to add
        weighed = any(bold for bold, _ in faces) and not all(bold for bold, _ in faces)  # a change of weight to go by
        out = [lines[0]]
        for before, line, (was, set_in), (now, face) in zip(lines, lines[1:], faces, faces[1:]):
            larger = set_in and face and face[1] >= set_in[1] + _LARGER
            # Two bold headings, of words (not a badge's big letter over its title: "A" / "» Attirer …", test62)
            resized = (was and now and set_in and face and abs(face[1] - set_in[1]) >= _LARGER
                       and len(before.split()) > 1 and len(line.split()) > 1)
            if before.strip() and line.strip() and (weighed and was != now or larger or resized):
                out.append("")
            out.append(line)
        return "\n".join(out)


def _weight_and_face(faces: set[_Face]) -> tuple[bool, _Face | None]:
    return bool(faces) and all(_BOLD_RE.search(name) for name, _ in faces), next(iter(faces)) if len(faces) == 1 else None


_LINE = 2.0  # points: a piece this much higher than the one before stands above it (rounding of positions)
# Points: a piece this far left or right of another stands in another column. Set by hand (wider than a heading's
# indent, narrower than a column in the gold PDFs of eval/datasets/structure), not fit.
_COLUMN = 150.0
# Capitals spaced one by one ("O R I E N TAT I O N  1"): letter-spacing in the PDF, two spaces between words.
_SPACED_RE = re.compile(r"(?<!\S)(?:[A-ZÀ-Þ0-9]{1,3} ){3,}[A-ZÀ-Þ0-9]{1,3}(?!\S)")


def _despaced(text: str) -> str:
    return _SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)


# A line of capitals spaced one by one, its words two spaces or more apart ("A X E   D ' I N T E RV E N T I O N   1"):
# in the page's layout the gaps between its words would read as a table's columns (test35's government plan).
_SPACED_WORD = r"[A-ZÀ-Þ'’]{1,3}(?: [A-ZÀ-Þ'’]{1,3})+"  # ("TAT": a pair the font kerns stays whole)
_SPACED_LINE_RE = re.compile(rf"^(?P<indent>\s*)(?P<words>{_SPACED_WORD}(?: {{2,}}(?:{_SPACED_WORD}|\d{{1,3}}))+)\s*$", re.MULTILINE)


def _spaced_lines(text: str) -> str:
    """The page's lines of letter-spaced capitals written as words."""
    def whole(m: re.Match[str]) -> str:
        return m.group("indent") + " ".join(w.replace(" ", "") for w in re.split(r" {2,}", m.group("words")))

    return _SPACED_LINE_RE.sub(whole, text)


def _apply(matrix: list[float], point: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in matrix[:6])
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


_Face = tuple[str, float]  # a font's name and a size in points
# Points: a line this much larger than the one before opens a paragraph. Set by hand, not fit: under the two points
# between test46's body (13.3) and its headings (15.3), over the rounding of sizes a matrix scales (9.5 × 1.0000001).
_LARGER = 1.0
_BOLD_RE = re.compile(r"bold|black|heavy|demi|semibold|[-,]B[dk]?$", re.IGNORECASE)


def _may_hold_table(plain: str) -> bool:
    """A table's header cells come one per line in plain extraction (two grammar words on short lines in a
    row, or one line apart) or on one line of their own ("Indicateur Situation actuelle Cible 2030": two grammar words at
    least, on a line of at most eight, a name of up to three words counting once: "Expected result Target"; or a level's word and years: "Axe 2025- 2026 2026- 2027 Total"); or two
    lines in a row open on a field's name, its value after it with no colon (a table of two columns). A page
    that passes and holds no table costs a layout extraction."""
    lines = [ln.strip() for ln in plain.split("\n")]
    g = grammar()

    def named(text: str) -> bool:
        return bool(text) and len(text) <= 30 and g.names(text.rstrip("-– "))  # "Cible 2023-" wraps "2024"

    def labelled(text: str) -> bool:  # "Responsable Direction du réseau": a field's name, its value in the next cell
        label, _, value = text.partition(" ")
        return bool(g.fields(label + " :")) and (value[:1].isupper() or value[:1].isdigit())

    one_per_line = [named(ln) for ln in lines]
    fields = [labelled(ln) for ln in lines]
    # A header cell wrapped over two lines ("Mesure de départ" / "(2022-2023)") puts one line between two cells.
    return any(a and (b or c) for a, b, c in zip(one_per_line, one_per_line[1:], one_per_line[2:] + [False])) or any(
        a and b for a, b in zip(fields, fields[1:])) or any(
        len(words := ln.split()) <= 8 and _cells_named(words, named) >= 2 or names_columns(words) for ln in lines)


def _cells_named(words: list[str], named) -> int:
    """How many header cells a line's words name, the longest name first ("Expected result Target": two)."""
    count, i = 0, 0
    while i < len(words):
        n = next((n for n in (3, 2, 1) if i + n <= len(words) and named(" ".join(words[i : i + n]))), 0)
        count, i = count + bool(n), i + (n or 1)
    return count


def _read_text(path: Path, data: bytes) -> list[str]:
    if b"\x00" in data[:4096]:
        raise IngestError(f"{path}: binary content, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8") from exc
    return text.split("\f")
