"""`arrimage eval …`: score retrieval and answers on a question set, compare runs, BEIR import and export."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import click

from arrimage.output import emit
from arrimage.settings import Settings, get_settings

from .render import PRINTERS

if TYPE_CHECKING:  # pragma: no cover
    from .runs import Run

DEFAULT_QUESTIONS = Path("eval/datasets/dev/questions.jsonl")
# The answerer's learned parts are fit on every opened question set (eval/datasets/README.md): the development set the
# floors are measured on, the training questions written for it, and the blind sets once scored (test, test2 …, opened
# since); heldout stays out, as the held-out set, and a new set joins once it has been scored. Fit on the six sets on the
# bundled plans alone, the abstention threshold held false abstention at 3% on those plans but not on others' (7.8% on
# the 20 sets on plans outside the corpus, against 3.5% fit on all the other sets: docs/figures.md, session 34). Each
# set with plans of its own is asked of its own index. The follow-up model is fit on the same sets.
FIT_QUESTIONS = (DEFAULT_QUESTIONS, Path("eval/datasets/dev/train.jsonl"),
                 *(Path(f"eval/datasets/{split}/questions.jsonl")
                   for split in ("test", *(f"test{n}" for n in (*range(2, 17), *range(18, 39), 40, 41, 42, 43, 44, 45, 46, 47, 48, 49)))))  # (test17, test39: pairs)
RUNS_DIR = Path("eval/runs")
# A question set written on plans of its own keeps them beside its questions, in this folder (with their catalog.json).
SET_PLANS = "plans"


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _questions_option(f: Callable) -> Callable:
    return click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_QUESTIONS,
                        show_default=True, help="The question set (JSONL, see eval/datasets/README.md).")(f)


def _pairs_option(f: Callable) -> Callable:
    return click.option("--pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        default=Path("eval/datasets/dev/alignment.jsonl"), show_default=True,
                        help="Labelled alignment pairs (JSONL, see eval/datasets/README.md).")(f)


def _run_options(f: Callable) -> Callable:
    for option in reversed([
        click.option("--url", help="Evaluate a running service at this address (public API only) instead of the "
                                   "in-process pipeline, e.g. http://127.0.0.1:8000."),
        click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                     help="Directory for run.json, report.md and the charts (default eval/runs/<timestamp>-<name>)."),
        click.option("--name", help="Name of the run (default: the command's name)."),
        click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write run.json here."),
        click.option("--check-floors", is_flag=True, help="Exit 1 when a metric breaks its floor (eval/floors.py)."),
        click.option("--plain", is_flag=True, help="A table instead of JSON."),
    ]):
        f = option(f)
    return f


def _errors(f: Callable) -> Callable:
    """Known failures (bad dataset, no index, unreachable service) as one clear message, no traceback."""

    @wraps(f)
    def wrapper(*args, **kwargs):
        from arrimage.answer.model import ModelError
        from arrimage.index.embed import EmbeddingError
        from arrimage.index.search import SearchError, SearchUnavailable
        from arrimage.index.store import IndexUnavailable
        from arrimage.ingest.models import IngestError

        from .datasets import DatasetError
        from .evaluate import EvalConfigError
        from .render import PrinterMissing
        from .runs import RunError
        from .structure import UnknownSplit
        from .targets import TargetError

        try:
            return f(*args, **kwargs)
        except (DatasetError, IndexUnavailable, EmbeddingError, SearchError, SearchUnavailable, TargetError, RunError, EvalConfigError,
                UnknownSplit, PrinterMissing, IngestError, ModelError) as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _set_plans(questions: Path | None) -> Path | None:
    """The folder of a question set's own plans (``plans/`` beside it), if it has one."""
    plans = questions.parent / SET_PLANS if questions else None
    return plans if plans is not None and plans.is_dir() else None


def set_sources(settings: Settings, questions: Path) -> list[Path]:
    """What a question set is asked of: the corpus, and the set's own plans when it has some."""
    plans = _set_plans(questions)
    return [*settings.corpus, *([plans] if plans else [])]


