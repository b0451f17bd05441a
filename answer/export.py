"""An answer with its sources as Markdown: what the page's "Copier" copies and `POST /ask` returns in
`markdown`, and the message of the OpenAI-compatible chat API (one rendering of the sources, in one place)."""

from __future__ import annotations

from .answers import Answer


def _quote(text: str) -> str:
    return " ".join(text.split())


def sources(answer: Answer) -> list[str]:
    """The sources list: a heading ("Sources", or "À consulter" when the plans do not answer), then per
    citation its number, title, page, section path and quote."""
    if not answer.citations:
        return []
    lines = ["**À consulter**" if answer.abstained else "**Sources**", ""]
    for c in answer.citations:
        section = f" — {' › '.join(c.section_path)}" if c.section_path else ""
        lines.append(f"{c.n}. *{c.title}*, p. {c.page}{section}")
        if c.quote.strip():
            lines.append(f"   > {_quote(c.quote)}")
    return lines


def to_markdown(answer: Answer) -> str:
    lines = [f"**Question :** {answer.question}"]
    if answer.searched:
        lines.append(f"*Question comprise : {answer.searched}*")
    lines += ["", answer.answer.strip()]
    if answer.citations:
        lines += ["", *sources(answer)]
    return "\n".join(lines) + "\n"


def to_chat(answer: Answer) -> str:
    """The answer as a chat message: its text with the [n] markers, a notice when there is one, then the sources."""
    lines = [answer.answer.strip()]
    if answer.notice:
        lines += ["", f"*{answer.notice}*"]
    if answer.citations:
        lines += ["", *sources(answer)]
    return "\n".join(lines)
