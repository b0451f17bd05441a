"""Tables of a PDF page, read by column: pypdf's plain extraction gives a table's cells one wrapped
piece per line ("Intégrer le", "repérage des", …, "Direction SAPA"), so the columns are recovered from
its layout extraction, where every cell keeps its horizontal position.

A table starts at a header line of at least three cells (runs of text two or more spaces apart), two
of which name a field or a level of the plan grammar ("Action  Responsable  Échéance  Cible"). Its
columns start where its cells do: the header's positions, or those of its first row when the header is
centred over it. Each later line whose pieces start at the columns belongs to it; a piece in the first
column after a blank line, or a numbered one below a numbered row ("I.1.b …"), starts a new row; any
other piece goes on the cell above it. The table ends at the first
line that does not fit the columns (or, after a blank, a line alone in the first column: a heading); a
table that runs to the foot of a page goes on with the rows at the top of the next, and a row the page
break cut is joined again. Each table becomes Markdown pipe rows ("| Action | Responsable |"),
which the unit reader reads by column like a table written in a text plan.
"""

from __future__ import annotations

import re
import unicodedata

from .clean import continues
from .grammar import RUN_IN_RE, Grammar, bare_number, grammar, period, row_cells
from .structure import is_caps
from .vocabulary import word_list

_PIECE_RE = re.compile(r"\S+(?: \S+)*")
_ALIGN = 3  # characters a cell may stand off its column's start (layout extraction rounds positions)
_CENTRED = 6  # characters of a piece that may be centred in its cell: a mark, a code, "F / A"
# Characters a cell's text may be indented from its column's start: a register's actions set in under their
# objectives (test39's two registers: 4).
_INDENT = 5
_MIN_COLUMNS = 3
# The words of a header cell of a two-column table at most ("Indicateur de résultat", "Valeur de départ"). Set by hand,
# not fit: the longest field names of the grammar that head such tables in the structure sets.
_NAME_WORDS = 4
_MIN_NAMED = 2
_JUSTIFIED_PIECES = 5  # a header of more cells than this, two spaces apart, is words of a justified line


def _pieces(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _PIECE_RE.finditer(line)]


def _is_header(pieces: list[tuple[int, str]]) -> bool:
    """A layout line that heads a table: three cells or more, or two that each name a field ("Indicateur de résultat
    Cible 2030", test23's research centre). A level beside ("Action   Unité responsable", "OBJECTIF   ACTIONS") heads
    the two columns of a page's layout as often as a table's, whose wrapped cells its layout would run together
    (test20's, test17's plans)."""
    g = grammar()
    two = len(pieces) == 2 and all(len(t.split()) <= _NAME_WORDS and g.fields(f"{t} :") for _, t in pieces)
    if len(pieces) < _MIN_COLUMNS and not two or _justified(pieces) or _justified(pieces[:-1]):
        return False  # (nor one beside a box's line: "pour  les  personnes  …  qui     CALENDRIER", test66's ministry plan)
    if any(g.fields(text) for _, text in pieces):
        return False  # "Responsable : X   Échéance : 2027   Cible : 40 %" is one line of fields, not a header
    return two or names_columns([text for _, text in pieces])


_YEARS_RE = re.compile(r"^(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)?\d{2})?)?|total)$", re.IGNORECASE)


def names_columns(cells: list[str]) -> bool:
    """Cells of a table's header: two name a field or a level ("Action", "Cible 2030"; "Cible 2024-" wraps
    "2025"), or one does and most others are years ("Axe | 2025-2026 | 2026-2027 | Total"; a calendar's "Mesure |
    En bref | 2026 | 2027 | 2028", test65's road-safety plan)."""
    named = [_names(cell) for cell in cells]
    years = sum(bool(not n and _YEARS_RE.match(c)) for n, c in zip(named, cells))
    return sum(named) >= _MIN_NAMED or (any(named) and years >= _MIN_NAMED and years > len(cells) - sum(named) - years)


def _names(cell: str) -> bool:
    """A header cell that names a field or a level, a dash it wrapped after left out ("Cible 2024-" over "2025")."""
    return grammar().names(cell.rstrip("-– "))


def _justified(pieces: list[tuple[int, str]]) -> bool:
    """A line of justified text, which layout extraction cuts at every word ("Orientation  6  :  Faire  du …"):
    many pieces, each two spaces from the one before; columns stand further apart."""
    gaps = [start - (before + len(text)) for (before, text), (start, _) in zip(pieces, pieces[1:])]
    return len(pieces) > _JUSTIFIED_PIECES and all(gap <= 2 for gap in gaps)


def _column(start: int, columns: list[int]) -> int | None:
    return next((i for i, c in enumerate(columns) if abs(start - c) <= _ALIGN), None)