def set_settings(questions: Path | None) -> Settings:
    """The settings to evaluate ``questions`` with. A set with plans of its own is scored on an index of the corpus
    and those plans (``set_sources``), kept in ``eval-index/<set>`` beside the index and rebuilt when stale (the
    corpus's vectors taken from the index)."""
    settings = get_settings()
    plans = _set_plans(questions)
    if plans is None:
        return settings
    from arrimage.runtime import run_ingest

    own = settings.model_copy(update={"index_dir": settings.index_dir.parent / "eval-index" / questions.parent.name})
    summary = run_ingest(own, set_sources(settings, questions), if_stale=True, show_progress=True, seed=settings.index_dir)
    if summary["failures"] or not summary["documents"]:
        raise click.ClickException(f"{plans}: the set's plans could not be indexed: {summary['failures'] or summary}")
    click.echo(f"{questions}: scored on {own.index_dir} (the corpus and {plans}; {summary['status']})", err=True)
    return own


def _make_target(url: str | None, questions: Path | None = None):
    """The target and what matters of its configuration."""
    from .targets import HttpTarget, InProcessTarget

    if url:
        return HttpTarget(url), {}
    from arrimage.answer.factory import make_answerers

    from arrimage.runtime import load_searcher

    settings = set_settings(questions)
    searcher = load_searcher(settings)
    answerers = make_answerers(settings, searcher)
    keys = ("index_dir", "backend", "embedding_model", "contextual_chunks", "dense_index", "chunk_max_chars", "chunk_overlap_chars",
            "answerer", "llm_model")
    about = {"settings": {k: str(getattr(settings, k)) for k in keys}}
    return InProcessTarget(searcher, answerers, str(settings.index_dir)), about


def _progress(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="step", file=sys.stderr, leave=False)


def _finish(run: Run, out: Path | None, output: Path | None, plain: bool, check_floors: bool, started: float) -> None:
    from . import floors, report
    from .runs import write_run

    directory = out or RUNS_DIR / f"{_stamp()}-{run.name}"
    path = report.write_report(run, directory)
    if output:
        write_run(run, output)
    took = time.perf_counter() - started
    summary = {**report.summary(run), "seconds_total": round(took, 2), "report": str(path)}
    breaches = floors.check(run) if check_floors else []
    if check_floors:
        summary["floors"] = breaches or "all met"
    text = None
    if plain:
        text = "\n".join([report.plain(run), f"report: {path}", *(f"FLOOR BROKEN: {b}" for b in breaches)])
    emit(summary, text)
    click.echo(f"eval {run.name}: {took:.1f} s in all (evaluation {run.seconds:.1f} s) → {path}", err=True)
    if breaches:
        sys.exit(1)


def _evaluate(parts: tuple[str, ...], questions: Path, url: str | None, modes: str | None, answerer: str | None,
              name: str, pairs: Path | None = None) -> Run:
    from .datasets import load_alignment, load_questions
    from .evaluate import EvalConfig, evaluate

    items = load_questions(questions)
    labelled = load_alignment(pairs) if pairs else []
    chosen = tuple(m.strip() for m in modes.split(",") if m.strip()) if modes else None
    config = EvalConfig(parts=parts, answerer=answerer, **({"modes": chosen} if chosen else {}))
    target, about = _make_target(url, questions)
    if answerer and not url and answerer not in target.answerers:
        raise click.ClickException(f"answerer {answerer!r} is not available: set ARRIMAGE_LLM_BASE_URL and "
                                   "ARRIMAGE_LLM_MODEL for the LLM answerer")
    about = {**about, "questions": str(questions), "questions_sha256": hashlib.sha256(questions.read_bytes()).hexdigest()}
    if pairs:
        about.update({"pairs": str(pairs), "pairs_sha256": hashlib.sha256(pairs.read_bytes()).hexdigest()})
    with _progress(len(items) * config.steps_per_question(), name) as bar:
        return evaluate(target, items, config, name=name, about=about, progress=bar.update, pairs=labelled)


@click.group(name="eval")
def eval_group() -> None:
    """Score retrieval and answers on a question set; compare runs; BEIR import and export.

    Every run writes run.json, report.md and PNG charts to eval/runs/<timestamp>-<name>/ (or --out).
    See docs/evaluation.md.
    """


