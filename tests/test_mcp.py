"""The MCP server, through the SDK's own client: over streamable HTTP at /mcp of a real uvicorn, and over
stdio from `arrimage mcp` in a subprocess. Tools are listed and callable, and give what the HTTP routes give."""

from __future__ import annotations

import json
import os
import sys

import anyio
import httpx
import httpx2
import pytest
from arrimage.index.store import save_index
from arrimage.service.app import create_app
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from support import REPO, serve

from arrimage.settings import Settings

TOOLS = {"search_plans", "ask", "list_documents", "plan_outline", "related_units", "coverage"}


@pytest.fixture(scope="module")
def base_url(fixture_searcher, tmp_path_factory, calibration_file):
    tmp = tmp_path_factory.mktemp("mcp")
    settings = Settings(index_dir=tmp / "unused-index", align_calibration=calibration_file,
                        database_url=f"sqlite:///{tmp / 'arrimage.db'}")
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


def run(session_work, server) -> dict:
    """Open the SDK's client on ``server`` and run ``session_work(client)``."""

    async def main():
        async with Client(server, read_timeout_seconds=60) as client:
            return await session_work(client)

    return anyio.run(main)


async def list_and_call(client: Client) -> dict:
    """List the tools, then call each one as an agent would, from what the previous calls returned."""
    tools = {t.name: t for t in (await client.list_tools()).tools}
    out: dict = {"tools": tools}

    async def call(name: str, arguments: dict) -> dict:
        result = await client.call_tool(name, arguments)
        assert not result.is_error, (name, result.content)
        out[name] = result.structured_content
        as_text = [json.loads(c.text) for c in result.content]  # the same JSON as text: a list is one text per item
        assert as_text == result.structured_content.get("result", [result.structured_content])
        return result.structured_content

    documents = (await call("list_documents", {}))["result"]
    assert "plan-numerique" in {d["doc_id"] for d in documents}
    await call("search_plans", {"query": "budget du plan numérique", "k": 3, "levels": ["ministerial"]})
    await call("ask", {"question": "Quel est le budget du plan numérique ?"})
    outline = await call("plan_outline", {"doc_id": "plan-numerique"})
    await call("related_units", {"unit_id": outline["units"][0]["unit_id"], "k": 2})
    await call("coverage", {"target_doc_id": "plan-numerique"})
    out["unknown_plan"] = await client.call_tool("plan_outline", {"doc_id": "nulle-part"})
    out["bad_argument"] = await client.call_tool("related_units", {"k": 2})
    return out


def check(out: dict, base_url: str) -> None:
    tools = out["tools"]
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert "FR" in tool.description and "EN" in tool.description, tool.name
        assert " / " in tool.title and tool.input_schema["type"] == "object"
        assert tool.output_schema is not None
        for name, prop in tool.input_schema.get("properties", {}).items():
            assert " / " in prop["description"], (tool.name, name)  # French / English
    assert tools["search_plans"].input_schema["properties"]["k"]["maximum"] == 100
    assert set(tools["search_plans"].input_schema["properties"]) == {"query", "k", "doc_ids", "levels"}
    assert set(tools["ask"].input_schema["properties"]) == {"question", "history"}
    assert set(tools["related_units"].input_schema["properties"]) == {"text", "unit_id", "k"}

    with httpx.Client(base_url=base_url, timeout=30) as http:
        assert out["list_documents"]["result"] == http.get("/documents").json()
        search = http.post("/search", json={"query": "budget du plan numérique", "k": 3,
                                            "filters": {"levels": ["ministerial"]}}).json()
        assert [h["chunk_id"] for h in out["search_plans"]["hits"]] == [h["chunk_id"] for h in search["hits"]]
        asked = http.post("/ask", json={"question": "Quel est le budget du plan numérique ?"}).json()
        assert out["ask"]["answer"] == asked["answer"] and out["ask"]["citations"] == asked["citations"]
        doc_id = out["plan_outline"]["doc_id"]
        assert out["plan_outline"] == http.get(f"/plans/{doc_id}/units").json()
        assert out["coverage"] == http.get("/coverage", params={"target_doc_id": "plan-numerique"}).json()
    assert out["related_units"]["units"]

    assert out["unknown_plan"].is_error and "nulle-part" in out["unknown_plan"].content[0].text
    assert out["bad_argument"].is_error and "exactly one of text and unit_id" in out["bad_argument"].content[0].text


def test_over_http(base_url):
    check(run(list_and_call, f"{base_url}/mcp"), base_url)


def test_over_http_with_keys(fixture_searcher, tmp_path, calibration_file):
    settings = Settings(index_dir=tmp_path / "i", align_calibration=calibration_file, api_keys="sk-mcp",
                        database_url=f"sqlite:///{tmp_path / 'arrimage.db'}")

    async def names(client: Client) -> set[str]:
        return {t.name for t in (await client.list_tools()).tools}

    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        refused = httpx.post(f"{url}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
        keyed = httpx2.AsyncClient(headers={"Authorization": "Bearer sk-mcp"}, timeout=30)
        assert run(names, streamable_http_client(f"{url}/mcp", http_client=keyed)) == TOOLS


def test_over_stdio(fixture_index, isolated_index_dir, base_url, tmp_path):
    """`arrimage mcp` in a subprocess, on the fixture index saved where ARRIMAGE_INDEX_DIR points (with the fake
    embedder in place of the model)."""
    save_index(fixture_index, isolated_index_dir)
    start = ("import arrimage.runtime, support; arrimage.runtime.make_embedder = lambda name: support.FakeEmbedder(); "
             "from arrimage.cli import main; main(['mcp'])")
    env = {k: v for k, v in os.environ.items() if k.startswith(("ARRIMAGE_", "PYTHON"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(REPO / "tests")) if p)
    env["ARRIMAGE_DATABASE_URL"] = f"sqlite:///{tmp_path / 'stdio.db'}"
    server = StdioServerParameters(command=sys.executable, args=["-c", start], env=env, cwd=str(REPO))
    check(run(list_and_call, server), base_url)


def test_stdio_without_an_index_says_why(isolated_index_dir):
    env = {k: v for k, v in os.environ.items() if k.startswith(("ARRIMAGE_", "PYTHON"))}
    server = StdioServerParameters(command=sys.executable, args=["-m", "arrimage.cli", "mcp"], env=env, cwd=str(REPO))

    async def search(client: Client):
        return await client.call_tool("search_plans", {"query": "budget"})

    result = run(search, server)
    assert result.is_error and "no index loaded" in result.content[0].text


def test_the_cli_lists_mcp():
    from click.testing import CliRunner

    from arrimage.cli import main

    result = CliRunner().invoke(main, ["mcp", "--help"])
    assert result.exit_code == 0 and "stdio" in result.output and "arrimage mcp" in result.output