def _columns(header: list[tuple[int, str]], following: list[str]) -> list[int]:
    """Where the table's cells start: where the lines below start their pieces, when they fall into as many
    columns as the header has, each set off to the left of its header cell (a centred header; a browser also
    centres a short cell vertically, so one line may not fill every column), else the header's own
    positions."""
    rows = [_pieces(line) for line in following]

    def fit(columns: list[int]) -> bool:
        return all(_fits(pieces, columns) is not None for pieces in rows)

    starts = sorted({start for pieces in rows for start, _ in pieces})
    clusters: list[list[int]] = []
    for start in starts:
        if clusters and start - clusters[-1][-1] <= _ALIGN:
            clusters[-1].append(start)
        else:
            clusters.append([start])
    if len(clusters) == len(header):
        # Each column starts after the previous header cell does, and at or before its own header cell; or, its
        # header cell centred over the rows' ("Indicateur" over the indicators) or its figures set to the right
        # ("40" under "Cible 2023-2024"), before the next header cell.
        before = [-1, *(start for start, _ in header[:-1])]
        after = [*(start for start, _ in header[1:]), 10**6]
        cells = [min(c) for c in clusters]
        if all(prev < cell <= start + _ALIGN for cell, (start, _), prev in zip(cells, header, before)):
            return cells
        # A column then starts where its header cell or its rows do, whichever is further left.
        leftmost = [min(cell, start) for cell, (start, _) in zip(cells, header)]
        if all(prev < cell < nxt for cell, prev, nxt in zip(cells, before, after)) and fit(leftmost):
            return leftmost
    own = [start for start, _ in header]
    if len(clusters) < len(header) and all(text for _, text in header) and not fit(own):
        # Fewer, and the rows do not fit the header's positions: a column empty in the first rows ("●" marks under
        # "MO  P  S") beside a centred header cell. Each cluster is the column of the first header cell it stands
        # at or before, after the previous header cell's start; a column no cluster starts keeps its header's
        # position. Kept only when every first row fits it.
        cells, k = list(own), 0
        for cluster in clusters:
            begin = min(cluster)
            k = next((j for j in range(k, len(header)) if begin <= header[j][0] + _ALIGN), len(header))
            if k == len(header) or k and begin <= header[k - 1][0]:
                return own
            cells[k], k = begin, k + 1
        if fit(cells):
            return cells
    return own


# A year or a part of one in a header cell: "2024-", "2025", "(2024)", "2024)" (the end of "Cible 2030 (départ" / "2024)").
_HEADER_PIECE_RE = re.compile(r"^(?:(?:19|20)?\d{2}(?:\d{2})?[-–]?|[-–]|\(?(?:19|20)\d{2}(?:[-–](?:19|20)?\d{2})?\))$")
_LEADING_YEAR_RE = re.compile(r"^(?:19|20)\d{2}\s+(?=\D)")
_SERIAL_RE = re.compile(r"^\d{1,2}$")
# The unit of a header cell's figures, wrapped under it: "Total" / "(k$)", "Budget" / "(M$)", "Part" / "(%)".
_UNIT_PIECE_RE = re.compile(r"^\((?:en\s+)?(?:(?:[kM]\s?)?\$|%|milliers de \$|millions de \$)\)$")
_HEADER_WORDS = 3  # most words in a piece of a header cell wrapped above the header line ("Valeur de")


def _header_part(pieces: list[tuple[int, str]]) -> bool:
    """A line of header cells wrapped by the page: each piece names a field or a level, or is a year or part
    of one ("2024-", "2025")."""
    g = grammar()
    if _announces(pieces):
        return False
    # (A year may come first in English: "2030 Target" under "Cible 2030 /", test14's bilingual plan.)
    named = [g.names(_LEADING_YEAR_RE.sub("", text.rstrip("-– "))) or g.numbers_column(text)
             or bool(_HEADER_PIECE_RE.match(text) or period(text)) for _, text in pieces]
    # Or the header's own line under cells it wrapped above ("Indicateur de   Départ   Cible" over "Axe   Objectif
    # résultat   (2024)   2028   N°   Action …", test18's tourism plan): cells naming columns, and pieces going on
    # in lower case.
    # Or initials under spanning cells ("MO  P  S" under "Rôle de la MRC", "C  M  L" under "Horizon", test21's MRC plan).
    initials = len(pieces) >= 2 and all(len(text) <= 3 and text.isalpha() and text.isupper() for _, text in pieces)
    return bool(pieces) and (all(named) or initials or sum(named) >= _MIN_NAMED
                             and all(n or text[:1].islower() for n, (_, text) in zip(named, pieces)))


def _announces(pieces: list[tuple[int, str]]) -> bool:
    """"Actions" over a table: a lead-in announcing its rows, no part of its header."""
    return len(pieces) == 1 and grammar().lead_in(pieces[0][1]) is not None