@eval_group.command(name="retrieval")
@_questions_option
@click.option("--modes", default="bm25,dense,hybrid", show_default=True, help="Comma-separated modes to score.")
@_run_options
@_errors
def eval_retrieval(questions: Path, modes: str, url: str | None, out: Path | None, name: str | None, output: Path | None,
                   check_floors: bool, plain: bool) -> None:
    """Recall@5, Recall@10, MRR@10 and nDCG@10 per mode, with 95% intervals, overall and per question kind.

    \b
    Examples:
      arrimage eval retrieval --plain
      arrimage eval retrieval --modes hybrid --out eval/runs/hybrid-only
      arrimage eval retrieval --url http://127.0.0.1:8000 --plain
      ARRIMAGE_BACKEND=qdrant arrimage eval retrieval --plain   # after ARRIMAGE_BACKEND=qdrant arrimage ingest --if-stale
    """
    started = time.perf_counter()
    run = _evaluate(("retrieval",), questions, url, modes, None, name or "retrieval")
    _finish(run, out, output, plain, check_floors, started)


@eval_group.command(name="answers")
@_questions_option
@click.option("--answerer", type=click.Choice(["extractive", "llm"]), help="Answerer (default: the configured one).")
@_run_options
@_errors
def eval_answers(questions: Path, answerer: str | None, url: str | None, out: Path | None, name: str | None,
                 output: Path | None, check_floors: bool, plain: bool) -> None:
    """Gold evidence cited, citation precision, faithfulness, abstention and correctness of the answers.

    \b
    Examples:
      arrimage eval answers --plain
      arrimage eval answers --url http://127.0.0.1:8000 --answerer llm
    """
    started = time.perf_counter()
    run = _evaluate(("answers",), questions, url, None, answerer, name or "answers")
    _finish(run, out, output, plain, check_floors, started)


@eval_group.command(name="all")
@_questions_option
@click.option("--modes", default="bm25,dense,hybrid", show_default=True, help="Comma-separated retrieval modes.")
@click.option("--answerer", type=click.Choice(["extractive", "llm"]), help="Answerer (default: the configured one).")
@_pairs_option
@_run_options
@_errors
def eval_all(questions: Path, modes: str, answerer: str | None, pairs: Path, url: str | None, out: Path | None,
             name: str | None, output: Path | None, check_floors: bool, plain: bool) -> None:
    """Retrieval, answers and alignment in one run and one report, and the time it took.

    \b
    Examples:
      arrimage eval all --plain
      arrimage eval all --check-floors          # what CI runs: exit 1 below a floor
      arrimage eval all --url http://127.0.0.1:8000 --out eval/runs/staging
    """
    started = time.perf_counter()
    run = _evaluate(("retrieval", "answers", "alignment"), questions, url, modes, answerer, name or "all", pairs)
    _finish(run, out, output, plain, check_floors, started)


@eval_group.command(name="alignment")
@_pairs_option
@click.option("--plain", is_flag=True, help="A table instead of JSON.")
@_errors
def eval_alignment(pairs: Path, plain: bool) -> None:
    """P@1 and Hit@3 of the gold ministerial unit, hard negatives ranked first, per signal; label accuracy.
    Pairs on plans of their own (``plans/`` beside the file) are scored on an index of the corpus and those plans.

    \b
    Examples:
      arrimage eval alignment --plain
    """
    from arrimage.runtime import load_searcher, make_aligner

    from .alignment import evaluate_alignment
    from .datasets import load_alignment

    settings = set_settings(pairs)
    report = evaluate_alignment(make_aligner(load_searcher(settings), settings), load_alignment(pairs))
    pooled = report["pooled over all ministerial plans"]
    lines = [f"{report['pairs']} pairs, {len(report['unmatched'])} not matched to a unit, "
             f"{report['declared by the source plan']} declared by the source plan, "
             f"{report['queries with gold']} (source, ministerial plan) queries with a gold target",
             f"{'signal (per plan pair)':<22} {'P@1':>6} {'Hit@3':>6} {'hard negatives first':>21}"]
    lines += [f"{name:<22} {m['P@1']:>6.3f} {m['Hit@3']:>6.3f} {m['hard negatives first']:>21.3f}"
              for name, m in [*report["signals"].items(), ("combined, pooled plans", pooled),
                              ("combined, per kind", report["per kind"])]]
    lines.append(f"label accuracy (strong / partial / none): {report['labels']['accuracy']:.3f}")
    emit(report, "\n".join(lines) if plain else None)


