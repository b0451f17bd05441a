"""Shared test helpers: a deterministic fake embedder, real PDFs made with reportlab, fixture documents,
a real uvicorn server in a thread."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import uvicorn
from arrimage.ingest.clean import clean_pages
from arrimage.ingest.models import Document, DocumentMeta
from arrimage.ingest.structure import find_sections
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REPO = Path(__file__).resolve().parents[1]
REAL_PDF_DIR = REPO / "data" / "plans" / "pdf"

DIM = 256


class FakeEmbedder:
    """Character trigrams of the casefolded text hashed (crc32) into 256 dims, L2-normalised.

    Deterministic across processes (no use of Python's salted ``hash``). Counts what it embeds.
    """

    dimension = DIM

    def __init__(self, model_id: str = "fake-hash", dimension: int = DIM) -> None:
        self.model_id = model_id
        self.dimension = dimension
        self.embedded: list[str] = []
        self.queries: list[str] = []

    @property
    def texts_embedded(self) -> int:
        return len(self.embedded)

    def _vector(self, text: str) -> np.ndarray:
        t = f"  {text.casefold()}  "
        v = np.zeros(self.dimension, dtype=np.float32)
        for i in range(len(t) - 2):
            v[zlib.crc32(t[i : i + 3].encode("utf-8")) % self.dimension] += 1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return self._vector(text)


def _font() -> str:
    """A TrueType font with French accents when one is installed; Helvetica (WinAnsi covers French) else."""
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ):
        if Path(path).is_file():
            try:
                pdfmetrics.registerFont(TTFont("TestSans", path))
                return "TestSans"
            except Exception:  # pragma: no cover - a broken font file: fall back
                break
    return "Helvetica"


def pdf_bytes(pages: Sequence[Sequence[str]], title: str | None = None, font_size: int = 10) -> bytes:
    """A real PDF with one text line per entry, one page per list."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if title:
        c.setTitle(title)
    font = _font()
    for lines in pages:
        c.setFont(font, font_size)
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= font_size + 5
        c.showPage()
    c.save()
    return buf.getvalue()


def write_pdf(path: Path, pages: Sequence[Sequence[str]], title: str | None = None) -> Path:
    path.write_bytes(pdf_bytes(pages, title=title))
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF page holding only a drawn rectangle: no text layer at all."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFillColorRGB(0.2, 0.3, 0.6)
    c.rect(100, 300, 300, 200, fill=1)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def make_document(pages: Sequence[str], doc_id: str = "doc", title: str = "Document", level: str = "institutional") -> Document:
    """A Document built the way the pipeline builds one (clean → sections), from raw page texts."""
    text, page_starts = clean_pages(list(pages))
    meta = DocumentMeta(doc_id=doc_id, title=title, organization="Test", level=level, period="", source=f"{doc_id}.txt")
    return Document(meta=meta, text=text, page_starts=page_starts, sections=find_sections(text), content_hash=doc_id)


# Three small plans, one per level; pages are separated by form feeds (the .txt page convention of load.py).
FIXTURE_DOCS: dict[str, dict] = {
    "plan-numerique": {
        "title": "Plan d’action numérique en éducation 2018-2023",
        "level": "ministerial",
        "period": "2018-2023",
        "pages": [
            "ORIENTATION 1 SOUTENIR LE DÉVELOPPEMENT DES COMPÉTENCES NUMÉRIQUES\n"
            "Le plan d’action numérique vise le développement des compétences numériques des jeunes et des adultes. "
            "Les enseignants reçoivent une formation continue adaptée aux outils numériques. "
            "Les établissements scolaires intègrent des ressources éducatives numériques dans leurs pratiques.\n"
            "AXE 1 LE DÉVELOPPEMENT DES COMPÉTENCES\n"
            "Les élèves apprennent la programmation informatique dès le primaire. "
            "La robotique pédagogique est offerte dans toutes les régions. "
            "Les bibliothèques scolaires prêtent des tablettes et des ordinateurs portables aux familles.\n"
            "OBJECTIF 1.1 RENFORCER LA FORMATION DES ENSEIGNANTS\n"
            "Un référentiel de compétence numérique guide la formation initiale des maîtres. "
            "Des conseillers pédagogiques accompagnent les équipes-écoles dans leurs projets technologiques.",
            "MESURE 12 OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS\n"
            "La mesure 12 finance des formations en ligne ouvertes à tous les enseignants du réseau. "
            "Les formations portent sur la pédagogie active et la citoyenneté numérique.\n"
            "ORIENTATION 2 EXPLOITER LE NUMÉRIQUE COMME VECTEUR DE VALEUR AJOUTÉE\n"
            "Le budget du plan numérique totalise des investissements de 1 186 M$ sur cinq ans. "
            "Les investissements financent l’équipement numérique des écoles, des cégeps et des universités. "
            "Une somme de 963 M$ est consacrée aux infrastructures et au réseau de télécommunication. "
            "Le ministère mesure chaque année la progression de ces investissements.",
        ],
    },
    "pole-regional": {
        "title": "Plan d’action régional 2025-2026",
        "level": "regional",
        "period": "2025-2026",
        "pages": [
            "ORIENTATION 1 FAVORISER L’ACCESSIBILITÉ AUX ÉTUDES SUPÉRIEURES\n"
            "Le Pôle de l’Abitibi-Témiscamingue favorise l’accessibilité des études supérieures pour les personnes "
            "de première génération. Les établissements offrent un accueil personnalisé aux étudiants autochtones. "
            "Un service de transport collectif relie les campus de Rouyn-Noranda et d’Amos.\n"
            "ORIENTATION 2 AMÉLIORER LA FLUIDITÉ DES PARCOURS\n"
            "Les transitions entre le secondaire, le collégial et l’université sont accompagnées. "
            "La cible est que 80 % des étudiants inscrits obtiennent leur diplôme. "
            "Les conseillers d’orientation rencontrent chaque élève de cinquième secondaire.",
            "ORIENTATION 3 RÉPONDRE AUX BESOINS DE MAIN-D’ŒUVRE\n"
            "Les programmes d’adéquation formation-emploi répondent aux besoins des entreprises minières. "
            "Les stages en milieu de travail sont rémunérés et encadrés par des mentors. "
            "Une table de concertation réunit les employeurs et les établissements chaque trimestre.",
        ],
    },
    "inrs-formation": {
        "title": "Plan de la formation et de l’enseignement",
        "level": "institutional",
        "period": "2021",
        "pages": [
            "1 OBJET DU PLAN ET CONTEXTE\n"
            "L’évaluation des programmes d’études est menée tous les sept ans par un comité externe. "
            "Les programmes de maîtrise et de doctorat sont offerts dans quatre centres de recherche. "
            "La communauté étudiante compte près de 800 personnes inscrites aux cycles supérieurs.",
            "2 AXES, OBJECTIFS ET MOYENS\n"
            "La recherche partenariale est au cœur de la formation des étudiants. "
            "Les directeurs de recherche encadrent les mémoires et les thèses avec rigueur. "
            "Les bourses d’excellence soutiennent la réussite des étudiants étrangers. "
            "Un plan de développement individuel est proposé à chaque membre de la communauté étudiante.",
        ],
    },
}

FIXTURE_SPEC_KW = {"max_chars": 400, "overlap_chars": 120, "min_chars": 60}


def searcher_of(folder: Path):
    """A searcher over the plans of ``folder``, ingested and indexed with the fake embedder."""
    from arrimage.index.search import Searcher
    from arrimage.index.store import build_index
    from arrimage.ingest.pipeline import discover, ingest_files

    result = ingest_files(discover([folder]))
    return Searcher(build_index(result.documents, result.chunks, result.units, FakeEmbedder(), contextual=True), FakeEmbedder())


def write_fixture_corpus(directory: Path) -> Path:
    """The fixture plans as .txt files with a catalog.json giving their ids, titles and levels."""
    directory.mkdir(parents=True, exist_ok=True)
    catalog = []
    for doc_id, spec in FIXTURE_DOCS.items():
        (directory / f"{doc_id}.txt").write_text("\f".join(spec["pages"]), encoding="utf-8")
        catalog.append(
            {
                "id": doc_id,
                "title": spec["title"],
                "organization": "Organisme de test",
                "level": spec["level"],
                "period": spec["period"],
                "files": {"text": f"{doc_id}.txt"},
            }
        )
    (directory / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False, indent=2), encoding="utf-8")
    return directory


