"""The one settings object, read from the environment (prefix ARRIMAGE_) and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from arrimage.ingest.chunk import ChunkSpec


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARRIMAGE_", env_file=".env", extra="ignore")

    corpus: list[Path] = Field(default=[Path("data/plans/pdf")], description="Files or folders ingested by default")
    index_dir: Path = Path("var/index")
    embedding_model: str = "e5-small-q4"
    contextual_chunks: bool = True
    dense_index: Literal["flat", "hnsw"] = "flat"
    chunk_max_chars: int = Field(ChunkSpec.max_chars, ge=200, le=4000)
    chunk_overlap_chars: int = Field(ChunkSpec.overlap_chars, ge=0, le=1000)
    answerer: Literal["extractive", "llm"] = "extractive"
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    llm_model: str | None = None
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds before the LLM answer falls back to the extractive one")
    llm_max_tokens: int = Field(400, ge=16, le=4096, description="Longest LLM answer, in tokens")
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
