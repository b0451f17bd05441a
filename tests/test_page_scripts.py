"""The page's scripts without a browser: pure modules run under node (skipped when node is missing)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from support import REPO

STATIC = REPO / "service" / "static"
NODE = shutil.which("node")


def run_module(module: str, expression: str) -> object:
    """Import ``module`` of the page into node (as a data: URL, so no package.json is needed) and print ``expression``."""
    source = (STATIC / module).read_text(encoding="utf-8")
    script = (f"const m = await import('data:text/javascript,' + encodeURIComponent({json.dumps(source)}));\n"
              f"console.log(JSON.stringify({expression}));")
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_a_malformed_hash_names_no_view_and_throws_nothing():
    names = '["questions", "alignement", "plans"]'
    got = run_module("hash.js", f"""[
        m.viewNamed("#alignement", {names}), m.viewNamed("#%70lans", {names}), m.viewNamed("", {names}),
        m.viewNamed("#autre", {names}), m.viewNamed("#%E0%A4%A", {names}), m.viewNamed("#%", {names}),
        m.viewNamed("#%ED%A0%80", {names})]""")
    assert got == ["alignement", "plans", None, None, None, None, None]


def test_only_the_hash_module_decodes_uri_components():
    """decodeURIComponent throws URIError on a malformed escape: the page calls it in one guarded place."""
    callers = sorted(p.name for p in STATIC.glob("*.js") if "decodeURI" in p.read_text(encoding="utf-8"))
    assert callers == ["hash.js"]


def test_the_page_needs_nothing_its_content_security_policy_forbids():
    """The policy is 'self' only: no inline script, style or event handler, and every URL of the page is local."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None
    assert "<style" not in page
    assert re.search(r"\s(?:style|on[a-z]+)=", page) is None
    assert all(url.startswith("/") or url.startswith("#") for url in re.findall(r'(?:src|href)="([^"]*)"', page))
    for script in STATIC.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert "innerHTML" not in source and "eval(" not in source and "new Function" not in source, script.name


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_upload_forms_level_words_become_the_structure_the_api_takes():
    got = run_module("levels.js", """[m.structureFromWords("Pilier = axe, Engagement: objectif"),
        m.structureFromWords("  "), m.structureFromWords("Cap=orientation;\\nlevier = Objectif")]""")
    assert [json.loads(s) if s else s for s in got] == [
        {"words": {"pilier": "axe", "engagement": "objectif"}}, "", {"words": {"cap": "orientation", "levier": "objectif"}}]
