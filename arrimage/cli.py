"""The ``arrimage`` command: ingest plans, search them, serve the API, evaluate."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from arrimage.eval.datasets import FIT_PAIRS, HELDOUT_PAIRS
from arrimage.output import emit
from arrimage.settings import get_settings

# Modules of the optional extras, and the extra that brings each (a serving install has none of them).
_EXTRAS = {"matplotlib": "eval", "reportlab": "eval", "sklearn": "eval", "sentence_transformers": "st"}


class _Commands(click.Group):
    """The command group; a command that needs an extra that is not installed says which one."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ModuleNotFoundError as exc:
            extra = _EXTRAS.get((exc.name or "").partition(".")[0])
            if extra is None:
                raise
            raise click.ClickException(f"this command needs {exc.name}, which the '{extra}' extra installs: "
                                       f"pip install 'arrimage[{extra}]' (make install installs every extra)") from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="arrimage")
def main() -> None:
    """Arrimage: ask questions of Québec public plans.

    \b
    Examples:
      arrimage ingest                      # the bundled corpus (data/plans/pdf)
      arrimage search "cibles de diplomation" --plain
      arrimage serve                       # http://127.0.0.1:8000/docs
      arrimage mcp                         # the MCP tools over stdio
      arrimage eval retrieval
      arrimage feedback export --format csv --output feedback.csv
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--if-stale", is_flag=True, help="Do nothing when the index already holds exactly these files.")
@click.option("--plain", is_flag=True, help="Human-readable output instead of JSON.")
def ingest(paths: tuple[Path, ...], if_stale: bool, plain: bool) -> None:
    """Read plans (PDF, .txt, .md) and build the search index from them.

    The index then holds exactly the documents of PATHS (default: ARRIMAGE_CORPUS, the bundled
    corpus). Metadata comes from a catalog.json beside the files, else from the PDF. Unchanged
    chunks are never embedded twice. Exits 1 when any file failed; the others are still indexed.

    \b
    Examples:
      arrimage ingest
      arrimage ingest data/plans/pdf extra/plan.txt --plain
      arrimage ingest --if-stale
    """
    from arrimage.index.store import IndexUnavailable
    from arrimage.runtime import run_ingest

    settings = get_settings()
    try:
        summary = run_ingest(settings, list(paths) or settings.default_paths(), if_stale=if_stale, show_progress=True)
    except IndexUnavailable as exc:  # the Qdrant backend could not be reached or written
        raise click.ClickException(str(exc)) from exc
    plain_text = None
    if plain:
        lines = [f"{summary['status']}: {summary['documents']} documents, {summary['chunks']} chunks → {summary['index_dir']}"]
        lines += [f"FAILED {f}" for f in summary["failures"]]
        plain_text = "\n".join(lines)
    emit(summary, plain_text)
    if summary["failures"] or not summary["documents"]:
        sys.exit(1)


@main.command()
@click.argument("query")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of passages.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid", show_default=True)
@click.option("--doc", "doc_ids", multiple=True, help="Only this document id (repeatable).")
@click.option("--level", "levels", multiple=True, type=click.Choice(["institutional", "ministerial", "regional"]),
              help="Only documents of this level (repeatable).")
@click.option("--plain", is_flag=True, help="Human-readable output instead of JSON.")
def search(query: str, k: int, mode: str, doc_ids: tuple[str, ...], levels: tuple[str, ...], plain: bool) -> None:
    """Find the passages of the plans that best match QUERY.

    \b
    Examples:
      arrimage search "Quelles sont les orientations du plan numérique ?"
      arrimage search "taux de diplomation" --level institutional -k 5 --plain
      arrimage search "Mesure 12" --mode bm25 --doc mees-plan-action-numerique-2018-2023
    """
    from arrimage.index.search import SearchError, SearchUnavailable

    if not query.strip():
        raise click.BadParameter("the query is empty", param_hint="QUERY")
    try:
        hits = _searcher().search(query, k=k, mode=mode, doc_ids=doc_ids, levels=levels)
    except (SearchError, SearchUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [
        {"rank": h.rank, "score": round(h.score, 4), "chunk_id": h.chunk.chunk_id, "doc_id": h.chunk.doc_id,
         "title": h.document.title, "page": h.chunk.page_start, "section_path": list(h.chunk.section_path), "text": h.chunk.text}
        for h in hits
    ]
    plain_text = None
    if plain:
        plain_text = "\n\n".join(
            f"{r['rank']}. [{r['doc_id']} p.{r['page']}] {' > '.join(r['section_path'])}\n   {r['text'][:300]}" for r in rows
        ) or "no passage found"
    emit({"query": query, "mode": mode, "hits": rows}, plain_text)


@main.command()
@click.option("--host", envvar="HOST", default=None, help="Interface (env HOST, default ARRIMAGE_HOST or 127.0.0.1).")
@click.option("--port", envvar="PORT", default=None, type=int, help="Port (env PORT, default ARRIMAGE_PORT or 8000).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Server processes (default ARRIMAGE_WORKERS or 1). They map the same index files, follow new "
                   "versions and write one at a time.")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs), the OpenAI-compatible API at /v1, MCP at /mcp and
    Prometheus metrics at /metrics. Logs are JSON lines on stderr, one access line per request.

    \b
    Examples:
      arrimage serve
      PORT=9000 arrimage serve
      ARRIMAGE_API_KEYS=key1,key2 arrimage serve   # /v1 and /mcp need 'Authorization: Bearer key1'
      arrimage serve --workers 2        # one process per core
    """
    import os

    import uvicorn

    from arrimage.service.access import json_logging

    settings = get_settings()
    workers = workers or settings.workers
    if workers > 1 and settings.backend == "qdrant" and not settings.qdrant_url:
        raise click.ClickException(f"{workers} workers need a Qdrant server: embedded Qdrant (ARRIMAGE_BACKEND=qdrant without "
                                   "ARRIMAGE_QDRANT_URL) serves one process; set ARRIMAGE_QDRANT_URL or use --workers 1")
    # The address served is the one /mcp checks Host headers against (DNS rebinding protection on localhost).
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    json_logging()
    address = {"host": settings.host, "port": settings.port, "log_level": "info", "access_log": False}
    if workers == 1:
        from arrimage.service.app import create_app

        uvicorn.run(create_app(settings), **address)
        return
    from arrimage.reviews.database import open_database

    # Migrate the database once, here, rather than in every worker at once.
    open_database(settings.database_url).dispose()
    # Each worker builds its app from the same environment (ARRIMAGE_*, .env) through the factory.
    os.environ.update({"ARRIMAGE_HOST": settings.host, "ARRIMAGE_PORT": str(settings.port)})
    uvicorn.run("arrimage.service.app:create_app", factory=True, workers=workers, **address)