def _wrapped(pieces: list[tuple[int, str]], header: list[tuple[int, str]], below: bool) -> bool:
    """A line of pieces of header cells a browser wrapped or centred around the header line: "Valeur de"
    above "référence", "actuelle" or "(2024)" below "Situation". Fewer pieces than the header, each of a few
    words without figures (below: going on in lower case, a year, or the number of a cell its header repeats:
    "Année" over "1"; or the unit of its figures: "(k$)" under "Total") and each over a header cell."""
    def over(start: int, text: str) -> bool:
        middle = start + len(text) / 2
        return any(begin - _ALIGN <= middle <= begin + len(cell) + _ALIGN for begin, cell in header)

    def part(text: str) -> bool:
        if below:  # or the number of a cell its header repeats ("Année" over "1", "Année" over "2")
            return text[:1].islower() or bool(_HEADER_PIECE_RE.match(text) or _SERIAL_RE.match(text) or _UNIT_PIECE_RE.match(text))
        return not any(c.isdigit() for c in text)

    return (0 < len(pieces) < len(header) and not _announces(pieces)
            and all(len(text.split()) <= _HEADER_WORDS and part(text) and over(start, text) for start, text in pieces))


def _merged(header: list[tuple[int, str]], other: list[tuple[int, str]], above: bool = False) -> list[tuple[int, str]]:
    """Header cells with the pieces of a line wrapped from (or centred above) them, each piece joined to the
    cell whose middle is nearest; a piece off every cell, or the second under one cell (which spans them), is a
    cell of its own."""
    cells = [[start, text] for start, text in header]
    taken: list[list] = []  # cells that a piece of ``other`` went on already
    for start, text in other:
        middle = start + len(text) / 2
        # The cell the piece stands under, or the one whose middle is nearest: "place" set at the left of a long
        # cell ("Mesure de prévention … à mettre en") is nearer the middle of a short one beside it ("N°").
        nearest = max(cells, key=lambda c: (_overlap(c, start, text), -abs(c[0] + len(c[1]) / 2 - middle)))
        if abs(nearest[0] + len(nearest[1]) / 2 - middle) > max(len(nearest[1]), len(text)) or any(
                c is nearest for c in taken) or not (start < nearest[0] + len(nearest[1]) and nearest[0] < start + len(text)):
            # off every cell, or a second piece under one ("Échéancier" over "2024  2025"), or beside the nearest without
            # overlapping it ("Réf." and "Indicateur de performance clé (IPC)" under a line with neither, test19)
            cells.append([start, text])
            continue
        taken.append(nearest)
        joined = nearest[1] + text if nearest[1].endswith(("-", "–")) and text[:1].isdigit() else _join(nearest[1], text)
        nearest[1] = f"{text} {nearest[1]}" if above else joined  # "Cible 2024-" + "2025": "Cible 2024-2025"
        nearest[0] = min(nearest[0], start)
    return [(start, text) for start, text in sorted(cells)]


def _overlap(cell: list, start: int, text: str) -> int:
    return max(0, min(cell[0] + len(cell[1]), start + len(text)) - max(cell[0], start))


