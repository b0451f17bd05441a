"""The database that keeps what must last (reviews of links, feedback on answers): SQLAlchemy, SQLite by
default, PostgreSQL by URL. Opening it brings it to the current schema (Alembic migrations)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase

_MIGRATIONS = Path(__file__).with_name("migrations")


class Base(DeclarativeBase):
    pass


def migrate(url: str, revision: str = "head") -> None:
    """Bring the database to the current schema (or to an earlier ``revision``)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)


def open_database(url: str) -> Engine:
    """An engine on the database at ``url``, created (an SQLite file's folder too) and migrated."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    migrate(url)
    return create_engine(url)