@main.command()
def mcp() -> None:
    """Serve the MCP tools over stdio (for an agent that starts Arrimage itself).

    The tools: search_plans, ask, list_documents, plan_outline, related_units, coverage, on the index of
    ARRIMAGE_INDEX_DIR. The same tools are served over HTTP at /mcp by `arrimage serve`. Logs go to stderr.

    \b
    Examples:
      arrimage mcp
      # in an MCP client's configuration: {"command": ".venv/bin/arrimage", "args": ["mcp"]}
    """
    import contextlib

    from arrimage.runtime import Runtime
    from arrimage.service.mcp_server import build_server

    runtime = Runtime(get_settings())
    with contextlib.redirect_stdout(sys.stderr):  # stdout carries the protocol only
        runtime.load()
    build_server(runtime).run("stdio")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", help="Title (default: the file name).")
@click.option("--organization", help="Organization that publishes the plan.")
@click.option("--level", type=click.Choice(["institutional", "ministerial", "regional"]), default="institutional",
              show_default=True)
@click.option("--period", help="Period of the plan, e.g. 2024-2029.")
@click.option("--doc-id", help="Document id (default: from the file name); only with one path.")
@click.option("--structure", help='What the plan says of its levels, as JSON: \'{"words": {"pilier": "axe"}}\'.')
@click.option("--replace", is_flag=True, help="Replace a plan added before under the same id.")
def add(paths: tuple[Path, ...], title, organization, level, period, doc_id, structure, replace) -> None:
    """Add plans to the index without rebuilding it: only they are embedded. A running server searches
    them at its next request. Exits 1 when any file failed; the others are added.

    \b
    Examples:
      arrimage add mon-plan.pdf --title "Plan stratégique 2024-2029" --organization "Cégep X" --period 2024-2029
      arrimage add plan-a.pdf plan-b.txt
      arrimage add plan-c.pdf --structure '{"words": {"engagement": "objectif"}}'
    """
    from arrimage.ingest.library import meta_for
    from arrimage.ingest.models import IngestError
    from arrimage.runtime import Runtime

    if doc_id and len(paths) > 1:
        raise click.UsageError("--doc-id names one plan: give one path")
    runtime = Runtime(get_settings())
    runtime.load()
    failures, added = [], []
    for path in paths:
        try:
            meta = meta_for(path.name, title if len(paths) == 1 else None, organization, level, period, doc_id, structure)
            with runtime.writing():  # a running server's workers write one at a time with this command
                stored, previous = runtime.add_to_library(path.read_bytes(), path.name, meta, replace)
                try:
                    added.append(runtime.add(stored))
                except Exception:
                    runtime.library.undo(meta.doc_id, previous)
                    raise
        except (IngestError, OSError) as exc:
            failures.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - the runtime's own errors (no index) as one line
            failures.append(f"{path}: {exc}")
    emit({"added": added, "failures": failures})
    if failures:
        sys.exit(1)


