"""Dataset loaders (errors name file, line and field) and the gold evidence check against an index."""

from __future__ import annotations

import json

import pytest
from arrimage.eval.datasets import DatasetError, load_alignment, load_questions
from arrimage.eval.validation import check_alignment, prepare
from support import REPO
from test_eval_fixtures import FIXTURE_QUESTIONS, fixture_target, write_questions  # noqa: F401 - fixture

DEV = REPO / "eval" / "datasets" / "dev" / "questions.jsonl"

PAIR = {"id": "a1", "source_doc_id": "inrs-formation", "source_quote": "La recherche partenariale est au cœur de la formation des étudiants.",
        "target_doc_id": "plan-numerique", "target_quote": "Les enseignants reçoivent une formation continue adaptée aux outils numériques.",
        "label": "partial", "hard_negative": False, "note": "both about training"}


def test_the_development_set_loads():
    questions = load_questions(DEV)
    assert len(questions) == 96
    assert sum(not q.answerable for q in questions) == 12
    follow_ups = [q for q in questions if q.kind == "follow_up"]
    assert len(follow_ups) == 6 and all(q.follows and q.standalone for q in follow_ups)


@pytest.mark.parametrize("split", ["heldout", "test"])
def test_the_blind_sets_load_with_their_follow_ups(split):
    questions = load_questions(DEV.parent.parent / split / "questions.jsonl")
    assert len(questions) == 90
    assert 0.1 <= sum(not q.answerable for q in questions) / len(questions) <= 0.2
    assert sum(q.kind == "follow_up" for q in questions) >= 8


def test_a_follow_up_must_continue_an_earlier_question(tmp_path):
    base = {"question": "Q ?", "kind": "factual", "lang": "fr", "answerable": True,
            "gold_quotes": [{"doc_id": "d", "quote": "une citation"}]}
    follow = {**base, "id": "b", "kind": "follow_up", "follows": "a", "standalone": "Q complète ?"}
    with pytest.raises(DatasetError, match="no earlier question"):
        load_questions(_write(tmp_path, [follow, {**base, "id": "a"}]))
    with pytest.raises(DatasetError, match="'follows' and 'standalone'"):
        load_questions(_write(tmp_path, [{**base, "id": "a"}, {**follow, "standalone": ""}]))
    assert [q.follows for q in load_questions(_write(tmp_path, [{**base, "id": "a"}, follow]))] == ["", "a"]
    # A follow-up may ask what the plans do not say; another question the plans do not answer is of kind unanswerable.
    unanswered = {**follow, "answerable": False, "gold_quotes": []}
    assert [q.answerable for q in load_questions(_write(tmp_path, [{**base, "id": "a"}, unanswered]))] == [True, False]
    # … and it may continue a question the plans do not answer ("Quel est le budget ?" then "Et l'an dernier ?").
    asked = {**base, "id": "a", "kind": "unanswerable", "answerable": False, "gold_quotes": []}
    assert [q.follows for q in load_questions(_write(tmp_path, [asked, follow]))] == ["", "a"]
    with pytest.raises(DatasetError, match="disagree"):
        load_questions(_write(tmp_path, [{**base, "id": "a", "answerable": False, "gold_quotes": []}]))


def _write(tmp_path, rows, name="set.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"kind": "opinion"}, "field 'kind': 'opinion' is not one of"),
        ({"question": ""}, "field 'question': expected a non-empty string"),
        ({"answerable": "yes"}, "field 'answerable': expected true or false"),
        ({"gold_quotes": []}, "field 'gold_quotes': answerable question 'f01' has no gold quote"),
        ({"gold_quotes": [{"doc_id": "plan-numerique"}]}, "field 'gold_quotes[0]'"),
        ({"doc_ids": ["pole-regional"]}, "field 'doc_ids': gold quotes come from plan-numerique"),
        ({"lang": "de"}, "field 'lang'"),
    ],
)
def test_question_errors_name_file_line_and_field(tmp_path, change, fragment):
    rows = [FIXTURE_QUESTIONS[1], {**FIXTURE_QUESTIONS[0], **change}]
    path = _write(tmp_path, rows)
    with pytest.raises(DatasetError) as err:
        load_questions(path)
    assert f"{path}:2: " in str(err.value) and fragment in str(err.value)


