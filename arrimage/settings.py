"""The one settings object, read from the environment (prefix ARRIMAGE_) and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from arrimage.ingest.chunk import ChunkSpec
from arrimage.ingest.pipeline import Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARRIMAGE_", env_file=".env", extra="ignore")

    corpus: list[Path] = Field(default=[Path("data/plans/pdf")], description="Files or folders ingested by default")
    index_dir: Path = Path("var/index")
    embedding_model: str = "e5-small-q4"
    contextual_chunks: bool = True
    dense_index: Literal["flat", "hnsw"] = "flat"
    backend: Literal["local", "qdrant"] = Field("local", description="Where a search finds its candidates: bm25s and FAISS in "
                                                "each process (local), or Qdrant (qdrant, see ARRIMAGE_QDRANT_URL)")
    qdrant_url: str | None = Field(None, description="Qdrant server or cluster of the qdrant backend, e.g. http://qdrant:6333; "
                                   "unset: Qdrant embedded in the index directory (one process)")
    qdrant_api_key: SecretStr | None = Field(None, description="API key of the Qdrant server, if it asks for one")
    qdrant_shards: int = Field(1, ge=1, description="Shards of each collection written to a Qdrant server (spread over its nodes)")
    qdrant_replicas: int = Field(1, ge=1, description="Copies of each shard on a Qdrant cluster (2: a node can fail)")
    query_cache_size: int = Field(4096, ge=0, description="Query embeddings kept in memory, per process (0: none); "
                                  "about 1.6 kB each with e5-small")
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
    workers: int = Field(1, ge=1, le=64, description="Server processes of `arrimage serve`; they map one copy of the index")
    compute_concurrency: int = Field(2, ge=0, le=64, description="Requests of the CPU-bound routes (search, ask, related, "
                                     "plan units, chat completions) computed at once per worker process; the others "
                                     "wait their turn without holding a thread (0: no bound of their own)")
    uploads_dir: Path = Field(Path("var/uploads"), description="Where added plans and their catalog are kept")
    database_url: str = Field("sqlite:///var/arrimage.db",
                              description="Where reviews are kept (SQLAlchemy URL: SQLite by default, PostgreSQL for several users)")
    rate_limit: int = Field(0, ge=0, description="Most requests a minute from one client address (429 beyond); 0: no limit")
    align_calibration: Path = Field(Path("var/alignment-calibration.json"),
                                    description="Alignment calibrations refit by `arrimage align calibrate` (the shipped "
                                                "ones serve a model it does not hold)")
    admin_token: SecretStr | None = Field(None, description="Bearer token of the write endpoints; unset: writes refused")
    cors_origins: list[str] = Field([], description="Origins whose pages may call the API from a browser (CORS), e.g. "
                                    '["https://intranet.example"]; empty: none (same origin only)')
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        [], description="Keys of the OpenAI-compatible API (/v1) and of /mcp, comma-separated; unset: both are open")
    max_upload_mb: float = Field(50, gt=0, description="Largest file POST /documents accepts, in MB")
    max_pages: int = Field(Limits.max_pages, ge=1, description="Most pages a document may have")
    max_chunks: int = Field(Limits.max_chunks, ge=1, description="Most chunks a document may give")

    @field_validator("api_keys", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @property
    def limits(self) -> Limits:
        return Limits(max_pages=self.max_pages, max_chunks=self.max_chunks)

    def default_paths(self) -> list[Path]:
        """What `arrimage ingest` reads when given no path: the corpus and the plans added since."""
        return [*self.corpus, *([self.uploads_dir] if self.uploads_dir.is_dir() else [])]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