@eval_group.command(name="structure")
@click.option("--split", "splits", multiple=True, default=("dev",), show_default=True,
              help="Plan set to score, a folder of eval/datasets/structure (repeatable); a test set is scored once, at "
                   "the end of a piece of work.")
@click.option("--printer", type=click.Choice(PRINTERS), default=PRINTERS[0], show_default=True,
              help="What prints a plan's text into the PDF scored beside it (a plan's own printed NAME.pdf comes first).")
@click.option("--plain", is_flag=True, help="A table instead of JSON.")
@_errors
def eval_structure(splits: tuple[str, ...], printer: str, plain: bool) -> None:
    """Plan units against gold trees written blind: unit precision, recall and F1 (kind + number + title),
    parent accuracy and the accuracy of target values, deadlines and fields, per plan, from text and from PDF.

    \b
    Examples:
      arrimage eval structure --plain
      arrimage eval structure --split dev --split test --plain
      arrimage eval structure --split dev --printer chromium --plain
    """
    from .structure import evaluate

    report = evaluate(splits, printer)
    lines = [f"{'split':<5} {'format':<6} {'plan':<44} {'units':>5} {'P':>6} {'R':>6} {'F1':>6} {'parent':>7} "
             f"{'value':>6} {'deadline':>8} {'fields':>6}"]

    def fmt(x: float | None) -> str:
        return "—" if x is None else f"{x:.3f}"

    for split, result in report.items():
        for plan in result["plans"]:
            lines.append(f"{split:<5} {plan['format']:<6} {plan['name'][:44]:<44} {plan['gold']:>5} "
                         f"{plan['precision']:>6.3f} {plan['recall']:>6.3f} "
                         f"{plan['f1']:>6.3f} {plan['parent_accuracy']:>7.3f} {fmt(plan['target_value_accuracy']):>6} "
                         f"{fmt(plan['target_deadline_accuracy']):>8} {fmt(plan['field_accuracy']):>6}")
        for form in ("text", "pdf"):
            m = result[form]
            lines.append(f"{split:<5} {form:<6} {'all plans (micro-averaged)':<44} {m['units_gold']:>5} {m['precision']:>6.3f} "
                         f"{m['recall']:>6.3f} {m['f1']:>6.3f} {m['parent_accuracy']:>7.3f} "
                         f"{fmt(m['target_value_accuracy']):>6} {fmt(m['target_deadline_accuracy']):>8} "
                         f"{fmt(m['field_accuracy']):>6}")
    emit(report, "\n".join(lines) if plain else None)


@eval_group.command(name="fit-answerer")
@click.option("--questions", "question_sets", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=FIT_QUESTIONS, show_default=True, help="Question sets to fit on (repeatable).")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/answerability-reliability.png"),
              show_default=True, help="Where to draw the reliability diagrams.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: answer/model.json, the one the answerer reads).")
@click.option("--leave-sets-out", is_flag=True,
              help="Write no model: fit on all the sets but one, judge on that one, for each set in turn.")
