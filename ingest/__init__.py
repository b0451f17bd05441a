"""Ingestion: read plan files, clean the text, recognise structure, cut chunks."""
