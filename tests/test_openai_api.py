"""The OpenAI-compatible API (/v1), served by a real uvicorn and queried with the official `openai` client."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from arrimage.eval.datasets import load_questions
from arrimage.service.app import create_app
from support import REPO, serve

from arrimage.settings import Settings

DEV_QUESTIONS = REPO / "eval" / "datasets" / "dev" / "questions.jsonl"
QUESTION = "Quel est le budget du plan numérique ?"


@pytest.fixture(scope="module")
def base_url(fixture_searcher, tmp_path_factory, calibration_file):
    tmp = tmp_path_factory.mktemp("openai")
    settings = Settings(index_dir=tmp / "unused-index", align_calibration=calibration_file,
                        database_url=f"sqlite:///{tmp / 'arrimage.db'}")
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="not-needed", max_retries=0, timeout=30)


@pytest.fixture(scope="module")
def http(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def openai_error(response: httpx.Response, status: int) -> dict:
    """OpenAI's error shape: {"error": {"message", "type", "param", "code"}}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["message"]
    return body["error"]


class TestModels:
    def test_one_model_without_an_llm(self, client):
        models = client.models.list()
        assert [m.id for m in models] == ["arrimage"]
        assert models.data[0].owned_by == "arrimage"

    def test_retrieve(self, client):
        assert client.models.retrieve("arrimage").id == "arrimage"

    def test_an_llm_adds_arrimage_llm(self, fixture_searcher, tmp_path, calibration_file):
        settings = Settings(index_dir=tmp_path / "i", llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
        with serve(create_app(settings, searcher=fixture_searcher)) as url:
            models = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0).models.list()
        assert [m.id for m in models] == ["arrimage", "arrimage-llm"]


class TestChatCompletions:
    def test_answer_with_markers_sources_and_citations(self, client):
        response = client.chat.completions.create(model="arrimage", messages=[{"role": "user", "content": QUESTION}])
        assert response.object == "chat.completion" and response.model == "arrimage"
        choice = response.choices[0]
        assert choice.finish_reason == "stop" and choice.message.role == "assistant"
        text = choice.message.content
        assert "[1]" in text and "1 186 M$" in text
        answer, sources = text.split("\n\n**Sources**\n\n")
        citations = response.citations  # the extension field
        assert citations and {"n", "chunk_id", "doc_id", "title", "page", "section_path", "quote", "text"} <= set(citations[0])
        for c in citations:
            assert f"[{c['n']}]" in answer
            assert f"{c['n']}. *{c['title']}*, p. {c['page']}" in sources
            assert " ".join(c["quote"].split()) in sources

    def test_streaming_gives_the_same_message_then_done(self, client, http):
        whole = client.chat.completions.create(model="arrimage", messages=[{"role": "user", "content": QUESTION}])
        chunks = list(client.chat.completions.create(model="arrimage", stream=True,
                                                     messages=[{"role": "user", "content": QUESTION}]))
        assert chunks[0].choices[0].delta.role == "assistant"
        assert all(c.object == "chat.completion.chunk" and c.id == chunks[0].id for c in chunks)
        text = "".join(c.choices[0].delta.content or "" for c in chunks)
        assert text == whole.choices[0].message.content
        assert len(chunks) > 10  # word by word
        assert chunks[-1].choices[0].finish_reason == "stop"
        assert chunks[-1].citations == whole.citations

        with http.stream("POST", "/v1/chat/completions", json={"model": "arrimage", "stream": True,
                                                               "messages": [{"role": "user", "content": QUESTION}]}) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            lines = [line for line in r.iter_lines() if line]
        assert all(line.startswith("data: ") for line in lines)
        assert lines[-1] == "data: [DONE]"

    def test_earlier_messages_are_the_history(self, client, http):
        first = "Quel est le budget du plan d’action numérique ?"
        follow = "Et pour le Pôle régional ?"
        asked = http.post("/ask", json={"question": follow, "history": [{"role": "user", "content": first},
                                                                         {"role": "assistant", "content": "…"}]}).json()
        assert asked["searched"]  # resolved with its subject
        response = client.chat.completions.create(model="arrimage", messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": first}, {"role": "assistant", "content": "…"},
            {"role": "user", "content": [{"type": "text", "text": follow}]}])
        assert response.choices[0].message.content.startswith(asked["answer"])
        assert [c["chunk_id"] for c in response.citations] == [c["chunk_id"] for c in asked["citations"]]

    def test_long_assistant_turns_are_cut_not_refused(self, client):
        response = client.chat.completions.create(model="arrimage", messages=[
            {"role": "user", "content": QUESTION}, {"role": "assistant", "content": "x " * 5000},
            {"role": "user", "content": "Et les formations ?"}])
        assert response.choices[0].message.content

    def test_temperature_and_max_tokens_accepted(self, client):
        response = client.chat.completions.create(model="arrimage", temperature=0.7, max_tokens=50, top_p=0.9, user="u",
                                                  messages=[{"role": "user", "content": QUESTION}])
        assert response.choices[0].message.content


