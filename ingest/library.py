"""The plans users add: their original files and a ``catalog.json`` in one folder (``ARRIMAGE_UPLOADS_DIR``),
which `arrimage ingest` reads with the bundled corpus, so an added plan survives a full re-ingest.

A file is judged by its content, not its name: a PDF starts with ``%PDF-``; a text plan is UTF-8 without
NUL bytes (``.md`` kept when the name says so, else ``.txt``). Writes go to a temporary file renamed
into place, the catalog last, so a crash leaves either the old state or the new one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import CATALOG_NAME, slugify
from .grammar import check_structure
from .models import LEVELS, IngestError

_DOC_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,118}[a-z0-9]$|^[a-z0-9]$")


class UnsupportedContent(IngestError):
    """A file that is neither a PDF nor UTF-8 text (415)."""


class InvalidMetadata(IngestError):
    """A title, level, period or document id that cannot be used (422)."""


class AlreadyThere(IngestError):
    """A document id that exists, without ``replace``, or that belongs to the configured corpus (409)."""


Previous = tuple[bytes, dict] | None  # an added plan as it was: its file's bytes and its catalog entry


@dataclass(frozen=True)
class PlanMeta:
    doc_id: str
    title: str
    organization: str = ""
    level: str = "institutional"
    period: str = ""
    structure: dict = field(default_factory=dict)  # what the plan says of its levels (ingest/plan_grammar.toml)

    def check(self) -> PlanMeta:
        if not _DOC_ID_RE.match(self.doc_id):
            raise InvalidMetadata(f"doc_id {self.doc_id!r}: use lower-case letters, digits and dashes (at most 120)")
        if self.level not in LEVELS:
            raise InvalidMetadata(f"level {self.level!r}: expected one of {', '.join(LEVELS)}")
        for name, value, limit in (("title", self.title, 300), ("organization", self.organization, 300),
                                   ("period", self.period, 40)):
            if len(value) > limit or any(ord(c) < 32 for c in value):
                raise InvalidMetadata(f"{name}: at most {limit} printable characters")
        if not self.title.strip():
            raise InvalidMetadata("title: empty")
        try:
            check_structure(self.structure)
        except ValueError as exc:
            raise InvalidMetadata(str(exc)) from exc
        return self


def sniff(data: bytes, filename: str) -> str:
    """The suffix a file's content calls for: ".pdf", ".md" or ".txt"; UnsupportedContent otherwise."""
    if data.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    if b"\x00" not in data[:65536]:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        else:
            return ".md" if filename.lower().endswith(".md") else ".txt"
    raise UnsupportedContent(f"{filename}: neither a PDF nor UTF-8 text (judged by its content)")


def meta_for(filename: str, title: str | None, organization: str | None, level: str | None, period: str | None,
             doc_id: str | None, structure: str | None = None) -> PlanMeta:
    """An added plan's metadata from the upload's form; ``structure`` is JSON ({"words": {"pilier": "axe"}})."""
    stem = Path(filename).stem or "plan"
    try:
        own = json.loads(structure) if structure and structure.strip() else {}
    except ValueError as exc:
        raise InvalidMetadata(f"structure: not JSON ({exc})") from exc
    return PlanMeta(doc_id=doc_id or slugify(stem), title=(title or stem).strip(), organization=(organization or "").strip(),
                    level=level or "institutional", period=(period or "").strip(), structure=own).check()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Library:
    """The folder of added plans and its catalog."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def catalog_path(self) -> Path:
        return self.folder / CATALOG_NAME

    def entries(self) -> list[dict]:
        if not self.catalog_path.is_file():
            return []
        return json.loads(self.catalog_path.read_text(encoding="utf-8"))

    def file_of(self, doc_id: str) -> Path | None:
        entry = next((e for e in self.entries() if e["id"] == doc_id), None)
        return self.folder / entry["files"]["plan"] if entry else None

    def _save(self, entries: list[dict]) -> None:
        _write_atomically(self.catalog_path, json.dumps(entries, ensure_ascii=False, indent=2).encode("utf-8"))

    def add(self, data: bytes, filename: str, meta: PlanMeta, served_ids: AbstractSet[str], replace: bool) -> tuple[Path, Previous]:
        """Keep the file under the plan's id; its catalog entry gives the metadata. Refused for an id of the
        configured corpus (served but not added here), and for an id that exists unless ``replace``.
        The file's path, and the plan it replaced for `undo` to put back if indexing it fails."""
        added = {e["id"] for e in self.entries()}
        if meta.doc_id in served_ids - added:
            raise AlreadyThere(f"{meta.doc_id!r} belongs to the configured corpus; choose another doc_id")
        if meta.doc_id in served_ids | added and not replace:
            raise AlreadyThere(f"a document {meta.doc_id!r} exists; send replace=true to replace it")
        suffix = sniff(data, filename)
        previous = self._snapshot(meta.doc_id)
        path = self.folder / f"{meta.doc_id}{suffix}"
        self._store(data, {"id": meta.doc_id, "title": meta.title, "organization": meta.organization, "level": meta.level,
                           "period": meta.period, "files": {"plan": path.name},
                           **({"structure": meta.structure} if meta.structure else {})})
        return path, previous

    def _store(self, data: bytes, entry: dict) -> None:
        """Write the plan's file, then its catalog entry, then drop its files of another format."""
        name = entry["files"]["plan"]
        _write_atomically(self.folder / name, data)
        self._save([*(e for e in self.entries() if e["id"] != entry["id"]), entry])
        for other in self.folder.glob(f"{entry['id']}.*"):
            if other.name != name and other.suffix in (".pdf", ".txt", ".md"):
                other.unlink()

    def _snapshot(self, doc_id: str) -> Previous:
        """An added plan as it is: its file's bytes and its catalog entry."""
        entry = next((e for e in self.entries() if e["id"] == doc_id), None)
        if entry is None:
            return None
        path = self.folder / entry["files"]["plan"]
        return (path.read_bytes(), entry) if path.is_file() else None

    def undo(self, doc_id: str, previous: Previous) -> None:
        """The library as it was before `add`: the plan it replaced, or no trace of the new one."""
        if previous is None:
            self.remove(doc_id)
            return
        self._store(*previous)

    def remove(self, doc_id: str) -> bool:
        """Forget an added plan (its file and entry); False when it was not added here."""
        path = self.file_of(doc_id)
        if path is None:
            return False
        self._save([e for e in self.entries() if e["id"] != doc_id])
        path.unlink(missing_ok=True)
        return True