def assert_error(response, status: int, *fragments: str) -> str:
    """``response`` (httpx) has ``status`` and the documented error body, whose message holds each fragment."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    message = body["error"]["message"]
    for fragment in fragments:
        assert fragment.lower() in message.lower(), message
    return message


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(app):
    """Run ``app`` with uvicorn in a background thread; yield its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def fake_calibration(model_id: str = "fake-hash"):
    """A calibration for the fake embedder, whose best combined scores of the fixture units lie around
    0.55–0.70 (the e5 one is fit on labelled pairs, ``align/calibration.json``): probability 0.5 at 0.6,
    whatever the source's affinity with the target's plan."""
    from arrimage.align.calibration import Calibration

    from arrimage.logistic import Logistic

    return Calibration(model_id, Logistic(("score", "source_affinity"), (0.6, 0.0), (0.05, 1.0), (1.0, 0.0), 0.0), strong=0.75, partial=0.5)


def aligner_of(data, embedder):
    """The aligner of an index as the runtime assembles it, with the fake embedder's calibration."""
    from arrimage.align.aligner import Aligner, unit_texts
    from arrimage.index.lexical import LexicalIndex

    return Aligner(data, embedder, LexicalIndex.build(unit_texts(data.units)), fake_calibration(embedder.model_id))


def qdrant_index(data, root: Path):
    """``data`` saved under ``root`` with embedded Qdrant, loaded back: (the index, its Qdrant retriever)."""
    from arrimage.index.qdrant import QdrantEngine
    from arrimage.index.store import load_index, save_index

    engine = QdrantEngine()
    save_index(data, root, engine)
    loaded = load_index(root)
    return loaded, engine.retriever(loaded, loaded.directory)