@main.command()
@click.argument("doc_id")
def remove(doc_id: str) -> None:
    """Take a plan out of the index (and out of the added plans); a running server follows at its next request.

    \b
    Examples:
      arrimage remove mon-plan
    """
    from arrimage.index.store import IndexUnavailable
    from arrimage.ingest.models import IngestError
    from arrimage.runtime import NoIndex, Runtime, UnknownDocument

    runtime = Runtime(get_settings())
    runtime.load()
    try:
        runtime.remove(doc_id)
    except (UnknownDocument, IngestError, NoIndex, IndexUnavailable) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from exc
    emit({"removed": doc_id})


@main.command()
@click.argument("plan")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
def units(plan: str, fmt: str) -> None:
    """The units recognised in a plan: PLAN is a document id of the index, or a plan file to read now.

    \b
    Examples:
      arrimage units mees-plan-action-numerique-2018-2023
      arrimage units mon-plan.pdf --format json
    """
    from dataclasses import asdict

    from arrimage.ingest.catalog import Catalog
    from arrimage.ingest.models import IngestError
    from arrimage.ingest.pipeline import build_document
    from arrimage.ingest.units import extract_units

    path = Path(plan)
    if path.is_file():
        try:
            found = extract_units(build_document(path, Catalog.near([path])))
        except IngestError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        from arrimage.index.store import IndexUnavailable, load_index

        try:
            data = load_index(get_settings().index_dir)
        except IndexUnavailable as exc:
            raise click.ClickException(str(exc)) from exc
        if plan not in {d.meta.doc_id for d in data.documents}:
            raise click.ClickException(f"no plan {plan!r} in the index and no such file")
        found = [u for u in data.units if u.doc_id == plan]
    if fmt == "json":
        emit([asdict(u) for u in found])
        return
    # Each unit under its parent, siblings in the plan's order (a table of means may come after the next objective).
    ids = {u.unit_id for u in found}
    children: dict[str | None, list] = {}
    for unit in found:
        children.setdefault(unit.parent_id if unit.parent_id in ids else None, []).append(unit)
    lines: list[str] = []

    def show(unit, depth: int) -> None:
        extras = [f"indicateur : {i}" for i in unit.indicators] + [f"cible : {t.text}" for t in unit.targets]
        lines.append(f"{'  ' * depth}{unit.code or unit.kind.capitalize()} – {unit.title}  (p. {unit.page})")
        lines.extend(f"{'  ' * (depth + 1)}· {e}" for e in extras)
        for child in children.get(unit.unit_id, []):
            show(child, depth + 1)

    for unit in children.get(None, []):
        show(unit, 0)
    kinds = ", ".join(f"{n} {k}" for k, n in Counter(u.kind for u in found).items())
    click.echo("\n".join([*lines, f"{len(found)} units: {kinds or 'none recognised'}"]))


def _searcher():
    """The searcher of the configured index; no index or no model is a clear error, not a traceback."""
    from arrimage.index.embed import EmbeddingError
    from arrimage.index.store import IndexUnavailable
    from arrimage.runtime import load_searcher

    try:
        return load_searcher(get_settings())
    except (IndexUnavailable, EmbeddingError) as exc:
        raise click.ClickException(str(exc)) from exc


def _aligner():
    from arrimage.align.calibration import NotCalibrated
    from arrimage.runtime import make_aligner

    try:
        return make_aligner(_searcher(), get_settings())
    except NotCalibrated as exc:
        raise click.ClickException(str(exc)) from exc


def _reviews():
    from arrimage.reviews.store import ReviewStore

    return ReviewStore(get_settings().database_url)


def _write(text: str | object, output: Path | None, fmt: str) -> None:
    rendered = json.dumps(text, ensure_ascii=False, indent=2) if fmt == "json" else str(text)
    if output is None:
        click.echo(rendered)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(rendered, encoding="utf-8")
        click.echo(f"written: {output}", err=True)


