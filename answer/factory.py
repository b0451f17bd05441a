"""The one place that makes the answerers from the settings."""

from __future__ import annotations

from arrimage.index.search import Searcher

from arrimage.settings import Settings

from .answers import Answerer
from .extractive import ExtractiveAnswerer
from .llm import LLMAnswerer

NO_LLM = (
    "no LLM is configured: set ARRIMAGE_LLM_BASE_URL (an OpenAI-compatible endpoint) and ARRIMAGE_LLM_MODEL, "
    "and ARRIMAGE_LLM_API_KEY if the endpoint needs one, then restart the service"
)


class AnswererUnavailable(LookupError):
    """An answerer that the settings do not make available (the LLM without an endpoint)."""


def llm_configured(settings: Settings) -> bool:
    return bool(settings.llm_base_url and settings.llm_model)


def make_answerers(settings: Settings, searcher: Searcher) -> dict[str, Answerer]:
    """Every answerer the settings make available, the configured default first."""
    extractive = ExtractiveAnswerer(searcher)
    answerers: dict[str, Answerer] = {"extractive": extractive}
    if llm_configured(settings):
        answerers["llm"] = LLMAnswerer.from_settings(
            settings.llm_base_url, settings.llm_model, settings.llm_api_key.get_secret_value(), settings.llm_timeout,
            fallback=extractive, max_tokens=settings.llm_max_tokens)
    if settings.answerer in answerers:
        answerers = {settings.answerer: answerers[settings.answerer], **answerers}
    return answerers


def make_answerer(settings: Settings, searcher: Searcher, name: str | None = None) -> Answerer:
    """The answerer called ``name`` (the configured one when None)."""
    answerers = make_answerers(settings, searcher)
    wanted = name or settings.answerer
    if wanted not in answerers:
        raise AnswererUnavailable(NO_LLM if wanted == "llm" else f"unknown answerer {wanted!r}")
    return answerers[wanted]
