"""The OpenAI-compatible API and the MCP server on the real corpus with the real model: the `openai` client
against the real server, and `arrimage mcp` (stdio) as an agent would start it.

Run with ``pytest -m e2e tests/test_integrations_e2e.py`` (the first run embeds the corpus into var/test-index)."""

from __future__ import annotations

import sys

import anyio
import httpx
import openai
import pytest
from mcp import Client, StdioServerParameters
from support import REPO

pytestmark = pytest.mark.e2e
QUESTION = "Quel est le budget total du plan d’action numérique en éducation ?"


def test_the_openai_client_gets_the_cited_answer_of_ask(real_server):
    asked = httpx.post(f"{real_server}/ask", json={"question": QUESTION}, timeout=60).json()
    client = openai.OpenAI(base_url=f"{real_server}/v1", api_key="-", max_retries=0, timeout=60)
    response = client.chat.completions.create(model="arrimage", messages=[{"role": "user", "content": QUESTION}])
    text = response.choices[0].message.content
    assert text.startswith(asked["answer"].strip()) and "**Sources**" in text
    assert response.citations == asked["citations"] and response.citations
    streamed = client.chat.completions.create(model="arrimage", stream=True, messages=[{"role": "user", "content": QUESTION}])
    assert "".join(c.choices[0].delta.content or "" for c in streamed) == text


def test_arrimage_mcp_over_stdio_on_the_real_index(real_index_env):
    env = {k: v for k, v in real_index_env.items() if k.startswith(("ARRIMAGE_", "PYTHON", "HOME", "PATH"))}
    server = StdioServerParameters(command=sys.executable, args=["-m", "arrimage.cli", "mcp"], env=env, cwd=str(REPO))

    async def main():
        async with Client(server, read_timeout_seconds=120) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            documents = (await client.call_tool("list_documents", {})).structured_content["result"]
            hits = (await client.call_tool("search_plans", {"query": QUESTION, "k": 3})).structured_content["hits"]
            answer = (await client.call_tool("ask", {"question": QUESTION})).structured_content
            return names, documents, hits, answer

    names, documents, hits, answer = anyio.run(main)
    assert {"search_plans", "ask", "list_documents", "plan_outline", "related_units", "coverage"} == names
    assert len(documents) == 5 and len(hits) == 3
    assert answer["citations"] and not answer["abstained"]
