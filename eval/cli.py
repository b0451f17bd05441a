"""`arrimage eval …`: score retrieval and answers on a question set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from arrimage.output import emit
from arrimage.settings import get_settings


@click.group(name="eval")
def eval_group() -> None:
    """Score retrieval and answers on a question set."""


@eval_group.command(name="retrieval")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), default=Path("eval/datasets/dev/questions.jsonl"),
              show_default=True)
@click.option("--modes", default="bm25,dense,hybrid", show_default=True, help="Comma-separated modes to score.")
@click.option("--output", type=click.Path(path_type=Path), help="Also write the full report (JSON) here.")
@click.option("--plain", is_flag=True, help="A table instead of JSON.")
def eval_retrieval(questions: Path, modes: str, output: Path | None, plain: bool) -> None:
    """Recall@5, Recall@10, MRR@10 and nDCG@10 per mode, overall and per question kind.

    \b
    Examples:
      arrimage eval retrieval --plain
      arrimage eval retrieval --modes hybrid --output eval/runs/retrieval.json
    """
    from arrimage.eval.datasets import DatasetError
    from arrimage.eval.retrieval import evaluate_retrieval, format_table
    from arrimage.index.store import IndexUnavailable
    from arrimage.service.app import load_searcher

    try:
        searcher = load_searcher(get_settings())
        report = evaluate_retrieval(searcher, questions, [m.strip() for m in modes.split(",") if m.strip()])
    except (DatasetError, IndexUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    emit({k: v for k, v in report.items() if k != "per_question"}, format_table(report) if plain else None)



@eval_group.command(name="answers")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), default=Path("eval/datasets/dev/questions.jsonl"),
              show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Also write the full report (JSON) here.")
@click.option("--plain", is_flag=True, help="A summary instead of JSON.")
def eval_answers(questions: Path, output: Path | None, plain: bool) -> None:
    """Gold evidence cited, supported sentences, abstention precision and recall (extractive answerer).

    \b
    Examples:
      arrimage eval answers --plain
      arrimage eval answers --output eval/runs/answers.json
    """
    from arrimage.eval.answers import evaluate_answers, format_answers
    from arrimage.eval.datasets import DatasetError, load_questions
    from arrimage.index.store import IndexUnavailable
    from arrimage.service.app import load_searcher
    from arrimage.service.extractive import ExtractiveAnswerer

    try:
        searcher = load_searcher(get_settings())
        report = evaluate_answers(searcher, ExtractiveAnswerer(searcher), load_questions(questions))
    except (DatasetError, IndexUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    emit({k: v for k, v in report.items() if k != "per_question"}, format_answers(report) if plain else None)