@click.option("--plain", is_flag=True, help="A summary instead of JSON.")
@_errors
def eval_fit_answerer(question_sets: tuple[Path, ...], plot: Path, output: Path | None, leave_sets_out: bool,
                      plain: bool) -> None:
    """Fit the extractive answerer's sentence scorer and abstention classifier on the opened question sets (every one
    but the held-out set), cross-validated by question, and write answer/model.json.

    With --leave-sets-out, nothing is written: each set is judged by the answerer's learned parts fit on all the
    others (how they hold on questions someone else wrote).

    \b
    Examples:
      arrimage eval fit-answerer --plain
      arrimage eval fit-answerer --leave-sets-out --plain --questions eval/datasets/dev/questions.jsonl \\
        --questions eval/datasets/heldout/questions.jsonl --questions eval/datasets/test13/questions.jsonl
    """
    from arrimage.answer.model import MODEL_PATH, ModelError, load

    from arrimage.logistic import plot_reliability

    from .fit_answerer import fit, follow_up_figures

    named = _question_sets(question_sets)
    if leave_sets_out:
        import numpy as np

        from .fit_answerer import leave_sets_out as judge

        used = load()
        result = judge(named, used.passages, used.floor)
        lines = ["set        answerable unanswerable  gold cited  false abst.  unans. abst."]
        lines += [f"{name:<10} {r['answerable']:>10} {r['unanswerable']:>12} {r['gold evidence cited']:>11.3f} "
                  f"{r['false abstention']:>12.3f} {r['unanswerable abstained']:>13.3f}" for name, r in result.items()]
        means = {k: float(np.nanmean([r[k] for r in result.values()]))
                 for k in ("gold evidence cited", "false abstention", "unanswerable abstained")}
        lines.append(f"{'mean':<10} {'':>10} {'':>12} {means['gold evidence cited']:>11.3f} "
                     f"{means['false abstention']:>12.3f} {means['unanswerable abstained']:>13.3f}")
        emit({"sets": result, "mean": means}, "\n".join(lines) if plain else None)
        return
    try:  # the follow-up model is fit on its own (fit-follow-ups) and kept
        kept = load()
        follow_up = (kept.follow_up, follow_up_figures(kept.about))
    except (ModelError, OSError, KeyError, ValueError):
        follow_up = None  # none yet, or fit on other features: fit on these sets
    model, details = fit(named, ", ".join(str(p) for p in question_sets), follow_up)
    output = output or MODEL_PATH
    model.save(output)
    figures = details["figures"]
    plot_reliability({"sentences": figures["sentence reliability"], "answerability": figures["answerability reliability"]},
                     plot)
    lines = [f"written: {output} and {plot}"]
    lines += [f"{k}: {v}" for k, v in figures.items() if "reliability" not in k]
    lines += ["answerability reliability (out of fold): "
              + "; ".join(f"{r['bin']} → {r['observed']:.2f} (n={r['n']})" for r in figures["answerability reliability"])]
    emit(figures, "\n".join(lines) if plain else None)


def _question_sets(paths: Sequence[Path]) -> list[tuple[str, object, list]]:
    """Each question set with its name (``set_name``) and the searcher of the index it is asked of (one per index: the
    sets without plans of their own share the corpus's)."""
    from arrimage.runtime import load_searcher

    from .datasets import load_questions, set_name

    searchers: dict[Path, object] = {}
    out = []
    for path in paths:
        settings = set_settings(path)
        if settings.index_dir not in searchers:
            searchers[settings.index_dir] = load_searcher(settings)
        out.append((set_name(path), searchers[settings.index_dir], load_questions(path)))
    return out


@eval_group.command(name="fit-follow-ups")
@click.option("--questions", "question_sets", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=FIT_QUESTIONS, show_default=True, help="Question sets to fit on (repeatable).")
@click.option("--plain", is_flag=True, help="A summary instead of JSON.")
@_errors
def eval_fit_follow_ups(question_sets: tuple[Path, ...], plain: bool) -> None:
    """Fit the follow-up model (whether a question follows on from the one before) on every opened question set, judge
    it leaving one set out at a time, and write it into answer/model.json (the rest of the model unchanged).

    \b
    Examples:
      arrimage eval fit-follow-ups --plain
    """
    from dataclasses import replace

    from arrimage.answer.model import MODEL_PATH, load

    from .fit_answerer import fit_follow_ups, follow_up_figures

    follow_up, figures = fit_follow_ups(_question_sets(question_sets))
    current = load()
    about = {k: v for k, v in current.about.items() if k not in follow_up_figures(current.about)} | figures
    replace(current, follow_up=follow_up, about=about).save(MODEL_PATH)
    load.cache_clear()
    lines = [f"written: {MODEL_PATH}"] + [f"{k}: {v}" for k, v in figures.items()]
    emit(figures, "\n".join(lines) if plain else None)