FORMAT = click.option("--format", "fmt", type=click.Choice(["json", "csv", "md"]), default="json", show_default=True,
                      help="csv is UTF-8 with a BOM (opens cleanly in a spreadsheet).")


@main.group(invoke_without_command=True)
@click.option("--source-doc", "source_docs", multiple=True, help="Source plan id (repeatable).")
@click.option("--source-level", "source_levels", multiple=True, type=click.Choice(["institutional", "ministerial", "regional"]),
              help="Source level (repeatable); default: institutional and regional.")
@click.option("--target-doc", "target_docs", multiple=True, help="Target plan id (repeatable).")
@click.option("--target-level", "target_levels", multiple=True, type=click.Choice(["institutional", "ministerial", "regional"]),
              help="Target level (repeatable); default: ministerial.")
@click.option("-k", "k", default=3, show_default=True, type=click.IntRange(1, 20), help="Targets per source unit.")
@click.option("--kind", "kinds", multiple=True, help="Target unit kind (repeatable), ranked within each kind; "
              "default: objectifs, mesures and themes in one ranking.")
@click.option("--min-label", type=click.Choice(["strong", "partial", "none"]), default="partial", show_default=True)
@click.option("--include-rejected", is_flag=True, help="Also list the links a planner rejected.")
@FORMAT
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
@click.pass_context
def align(ctx, source_docs, source_levels, target_docs, target_levels, kinds, min_label, include_rejected, k, fmt,
          output) -> None:
    """Which ministerial units each institutional unit serves: probabilities, labels, evidence and the
    planners' reviews (confirmed links first, rejected ones left out).

    \b
    Examples:
      arrimage align --format md
      arrimage align --source-doc inm-plan-strategique-2011-2016 --format csv --output inm.csv
      arrimage align calibrate   (refit the probabilities; see `arrimage align calibrate --help`)
    """
    if ctx.invoked_subcommand:
        return
    from arrimage.align.aligner import AlignmentError
    from arrimage.align.export import pairs_as
    from arrimage.reviews.apply import apply, by_link

    aligner = _aligner()
    try:
        sources = aligner.select(source_docs or None, source_levels or (None if source_docs else ["institutional", "regional"]))
        targets = aligner.select(target_docs or None, target_levels or (None if target_docs else ["ministerial"]),
                                 targets=True, kinds=kinds or None)
        sources = [i for i in sources if i not in set(targets)]
        pairs = aligner.align(sources, targets, k=k, min_label=min_label, by_kind=bool(kinds))
    except AlignmentError as exc:
        raise click.ClickException(str(exc)) from exc
    reviews = by_link(_reviews().all(), aligner)
    reviewed = [pair for pair, _ in apply(pairs, reviews, aligner, sources, targets, include_rejected)]
    _write(pairs_as(reviewed, fmt, reviews), output, fmt)


@align.command(name="calibrate")
@click.option("--pairs", "pair_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=FIT_PAIRS, show_default=True,
              help="Labelled pairs to fit on (repeatable; JSONL, see eval/datasets/README.md).")
@click.option("--heldout", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=HELDOUT_PAIRS, show_default=True,
              help="Labelled pairs to judge the calibration before and after, never fit on.")