def test_question_file_errors(tmp_path):
    with pytest.raises(DatasetError, match=r":1: not valid JSON"):
        load_questions(_write(tmp_path, ["{oops"]))
    with pytest.raises(DatasetError, match=r":2: field 'id': duplicate id 'f01'"):
        load_questions(_write(tmp_path, [FIXTURE_QUESTIONS[0], FIXTURE_QUESTIONS[0]]))
    with pytest.raises(DatasetError, match=r"field 'id': missing"):
        load_questions(_write(tmp_path, [{k: v for k, v in FIXTURE_QUESTIONS[0].items() if k != "id"}]))
    with pytest.raises(DatasetError, match="no questions"):
        load_questions(_write(tmp_path, [""]))


def test_the_alignment_set_loads():
    pairs = load_alignment(REPO / "eval" / "datasets" / "dev" / "alignment.jsonl")
    assert len(pairs) >= 80 and {p.label for p in pairs} == {"strong", "partial", "none"}


def test_alignment_pairs_load_and_are_checked(tmp_path):
    other = {**PAIR, "id": "a2", "target_quote": "La robotique pédagogique est offerte dans toutes les régions.", "label": "none",
             "hard_negative": True}
    pairs = load_alignment(_write(tmp_path, [PAIR, other]))
    assert [p.pid for p in pairs] == ["a1", "a2"] and pairs[1].hard_negative and pairs[0].note == "both about training"
    for change, fragment in [({"label": "weak"}, "field 'label': 'weak' is not one of strong, partial, none"),
                             ({"hard_negative": True}, "field 'hard_negative': a hard negative is labelled 'none'"),
                             ({"target_quote": " "}, "field 'target_quote'")]:
        path = _write(tmp_path, [{**PAIR, **change}], "pairs.jsonl")
        with pytest.raises(DatasetError) as err:
            load_alignment(path)
        assert f"{path}:1: " in str(err.value) and fragment in str(err.value)
    with pytest.raises(DatasetError, match="pair 'a2' repeats pair 'a1'"):
        load_alignment(_write(tmp_path, [PAIR, {**PAIR, "id": "a2"}], "pairs.jsonl"))


def test_quotes_not_found_are_reported_with_their_question(tmp_path, fixture_target):  # noqa: F811
    rows = [
        FIXTURE_QUESTIONS[0],
        {**FIXTURE_QUESTIONS[2], "gold_quotes": [{"doc_id": "plan-numerique", "quote": "Une phrase qui n’est dans aucun plan."},
                                                 FIXTURE_QUESTIONS[2]["gold_quotes"][0]]},
        # the right quote under the wrong document
        {**FIXTURE_QUESTIONS[3], "doc_ids": [], "gold_quotes": [{**FIXTURE_QUESTIONS[3]["gold_quotes"][0], "doc_id": "pole-regional"}]},
        {**FIXTURE_QUESTIONS[1], "doc_ids": [], "gold_quotes": [{**FIXTURE_QUESTIONS[1]["gold_quotes"][0], "doc_id": "plan-inconnu"}]},
    ]
    cases, issues = prepare(fixture_target, load_questions(write_questions(tmp_path / "q.jsonl", rows)))
    problems = {(i.qid, i.problem) for i in issues}
    assert problems == {
        ("f03", "not found in any ingested document"),
        ("f04", "not found in pole-regional, found in inrs-formation"),
        ("f02", "document 'plan-inconnu' is not in the index"),
    }
    by_id = {c.qid: c for c in cases}
    assert len(by_id["f03"].evidence) == 1, "the quote found still counts, the other is left out"
    assert len(by_id["f04"].evidence) == 1, "a quote held by a passage counts even under the wrong document"


def test_alignment_quotes_are_checked_against_the_index(fixture_target):  # noqa: F811
    from arrimage.eval.datasets import AlignmentPair

    good = AlignmentPair("a1", "inrs-formation", PAIR["source_quote"], "plan-numerique", PAIR["target_quote"], "partial", False)
    bad = AlignmentPair("a2", "inrs-formation", "Une citation inventée de toutes pièces.", "plan-numerique",
                        PAIR["target_quote"], "none", True)
    issues = check_alignment(fixture_target, [good, bad])
    assert [(i.qid, i.problem) for i in issues] == [("a2", "source quote: not found in any ingested document")]
