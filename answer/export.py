"""An answer with its sources as Markdown: what the page's "Copier" copies and `POST /ask` returns in
`markdown` (one rendering, in one place)."""

from __future__ import annotations

from .answers import Answer


def _quote(text: str) -> str:
    return " ".join(text.split())


def to_markdown(answer: Answer) -> str:
    lines = [f"**Question :** {answer.question}"]
    if answer.searched:
        lines.append(f"*Question comprise : {answer.searched}*")
    lines += ["", answer.answer.strip()]
    if answer.citations:
        lines += ["", "**À consulter**" if answer.abstained else "**Sources**", ""]
        for c in answer.citations:
            section = f" — {' › '.join(c.section_path)}" if c.section_path else ""
            lines.append(f"{c.n}. *{c.title}*, p. {c.page}{section}")
            if c.quote.strip():
                lines.append(f"   > {_quote(c.quote)}")
    return "\n".join(lines) + "\n"