@click.option("--no-reviews", is_flag=True, help="Fit on the labelled pairs only, not on the stored reviews.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the calibration; default: ARRIMAGE_ALIGN_CALIBRATION (var/alignment-calibration.json).")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the reliability diagrams (PNG).")
def align_calibrate(pair_files, heldout, no_reviews, output, plot) -> None:
    """Refit the probability that a pair is aligned on labelled pairs plus the planners' reviews.

    Prints the cross-validated figures (by source plan) and, on the held-out pairs, the ECE and label
    accuracy of the calibration in use before and of the new one after. Written per embedding model.

    \b
    Examples:
      arrimage align calibrate
      arrimage align calibrate --pairs eval/datasets/dev/alignment.jsonl --output align/calibration.json --no-reviews
    """
    from arrimage.align.calibration import Calibration, NotCalibrated, load_calibration, save_calibration
    from arrimage.eval.calibrate_alignment import fit_calibration, joined, judge, scored
    from arrimage.eval.cli import set_settings
    from arrimage.eval.datasets import load_alignment
    from arrimage.logistic import plot_reliability
    from arrimage.runtime import load_searcher, make_aligner

    settings = get_settings()
    searcher = _searcher()
    model_id = searcher.embedder.model_id
    try:
        before = load_calibration(model_id, settings.align_calibration)
    except NotCalibrated:
        before = None
    calibration = before or Calibration.unfit(model_id)
    aligners = {settings.index_dir: make_aligner(searcher, settings, calibration)}

    def aligner_of(path: Path):
        """The aligner of the index that holds a pair file's plans (the service's, or the set's own)."""
        own = set_settings(path)
        if own.index_dir not in aligners:
            aligners[own.index_dir] = make_aligner(load_searcher(own), own, calibration)
        return aligners[own.index_dir]

    reviews = [] if no_reviews else [(r.source_unit_id, r.target_unit_id, r.decision) for r in _reviews().all()]
    parts = [scored(aligners[settings.index_dir], [], reviews)]
    parts += [scored(aligner_of(path), load_alignment(path)) for path in pair_files]
    try:
        after, figures = fit_calibration(model_id, joined(parts),
                                         " + ".join(str(p) for p in pair_files) + (f" + {len(reviews)} reviews" if reviews else ""))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    held = scored(aligner_of(heldout), load_alignment(heldout))
    report = {"model": model_id, "fit": {k: v for k, v in figures.items() if "reliability" not in k},
              "thresholds": {"strong": after.strong, "partial": after.partial},
              "held-out before": judge(before, held) if before else None, "held-out after": judge(after, held)}
    path = save_calibration(after, output or settings.align_calibration)
    if plot:
        curves = {"out of fold (fit pairs)": figures.get("reliability (out of fold)", []),
                  f"held-out ({heldout.name})": report["held-out after"]["reliability"]}
        plot_reliability(curves, plot)
    for side in ("held-out before", "held-out after"):
        if report[side]:
            report[side] = {k: v for k, v in report[side].items() if k != "reliability"}
    emit({**report, "written": str(path)})


@main.command(name="coverage")
@click.option("--target-doc", required=True, help="The ministerial plan whose units are covered.")
@FORMAT
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
@click.option("--heatmap", type=click.Path(path_type=Path), help="Also draw the plans × objectives heatmap (PNG).")
def coverage_command(target_doc, fmt, output, heatmap) -> None:
    """What covers each unit of a ministerial plan, and the gaps both ways.

    \b
    Examples:
      arrimage coverage --target-doc mees-plan-action-numerique-2018-2023 --format md
      arrimage coverage --target-doc mees-plan-action-numerique-2018-2023 --heatmap var/coverage.png
    """
    from arrimage.align.aligner import AlignmentError, coverage, coverage_sources
    from arrimage.align.export import coverage_as
    from arrimage.align.export import heatmap as draw
    from arrimage.reviews.apply import apply_to_coverage, by_link

    aligner = _aligner()
    try:
        result = coverage(aligner, target_doc)
    except AlignmentError as exc:
        raise click.ClickException(str(exc)) from exc
    reviews = by_link(_reviews().all(), aligner)
    result = apply_to_coverage(result, reviews, aligner, coverage_sources(aligner, target_doc))
    _write(coverage_as(result, fmt, reviews), output, fmt)
    if heatmap:
        click.echo(f"heatmap: {draw(result, heatmap)}", err=True)


@main.group()
def feedback() -> None:
    """The feedback given on answers in the chat page (👍 / 👎, with an optional comment)."""


@feedback.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one feedback a line, citations included; csv: UTF-8 with a BOM, for a spreadsheet.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of the terminal.")
def export_feedback(fmt: str, output: Path | None) -> None:
    """Write out every feedback, oldest first, from the database (ARRIMAGE_DATABASE_URL): the question,
    the answer, its citations, the rating, the comment and the answerer.

    \b
    Examples:
      arrimage feedback export > feedback.jsonl
      arrimage feedback export --format csv --output var/feedback.csv
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from arrimage.reviews.feedback import FeedbackStore
    from arrimage.reviews.feedback_export import feedback_as

    url = get_settings().database_url
    try:
        records = FeedbackStore(url).all()
    except (SQLAlchemyError, ImportError, OSError) as exc:  # unreachable, not a database, no driver, no folder
        shown = make_url(url).render_as_string(hide_password=True)
        raise click.ClickException(f"cannot read the database {shown}: {str(exc).splitlines()[0]}") from exc
    text = feedback_as(records, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="")
    click.echo(f"written: {output} ({len(records)} feedback)", err=True)

def _register_eval() -> None:
    from arrimage.eval.cli import eval_group

    main.add_command(eval_group)


_register_eval()


if __name__ == "__main__":
    main()
