"""The extractive answerer, POST /ask (JSON and server-sent events) and the answer metrics."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from arrimage.answer.answers import (
    ABSTAIN_EN,
    ABSTAIN_FR,
    Answer,
    Citation,
    Token,
    question_language,
)
from arrimage.answer.extractive import ExtractiveAnswerer, profile
from arrimage.eval.answers import supported_sentences
from arrimage.service.app import create_app
from support import serve

from arrimage.settings import Settings

MARKER_RE = re.compile(r"\[(\d+)\]")


@pytest.fixture(scope="module")
def answerer(fixture_searcher) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(fixture_searcher)


def ask(fixture_searcher, answerer, question: str) -> Answer:
    return answerer.answer(question, fixture_searcher.search(question, k=8))


def plan_answerer(tmp_path, name: str, text: str):
    """A searcher over one plan written in ``tmp_path``, and the extractive answerer over it."""
    from support import searcher_of

    (tmp_path / name).write_text(text, encoding="utf-8")
    searcher = searcher_of(tmp_path)
    return searcher, ExtractiveAnswerer(searcher)


def assert_well_cited(answer: Answer) -> None:
    numbers = {c.n for c in answer.citations}
    markers = {int(n) for n in MARKER_RE.findall(answer.answer)}
    assert markers and markers <= numbers, "every marker points to a citation"
    for c in answer.citations:
        assert c.quote and c.quote in c.text, "quotes are verbatim from the passage"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Quel est le budget du plan numérique ?", "fr"),
        ("What is the budget of the digital plan?", "en"),
        ("budget plan numerique", "fr"),
        ("Which measures does the plan include for teachers?", "en"),
    ],
)
def test_question_language(question, lang):
    assert question_language(question) == lang


def test_profile_reads_what_the_question_asks_for(fixture_searcher):
    p = profile("Combien de tablettes les bibliothèques prêtent-elles d’ici 2025 ?", fixture_searcher.data.lexical)
    assert {"count", "date"} <= p.wants
    assert p.focus == "tablet"
    assert "2025" in p.names
    listing = profile("Quelles sont les trois orientations du plan ?", fixture_searcher.data.lexical)
    assert "list" in listing.wants and listing.list_size == 3
    # What a thing costs, what is invested in it, in dollars: an amount, whatever the verb.
    for question in ("Combien va coûter la rampe d'accès ?", "Combien la Société va-t-elle investir dans la plateforme ?",
                     "Le seuil plancher, c'est combien en dollars ?"):
        assert "amount" in profile(question, fixture_searcher.data.lexical).wants, question


def test_answer_quotes_the_sentence_with_the_amount(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Quel est le budget total du plan numérique ?")
    assert not answer.abstained
    assert "1 186 M$" in answer.answer
    assert_well_cited(answer)
    cited = next(c for c in answer.citations if "1 186 M$" in c.quote)
    assert cited.doc_id == "plan-numerique" and cited.page == 2


def test_every_answer_sentence_is_verbatim_in_its_passage(fixture_searcher, answerer):
    for question in ["Que finance la mesure 12 ?", "Comment les transitions entre le secondaire et l’université sont-elles soutenues ?"]:
        answer = ask(fixture_searcher, answerer, question)
        assert not answer.abstained, question
        assert_well_cited(answer)
        supported, total = supported_sentences(answer)
        assert total > 0 and supported == total


def test_percentage_question(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Quel pourcentage des étudiants inscrits doit obtenir son diplôme ?")
    assert not answer.abstained and "80 %" in answer.answer


def test_abstains_when_a_named_body_is_in_no_passage(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Que prévoit l’Université Laval pour la formation en ligne des enseignants ?")
    assert answer.abstained
    assert answer.answer.startswith(ABSTAIN_FR)
    assert answer.citations, "the closest passages are still shown"
    assert "Laval" in (answer.notice or ""), "the notice says why"


def test_abstains_when_no_relevant_sentence_has_the_figure_asked_for(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Quel est le coût du transport collectif entre les campus ?")
    assert answer.abstained, answer.answer


def test_a_count_needs_the_thing_counted(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Combien de tablettes les bibliothèques scolaires prêtent-elles aux familles ?")
    assert answer.abstained, "the passage names tablets but gives no number of them"


def test_english_question_gets_an_english_lead_and_french_quotes(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "What is the total budget of the digital action plan?")
    assert not answer.abstained
    lead, _, body = answer.answer.partition("\n")
    assert lead.startswith("According to the plans")
    assert "1 186 M$" in body
    unanswerable = ask(fixture_searcher, answerer, "What did the Université Laval spend on tablets?")
    assert unanswerable.abstained and unanswerable.answer.startswith(ABSTAIN_EN)


def test_a_question_about_a_plans_outline_lists_its_units_each_quoted_from_its_heading(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Quelles sont les orientations du plan d’action régional ?")
    assert not answer.abstained
    lines = answer.answer.splitlines()
    assert lines[0] == "Plan d’action régional 2025-2026 : 3 orientations."
    assert lines[1:] == ["ORIENTATION 1 FAVORISER L’ACCESSIBILITÉ AUX ÉTUDES SUPÉRIEURES [1]",
                         "ORIENTATION 2 AMÉLIORER LA FLUIDITÉ DES PARCOURS [2]",
                         "ORIENTATION 3 RÉPONDRE AUX BESOINS DE MAIN-D’ŒUVRE [3]"]
    assert [c.page for c in answer.citations] == [1, 1, 2]
    assert all(c.doc_id == "pole-regional" and c.quote in c.text for c in answer.citations)
    assert_well_cited(answer)
    assert supported_sentences(answer) == (3, 3)


def test_a_heading_quote_stops_where_its_paragraph_runs_on():
    from arrimage.answer.outline import heading_quote

    text = "ORIENTATION 1 . Soutenir le développement des compétences des adultes L’univers des compétences comporte"
    assert heading_quote(text) == "ORIENTATION 1 . Soutenir le développement des compétences des adultes"
    assert heading_quote("AXE 2 LES PRATIQUES D’ENSEIGNEMENT La deuxième orientation") == "AXE 2 LES PRATIQUES D’ENSEIGNEMENT La deuxième orientation"
    assert heading_quote("Favoriser l’accès " + "aux études " * 40).endswith("études")


def test_units_under_a_numbered_unit_and_in_english(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "What are the measures of objective 1.1 of the digital plan?")
    assert answer.answer.splitlines() == [
        "According to the plans (passages quoted in French): Plan d’action numérique en éducation 2018-2023 : 1 mesure.",
        "MESURE 12 OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS [1]"]


def test_an_outline_question_with_a_topic_or_an_absent_plan_is_not_answered_from_the_outline(fixture_searcher, answerer):
    topical = ask(fixture_searcher, answerer, "Quelles mesures du plan numérique portent sur la formation en ligne ?")
    assert not topical.answer.startswith("Plan d’action numérique en éducation 2018-2023 :")
    assert "La mesure 12 finance des formations en ligne" in topical.answer
    absent = ask(fixture_searcher, answerer, "Quelles sont les orientations du plan de l’Université Laval ?")
    assert absent.abstained and "Université Laval" in absent.notice


def test_stream_yields_the_answer_text_then_the_answer(fixture_searcher, answerer):
    question = "Que finance la mesure 12 ?"
    events = list(answerer.stream(question, fixture_searcher.search(question, k=8)))
    assert isinstance(events[-1], Answer)
    assert all(isinstance(e, Token) for e in events[:-1]) and len(events) > 2
    assert "".join(e.text for e in events[:-1]) == events[-1].answer


def test_supported_sentences_counts_claims_not_found_in_their_passage():
    citation = Citation(1, "c1", "d", "T", 1, (), "Une phrase vraie.", "Contexte. Une phrase vraie. Suite.")
    good = Answer("q", "Une phrase vraie. [1]", (citation,), False, "extractive")
    bad = Answer("q", "Une phrase vraie. [1] Une phrase inventée. [1] Une autre. [2]", (citation,), False, "llm")
    assert supported_sentences(good) == (1, 1)
    assert supported_sentences(bad) == (1, 3)
    assert supported_sentences(Answer("q", ABSTAIN_FR, (citation,), True, "extractive")) == (0, 0)


@pytest.fixture(scope="module")
def client(fixture_searcher, tmp_path_factory, calibration_file):
    settings = Settings(index_dir=tmp_path_factory.mktemp("unused-index"), align_calibration=calibration_file)
    with serve(create_app(settings, searcher=fixture_searcher)) as url, httpx.Client(base_url=url, timeout=10) as c:
        yield c


def test_ask_json(client):
    response = client.post("/ask", json={"question": "Quel est le budget total du plan numérique ?"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"question", "answer", "citations", "abstained", "answerer", "notice", "searched", "markdown", "took_ms"}
    assert body["markdown"].startswith("**Question :** ") and "**Sources**" in body["markdown"]
    assert body["searched"] == ""
    assert body["answerer"] == "extractive" and not body["abstained"]
    citation = body["citations"][0]
    assert set(citation) == {"n", "chunk_id", "doc_id", "title", "page", "section_path", "quote", "text"}
    assert citation["quote"] in citation["text"]


def _events(raw: str) -> list[tuple[str, object]]:
    events = []
    for block in raw.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def test_ask_stream_sends_tokens_then_citations_then_done(client):
    with client.stream("POST", "/ask", json={"question": "Que finance la mesure 12 ?", "stream": True}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _events(response.read().decode())
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"token"}
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "token") == done["answer"]
    assert events[-2][1] == done["citations"]


def test_ask_filters_apply(client):
    body = client.post("/ask", json={"question": "Quels services sont offerts aux étudiants ?", "filters": {"levels": ["regional"]}}).json()
    assert {c["doc_id"] for c in body["citations"]} <= {"pole-regional"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": "   "}, "question is empty"),
        ({"question": "x" * 2001}, "limit is 2000"),
        ({"question": "budget", "k": 0}, "k"),
        ({"question": "budget", "answerer": "oracle"}, "answerer"),
        ({"question": "budget", "filters": {"doc_ids": ["absent"]}}, "unknown document"),
        ({"question": "budget", "answerer": "llm"}, "ARRIMAGE_LLM_BASE_URL"),
    ],
)
def test_bad_ask_requests_are_422_with_a_reason(client, body, fragment):
    response = client.post("/ask", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]


def test_chat_page_is_served_with_its_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert "http://" not in page.text and "https://" not in page.text, "no external asset"


def test_an_outline_question_on_a_kind_the_plan_lacks_says_which_kinds_it_has(fixture_searcher, answerer):
    answer = ask(fixture_searcher, answerer, "Quels sont les enjeux du plan d’action régional ?")
    assert answer.abstained and answer.citations == ()
    assert "Plan d’action régional 2025-2026" in answer.answer and "3 orientations" in answer.answer


def test_an_answer_exports_as_markdown_with_its_sources_and_quotes():
    from arrimage.answer.answers import Citation
    from arrimage.answer.export import to_markdown

    citation = Citation(n=1, chunk_id="c", doc_id="d", title="Plan numérique", page=12, section_path=("Orientation 1", "Mesure 2"),
                        quote="Le budget totalise\n1 186 M$.", text="…")
    answer = Answer("Et le budget ?", "Le budget totalise 1 186 M$. [1]", (citation,), abstained=False, answerer="extractive",
                    searched="Quel est le budget du plan numérique ?")
    assert to_markdown(answer) == (
        "**Question :** Et le budget ?\n*Question comprise : Quel est le budget du plan numérique ?*\n\n"
        "Le budget totalise 1 186 M$. [1]\n\n**Sources**\n\n"
        "1. *Plan numérique*, p. 12 — Orientation 1 › Mesure 2\n   > Le budget totalise 1 186 M$.\n")


def test_passages_of_headings_only_give_an_abstention_not_an_empty_answer(fixture_searcher):
    from dataclasses import replace as _replace

    question = "Quelles sont les orientations ?"
    hits = [h for h in fixture_searcher.search(question, k=8)]
    headings = [_replace(h, chunk=_replace(h.chunk, text="ORIENTATION 1 FAVORISER L’ACCESSIBILITÉ")) for h in hits[:2]]
    from arrimage.answer.model import load

    always = ExtractiveAnswerer(fixture_searcher, _replace(load(), threshold=0.0))  # the answerability check passes
    answer = always.answer("Pourquoi le plan n’a-t-il pas de cibles chiffrées ?", headings)
    assert answer.abstained and answer.answer.startswith(ABSTAIN_FR) and answer.notice.startswith("Seuls des titres")


def test_a_further_passage_is_cited_only_when_its_best_sentence_nears_the_first():
    from arrimage.answer.extractive import _select
    from arrimage.answer.features import Candidate, Profile

    def candidate(hit: int, text: str) -> Candidate:
        return Candidate(hit, 0, len(text), text, frozenset(), 0.5, ())

    p = Profile("fr", {}, frozenset(), None, (), None)
    found = [candidate(0, "Le cégep vise 72 % de diplomation en 2029."), candidate(1, "Le taux était de 64 % en 2023."),
             candidate(2, "Le plan compte trois orientations.")]
    # The third passage's best sentence is under a fifth of the first's: not cited; the second is.
    chosen = _select(p, found, [0.9, 0.5, 0.1], hits=[], passages=4, floor=0.2)
    assert [c.hit for c in chosen] == [0, 1]
    assert [c.hit for c in _select(p, found, [0.9, 0.5, 0.1], hits=[], passages=4, floor=0.0)] == [0, 1, 2]


def test_a_sentence_announcing_what_follows_brings_it_for_a_question_that_is_no_list(fixture_searcher):
    """"Ainsi, notre mission se lit comme suit :" says nothing alone: quoted, it brings the line it announces."""
    from dataclasses import replace as _replace

    from arrimage.answer.extractive import _select
    from arrimage.answer.features import Candidate, Profile

    hit = fixture_searcher.search("mission", k=1)[0]
    lead, said = "Ainsi, notre mission se lit comme suit :", "Conseiller le gouvernement sur la formation minière."
    text = f"{lead}\n{said}\nORIENTATION 2 SOUTENIR LA RECHERCHE"  # (the next section's heading ends what it announces)
    hits = [_replace(hit, chunk=_replace(hit.chunk, text=text))]
    p = Profile("fr", {}, frozenset(), None, (), None)  # "C'est quoi la mission ?": no list asked
    chosen = _select(p, [Candidate(0, 0, len(lead), lead, frozenset(), 0.5, ())], [0.9], hits, passages=3)
    assert [c.text for c in chosen] == [lead, said]


@pytest.mark.parametrize(("text", "count"), [("40 cours en 2028", True), ("1 100 nouvelles inscriptions", True),
                                             ("trois ententes", True), ("à la rentrée 2020-2021", False),
                                             ("Objectif 2.1 Innover", False)])
def test_a_count_is_a_number_that_is_no_year_and_no_section_number(text, count):
    from arrimage.answer.features import carries

    assert carries("count", text) is count


def test_a_follow_up_is_resolved_when_its_answer_cites_or_points_to_gold_evidence():
    from arrimage.eval.answers import score
    from arrimage.eval.targets import CitedPassage, Reply
    from arrimage.eval.validation import Case, Evidence

    quote = "La mesure 12 finance des formations en ligne ouvertes à tous les enseignants du réseau"
    case = Case("q2", "Et pour les enseignants ?", "follow_up", True, (Evidence(quote),), 1, follows="q1")
    gold = CitedPassage(1, "c1", "d", 1, "", f"Texte. {quote}.")
    other = CitedPassage(1, "c2", "d", 1, "", "Les élèves apprennent la programmation informatique dès le primaire.")
    answered = Reply("Réponse [1]", (gold,), False, "extractive")
    pointed = Reply("Les plans indexés ne répondent pas à cette question. Passages à consulter : [1].", (gold,), True, "extractive")
    missed = Reply("Réponse [1]", (other,), False, "extractive")
    assert score(case, answered)["follow-ups resolved"] == (1.0, 1.0)
    assert score(case, pointed)["follow-ups resolved"] == (1.0, 1.0)
    assert score(case, missed)["follow-ups resolved"] == (0.0, 1.0)


def test_a_unit_named_by_its_number_answers_for_its_fields_and_its_items(tmp_path):
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    measures = "".join(f"Mesure A{n} – Réaliser l'action {n} du volet mobilité\nBudget : {n} 000 $\nÉchéance : 20{20 + n}\n\n"
                       for n in (1, 2, 10))
    (tmp_path / "climat.txt").write_text(
        "Plan d'action climat 2025-2030\n\nVolet A – Mobilité durable\n" + measures
        + "Volet B – Bâtiments\nMesure B1 – Convertir les bâtiments\nMoyens :\n- Remplacer les chaudières au mazout\n"
        "- Isoler les toitures\nBudget : 650 000 $\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)
    budget = ask(searcher, answerer, "Quel est le budget de la mesure A2 ?")
    assert budget.answer == "Mesure A2 – Réaliser l'action 2 du volet mobilité\nBudget : 2 000 $ [1]"
    assert budget.citations[0].quote in budget.citations[0].text and budget.citations[0].page == 1
    due = ask(searcher, answerer, "Quelle est l'échéance de la mesure A10 ?")
    assert due.answer.endswith("Échéance : 2030 [1]")
    listed = ask(searcher, answerer, "Quelles sont les mesures du volet A ?")
    # The volet's measures only, in the plan's numbering: A2 before A10.
    assert [c.quote.split(" –")[0] for c in listed.citations] == ["Mesure A1", "Mesure A2", "Mesure A10"]
    # What a unit holds, asked without naming the level under it (session 45's second newcomer), or named by its
    # number and the words of its title (session 46's newcomer: "l'objectif 5 sur le suivi postnatal"): its units.
    for question in ("Qu'est-ce qui est prévu dans le volet A ?", "What does volet A include?",
                     "Quelles mesures sont prévues pour le volet A sur la mobilité durable ?"):
        held = ask(searcher, answerer, question)
        assert [c.quote.split(" –")[0] for c in held.citations] == ["Mesure A1", "Mesure A2", "Mesure A10"], question
    # A field line after the unit's list of means is still its own.
    assert ask(searcher, answerer, "Quel est le budget de la mesure B1 ?").answer.endswith("Budget : 650 000 $ [1]")
    # Found in the one plan that has such a unit even when no passage of it was retrieved (a number is no word
    # to search by).
    assert answerer.answer("Quelle est l'échéance de la mesure A10 ?", []).answer.endswith("Échéance : 2030 [1]")
    # What is asked for names the field: an amount is the budget, a date the deadline.
    assert ask(searcher, answerer, "Combien coûte la mesure A2 ?").answer.endswith("Budget : 2 000 $ [1]")
    assert ask(searcher, answerer, "Quand la mesure A10 sera-t-elle réalisée ?").answer.endswith("Échéance : 2030 [1]")
    # A unit its plan gives no budget, where it gives one to the others of its kind: that is said, the unit quoted
    # (never its heading as if it were the budget, nor another measure's).
    (tmp_path / "climat.txt").write_text(
        "Plan d'action climat 2025-2030\n\nVolet A – Mobilité durable\n" + measures
        + "Mesure A3 – Planter des arbres le long des rues\nÉchéance : 2027\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    none = ask(searcher, ExtractiveAnswerer(searcher), "Quel est le budget de la mesure A3 ?")
    assert none.abstained and none.answer == "Le plan ne donne pas de budget à : Mesure A3 – Planter des arbres le long des rues [1]."
    assert none.citations[0].quote.startswith("Mesure A3")
    # A field no unit of the kind is given (the plan may give it elsewhere, in a table): not claimed absent.
    assert not ask(searcher, ExtractiveAnswerer(searcher), "Quel est le responsable de la mesure A3 ?").answer.startswith(
        "Le plan ne donne pas")


def test_a_target_a_units_title_states_is_its_target(tmp_path):
    # Session 49's newcomer, a school's one-year plan against bullying: "Objectif 3.1 – Faire passer de 38 % à 50 % la
    # proportion …" (its target in its title, no deadline of its own) was said to have no target, where its plan
    # gives "Cible : …" lines to the other objectives
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    (tmp_path / "plan.txt").write_text(
        "Plan de lutte contre l'intimidation 2025-2026\n\nPriorité 1 – Sécuriser les lieux\n\n"
        "Objectif 1.1 – Réduire le sentiment d'insécurité dans les vestiaires\nCible : 18 % des élèves en juin 2026\n\n"
        "Priorité 3 – Augmenter le signalement\n\n"
        "Objectif 3.1 – Faire passer de 38 % à 50 % la proportion d'élèves victimes qui signalent leur situation\n\n"
        "Objectif 3.2 – Documenter le suivi des signalements\n\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)
    stated = ask(searcher, answerer, "Quelle est la cible de l'objectif 3.1 ?")
    assert not stated.abstained and stated.answer.startswith("Objectif 3.1 – Faire passer de 38 % à 50 %")
    none = ask(searcher, answerer, "Quelle est la cible de l'objectif 3.2 ?")
    assert none.abstained and none.answer.startswith("Le plan ne donne pas de cible à : Objectif 3.2")


def test_a_units_own_field_lines_answer_for_it_not_those_of_the_units_under_it(tmp_path):
    # Session 46's test45: the owner of an objective was answered with its own line and four of its actions' owners.
    # A unit without the field asked (an axe gives no target) still answers with those of the units under it.
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    (tmp_path / "plan.txt").write_text(
        "Plan d'action 2025-2028\n\nAxe 1 – Attirer les talents\n\nObjectif 1.1 – Faire connaître la Ville comme employeur\n"
        "Responsable : Service des ressources humaines\n\n"
        "Action 1.1.1 – Définir une marque employeur\nResponsable : Service des communications\nCible : 15 candidatures en 2028\n\n"
        "Action 1.1.2 – Participer à six salons de l'emploi\nResponsable : Direction générale\nCible : 6 salons par année en 2028\n",
        encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)
    owner = ask(searcher, answerer, "Qui est responsable de l'objectif 1.1 ?")
    assert [c.quote for c in owner.citations] == ["Responsable : Service des ressources humaines"]
    targets = ask(searcher, answerer, "Quelles sont les cibles de l'axe 1 ?")
    assert [c.quote for c in targets.citations] == ["Cible : 15 candidatures en 2028", "Cible : 6 salons par année en 2028"]


def test_a_unit_number_several_plans_give_answers_for_each_unless_the_question_names_the_plan(tmp_path):
    # Two plans both number an objective 3.1 (a planner's own plan beside the ministry's): a number alone does not
    # tell which plan is asked about, so each is answered for, under its title; a word of one plan's name picks it.
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    plans = {
        "cegep": ("Plan stratégique 2025-2030", "Cégep de Rivière-aux-Outardes",
                  "Orientation 3 – Réussite\nObjectif 3.1 – Soutenir la persévérance\nAction 3.1.1 – Offrir du tutorat par les pairs\n"
                  "Action 3.1.2 – Ouvrir un centre d'aide en français\nCible : 85 % de réussite en 2030\n"),
        "cisss": ("Plan d'action régional de santé publique 2024-2028", "CISSS de la Haute-Côte",
                  "Repère 1 – Saines habitudes\nObjectif 1.1 – Bouger plus\nAction 1.1.1 – Ouvrir les gymnases le soir\n"
                  "Repère 3 – Prévention\nObjectif 3.1 – Réduire le tabagisme\nAction 3.1.1 – Financer des haltes-conseils\n"
                  "Cible : 12 % de fumeurs en 2028\n"),
    }
    catalog = []
    for doc_id, (title, body, text) in plans.items():
        (tmp_path / f"{doc_id}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")
        catalog.append({"id": doc_id, "title": title, "organization": body, "level": "institutional", "period": "2025-2030",
                        "files": {"text": f"{doc_id}.txt"}})
    (tmp_path / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)

    both = ask(searcher, answerer, "Quelles sont les actions de l'objectif 3.1 ?")
    assert not both.abstained and sorted(c.doc_id for c in both.citations) == ["cegep", "cegep", "cisss"]
    assert "Plan stratégique 2025-2030 : 2 actions." in both.answer and "santé publique 2024-2028 : 1 action." in both.answer
    assert [c.n for c in both.citations] == [1, 2, 3] and all(f"{c.quote} [{c.n}]" in both.answer for c in both.citations)
    one = ask(searcher, answerer, "Quelles sont les actions de l'objectif 3.1 du CISSS ?")
    assert [c.quote for c in one.citations] == ["Action 3.1.1 – Financer des haltes-conseils"]
    # A word one plan alone names its levels by names that plan: the CISSS's plan has "repères", the cégep's none.
    own = ask(searcher, answerer, "Quelles sont les actions de l'objectif 3.1 sous le repère 3 ?")
    assert [c.quote for c in own.citations] == ["Action 3.1.1 – Financer des haltes-conseils"]
    # … and units asked under a unit the plan's own word names ("du repère 1": its actions only, not every plan's)
    under = ask(searcher, answerer, "Quelles sont les actions du repère 1 ?")
    assert [c.quote for c in under.citations] == ["Action 1.1.1 – Ouvrir les gymnases le soir"]
    targets = ask(searcher, answerer, "Quelle est la cible de l'objectif 3.1 ?")
    assert "Plan stratégique 2025-2030 : Objectif 3.1 – Soutenir la persévérance\nCible : 85 % de réussite en 2030" in targets.answer
    assert "Cible : 12 % de fumeurs en 2028" in targets.answer and [c.n for c in targets.citations] == [1, 2]
    cegep = ask(searcher, answerer, "Quelle est la cible de l'objectif 3.1 du cégep ?")
    assert cegep.answer.endswith("Cible : 85 % de réussite en 2030 [1]") and "fumeurs" not in cegep.answer


@pytest.mark.parametrize(("question", "kind"), [
    ("Quels sont les axes du plan numérique ?", "axe"),
    ("Sur quels grands enjeux l'INM concentre-t-il ses interventions ?", "enjeu"),
    # A second level word later in the question ("ses actions") is not what is asked for.
    ("Quels sont les 4 thèmes du MES auxquels le Pôle Québec rattache ses actions ?", "theme"),
    ("Donne-moi les orientations du plan de la Direction scientifique", "orientation"),
    ("In which strategic areas does the plan invest?", None),
    ("Give me the goals of the plan", "but"),
    ("Le plan compte-t-il des mesures pour les aînés ?", None),
    # A name of several words in the plural, each word to its complement; the longer name wins over a word in it.
    ("Quels sont les objectifs spécifiques du plan ?", "sous-objectif"),
    ("Quels sont les champs d’action du plan ?", "axe"),
    # English adjectives take no plural.
    ("What are the strategic directions of the plan?", "orientation"),
    ("Quelle est l'orientation stratégique 2 ?", None),
])
def test_a_question_asks_for_a_plan_s_units_in_many_forms(question, kind):
    from arrimage.answer.outline import kind_asked

    asked = kind_asked(question)
    assert (asked[0] if asked else None) == kind


@pytest.mark.parametrize(("question", "body"), [
    ("Quelles sont les orientations du plan de l’Université Laval ?", "Université Laval"),
    ("Quels sont les axes du plan de l'UQAM ?", "UQAM"),
    ("Quelles mesures du plan numérique visent les Premières Nations ?", None),  # a topic, not a body with a plan
    ("Quels sont les axes du plan numérique ?", None),
])
def test_an_outline_question_about_a_body_with_no_indexed_plan(fixture_searcher, question, body):
    from arrimage.answer.features import unindexed_plan

    assert unindexed_plan(profile(question, fixture_searcher.data.lexical), fixture_searcher, acronyms=True) == body


@pytest.mark.parametrize(("question", "body"), [
    # A body's name runs over its articles and capitalised words; "Québec" tells no body from another.
    ("Que dit le plan de l'Université du Québec à Rimouski sur la formation à distance ?",
     "Université du Québec à Rimouski"),
    ("What are McGill University's strategic priorities?", "McGill University"),
    ("Quelle est la cible du CISSS de la Côte-des-Érables pour les CHSLD ?", "CISSS de la Côte-des-Érables"),
    # Of any question but an outline one, an acronym is no body: plans name programmes and networks by theirs.
    ("Combien le ministère a-t-il accordé au RCGIM ?", None),
    # A question naming an indexed plan is about the plans here.
    ("Quel rôle le plan de l'INRS donne-t-il à l'Université Laval ?", None),
])
def test_a_question_about_a_body_with_no_indexed_plan(fixture_searcher, question, body):
    from arrimage.answer.features import unindexed_plan

    assert unindexed_plan(profile(question, fixture_searcher.data.lexical), fixture_searcher) == body


def test_a_plans_own_level_word_names_its_units_and_answers_for_them(tmp_path):
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    (tmp_path / "loutres.txt").write_text(
        "Plan de développement durable 2025-2028\n\n"
        "Chantier 1 – Un campus sobre en carbone\n"
        "Engagement 1.1 : Réduire les émissions des bâtiments\nCible : 1 450 t en 2028\n"
        "Engagement 1.2 : Doubler les déplacements actifs\nCible : 24 % en 2027\n\n"
        "Chantier 2 – Une alimentation locale\n"
        "Engagement 2.1 : Servir des aliments de la région\nCible : 40 % en 2028\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    # "Engagement" is no word of the grammar: the plan uses it for its objectifs, and its units keep the word.
    assert [u.code for u in searcher.data.units] == ["Chantier 1", "Engagement 1.1", "Engagement 1.2", "Chantier 2", "Engagement 2.1"]
    listed = ask(searcher, ExtractiveAnswerer(searcher), "Quels sont les engagements du plan ?")
    assert [c.quote.split(" :")[0] for c in listed.citations] == ["Engagement 1.1", "Engagement 1.2", "Engagement 2.1"]
    # … and a unit named by it answers for its fields.
    target = ask(searcher, ExtractiveAnswerer(searcher), "Quelle est la cible de l'engagement 1.2 ?")
    assert target.answer.endswith("Cible : 24 % en 2027 [1]"), target.answer


def test_a_plans_initials_for_a_level_list_its_units_and_a_table_row_gives_a_units_target(tmp_path):
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    (tmp_path / "sapa.txt").write_text(
        "Plan d'action en soutien à l'autonomie 2026-2028\n\n"
        "OBJECTIF GÉNÉRAL 1 — Maintenir les personnes aînées à domicile\n\nObjectifs spécifiques :\n\n"
        "OS 1.1 – Augmenter les heures de soutien à domicile\n\nOS 1.2 – Réduire l'attente pour une évaluation\n\n"
        "| OS | Indicateur | Départ (2025) | Cible mars 2028 |\n|---|---|---|---|\n"
        "| 1.1 | Heures de soutien à domicile par année | 410 000 | 520 000 |\n"
        "| 1.2 | Délai moyen avant l'évaluation (jours) | 45 | 20 |\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    assert [u.code for u in searcher.data.units] == ["Objectif 1", "OS 1.1", "OS 1.2"]
    answerer = ExtractiveAnswerer(searcher)
    listed = ask(searcher, answerer, "Quels sont les objectifs spécifiques du plan ?")
    assert listed.answer.splitlines()[0].endswith(": 2 OS."), listed.answer
    assert [c.quote.split(" –")[0] for c in listed.citations] == ["OS 1.1", "OS 1.2"]
    target = ask(searcher, answerer, "Quelle est la cible de l'OS 1.1 ?")
    assert "| 1.1 | Heures de soutien à domicile par année | 410 000 | 520 000 |" in target.answer, target.answer


@pytest.mark.parametrize(("text", "counted"), [
    ("Le Pôle compte 12 établissements membres.", True),
    ("soit 12 nouveaux établissements d'ici 2027", True),
    ("Nombre d'établissements membres : 12", True),
    ("| Établissements | 54, dont 3 hôpitaux |", True),
    # A number beside the word is not a count of it: a theme's number, a year, a figure of something else.
    ("Thème 1 : rassembler les établissements d'enseignement membres du Pôle Québec", False),
    ("Les établissements membres se réunissent depuis 2019.", False),
])
def test_a_count_is_carried_with_the_thing_it_counts(text, counted):
    from arrimage.answer.features import counts
    from arrimage.index.lexical import analyze

    assert counts(analyze("établissements")[0], text) is counted


def test_the_line_of_a_unit_with_nothing_under_it_is_an_answer_not_a_heading():
    # "A1.1 Réviser la politique … (SDC, juin 2026)" is all the plan says of that action: "Qui s'occupe de … ?" is
    # answered by quoting it. An objective's heading over its actions, or over its own text, stays a heading.
    from types import SimpleNamespace

    from arrimage.answer.features import Candidate, unit_headings
    from arrimage.ingest.models import PlanUnit

    def unit(uid: str, start: int, title: str, text: str, parent: str | None = None) -> PlanUnit:
        return PlanUnit(uid, "plan", "institutional", "action", uid.title(), title, text, (), 1, parent_id=parent, char_start=start)

    class Index:  # what unit_headings reads of a searcher (kept weakly, by index version)
        data = SimpleNamespace(units=[
        unit("objectif", 0, "Renouveler les collections", "Renouveler les collections"),
        unit("action", 40, "Réviser la politique (SDC, juin 2026)", "Réviser la politique (SDC, juin 2026)", "objectif"),
            unit("mesure", 90, "Élaguer les collections", "Élaguer les collections Chaque point de service …")])

    assert unit_headings(Index()) == {"plan": {0: False, 40: True, 90: False}}
    line = "A1.1 Réviser la politique (SDC, juin 2026)"
    assert not Candidate(0, 40, 80, line, frozenset(), 1.0, (), unit_heading=True, leaf=True).heading
    assert Candidate(0, 40, 80, line, frozenset(), 1.0, (), unit_heading=True).heading


def test_a_unit_named_by_the_words_of_its_title_answers_for_its_fields(tmp_path):
    # A housing office's plan (newcomer check, session 17): gestes whose owner and date stand in brackets at their end.
    searcher, answerer = plan_answerer(tmp_path, "habitation.txt", (
        "Plan d'action 2026-2029\n\nDÉFI 3 — UNE ORGANISATION AGILE\n"
        "Objectif 3.1 — Moderniser nos outils\nGestes :\n"
        "- Déployer un portail en ligne pour les demandes de réparation (Service des technologies, 2026)\n"
        "- Former le personnel au nouveau logiciel de gestion locative (Ressources humaines, 2027)\n"
        "Objectif 3.2 — Mesurer la satisfaction\nResponsable : Direction générale\n"))
    who = ask(searcher, answerer, "Qui est responsable du portail en ligne pour les demandes de réparation ?")
    assert who.answer == ("Déployer un portail en ligne pour les demandes de réparation\n- Déployer un portail en ligne "
                          "pour les demandes de réparation (Service des technologies, 2026) [1]")
    when = ask(searcher, answerer, "Quand le personnel sera-t-il formé au nouveau logiciel de gestion locative ?")
    assert when.citations[0].quote.endswith("(Ressources humaines, 2027)")
    # Words shared with no unit's title, or with several, name none: the answer is not a unit's fields.
    vague = ask(searcher, answerer, "Qui est responsable du plan ?")
    assert not vague.answer.startswith(("Déployer", "Former"))


def test_a_unit_named_by_its_title_that_its_plan_gives_no_budget_is_said_to_have_none(tmp_path):
    # test20's housing office (opened): "Quel budget est prévu pour acquérir et rénover l'immeuble …" was answered
    # with another action's budget line.
    from arrimage.answer.extractive import ExtractiveAnswerer
    from support import searcher_of

    (tmp_path / "habitation.txt").write_text(
        "Plan d'action 2026-2029\n\nLe plan en chiffres\n\n| Indicateur | Départ | Cible |\n|---|---|---|\n"
        "| Logements fermés de la rue Principale remis en location | 0 | 12 |\n\nAxe 1 – Loger plus de ménages\n"
        "Action 1 – Construire une résidence pour personnes aînées autonomes\nBudget : 4 200 000 $\nCible : 40 logements\n"
        "Échéance : 2028\n\n"
        "Action 2 – Acquérir et rénover un immeuble locatif existant d'au moins 24 logements\nÉchéance : 2028\n\n"
        "Action 3 – Aménager un jardin communautaire derrière les habitations du quartier Sud\n"
        "La Ville y consacrera 35 000 $ en 2027.\nÉchéance : 2027\n\n"
        "Action 4 – Remettre en location les logements fermés de la rue Principale\nÉchéance : 2026\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)
    none = ask(searcher, answerer, "Quel budget est prévu pour acquérir et rénover l'immeuble locatif d'au moins 24 logements ?")
    assert none.abstained and none.answer.startswith("Le plan ne donne pas de budget à : Action 2 – Acquérir")
    # An amount printed under the unit, or a target on a line that names it, is not claimed absent.
    prose = ask(searcher, answerer, "Quel budget pour aménager le jardin communautaire derrière les habitations du quartier Sud ?")
    assert not prose.answer.startswith("Le plan ne donne pas")
    row = ask(searcher, answerer, "Quelle est la cible pour remettre en location les logements fermés de la rue Principale ?")
    assert not row.answer.startswith("Le plan ne donne pas")


def test_a_figure_counts_for_the_unit_asked_about_only_where_it_stands_under_that_unit():
    # "Budget du défi Bouger au boulot ?" (test30, answered with the budget lines of other actions): a budget line
    # carries an amount wherever it stands; only under the unit asked about does it carry that unit's words.
    from types import SimpleNamespace

    from arrimage.answer.features import QUESTION_FEATURES, Candidate, Profile, question_features, unit_paths
    from arrimage.index.lexical import analyze
    from arrimage.ingest.models import PlanUnit

    text = ("Action 1 – Lancer le défi Bouger au boulot\nBudget : 4 000 $\n"
            "Action 2 – Offrir des ateliers de nutrition\nBudget : 12 000 $")
    units = [PlanUnit("a1", "plan", "institutional", "action", "Action 1", "Lancer le défi Bouger au boulot", "", (), 1, char_start=0),
             PlanUnit("a2", "plan", "institutional", "action", "Action 2", "Offrir des ateliers de nutrition", "", (), 1,
                      char_start=text.index("Action 2"))]

    class Index:  # what the answer step reads of a searcher (kept weakly, by index version)
        data = SimpleNamespace(units=units)
        documents: dict = {}

    paths = unit_paths(Index())
    assert paths["plan"][0] == [0, text.index("Action 2")]
    hit = SimpleNamespace(chunk=SimpleNamespace(text=text, section_path=(), char_start=0),
                          document=SimpleNamespace(title="Plan", organization="Ville"))
    p = Profile("fr", {t: 1.0 for t in analyze("budget défi bouger boulot")}, frozenset({"amount"}), None, (), None)

    def carried_in_unit(line: str) -> float:
        start = text.index(line)
        unit = paths["plan"][1][0 if start < text.index("Action 2") else 1]
        found = [Candidate(0, start, start + len(line), line, frozenset(analyze(line)), 0.2, (), unit=unit)]
        return question_features(p, found, [0.9], [hit], Index())[QUESTION_FEATURES.index("carried_in_unit")]

    assert carried_in_unit("Budget : 4 000 $") == 1.0  # the line and its unit's title hold every term asked
    assert carried_in_unit("Budget : 12 000 $") == 0.25  # only "budget"


def test_a_field_the_named_unit_does_not_state_is_a_sign_the_plans_do_not_answer():
    from types import SimpleNamespace

    from arrimage.answer.features import QUESTION_FEATURES, Candidate, profile, question_features, unit_paths
    from arrimage.index.lexical import analyze
    from arrimage.ingest.models import PlanUnit

    text = ("Action 1 – Créer un réseau d'ambassadeurs jeunesse\nResponsable : Alliance\n"
            "Action 2 – Maintenir les séjours exploratoires\nResponsable : Place aux jeunes\nBudget : 90 000 $ par année")
    units = [PlanUnit("a1", "plan", "regional", "action", "Action 1", "Créer un réseau d'ambassadeurs jeunesse", "", (), 1,
                      char_start=0, fields=(("responsable", "Alliance"),)),
             PlanUnit("a2", "plan", "regional", "action", "Action 2", "Maintenir les séjours exploratoires", "", (), 1,
                      char_start=text.index("Action 2"), fields=(("responsable", "Place aux jeunes"),
                                                                  ("budget", "90 000 $ par année")))]

    class Index:  # what the answer step reads of a searcher (kept weakly, by index version)
        data = SimpleNamespace(units=units)
        documents: dict = {}

    paths = unit_paths(Index())
    hit = SimpleNamespace(chunk=SimpleNamespace(text=text, section_path=(), char_start=0),
                          document=SimpleNamespace(title="Plan", organization="Alliance"))
    lexical = SimpleNamespace(idf=lambda term: 1.0)
    found = []
    for k, line in enumerate(("Responsable : Alliance", "Budget : 90 000 $ par année")):
        start = text.index(line)
        found.append(Candidate(0, start, start + len(line), line, frozenset(analyze(line)), 0.2, (),
                               unit=paths["plan"][1][k], owner=paths["plan"][2][k]))

    def unstated(question: str) -> float:
        p = profile(question, lexical)
        return question_features(p, found, [0.5, 0.9], [hit], Index())[QUESTION_FEATURES.index("field_unstated")]

    assert unstated("Quel budget pour le réseau d'ambassadeurs jeunesse ?") > 0.5  # action 1 states no budget
    assert unstated("Quel budget pour les séjours exploratoires ?") == 0.0  # action 2 does
    assert unstated("Qui est responsable du réseau d'ambassadeurs ?") == 0.0  # action 1 states its owner
    assert unstated("Que prévoit le réseau d'ambassadeurs ?") == 0.0  # no field asked


def test_an_entry_of_a_table_of_contents_is_never_an_answer():
    from arrimage.answer.features import Candidate

    for line in ("Mot de la directrice ..... 3", "Orientation 2 : Rayonner … 14"):
        assert Candidate(0, 0, len(line), line, frozenset(), 1.0, ()).heading
    assert not Candidate(0, 0, 40, "Les frais passent de 3 $ à 5 $.", frozenset(), 1.0, ()).heading


def test_units_under_a_unit_the_question_names_by_its_title_are_listed(tmp_path):
    # Session 37's newcomer fire-safety plan: "Quelles sont les mesures prévues pour moderniser la flotte et les
    # équipements ?" asks for the mesures of "Objectif 2.2 — Moderniser la flotte de véhicules et les équipements";
    # they were answered with the objective's indicator table.
    searcher, answerer = plan_answerer(tmp_path, "incendie.txt", (
        "Plan stratégique 2026-2029\n\nAxe 2 — Intervenir de façon rapide et sécuritaire\n\n"
        "Objectif 2.1 — Améliorer le temps de réponse dans les périmètres urbains\n\n"
        "Mesure 2.1.1 — Instaurer une garde interne de quatre pompiers à la caserne 2\n\n"
        "Mesure 2.1.2 — Revoir les protocoles de déploiement avec le centre d'appels\n\n"
        "Objectif 2.2 — Moderniser la flotte de véhicules et les équipements\n\n"
        "Indicateur : Âge moyen des véhicules d'intervention principaux. Cible : 12 ans ou moins en 2029.\n\n"
        "Mesure 2.2.1 — Remplacer l'autopompe 241 et le camion-citerne 643\n\n"
        "Mesure 2.2.2 — Acquérir 60 appareils de protection respiratoire conformes à la norme\n\n"
        "Mesure 2.2.3 — Adopter un plan décennal de remplacement des véhicules\n"))
    listed = ask(searcher, answerer, "Quelles sont les mesures prévues pour moderniser la flotte et les équipements ?")
    assert [c.quote.split(" —")[0] for c in listed.citations] == ["Mesure 2.2.1", "Mesure 2.2.2", "Mesure 2.2.3"], listed.answer
    topical = ask(searcher, answerer, "Quelles mesures portent sur les protocoles de déploiement ?")
    assert not topical.answer.startswith("Plan stratégique 2026-2029 :"), topical.answer
