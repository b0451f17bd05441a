"""The files of a run: run.json, report.md and its PNG charts; and the plain summary printed by the CLI."""

from __future__ import annotations

import math
from pathlib import Path

from . import alignment, answers, plots, retrieval
from .runs import MetricSummary, Run, write_run

TOP_SHOWN = 5
_ANSWER_KIND_METRICS = ("gold evidence cited", "answer token F1", "false abstention", "abstention recall")


def fmt(value: float, digits: int = 3) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def fmt_ci(m: MetricSummary) -> str:
    return f"{fmt(m.value)} [{fmt(m.low)}, {fmt(m.high)}]" if not math.isnan(m.value) else "—"


def _cell(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _modes(run: Run) -> list[str]:
    return [m for m in run.config.get("modes", []) if any(x.id.startswith(f"retrieval/{m}/") for x in run.metrics)]


def _has_answers(run: Run) -> bool:
    return any(m.part == "answers" for m in run.metrics)


def _questions(run: Run) -> int:
    """Questions scored (alignment queries are rows of the run too, counted apart)."""
    return sum(q.kind != "alignment" for q in run.questions)


def _header(run: Run) -> list[str]:
    t = run.target
    where = f"{t['kind']} ({t['location']})" if t.get("location") else t["kind"]
    corpus = f", corpus hash `{t['corpus_hash'][:12]}`" if t.get("corpus_hash") else ""
    lines = [
        f"# Evaluation run: {run.name}",
        "",
        f"{run.created_at} · target {where} · model `{t['model_id']}`, {t['documents']} documents, {t['chunks']} "
        f"passages{corpus} · {_questions(run)} questions · {run.seconds:.1f} s",
        "",
        "Every metric is given with its 95% bootstrap interval (questions resampled, "
        f"{run.config['bootstrap']['resamples']} resamples, seed {run.config['bootstrap']['seed']}). "
        "See docs/evaluation.md for the definitions.",
        "",
        "## Configuration",
        "",
        "| setting | value |",
        "|---|---|",
    ]
    shown = {k: v for k, v in run.config.items() if k not in ("bootstrap", "settings")}
    shown.update({f"ARRIMAGE_{k.upper()}": v for k, v in run.config.get("settings", {}).items()})
    if shown.get("answerer") is None:
        shown["answerer"] = "the target's default"
    for key, value in shown.items():
        lines.append(f"| {key} | {_cell(', '.join(map(str, value)) if isinstance(value, list | tuple) else value)} |")
    lines.append(f"| versions | {_cell(', '.join(f'{k} {v}' for k, v in run.versions.items() if k != 'platform'), 400)} |")
    lines.append(f"| timing | {_cell(', '.join(f'{k} {v}' for k, v in run.timing.items()), 400)} |")
    lines.append("")
    return lines


def _validation(run: Run) -> list[str]:
    lines = ["## Gold evidence check", ""]
    if not run.validation and run.target.get("kind") == "http":
        lines.append("Every gold quote is held by at least one passage (over HTTP the documents' text is not available: "
                     "`arrimage eval check` in process also looks for the quotes in the documents).")
    elif not run.validation:
        lines.append("Every gold quote is found in its document and held by at least one passage.")
    else:
        lines += [f"{len(run.validation)} gold quote problem(s); a quote no passage holds does not count as evidence.", "",
                  "| question | document | problem | quote |", "|---|---|---|---|"]
        lines += [f"| {i['id']} | {i['doc_id']} | {i['problem']} | {_cell(i['quote'], 120)} |" for i in run.validation]
    return lines + [""]


def _retrieval(run: Run, charts: dict[str, str]) -> list[str]:
    modes = _modes(run)
    if not modes:
        return []
    lines = ["## Retrieval", "", f"Evidence level, top {run.config.get('search_k', 10)}; value [95% interval]; "
             f"n = {run.metric(retrieval.metric_id(modes[0], 'nDCG@10')).n} questions with gold evidence.", "",
             "| metric | " + " | ".join(modes) + " |", "|---|" + "---|" * len(modes)]
    for metric in retrieval.METRICS:
        lines.append(f"| {metric} | " + " | ".join(fmt_ci(run.metric(retrieval.metric_id(m, metric))) for m in modes) + " |")
    main = "hybrid" if "hybrid" in modes else modes[-1]
    lines += ["", f"### By question kind ({main})", ""]
    kinds = sorted(run.metric(retrieval.metric_id(main, "nDCG@10")).by_kind)
    lines += ["| kind | n | " + " | ".join(retrieval.METRICS) + " |", "|---|---|" + "---|" * len(retrieval.METRICS)]
    for kind in kinds:
        values = [run.metric(retrieval.metric_id(main, m)).by_kind.get(kind, {}) for m in retrieval.METRICS]
        lines.append(f"| {kind} | {int(values[0].get('n', 0))} | " + " | ".join(fmt(v.get("value", math.nan)) for v in values) + " |")
    if "retrieval_by_kind" in charts:
        lines += ["", f"![nDCG@10 per kind and mode]({charts['retrieval_by_kind']})"]
    return lines + [""]


def _answers(run: Run, charts: dict[str, str]) -> list[str]:
    if not _has_answers(run):
        return []
    answerer = next((q.answer["answerer"] for q in run.questions if q.answer), "?")
    lines = ["## Answers", "", f"Answerer `{answerer}`, {run.config.get('answer_k', 8)} passages.", "",
             "| metric | value [95% interval] | n |", "|---|---|---|"]
    for metric in answers.METRICS:
        m = run.metric(answers.metric_id(metric))
        better = "" if m.higher_is_better else " (lower is better)"
        lines.append(f"| {metric}{better} | {fmt_ci(m)} | {m.n} |")
    shown = [answers.metric_id(m) for m in _ANSWER_KIND_METRICS]
    kinds = sorted({k for mid in shown for k in run.metric(mid).by_kind})
    lines += ["", "### By question kind", "", "| kind | " + " | ".join(_ANSWER_KIND_METRICS) + " |",
              "|---|" + "---|" * len(shown)]
    for kind in kinds:
        cells = []
        for mid in shown:
            v = run.metric(mid).by_kind.get(kind)
            cells.append(f"{fmt(v['value'])} (n={int(v['n'])})" if v else "—")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    if "answers_by_kind" in charts:
        lines += ["", f"![answer metrics per kind]({charts['answers_by_kind']})"]
    return lines + [""]


def _alignment(run: Run) -> list[str]:
    present = [m for m in run.metrics if m.part == "alignment"]
    if not present:
        return []
    about = run.config.get("alignment", {})
    lines = ["## Alignment", "",
             "Per plan pair: for each source unit with labelled targets in a ministerial plan, that plan's objectifs, "
             "mesures and themes ranked as `POST /align` ranks them; links the source's plan declares are left out. "
             f"{about.get('queries', '?')} queries from {about.get('pairs', '?')} pairs "
             f"({len(about.get('unmatched', []))} not matched to a unit, {about.get('declared by the source plan', 0)} "
             "declared by the source plan).", "", "| metric | value [95% interval] | n |", "|---|---|---|"]
    lines += [f"| {m.label}{'' if m.higher_is_better else ' (lower is better)'} | {fmt_ci(m)} | {m.n} |" for m in present]
    return lines + [""]


def _alignment_failures(run: Run) -> list[str]:
    first = alignment.metric_id("P@1")
    failed = [q for q in run.questions if q.kind == "alignment" and q.value(first) == 0]
    if not failed:
        return []
    lines = [f"### Alignment: gold target not ranked first — {len(failed)} quer(ies)", ""]
    lines += [f"- **{q.qid}** {_cell(q.question, 120)} — gold: {', '.join(q.gold)}" for q in failed]
    return lines + [""]


def _distribution(charts: dict[str, str]) -> list[str]:
    if "score_distribution" not in charts:
        return []
    return ["## Scores of answerable and unanswerable questions", "",
            "The best retrieval score of each question, per mode. Where the two histograms overlap, no threshold on "
            "that score separates the questions the plans answer from those they do not.", "",
            f"![top retrieval score, answerable vs unanswerable]({charts['score_distribution']})", ""]


def _passage_line(p: dict) -> str:
    held = ", ".join(f"quote {j + 1}" for j in p["holds"]) or "no gold quote"
    return f"  {p['rank']}. `{p['doc_id']}` p.{p['page']} — {held} — “{_cell(p['snippet'], 120)}”"


def _retrieval_failures(run: Run) -> list[str]:
    modes = _modes(run)
    if not modes:
        return []
    main = "hybrid" if "hybrid" in modes else modes[-1]
    recall = retrieval.metric_id(main, "Recall@10")
    failed = [q for q in run.questions if q.value(recall) < 1]
    lines = [f"### Retrieval ({main}): gold evidence missing from the top 10 — {len(failed)} question(s)", ""]
    for q in failed:
        found = {j for p in q.retrieved.get(main, []) for j in p["holds"]}
        lines.append(f"**{q.qid}** ({q.kind}) {_cell(q.question)} — Recall@10 {fmt(q.value(recall))}, "
                     f"nDCG@10 {fmt(q.value(retrieval.metric_id(main, 'nDCG@10')))}")
        lines += [f"- missing quote {j + 1}: “{_cell(g, 160)}”" for j, g in enumerate(q.gold) if j not in found]
        lines.append(f"- retrieved (top {TOP_SHOWN}):")
        lines += [_passage_line(p) for p in q.retrieved.get(main, [])[:TOP_SHOWN]]
        lines.append("")
    return lines


def _answer_failures(run: Run) -> list[str]:
    if not _has_answers(run):
        return []
    failed = [q for q in run.questions if q.answer and answers.is_failure(
        {m: q.scores.get(answers.metric_id(m), (0.0, 0.0)) for m in answers.METRICS})]
    lines = [f"### Answers: gold evidence not cited, wrong or missed abstention, unsupported text — {len(failed)} question(s)", ""]
    for q in failed:
        a = q.answer or {}
        what = "unanswerable" if not q.answerable else q.kind
        verdict = "abstained" if a.get("abstained") else "answered"
        lines.append(f"**{q.qid}** ({what}, {verdict}) {_cell(q.question)}")
        if q.reference:
            lines.append(f"- reference: {_cell(q.reference)}")
        lines += [f"- gold quote {j + 1}: “{_cell(g, 160)}”" for j, g in enumerate(q.gold)]
        lines.append(f"- answer: {_cell(a.get('answer', ''), 400)}")
        if a.get("notice"):
            lines.append(f"- notice: {_cell(a['notice'])}")
        for c in a.get("citations", []):
            held = ", ".join(f"quote {j + 1}" for j in c["holds"]) or "no gold quote"
            lines.append(f"  [{c['n']}] `{c['doc_id']}` p.{c['page']} — {held} — “{_cell(c['quote'], 140)}”")
        if "figures" in a:
            lines.append(f"- figures: reference {', '.join(a['figures']['reference']) or '—'}; "
                         f"answer {', '.join(a['figures']['answer']) or '—'}")
        lines.append("")
    return lines


def markdown(run: Run, charts: dict[str, str]) -> str:
    lines = (_header(run) + _validation(run) + _retrieval(run, charts) + _answers(run, charts) + _alignment(run)
             + _distribution(charts))
    lines += ["## Failures", "", "Each question that failed, with what was retrieved or cited (quote numbers refer to "
              "the question's gold quotes).", ""]
    lines += _retrieval_failures(run) + _answer_failures(run) + _alignment_failures(run)
    return "\n".join(lines).rstrip() + "\n"


def charts(run: Run, directory: Path) -> dict[str, str]:
    """Draw the run's charts into ``directory``; name → file name."""
    made: dict[str, Path | None] = {}
    modes = _modes(run)
    if modes:
        made["retrieval_by_kind"] = plots.metric_by_kind(
            run, [retrieval.metric_id(m, "nDCG@10") for m in modes], "nDCG@10 per question kind",
            directory / "retrieval_by_kind.png")
        made["score_distribution"] = plots.score_distribution(run, directory / "score_distribution.png")
    if _has_answers(run):
        made["answers_by_kind"] = plots.metric_by_kind(
            run, [answers.metric_id(m) for m in _ANSWER_KIND_METRICS], "answers per question kind",
            directory / "answers_by_kind.png")
    return {name: path.name for name, path in made.items() if path is not None}


def write_report(run: Run, directory: Path) -> Path:
    """Write run.json, report.md and the charts into ``directory``; returns the report's path."""
    directory.mkdir(parents=True, exist_ok=True)
    write_run(run, directory / "run.json")
    path = directory / "report.md"
    path.write_text(markdown(run, charts(run, directory)), encoding="utf-8")
    return path


def summary(run: Run) -> dict:
    """What the CLI prints as JSON: metrics with intervals, without the per-question rows."""
    return {
        "name": run.name,
        "questions": _questions(run),
        "seconds": run.seconds,
        "target": {k: v for k, v in run.target.items() if k != "details"},
        "gold_quote_problems": run.validation,
        "metrics": {m.id: {"value": _round(m.value), "ci95": [_round(m.low), _round(m.high)], "n": m.n} for m in run.metrics},
        "timing": run.timing,
    }


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def plain(run: Run) -> str:
    """A table for people."""
    lines = [f"{run.name}: {_questions(run)} questions on {run.target['kind']} {run.target['location']}, {run.seconds:.1f} s"]
    for issue in run.validation:
        lines.append(f"  gold quote problem: {issue['id']} ({issue['doc_id']}): {issue['problem']}: {issue['quote'][:70]}")
    width = max((len(m.label) for m in run.metrics), default=10)
    for m in run.metrics:
        better = "  (lower is better)" if not m.higher_is_better else ""
        lines.append(f"  {m.part:<9} {m.label:<{width}} {fmt(m.value)}  [{fmt(m.low)}, {fmt(m.high)}]  n={m.n}{better}")
    return "\n".join(lines)

