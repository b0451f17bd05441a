"""Write ``alignment.jsonl``: pairs whose source plan is on another subject than the target plan.

For each plan of ``plans/`` (none of them about education or digital technology; see README.md), three
of its units, drawn at random (seed 0) among those whose title is 20 to 250 characters long, each with the
target the aligner ranks first for it in one ministerial plan of the corpus, the plans taken in turn: the
link a planner would be shown first. Every such pair is labelled ``none``. Run from the repository root after the set's index is
built (``arrimage eval alignment --pairs eval/datasets/unrelated/alignment.jsonl`` builds it):

    .venv/bin/python eval/datasets/unrelated/make_pairs.py
"""

import json
import random
from pathlib import Path

from arrimage.align.calibration import Calibration
from arrimage.eval.cli import set_settings

from arrimage.runtime import load_searcher, make_aligner

HERE = Path(__file__).parent
UNITS_PER_PLAN = 3

settings = set_settings(HERE / "alignment.jsonl")
searcher = load_searcher(settings)
aligner = make_aligner(searcher, settings, Calibration.unfit(searcher.embedder.model_id))  # ranks: no probability used
plans = json.loads((HERE / "plans" / "catalog.json").read_text(encoding="utf-8"))
targets = aligner.select(levels=["ministerial"], targets=True)
target_plans = sorted({aligner.units[t].doc_id for t in targets} - {p["id"] for p in plans})
rng = random.Random(0)
lines = []
for plan in sorted(plans, key=lambda p: p["id"]):
    units = [i for i in aligner.select(doc_ids=[plan["id"]]) if 20 <= len(aligner.units[i].title) <= 250]
    for source in sorted(rng.sample(units, min(UNITS_PER_PLAN, len(units)))):
        doc = target_plans[len(lines) % len(target_plans)]
        columns = [t for t in targets if aligner.units[t].doc_id == doc]
        scores, _, _ = aligner.combined(aligner.source_rows([source]), columns)
        best = columns[int(scores[0].argmax())]
        lines.append({"id": f"u{len(lines) + 1:03d}", "source_doc_id": plan["id"],
                      "source_quote": aligner.units[source].title, "target_doc_id": doc,
                      "target_quote": aligner.units[best].title, "label": "none", "hard_negative": False,
                      "note": f"The source plan ({plan['title']}, {plan['organization']}) is on another subject."})
(HERE / "alignment.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
print(len(lines), "pairs")