@eval_group.command(name="compare")
@click.argument("run_a", type=click.Path(exists=True, path_type=Path))
@click.argument("run_b", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for comparison.md/.json/.png (default eval/runs/<timestamp>-compare).")
@click.option("--plain", is_flag=True, help="A table instead of JSON.")
@_errors
def eval_compare(run_a: Path, run_b: Path, out: Path | None, plain: bool) -> None:
    """Compare run B with run A question by question: B − A per metric with a paired bootstrap interval.

    RUN_A and RUN_B are run.json files (or run directories). A difference whose interval includes 0
    is reported as "not established".

    \b
    Examples:
      arrimage eval compare eval/runs/20261124-101500-all eval/runs/20261124-113000-all --plain
    """
    from .compare import compare_runs, write_comparison
    from .compare import plain as plain_text
    from .runs import load_run

    comparison = compare_runs(load_run(run_a), load_run(run_b), str(run_a), str(run_b))
    path = write_comparison(comparison, out or RUNS_DIR / f"{_stamp()}-compare")
    emit({**comparison.to_dict(), "report": str(path)}, plain_text(comparison) + f"\nreport: {path}" if plain else None)


@eval_group.command(name="export-beir")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@_questions_option
@click.option("--split", default="dev", show_default=True, help="Name of the qrels file (qrels/<split>.tsv).")
@_errors
def eval_export_beir(outdir: Path, questions: Path, split: str) -> None:
    """Write the question set and the index's passages as a BEIR folder (queries, corpus, qrels).

    A passage is relevant to a question when its text holds one of the question's gold quotes.

    \b
    Examples:
      arrimage eval export-beir var/beir-dev
    """
    from . import beir
    from .datasets import load_questions

    target, _ = _make_target(None, questions)
    counts = beir.export(target, load_questions(questions), outdir, split)
    emit({"directory": str(outdir), **counts})


@eval_group.command(name="import-beir")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", default="dev", show_default=True, help="Which qrels/<split>.tsv to read.")
@click.option("--modes", default="bm25,dense,hybrid", show_default=True, help="Comma-separated modes to score.")
@_run_options
@_errors
def eval_import_beir(directory: Path, split: str, modes: str, url: str | None, out: Path | None, name: str | None,
                     output: Path | None, check_floors: bool, plain: bool) -> None:
    """Score the index's retrieval on a BEIR folder (queries.jsonl, corpus.jsonl, qrels/<split>.tsv).

    Relevant corpus documents are our passages when their ids are ours, else are mapped to our
    passages through their text.

    \b
    Examples:
      arrimage eval import-beir var/beir-dev --plain
      arrimage eval import-beir other-set --split test --modes hybrid --url http://127.0.0.1:8000
    """
    from . import beir
    from .evaluate import EvalConfig, evaluate_cases

    started = time.perf_counter()
    data = beir.read(directory, split)
    config = EvalConfig(parts=("retrieval",), modes=tuple(m.strip() for m in modes.split(",") if m.strip()))
    target, about = _make_target(url)
    cases, issues = beir.cases(target, data)
    about = {**about, "beir": str(directory), "split": split}
    with _progress(len(cases) * config.steps_per_question(), "beir") as bar:
        run = evaluate_cases(target, cases, issues, config, name=name or f"beir-{directory.name}", about=about,
                             progress=bar.update)
    _finish(run, out, output, plain, check_floors, started)


@eval_group.command(name="check")
@_questions_option
@click.option("--alignment", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check an alignment pairs file (JSONL, see eval/datasets/README.md).")
@click.option("--url", help="Check against a running service instead of the local index.")
@_errors
def eval_check(questions: Path, alignment: Path | None, url: str | None) -> None:
    """Check a question set (and alignment pairs) against the index: every quote found, held by a passage.

    Exits 1 when a quote is not found; each problem names the question (or pair) id.

    \b
    Examples:
      arrimage eval check
      arrimage eval check --alignment eval/datasets/dev/alignment.jsonl
    """
    from .datasets import load_alignment, load_questions
    from .validation import check_alignment, prepare

    items = load_questions(questions)
    target, _ = _make_target(url, questions)
    _, issues = prepare(target, items)
    pairs = load_alignment(alignment) if alignment else []
    issues += check_alignment(target, pairs)
    quotes = sum(len(q.gold_quotes) for q in items) + 2 * len(pairs)
    emit({"questions": len(items), "alignment_pairs": len(pairs), "quotes": quotes,
          "problems": [i.to_dict() for i in issues]})
    if issues:
        sys.exit(1)
