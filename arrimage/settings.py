"""The one settings object, read from the environment (prefix ARRIMAGE_) and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARRIMAGE_", env_file=".env", extra="ignore")

    corpus: list[Path] = Field(default=[Path("data/plans/pdf")], description="Files or folders ingested by default")
    index_dir: Path = Path("var/index")
    embedding_model: str = "e5-small-q4"
    contextual_chunks: bool = True
    dense_index: Literal["flat", "hnsw"] = "flat"
    chunk_max_chars: int = Field(1200, ge=200, le=4000)
    chunk_overlap_chars: int = Field(250, ge=0, le=1000)
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
