"""CSV that spreadsheets open cleanly and safely: UTF-8 with a BOM (so that they read the accents), and any
cell a spreadsheet would run as a formula made plain text. The one CSV writer of the CLI exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

# A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe,
# as the page's export does (OWASP's CSV injection guidance).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guarded(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[guarded(v) for v in row] for row in rows])
    return "\ufeff" + out.getvalue()