class TestErrors:
    def test_unknown_model(self, client, http):
        with pytest.raises(openai.NotFoundError) as caught:
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
        assert caught.value.code == "model_not_found"
        error = openai_error(http.post("/v1/chat/completions", json={"model": "arrimage-llm", "messages": [
            {"role": "user", "content": QUESTION}]}), 404)
        assert error["param"] == "model" and "ARRIMAGE_LLM_BASE_URL" in error["message"]

    @pytest.mark.parametrize("body, fragment", [
        ({"model": "arrimage", "messages": []}, "messages"),
        ({"model": "arrimage", "messages": [{"role": "system", "content": "hi"}]}, "no user message"),
        ({"model": "arrimage", "messages": [{"role": "user", "content": "   "}]}, "question is empty"),
        ({"model": "arrimage", "messages": [{"role": "user", "content": "x" * 2001}]}, "2000"),
        ({"model": "arrimage", "messages": [{"role": "robot", "content": "x"}]}, "role"),
        ({"messages": [{"role": "user", "content": "x"}]}, "model"),
        ({"model": "arrimage", "n": 2, "messages": [{"role": "user", "content": "x"}]}, "n"),
    ])
    def test_bad_requests_are_400(self, http, body, fragment):
        error = openai_error(http.post("/v1/chat/completions", json=body), 400)
        assert error["type"] == "invalid_request_error"
        assert fragment in error["message"]

    def test_the_client_raises_bad_request(self, client):
        with pytest.raises(openai.BadRequestError, match="no user message"):
            client.chat.completions.create(model="arrimage", messages=[{"role": "assistant", "content": "x"}])

    def test_malformed_json_and_unknown_route(self, http):
        openai_error(http.post("/v1/chat/completions", content=b"{", headers={"content-type": "application/json"}), 400)
        assert "Unknown request URL" in openai_error(http.get("/v1/completions"), 404)["message"]
        openai_error(http.get("/v1/chat/completions"), 405)

    def test_no_index_is_503(self, tmp_path):
        settings = Settings(index_dir=tmp_path / "empty")
        with serve(create_app(settings)) as url:
            response = httpx.post(f"{url}/v1/chat/completions", json={"model": "arrimage", "messages": [
                {"role": "user", "content": QUESTION}]})
        error = openai_error(response, 503)
        assert error["type"] == "server_error" and error["code"] == "no_index"

    def test_the_rest_of_the_api_keeps_its_own_error_shape(self, http):
        body = http.post("/search", json={"query": ""}).json()
        assert set(body["error"]) == {"code", "message"}


@pytest.fixture(scope="module")
def keyed_url(fixture_searcher, tmp_path_factory):
    settings = Settings(index_dir=tmp_path_factory.mktemp("keys"), api_keys="k-one, k-two")
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