def _stacked(top: list[tuple[int, str]], below: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """A header printed over two lines, ``top`` no header alone: cells wrapped on top ("Situation de", "Cible")
    and the rest below, where a short cell is centred ("Indicateur", "départ", "2027"). The cells joined, or
    None. Or a header whose cells a browser wrapped onto the line below, where the line above is no header alone
    ("Indicateurs   Mesure de   2023-   2024-" over "départ   2024   2025")."""
    if not _justified(top) and _wrapped(below, top, below=True) and _is_header(header := _merged(top, below)):
        return header
    if len(top) < 2 or not below or any(
            len(text.split()) > _HEADER_WORDS or any(c.isdigit() for c in text) for _, text in top):
        return None
    header = _merged(below, top, above=True)
    return header if _is_header(header) else None


def _block(lines: list[str], i: int, most: int = 6) -> list[str]:
    """The lines from ``i`` (or the first line after blank ones) up to the next blank one, at most ``most``: the
    table's first rows."""
    out = []
    while i < len(lines) and not lines[i].strip():
        i += 1
    for line in lines[i : i + most]:
        if not line.strip():
            break
        out.append(line)
    return out


def _numbered(cell: str) -> bool:
    """A cell that opens on a number of the plan ("I.1.b Installer …", "2.3 Offrir …")."""
    heading = grammar().heading(cell)
    return heading is not None and heading.number != ""


def _fits(pieces: list[tuple[int, str]], columns: list[int], indent: bool = True) -> list[int] | None:
    """The column of each piece, or None when a piece stands off the columns or runs over the next one. A
    figure after the first column may stand to the right of its column's start: figures are set flush right
    ("2024-2025" over "   1,2"); so may a short piece, centred in its cell ("✓", "B", "F / A"); and, with ``indent``,
    a piece a few characters in, indented in its cell."""
    place = _indented if indent else _column
    cols = [_within(start, columns) if i and _FIGURE_RE.match(text) or _centred(start, text, columns) else place(start, columns)
            for i, (start, text) in enumerate(pieces)]
    if None in cols:
        return None
    for (start, text), c in zip(pieces, cols):
        if c + 1 < len(columns) and start + len(text) > columns[c + 1]:
            return None
    return cols


def _indented(start: int, columns: list[int]) -> int | None:
    """The column a piece starts at, or else is indented in."""
    near = _column(start, columns)
    return near if near is not None else next((i for i, c in enumerate(columns) if 0 < start - c <= _INDENT), None)


def _centred(start: int, text: str, columns: list[int]) -> bool:
    """A short piece that may stand centred in its cell: within a column, the last one's first characters
    included (not a page counter "1/1" far to the right)."""
    return len(text) <= _CENTRED and columns[0] <= start <= columns[-1] + 2 * _CENTRED


_FIGURE_RE = re.compile(r"^[-−]?\d[\d  ,.]*(?:\s*(?:%|\$|M\$|k\$|G\$))?$")


def _within(start: int, columns: list[int]) -> int | None:
    """The column a piece starting at ``start`` falls in: at its start, or between it and the next one's."""
    near = _column(start, columns)
    if near is not None:
        return near
    return next((c for c in range(len(columns) - 1, -1, -1) if start > columns[c]), None)


def _rows(lines: list[str], i: int, columns: list[int], rows: list[list[str]]) -> int:
    """Read table lines from ``lines[i]`` into ``rows``; the index of the first line after the table."""
    after_blank = True
    # The table's first line opens a row, whatever columns it fills (a browser centres a code beside its wrapped title),
    # unless it is the end of the header's wrapped cells, right under it: a few short pieces ("porteur   ODD").
    first = len(rows)
    spaced = False  # the row being read opened after a blank line
    while i < len(lines):
        pieces = _pieces(lines[i])
        if not pieces:
            after_blank = True
            i += 1
            continue
        pieces = _rejoined(pieces, columns)
        cols = _fits(pieces, columns)
        if cols is None and (across := _level_across(pieces, columns, lines[i + 1 : i + 2])) is not None:
            label, title, numbered = across
            rows.append([label, title] + [""] * (len(columns) - 2))  # "Objectif    Repérer …" / "1.1", across the table
            after_blank = True
            i += 1 + numbered
            continue
        if cols in (None, [0]) and _spans(pieces, columns, lines[i + 1 :]):
            rows.append([" ".join(text for _, text in pieces)] + [""] * (len(columns) - 1))  # "Objectif 1.1 — …" across
            after_blank = True
            i += 1
            continue
        alone = cols == [0] and after_blank and len(rows) > 1  # a heading after the table, not a row
        lead_in = cols == [0] and grammar().lead_in(pieces[0][1]) is not None  # "Moyens :" opens a list below
        heading = cols == [0] and getattr(grammar().heading(pieces[0][1]), "kind", None) is not None  # "Priorité 2 – …"
        if cols is None or _is_header(pieces) or _justified(pieces) or alone or lead_in or heading or (
                cols and cols[0] == 0 and rows and _shallower(pieces, [row[0] for row in rows[first:]])):
            break  # a heading or paragraph across the columns, or the header of the next table
        starts = len(rows) == first and not (first and _header_end(lines, i, pieces, columns))
        renumbered = [col for col, (_, text) in zip(cols, pieces) if not starts and _renumbers(text, rows[-1][col])]
        if (spaced and renumbered and 0 not in renumbered and all(
                RUN_IN_RE.match(text) if col in renumbered else _goes_on(rows[-1][col], text)
                for col, (_, text) in zip(cols, pieces))):
            # "b) Transmettre …" under "a) Administrer …" in the row of objective 1.1, the rows set apart by blank lines
            # and the line's other pieces going on with their cells: the next item of the row's cell, run in after the
            # first (test53's cégep plan; not "b) Offrir …" beside its own owner and date, test14's CISSS)
            renumbered = []
        if ((after_blank and cols[0] == 0) or starts or (cols[0] == 0 and _opens_row(pieces[0][1], rows[-1][0]))
                or renumbered or after_blank and _another_item(pieces, cols, rows)):
            spaced = after_blank
            rows.append([""] * len(columns))
        for col, (_, text) in zip(cols, pieces):
            rows[-1][col] = _join(rows[-1][col], text)
        after_blank = False
        i += 1
    return i


def _goes_on(cell: str, text: str) -> bool:
    """Whether a piece goes on with the cell above it: in lower case, or after a cell that does not end."""
    return text[:1].islower() or _unended(cell)


def _unended(cell: str) -> bool:
    """A cell that does not end: "Comité logement des" (/ "Trois-Vallées"), "Organismes communautaires;" (/ "Ville …")."""
    return continues(cell) or cell.endswith(";")


def _header_end(lines: list[str], i: int, pieces: list[tuple[int, str]], columns: list[int]) -> bool:
    """A line right under a table's header, of fewer pieces than columns, each of a few words: its cells' wrapped end."""
    return (i > 0 and bool(lines[i - 1].strip()) and len(pieces) < len(columns)
            and all(len(text.split()) <= _HEADER_WORDS for _, text in pieces))


def _another_item(pieces: list[tuple[int, str]], cols: list[int], rows: list[list[str]]) -> bool:
    """After a blank line, a line of a row's next item that leaves the first column empty ("Intégrer des cours …" a
    blank line under "Déployer un système …", both moyens of objective 1.1, test21's cégep): it opens with a
    capital, and every cell it writes in holds text already (a short cell a browser centred in a tall row fills an
    empty one) that does not go on ("Comité logement des" / "Trois-Vallées", "Organismes communautaires;" / "Ville …")."""
    return len(rows) > 1 and pieces[0][1][:1].isupper() and all(
        rows[-1][col] and not _unended(rows[-1][col]) for col in cols)


def _rejoined(pieces: list[tuple[int, str]], columns: list[int]) -> list[tuple[int, str]]:
    """The pieces of a table's line, a piece that stands off every column and goes on in lower case joined to the one
    before it where the two ends make a dictionary word: a PDF's kerning cut "l'heur" / "e du conte" in a cell
    ("Bonifier l'heure du conte", a newcomer's plan)."""
    out: list[tuple[int, str]] = []
    for start, text in pieces:
        cut = out and _column(start, columns) is None and text[:1].islower() and out[-1][1][-1:].isalpha()
        if cut and _word(re.split(r"[\s'’]", out[-1][1])[-1] + text.split(" ", 1)[0]):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((start, text))
    return out


def _word(text: str) -> bool:
    """A dictionary word, its ligatures spelled out ("ﬁnancière")."""
    return unicodedata.normalize("NFKC", text).lower() in word_list("fr")


def _renumbers(piece: str, cell: str) -> bool:
    """A numbered piece under a cell of its column that is numbered already: the next unit of that column's level, on
    a row of its own ("1.1.2" under "1.1.1" in a table whose objectif's cell spans its actions' rows)."""
    return bool(cell) and bool(_numbered(piece) or bare_number(piece)) and bool(_numbered(cell) or bare_number(cell))


def _shallower(pieces: list[tuple[int, str]], above: list[str]) -> bool:
    """A first cell numbered above every level of the rows' own ("F2" under rows "F1.1", "F1.2"): the next unit's
    heading, not a row; unless a cell of its own names its level ("3   Orientation   RÉDUIRE …"): a row of a register,
    the whole hierarchy in one table."""
    g = grammar()
    if len(pieces) > 1 and g.level_cell(pieces[1][1]):
        return False
    new = bare_number(pieces[0][1].split(" ", 1)[0])
    here = g.probe(new) if new else None
    depths = [there.depth for cell in above if (old := bare_number(cell.split(" ", 1)[0])) and (there := g.probe(old))]
    return here is not None and bool(depths) and here.depth < min(depths)


def _spans(pieces: list[tuple[int, str]], columns: list[int], below: list[str]) -> bool:
    """A unit's heading written across the table (it runs over the columns), its rows going on below in the
    table's columns: a labelled heading alone at the first column or centred across, or a line of its fields that runs
    over the second column ("Indicateur : Part modale …   ·  Cible : 18 % en 2030", test18's climate plan); and the next line a row of
    three cells or more (two in a table of two)."""
    g = grammar()
    first, text = pieces[0]
    # At the first column, or centred over two columns' starts at least (test15's coastal plan)
    if _column(first, columns) != 0 and not (len(pieces) == 1 and sum(first < c < first + len(text) for c in columns) >= 2):
        return False
    heading = g.heading(text) if len(pieces) == 1 else None
    fields = len(columns) > 1 and first + len(text) > columns[1] and bool(g.fields(text))
    if not fields and (heading is None or not heading.labelled):
        return False
    # (Past the other lines across the table: a heading under a heading, "Orientation 1" over "Objectif 1.1" (test15),
    # and the unit's lines of fields.)
    after = next((_pieces(line) for line in below if line.strip() and not _across(g, line.strip())), [])
    return len(after) >= min(3, len(columns)) and not _is_header(after) and _fits(_rejoined(after, columns), columns) is not None


def _level_across(pieces: list[tuple[int, str]], columns: list[int], below: list[str]) -> tuple[str, str, int] | None:
    """A unit's row across a table, its level's word in the first column and its title running over the others, its
    number wrapped under the word ("Objectif    Repérer systématiquement …" / "1.1", a government plan's shaded objective
    rows in its table of measures, test66): the unit's level and number, its title, and whether the next line held its
    number."""
    if len(pieces) != 2 or _column(pieces[0][0], columns) != 0 or len(columns) < 3:
        return None
    (_, word), (start, title) = pieces
    if grammar().level_cell(word) is None or _column(start, columns) != 1 or start + len(title) <= columns[2]:
        return None
    after = _pieces(below[0]) if below else []
    if len(after) == 1 and _column(after[0][0], columns) == 0 and bare_number(after[0][1]):
        return f"{word} {after[0][1]}", title, 1
    return word, title, 0


def _across(g: Grammar, line: str) -> bool:
    """A line that may run across a table: a labelled heading, or a line of fields."""
    heading = g.heading(line)
    return heading is not None and heading.labelled or bool(g.fields(line))


def _opens_row(piece: str, above: str) -> bool:
    """A first-column piece that begins a row with no blank line above it: a number below a numbered row
    ("I.1.b …" under "I.1.a …"), or a capital after a first cell that ends a phrase ("tous les campus" /
    "Tenir des rencontres"; not after "René-", "centres de" or a number alone)."""
    if (_numbered(piece) or bare_number(piece)) and (_numbered(above) or bare_number(above)):
        return True  # "1.1.2" under "1.1.1"; "I.1.b …" under "I.1.a …"
    if _CODE_RE.fullmatch(piece) and _shape(piece) == _shape(above):
        return True  # a project's code under another of the same make: "26-EP-03" under "25-EP-02" (test30's town)
    if bare_number(above):
        return False  # "3.1" / "Promouvoir la santé …": a number, its title wrapped below it in a narrow column
    if is_caps(above) and is_caps(piece):
        return False  # "AXE 1 – ACCUEIL" / "ET EXPÉRIENCE": a title in capitals wrapped in its cell
    return bool(above) and piece[:1].isupper() and not above.endswith("-") and not continues(above)


# A row's code: letters and figures joined by dashes or points, a figure in it ("25-EP-02", "GOU-01", "R1.1").
_CODE_RE = re.compile(r"(?=\S*\d)[^\W_]+(?:[-.][^\W_]+)+")


def _shape(code: str) -> str:
    """A code's make, its figures and letters each one mark: "25-EP-02" and "26-EU-03" are both "9-A-9"."""
    return re.sub(r"[^\W\d_]+", "A", re.sub(r"\d+", "9", code))


_YEAR_CUT_RE = re.compile(r"(?:^|\s)(?:19|20)\d{2}[-–]$")


def _join(cell: str, text: str) -> str:
    """A cell's text with its next wrapped piece; a word cut at the cell's edge ("interétablis-" /
    "sements") is joined again, and a period cut after its dash ("2024-" / "2025")."""
    if cell.endswith("-") and text[:1].islower():
        joined = cell[:-1] + text
    elif _YEAR_CUT_RE.search(cell) and text[:1].isdigit():
        joined = cell + text
    else:
        joined = f"{cell} {text}"
    return joined.strip()


def _pipe_row(cells: list[str]) -> str:
    """A row of cells as a pipe row, as a text plan writes it."""
    return "| " + " | ".join(cells) + " |"


def is_header_row(line: str) -> bool:
    """A pipe row whose cells all name a level or a field: a table's header."""
    g = grammar()
    return line.startswith("|") and all(g.names(c) for c in row_cells(line) if c)


def continue_last_row(text: str, cells: list[str]) -> str:
    """A page's text whose last pipe row goes on with ``cells``, the end of that row cut by the page break."""
    lines = text.split("\n")
    last = max(j for j, line in enumerate(lines) if line.startswith("|"))
    lines[last] = _pipe_row([_join(a, b) for a, b in zip(row_cells(lines[last]), cells)])
    return "\n".join(lines)


# Page columns: a page set in columns of prose (a brochure in two or three columns, a plan in French and English side
# by side) reads, in its layout, as lines running across every column; read so, a table inside one column takes the
# others' lines for its rows. A gutter is a band of blank characters that runs down many lines with prose on either
# side, no table's header line across it, and the page's own order of its text (pypdf's plain extraction, the order in
# which it was written) reading down the left side before the right: a table's rows are written across, row by row.
_GUTTER_LINES = 8  # lines with text beside a gutter, on each side, for it to part the page's columns
_PROSE_CHARS = 20  # the median width of a column's text on a line: a column of labels or figures is a table's
_FOUND_CHARS = 15  # the text of a line's side that is looked for in the page's text


def _strips(lines: list[str], plain: str) -> list[str]:
    """The page's lines, its columns of prose one after the other (each line keeps its characters' positions), or the
    lines as they are when the page has none. ``plain``: the page's text in the order it was written."""
    pieces = [_pieces(line) for line in lines]
    width = max((len(line) for line in lines), default=0)
    best: tuple[int, int, int] | None = None  # (lines beside, first line, last line) of the longest gutter's run
    cut = 0
    for x in range(_PROSE_CHARS, width - _PROSE_CHARS):
        run: list[int] = []
        for i, ps in enumerate(pieces + [[(0, "x" * (width + 1))]]):  # a sentinel line closes the last run
            if all(start + len(text) < x or start > x + 1 for start, text in ps):
                run.append(i)
                continue
            both = [j for j in run if pieces[j] and pieces[j][0][0] < x and pieces[j][-1][0] > x]
            if (len(both) >= _GUTTER_LINES and (best is None or len(both) > best[0]) and _prose_beside(pieces, run, x)
                    and not any(_header_across(pieces[j], x) for j in both) and _read_down(pieces, both, x, plain)):
                best, cut = (len(both), run[0], run[-1]), x
            run = []
    if best is None:
        return lines
    _, first, last = best
    left = [line[:cut] for line in lines[first:last + 1]]
    right = [" " * (cut + 1) + line[cut + 1:] for line in lines[first:last + 1]]
    return [*lines[:first], *_strips(left, plain), *_strips(right, plain), *lines[last + 1:]]


def _read_down(pieces: list[list[tuple[int, str]]], both: list[int], x: int, plain: str) -> bool:
    """Whether the page's text, in the order it was written, holds the left side of the lines ``both`` before their
    right side: the last line's left text comes before the first line's right text (of the lines whose text there is
    long enough to be found once: not "ha" of "930 ha")."""
    def side(j: int, left: bool) -> str:
        return " ".join(" ".join(text for start, text in pieces[j] if (start < x) == left).split())
    left = next((t for j in reversed(both) if len(t := side(j, True)) >= _FOUND_CHARS), None)
    right = next((t for j in both if len(t := side(j, False)) >= _FOUND_CHARS), None)
    return left is not None and right is not None and 0 <= plain.find(left) < plain.find(right)


def _header_across(pieces: list[tuple[int, str]], x: int) -> bool:
    """A table's header line with cells it names on either side of ``x``: the gutter is between its columns."""
    if not _is_header(pieces):
        return False
    named = [start for start, text in pieces if _names(text)]
    return any(start < x for start in named) and any(start > x for start in named)


def _prose_beside(pieces: list[list[tuple[int, str]]], run: list[int], x: int) -> bool:
    """Prose on either side of a gutter at ``x``: on the lines of ``run`` that have text there, that text is wide."""
    def widths(side) -> list[int]:
        return sorted(w for j in run if (w := sum(len(t) for s, t in pieces[j] if side(s))))
    left, right = widths(lambda s: s < x), widths(lambda s: s > x)
    return (len(left) >= _GUTTER_LINES and len(right) >= _GUTTER_LINES
            and left[len(left) // 2] >= _PROSE_CHARS and right[len(right) // 2] >= _PROSE_CHARS)


def pipe_tables(layout: str, carried: list[int] | None = None,
                plain: str | None = None) -> tuple[str | None, list[int] | None, list[str] | None]:
    """The page's layout text with each table turned into pipe rows and other lines' spacing folded
    (None when the page has no table: the plain extraction is then kept), the columns of a table
    still open at the page's end, and the cells that end the previous page's last row. ``carried`` are
    the columns of a table that the previous page left open: rows at the top of this page that fit them
    go on with it (a running header may come first); lines that fit them right above its first row, with
    no blank between, are the end of the row the page break cut. ``plain``, the page's text in the order it was written,
    lets a page in columns of prose be read one column after the other (``_strips``)."""
    lines = layout.split("\n") if carried or plain is None else _strips(layout.split("\n"), " ".join(plain.split()))
    out: list[str] = []
    found = False
    open_columns = None
    spill = None
    i = 0
    if carried:
        first = [j for j, line in enumerate(lines) if line.strip()][:3]
        # A row with a piece in every column gives this page's columns (layout positions scale per page).
        start = next((j for j in first if len(_pieces(lines[j])) == len(carried)), None)
        if start is not None:
            carried = [begin for begin, _ in _pieces(lines[start])]
        else:  # no line fills every column (a browser centres short cells): where the rows' pieces start
            start = next((j for j in first if len(_pieces(lines[j])) >= 2
                          and _fits(_pieces(lines[j]), _columns([(c, "") for c in carried], _block(lines, j)), indent=False) is not None),
                         None)
            if start is not None:
                carried = _columns([(c, "") for c in carried], _block(lines, start))
        if start is not None:
            # Lines that leave the first column empty and go on with a small letter are the last row's cells wrapped
            # onto this page ("issues de l'immigration   international"): they go on with that row.
            while (start < len(lines) and (pieces := _pieces(lines[start])) and pieces[0][1][:1].islower()
                   and (_fits(pieces, carried) or [0])[0] != 0):
                start += 1
            rows: list[list[str]] = []
            cut = start
            while cut > 0 and lines[cut - 1].strip() and _fits(_pieces(lines[cut - 1]), carried) is not None:
                cut -= 1
            if cut < start:
                spill = [""] * len(carried)
                for line in lines[cut:start]:
                    pieces = _pieces(line)
                    for col, (_, text) in zip(_fits(pieces, carried), pieces):
                        spill[col] = _join(spill[col], text)
            out.extend(" ".join(line.split()) for line in lines[:cut])
            i = _rows(lines, start, carried, rows)
            out.extend(map(_pipe_row, rows))
            found = True
            open_columns = carried if not any(line.strip() for line in lines[i:]) or _only_furniture(lines[i:]) else None
    while i < len(lines):
        header = _pieces(lines[i])
        fields = _field_rows(lines, i)
        if fields is not None:
            found = True
            columns = [start for start, _ in header]
            # (the table's own header may stand a blank line above, as its rows stand apart; not a unit's heading, a fiche's
            # first line: "OBJECTIF 5      Maintenir …", test47's vocational centre)
            gap = int(i >= 2 and not lines[i - 1].strip() and bool(out) and not out[-1]
                      and grammar().heading(" ".join(lines[i - 2].split())) is None)
            above = _pieces(lines[i - 1 - gap])
            rows, i = fields
            if len(out) > gap and out[-1 - gap] and len(above) == 2 and _fits(above, columns) == [0, 1]:
                del out[len(out) - 1 - gap :]  # the table's own header ("Élément  Détail") over the label and value columns
                rows.insert(0, [text for _, text in above])
            out.append("")
            out.extend(map(_pipe_row, rows))
            out.append("")
            continue
        if not _is_header(header):
            stacked = _stacked(header, _pieces(lines[i + 1]) if i + 1 < len(lines) else [])
            if stacked is None:
                out.append(" ".join(lines[i].split()))
                i += 1
                continue
            header, i = stacked, i + 1  # "Situation de   Cible" over "Indicateur   départ   2027"
        found = True
        if out and out[-1] and _header_part(_pieces(lines[i - 1])):
            header = _merged(_pieces(lines[i - 1]), header, above=True)  # "Indicateur" centred above the rest
            out.pop()
        elif out and out[-1] and _wrapped(_pieces(lines[i - 1]), header, below=False):
            header = _merged(header, _pieces(lines[i - 1]), above=True)  # "Valeur de" above "référence"
            out.pop()
        i += 1
        # Header cells a browser wrapped: "Cible" / "2024-" / "2025", "Situation" / "actuelle"; the years under a
        # spanning cell ("Échéancier" over "2024  2025  2026") may stand a blank line below it.
        while i < len(lines):
            j = i + 1 if not lines[i].strip() and i + 1 < len(lines) and _header_part(_pieces(lines[i + 1])) else i
            if not (_header_part(_pieces(lines[j])) or _wrapped(_pieces(lines[j]), header, below=True)):
                break
            header = _merged(header, _pieces(lines[j]))
            i = j + 1
        columns = _columns(header, _block(lines, i))
        rows = [[text for _, text in header]]
        i = _rows(lines, i, columns, rows)
        out.append("")
        out.append(_pipe_row(rows[0]))
        out.append("|" + "---|" * len(columns))  # the rule under a header, as in a text plan's tables
        out.extend(map(_pipe_row, rows[1:]))
        out.append("")
        open_columns = columns if _only_furniture(lines[i:]) else None
    return ("\n".join(out) if found else None), open_columns, spill


def _field_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """A table of two columns, a field's name and its value, from ``lines[i]`` on ("Responsable    Direction
    du réseau" / "Échéance    Mars 2029"): two such rows at least, their cells starting at the same places; a
    piece alone in the value column goes on with the value above. The rows and the index of the first line
    after them; None when ``lines[i]`` opens no such table."""
    g = grammar()

    def field(pieces: list[tuple[int, str]]) -> bool:
        # (not a caption beside a line of fields: "RÉSULTAT VISÉ   Indicateur : … — Cible 2030 : …", test29's leisure plan)
        return (len(pieces) == 2 and bool(g.fields(pieces[0][1] + " :")) and not g.fields(pieces[0][1] + " " + pieces[1][1])
                and not g.fields(pieces[1][1]))

    first = _pieces(lines[i])
    if not field(first):
        return None
    columns = [start for start, _ in first]

    def paired(pieces: list[tuple[int, str]]) -> bool:
        """A label in the first column and its value in the second, anywhere right of its start: values may be set
        flush right or centred ("Mesure de départ      38 % (2021-2022)" under a wrapped indicator, test19's ministry)."""
        return _column(pieces[0][0], columns) == 0 and pieces[0][0] + len(pieces[0][1]) <= columns[1] and pieces[1][0] >= columns[1] - 1
    rows: list[list[str]] = []
    j = i
    while j < len(lines):
        pieces = _pieces(lines[j])
        if field(pieces) and paired(pieces):
            rows.append([text for _, text in pieces])
        elif rows and len(pieces) == 1 and _column(pieces[0][0], columns) == 1:
            rows[-1][1] = _join(rows[-1][1], pieces[0][1])
        elif rows and not pieces and j + 1 < len(lines) and field(below := _pieces(lines[j + 1])) and paired(below):
            pass  # a blank line between two rows: a browser's table with spaced rows (test47's forest plan)
        else:
            break
        j += 1
    return (rows, j) if len(rows) >= 2 else None


def _only_furniture(lines: list[str]) -> bool:
    """Nothing but a page footer or blank lines left on the page."""
    return sum(bool(line.strip()) for line in lines) <= 1
