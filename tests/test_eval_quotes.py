"""Judging passages by their text (eval/quotes.py): a passage holds a quote when it has half of it, in one piece."""

from __future__ import annotations

import random

import pytest
from arrimage.eval.quotes import MIN_PIECE, find_span, holds, holds_skeleton, matches, piece_length, skeleton, squash

QUOTE = "Les programmes d’adéquation formation-emploi répondent aux besoins des entreprises minières de la région."


@pytest.mark.parametrize(
    "passage",
    [
        # line breaks, a word cut by hyphenation, the typed apostrophe, no-break and thin spaces, capitals
        "Contexte.\nLes programmes d'adé-\nquation formation-emploi répondent aux\u00a0besoins des entreprises\u2009minières de la région. Suite.",
        "LES PROGRAMMES D’ADÉQUATION FORMATION‐EMPLOI RÉPONDENT AUX BESOINS DES ENTREPRISES MINIÈRES DE LA RÉGION.",
        "Les   programmes d’adéquation formation emploi répondent aux besoins des entreprises minières de la région",
    ],
)
def test_whitespace_hyphenation_apostrophes_and_case_do_not_matter(passage):
    assert holds(passage, QUOTE)


def test_half_of_the_quote_in_one_piece_is_enough():
    first_half = "… Les programmes d’adéquation formation-emploi répondent aux besoins"
    last_half = "répondent aux besoins des entreprises minières de la région. Autre phrase."
    assert holds(first_half, QUOTE)
    assert holds(last_half, QUOTE)
    # a third of the quote is not enough, nor two separate quarters
    assert not holds("Les programmes d’adéquation formation-emploi", QUOTE)
    assert not holds("Les programmes d’adéquation … entreprises minières de la région", QUOTE)


def test_short_quotes_need_a_longer_piece_than_half():
    quote = "3. La réduction de la fracture numérique"  # 33 letters and digits: half would be a common phrase
    assert piece_length(len(skeleton(quote))) == MIN_PIECE
    assert not holds("Le plan veut réduire l’ampleur de la fracture numérique au Québec.", quote)
    assert holds("Enjeux : 3. La réduction de la fracture numérique.", quote)
    tiny = "Mesure 12"
    assert piece_length(len(skeleton(tiny))) == len(skeleton(tiny))
    assert holds("La mesure 12 finance…", tiny) and not holds("La mesure 1 finance…", tiny)


def test_the_fast_path_agrees_with_the_definition():
    rng = random.Random(7)
    alphabet = "abcde"
    for _ in range(400):
        quote = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        passage = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        if rng.random() < 0.5:  # plant a random piece of the quote
            i = rng.randint(0, len(quote) - 1)
            passage = passage[: len(passage) // 2] + quote[i : i + rng.randint(1, len(quote))] + passage[len(passage) // 2 :]
        need = piece_length(len(quote))
        expected = any(quote[i : i + need] in passage for i in range(len(quote) - need + 1))
        assert holds_skeleton(passage, quote) == expected, (quote, passage)


def test_matches_is_symmetric_and_find_span_gives_offsets():
    chunk = "Début. " + QUOTE + " Fin du passage."
    assert matches(chunk, QUOTE) and matches(QUOTE, chunk)
    assert not matches("Une autre phrase sans rapport.", QUOTE)
    text = "Préambule.\nLes programmes d'adé-\nquation formation-emploi répondent aux besoins des entreprises minières de la région.\nSuite."
    start, end = find_span(text, QUOTE)
    assert text[start:end].startswith("Les programmes") and text[start:end].endswith("région")
    assert find_span(text, "Une phrase absente du texte.") is None
    assert squash("  a \n\t b\u00a0c ") == "a b c"
