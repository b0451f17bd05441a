"""Arbitrary Unicode (any code point but lone surrogates, which the API refuses at validation) through the
analyser, the query embedding path and the answerer: no exception, and well-formed results."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@SETTINGS
@given(TEXT)
def test_the_analyser_takes_any_text(text):
    from arrimage.index.lexical import analyze

    tokens = analyze(text)
    assert all(isinstance(t, str) and t and not t.isspace() for t in tokens)


@SETTINGS
@given(TEXT)
def test_search_and_answer_take_any_question(fixture_searcher, text):
    from arrimage.answer.extractive import ExtractiveAnswerer
    from arrimage.answer.followup import ask

    hits = fixture_searcher.search(text or "x", k=5)
    assert len(hits) <= 5 and [h.rank for h in hits] == sorted({h.rank for h in hits})
    answer = ask(fixture_searcher, ExtractiveAnswerer(fixture_searcher), text or "x", k=5)
    assert isinstance(answer.answer, str) and answer.answer
    assert all(1 <= c.n <= len(answer.citations) for c in answer.citations)
