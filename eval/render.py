"""Print a plan written as text (``eval/datasets/structure``) into a real PDF, as a plan is published, by
one of two printers:

- ``reportlab``: A4 pages, paragraphs wrapped into hard lines, short lines set in bold as headings are,
  pipe tables drawn as cells in columns, a running header with the plan's title and a ``Page N`` footer;
- ``chromium``: the plan as a web page (bold headings, real tables with wrapped and centred cells, bullet
  lists) printed by Debian's headless Chromium, with Chromium's own header (date, time, title) and footer
  (address, page N/M), as a plan saved from a browser or a word processor is.

The structure evaluation ingests the PDF through the same pypdf path as any uploaded plan.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

_FONTS = {
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Helvetica"),
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "Helvetica-Bold"),
}
_SIZE = 10
_LEADING = 14
_TOP, _BOTTOM, _LEFT, _WIDTH = 780, 70, 60, 475
_WRAP = 95  # characters a line holds at 10 pt on the page's width
_HEADING_MAX = 120


def _font(style: str) -> str:
    path, fallback = _FONTS[style]
    name = f"Render-{style}"
    from reportlab.pdfbase import pdfmetrics  # reportlab is a test and evaluation dependency
    from reportlab.pdfbase.ttfonts import TTFont

    if name in pdfmetrics.getRegisteredFontNames():
        return name
    if Path(path).is_file():
        pdfmetrics.registerFont(TTFont(name, path))
        return name
    return fallback


class _Pages:
    def __init__(self, out: Path, title: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(out), pagesize=A4)
        self.c.setTitle(title)
        self.title = title
        self.page = 0
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self._footer()
            self.c.showPage()
        self.page += 1
        self.c.setFont(_font("regular"), 8)
        self.c.drawString(_LEFT, 810, self.title[:110])
        self.y = _TOP

    def _footer(self) -> None:
        self.c.setFont(_font("regular"), 8)
        self.c.drawRightString(_LEFT + _WIDTH, 40, f"Page {self.page}")

    def line(self, text: str, style: str = "regular", x: float = _LEFT) -> None:
        if self.y < _BOTTOM:
            self._new_page()
        self.c.setFont(_font(style), _SIZE)
        self.c.drawString(x, self.y, text)
        self.y -= _LEADING

    def row(self, cells: list[str], style: str) -> None:
        """One table row: each cell wrapped in its column, the row as tall as its tallest cell."""
        width = _WIDTH / max(1, len(cells))
        chars = max(8, int(width / (_SIZE * 0.55)))
        wrapped = [textwrap.wrap(c, chars) or [""] for c in cells]
        height = max(len(w) for w in wrapped)
        if self.y - height * _LEADING < _BOTTOM:
            self._new_page()
        self.c.setFont(_font(style), _SIZE - 1)
        for i, lines in enumerate(wrapped):
            for j, text in enumerate(lines):
                self.c.drawString(_LEFT + i * width, self.y - j * _LEADING, text)
        self.y -= height * _LEADING + 4

    def gap(self) -> None:
        self.y -= _LEADING / 2

    def save(self) -> None:
        self._footer()
        self.c.save()


PRINTERS = ("reportlab", "chromium")


class PrinterMissing(RuntimeError):
    """The chosen printer cannot run on this machine."""


def render_plan(text_file: Path, out: Path, title: str, printer: str = "reportlab") -> Path:
    """The plan printed to ``out`` by ``printer`` (one of ``PRINTERS``)."""
    return _print_chromium(text_file, out, title) if printer == "chromium" else _print_reportlab(text_file, out, title)


_ITEM_RE = re.compile(r"^[-•*] ")
_HEADING_RE = re.compile(r"^(?:[^\W\d_]+\s)?[\dIVXA-Z]{1,5}[.:)–—-]?\s")


def _html(text: str, title: str) -> str:
    """The plan as a web page: pipe tables as tables, "- " lines as lists, headings in bold."""
    lines, body, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(set(c) <= set("-: ") for c in cells):
                    tag = "th" if not rows else "td"
                    rows.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>")
                i += 1
            body.append(f"<table>{''.join(rows)}</table>")
            continue
        if _ITEM_RE.match(line):
            items = []
            while i < len(lines) and _ITEM_RE.match(lines[i].strip()):
                items.append(f"<li>{html.escape(lines[i].strip()[2:])}</li>")
                i += 1
            body.append(f"<ul>{''.join(items)}</ul>")
            continue
        if line:
            heading = len(line) <= _HEADING_MAX and not line.endswith(".") and (line.isupper() or _HEADING_RE.match(line))
            body.append(f"<p><b>{html.escape(line)}</b></p>" if heading else f"<p>{html.escape(line)}</p>")
        i += 1
    style = "body{font-family:serif;font-size:11pt} table{border-collapse:collapse} td,th{border:1px solid #444;padding:4px}"
    return (f"<!doctype html><html lang=fr><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>")


def _print_chromium(text_file: Path, out: Path, title: str) -> Path:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise PrinterMissing("the chromium printer needs Debian's chromium (`make browser` installs it)")
    page = out.with_suffix(".html")
    page.write_text(_html(text_file.read_text(encoding="utf-8"), title), encoding="utf-8")
    subprocess.run([browser, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={out}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return out


def _print_reportlab(text_file: Path, out: Path, title: str) -> Path:
    pages = _Pages(out, title)
    header = True
    for raw in text_file.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if not line:
            pages.gap()
            header = True
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                pages.row(cells, "bold" if header else "regular")
                header = False
            continue
        header = True
        bold = len(line) <= _HEADING_MAX and not line.endswith((".", ",", ";")) and not line.startswith(("-", "•"))
        for k, piece in enumerate(textwrap.wrap(line, _WRAP)):
            pages.line(piece, "bold" if bold else "regular", _LEFT + (12 if k and line.startswith(("-", "•")) else 0))
    pages.save()
    return out
