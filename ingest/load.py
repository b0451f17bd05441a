"""Read a plan file into pages of raw text: PDF with pypdf, text and Markdown as UTF-8."""

from __future__ import annotations

import logging
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
    plain = weights.paragraphs(page.extract_text(visitor_text=weights.visit) or "")
    if not carried and "  " not in plain and not _may_hold_table(plain):
        return plain, None, None
    tables, still_open, spill = pipe_tables(page.extract_text(extraction_mode="layout") or "", carried)
    return (tables if tables is not None else plain), still_open, spill


class _Weights:
    """Which lines of a page are set in bold, from the fonts pypdf reports for each piece of text: a change of
    weight between whole lines ends a paragraph, so a bold heading is never run into the text below it
    ("10. Favoriser l'équité … du Centre" above "Un plan d'action …")."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, bool]] = []

    def visit(self, text: str, cm, tm, font: dict | None, size: float) -> None:
        self.pieces.append((text, bool(_BOLD_RE.search(str((font or {}).get("/BaseFont", ""))))))

    def _bold_lines(self) -> list[bool]:
        lines: list[bool] = []
        bold = None  # None: no letter seen yet on this line
        for text, heavy in self.pieces:
            for i, part in enumerate(text.split("\n")):
                if i:
                    lines.append(bool(bold))
                    bold = None
                if any(c.isalnum() for c in part):
                    bold = heavy if bold is None else bold and heavy
        lines.append(bool(bold))
        return lines

    def paragraphs(self, text: str) -> str:
        lines = text.split("\n")
        bold = self._bold_lines()
        if len(bold) != len(lines) or not any(bold) or all(bold):
            return text  # pieces that do not line up with the text, or no change of weight: nothing to add
        out = [lines[0]]
        for before, line, was, now in zip(lines, lines[1:], bold, bold[1:]):
            if was != now and before.strip() and line.strip():
                out.append("")
            out.append(line)
        return "\n".join(out)


_BOLD_RE = re.compile(r"bold|black|heavy|demi|semibold|[-,]B[dk]?$", re.IGNORECASE)


def _may_hold_table(plain: str) -> bool:
    """A table's header cells come one per line in plain extraction (two grammar words on short lines in a
    row, or one line apart) or on one line of their own ("Indicateur Situation actuelle Cible 2030": two grammar words at
    least, on a line of at most eight; or a level's word and years: "Axe 2025- 2026 2026- 2027 Total"); or two
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
        len(words := ln.split()) <= 8 and sum(map(named, words)) >= 2 or names_columns(words) for ln in lines)


def _read_text(path: Path, data: bytes) -> list[str]:
    if b"\x00" in data[:4096]:
        raise IngestError(f"{path}: binary content, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8") from exc
    return text.split("\f")
