"""Arrimage: semantic search and question answering over Québec public plans."""

__version__ = "0.1.0"
