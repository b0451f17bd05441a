"""How commands print: JSON by default, a plain text for people when one is given."""

from __future__ import annotations

import json

import click


def emit(data: object, plain: str | None = None) -> None:
    click.echo(plain if plain is not None else json.dumps(data, ensure_ascii=False, indent=2))
