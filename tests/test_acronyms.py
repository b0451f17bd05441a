"""A plan named by its organisation's initials, which the plans themselves may never print."""

from __future__ import annotations

from arrimage.answer.acronyms import initialism, spelled_out
from arrimage.answer.features import fold
from arrimage.index.lexical import LexicalIndex
from arrimage.ingest.models import DocumentMeta


def _meta(doc_id: str, title: str, organization: str) -> DocumentMeta:
    return DocumentMeta(doc_id, title, organization, "institutional", "2024-2028", f"{doc_id}.txt")


def test_initials_skip_the_small_words_and_split_compound_names():
    assert initialism("Fonds québécois de recherche en énergie et climat") == "FQREC"
    assert initialism("Université de la Haute-Chaudière") == "UHC"


def test_an_acronym_the_plans_never_print_is_searched_with_the_name_it_stands_for():
    plans = [_meta("fqrec", "Plan stratégique 2024-2028", "Fonds québécois de recherche en énergie et climat"),
             _meta("inrs", "Plan de formation", "Institut national de la recherche scientifique")]
    lexical = LexicalIndex.build(["L'INRS offre des bourses.", "Le Fonds soutient la relève scientifique en climat."])
    assert spelled_out("FQREC : cible des bourses ?", plans, lexical) == (
        "FQREC (Fonds québécois de recherche en énergie et climat) : cible des bourses ?")
    # An acronym the plans print is searched as it is; one that stands for no plan, or for two, too.
    assert spelled_out("Budget de l'INRS ?", plans, lexical) == "Budget de l'INRS ?"
    assert spelled_out("Budget du MEQ ?", plans, lexical) == "Budget du MEQ ?"


def test_a_name_typed_without_its_ligature_is_the_same_name():
    assert fold("Cœur-du-Québec") == fold("Coeur-du-Quebec")
