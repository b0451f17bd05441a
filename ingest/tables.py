"""Tables of a PDF page, read by column: pypdf's plain extraction gives a table's cells one wrapped
piece per line ("Intégrer le", "repérage des", …, "Direction SAPA"), so the columns are recovered from
its layout extraction, where every cell keeps its horizontal position.

A table starts at a header line of at least three cells (runs of text two or more spaces apart), two
of which name a field or a level of the plan grammar ("Action  Responsable  Échéance  Cible"). Each
later line whose pieces start at the header's columns belongs to it; a piece in the first column after
a blank line starts a new row, any other piece goes on the cell above it. The table ends at the first
line that does not fit the columns (or, after a blank, a line alone in the first column: a heading); a
table that runs to the foot of a page goes on with the rows at the top of the next. Each table becomes Markdown pipe rows ("| Action | Responsable |"),
which the unit reader reads by column like a table written in a text plan.
"""

from __future__ import annotations

import re

from .grammar import grammar

_PIECE_RE = re.compile(r"\S+(?: \S+)*")
_ALIGN = 3  # characters a cell may stand off its column's start (layout extraction rounds positions)
_MIN_COLUMNS = 3
_MIN_NAMED = 2


def _pieces(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _PIECE_RE.finditer(line)]


def _is_header(pieces: list[tuple[int, str]]) -> bool:
    if len(pieces) < _MIN_COLUMNS:
        return False
    g = grammar()
    named = sum(bool(g.fields(text + " :")) or g.kind_of(text) is not None for _, text in pieces)
    return named >= _MIN_NAMED


def _column(start: int, columns: list[int]) -> int | None:
    return next((i for i, c in enumerate(columns) if abs(start - c) <= _ALIGN), None)


def _fits(pieces: list[tuple[int, str]], columns: list[int]) -> list[int] | None:
    """The column of each piece, or None when a piece stands off the columns or runs over the next one."""
    cols = [_column(start, columns) for start, _ in pieces]
    if None in cols:
        return None
    for (start, text), c in zip(pieces, cols):
        if c + 1 < len(columns) and start + len(text) > columns[c + 1]:
            return None
    return cols


def _rows(lines: list[str], i: int, columns: list[int], rows: list[list[str]]) -> int:
    """Read table lines from ``lines[i]`` into ``rows``; the index of the first line after the table."""
    after_blank = True
    while i < len(lines):
        pieces = _pieces(lines[i])
        if not pieces:
            after_blank = True
            i += 1
            continue
        cols = _fits(pieces, columns)
        alone = cols == [0] and after_blank and len(rows) > 1  # a heading after the table, not a row
        if cols is None or _is_header(pieces) or alone:
            break  # a heading or paragraph across the columns, or the header of the next table
        if (after_blank and cols[0] == 0) or not rows:
            rows.append([""] * len(columns))
        for col, (_, text) in zip(cols, pieces):
            cell = rows[-1][col]
            # A word cut at the cell's edge ("interétablis-" / "sements") is joined again.
            joined = cell[:-1] + text if cell.endswith("-") and text[:1].islower() else f"{cell} {text}"
            rows[-1][col] = joined.strip()
        after_blank = False
        i += 1
    return i


def pipe_tables(layout: str, carried: list[int] | None = None) -> tuple[str | None, list[int] | None]:
    """The page's layout text with each table turned into pipe rows and other lines' spacing folded
    (None when the page has no table: the plain extraction is then kept), and the columns of a table
    still open at the page's end. ``carried`` are the columns of a table that the previous page left
    open: rows at the top of this page that fit them go on with it (a running header may come first)."""
    lines = layout.split("\n")
    out: list[str] = []
    found = False
    open_columns = None
    i = 0
    if carried:
        first = [j for j, line in enumerate(lines) if line.strip()][:3]
        # A row with a piece in every column gives this page's columns (layout positions scale per page).
        start = next((j for j in first if len(_pieces(lines[j])) == len(carried)), None)
        if start is not None:
            carried = [begin for begin, _ in _pieces(lines[start])]
            rows: list[list[str]] = []
            out.extend(" ".join(line.split()) for line in lines[:start])
            i = _rows(lines, start, carried, rows)
            out.extend("| " + " | ".join(row) + " |" for row in rows)
            found = True
            open_columns = carried if not any(line.strip() for line in lines[i:]) or _only_furniture(lines[i:]) else None
    while i < len(lines):
        header = _pieces(lines[i])
        if not _is_header(header):
            out.append(" ".join(lines[i].split()))
            i += 1
            continue
        found = True
        columns = [start for start, _ in header]
        rows = [[text for _, text in header]]
        i = _rows(lines, i + 1, columns, rows)
        out.append("")
        out.extend("| " + " | ".join(row) + " |" for row in rows)
        out.append("")
        open_columns = columns if _only_furniture(lines[i:]) else None
    return ("\n".join(out) if found else None), open_columns


def _only_furniture(lines: list[str]) -> bool:
    """Nothing but a page footer or blank lines left on the page."""
    return sum(bool(line.strip()) for line in lines) <= 1
