"""Document metadata: from a ``catalog.json`` beside the files when there is one, else from the PDF."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .grammar import check_structure
from .models import LEVELS, DocumentMeta, IngestError

CATALOG_NAME = "catalog.json"
DEFAULT_LEVEL = "institutional"
_PERIOD_RE = re.compile(r"\b((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\b")


@dataclass(frozen=True)
class CatalogEntry:
    doc_id: str
    title: str
    organization: str
    level: str
    period: str
    files: tuple[Path, ...]
    unit_levels: dict[str, str]
    structure: dict


class Catalog:
    """Entries of one or more catalog files, looked up by file path or by file stem."""

    def __init__(self, entries: list[CatalogEntry]) -> None:
        self._by_file = {f.resolve(): e for e in entries for f in e.files}
        self._by_id = {e.doc_id: e for e in entries}

    @classmethod
    def load(cls, path: Path) -> Catalog:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IngestError(f"{path}: not a readable catalog ({exc})") from exc
        entries = []
        for item in raw:
            level = item.get("level", DEFAULT_LEVEL)
            unit_levels = item.get("unit_levels", {})
            for lv in [level, *unit_levels.values()]:
                if lv not in LEVELS:
                    raise IngestError(f"{path}: entry {item.get('id')!r} has level {lv!r}; expected one of {', '.join(LEVELS)}")
            try:
                structure = check_structure(item.get("structure", {}))
            except ValueError as exc:
                raise IngestError(f"{path}: entry {item.get('id')!r}: {exc}") from exc
            entries.append(
                CatalogEntry(
                    doc_id=item["id"],
                    title=item.get("title", item["id"]),
                    organization=item.get("organization", ""),
                    level=level,
                    period=item.get("period", ""),
                    files=tuple(path.parent / f for f in item.get("files", {}).values()),
                    unit_levels=dict(unit_levels),
                    structure=dict(structure),
                )
            )
        return cls(entries)

    @classmethod
    def near(cls, files: list[Path]) -> Catalog:
        """The catalogs found in the files' folders or their parents."""
        found = {d / CATALOG_NAME for f in files for d in (f.parent, f.parent.parent) if (d / CATALOG_NAME).is_file()}
        entries = [e for p in sorted(found) for e in cls.load(p)._by_id.values()]
        return cls(entries)

    def lookup(self, path: Path) -> CatalogEntry | None:
        return self._by_file.get(path.resolve()) or self._by_id.get(path.stem)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "document"


def document_meta(path: Path, catalog: Catalog, info: dict[str, str], first_page: str) -> DocumentMeta:
    """Metadata from the catalog entry of ``path``, else from the PDF's metadata and first page."""
    entry = catalog.lookup(path)
    if entry is not None:
        return DocumentMeta(entry.doc_id, entry.title, entry.organization, entry.level, entry.period, str(path),
                            dict(entry.unit_levels), dict(entry.structure))
    title = info.get("Title", "").strip() or path.stem
    hint = f"{info.get('Subject', '')} {info.get('Keywords', '')}".lower()
    level = next((lv for lv in LEVELS if lv in hint), DEFAULT_LEVEL)
    period_match = _PERIOD_RE.search(title) or _PERIOD_RE.search(first_page[:2000])
    period = "-".join(g for g in period_match.groups() if g) if period_match else ""
    return DocumentMeta(slugify(path.stem), title, info.get("Author", "").strip(), level, period, str(path))