class TestKeys:
    def test_keys_are_read_comma_separated(self, monkeypatch):
        monkeypatch.setenv("ARRIMAGE_API_KEYS", "sk-alpha,sk-beta , sk-gamma,")
        assert [k.get_secret_value() for k in Settings().api_keys] == ["sk-alpha", "sk-beta", "sk-gamma"]
        assert "sk-alpha" not in repr(Settings())

    @pytest.mark.parametrize("key", ["k-one", "k-two"])
    def test_a_configured_key_opens(self, keyed_url, key):
        client = openai.OpenAI(base_url=f"{keyed_url}/v1", api_key=key, max_retries=0)
        assert [m.id for m in client.models.list()] == ["arrimage"]
        assert client.chat.completions.create(model="arrimage", messages=[{"role": "user", "content": QUESTION}]).citations

    @pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer k-on"}, {"Authorization": "Bearer k-one-two"},
                                         {"Authorization": "k-one"}, {"Authorization": "Bearer"}])
    def test_a_missing_or_wrong_key_is_401(self, keyed_url, headers):
        for method, path in (("GET", "/v1/models"), ("POST", "/v1/chat/completions")):
            response = httpx.request(method, f"{keyed_url}{path}", headers=headers,
                                     json={"model": "arrimage", "messages": [{"role": "user", "content": QUESTION}]})
            assert openai_error(response, 401)["code"] == "invalid_api_key"

    def test_the_client_raises_authentication_error(self, keyed_url):
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=f"{keyed_url}/v1", api_key="wrong", max_retries=0).models.list()

    def test_keys_protect_v1_only_among_the_http_api(self, keyed_url):
        assert httpx.get(f"{keyed_url}/health").status_code == 200
        assert httpx.post(f"{keyed_url}/search", json={"query": "budget"}).status_code == 200


def test_dev_questions_get_the_same_answer_and_citations_as_ask(client, http):
    """Every dev question (a follow-up with its earlier question and answer as history), on the fixture index:
    the openai client, streaming and not, gets /ask's answer and citations."""
    questions = load_questions(DEV_QUESTIONS)
    by_id = {q.qid: q for q in questions}
    assert len(questions) >= 90 and any(q.follows for q in questions)
    for q in questions:
        history = []
        if q.follows:
            earlier = by_id[q.follows].question
            history = [{"role": "user", "content": earlier},
                       {"role": "assistant", "content": http.post("/ask", json={"question": earlier}).json()["answer"]}]
        asked = http.post("/ask", json={"question": q.question, "history": history})
        assert asked.status_code == 200, asked.text
        expected = asked.json()
        messages = [*history, {"role": "user", "content": q.question}]
        response = client.chat.completions.create(model="arrimage", messages=messages)
        text = response.choices[0].message.content
        assert text == expected["answer"].strip() + _tail(expected), q.qid
        assert response.citations == expected["citations"], q.qid
        streamed = list(client.chat.completions.create(model="arrimage", messages=messages, stream=True))
        assert "".join(c.choices[0].delta.content or "" for c in streamed) == text, q.qid
        assert streamed[-1].citations == expected["citations"], q.qid


def _tail(ask: dict) -> str:
    """The message after the answer: the notice, then the sources as /ask's Markdown gives them."""
    notice = f"\n\n*{ask['notice']}*" if ask["notice"] else ""
    if not ask["citations"]:
        return notice
    heading = "**À consulter**" if ask["abstained"] else "**Sources**"
    return notice + "\n\n" + heading + ask["markdown"].split(heading, 1)[1].rstrip("\n")


def test_an_error_while_streaming_comes_in_band_then_done(caplog):
    from arrimage.service.openai_api import chunks

    def fail():
        raise RuntimeError("secret internals")

    events = list(chunks(fail, "arrimage"))
    assert events[-1] == "data: [DONE]\n\n"
    error = json.loads(events[-2].removeprefix("data: "))
    assert error["error"]["type"] == "server_error" and "secret" not in events[-2]
    assert any(r.getMessage() == "error while streaming a chat completion" for r in caplog.records)

