"""Score the plan units the ingest reads against gold unit trees written blind
(``eval/datasets/structure/{dev,test}/NAME.txt`` + ``NAME.json``, and ``NAME.pdf`` rendered from them).

- A predicted unit matches a gold unit of the same kind and number whose title is the same text
  (after folding case, accents and spaces, a similarity of at least ``TITLE_MATCH``, or one title a
  prefix of the other when a heading was cut); matching is one to one, in document order.
- unit precision, recall and F1 count those matches;
- parent accuracy: among matched units, those whose parent is the match of their gold parent (both
  top-level counts as right);
- each plan is scored from its text and from a PDF rendering of it (``render.py``), read by pypdf;
- target value and deadline accuracy: among the gold targets of matched units that state a value (a
  deadline), those that a predicted target of the unit gives the same (values equal, or equal once
  a "M$" is read as millions; deadlines equal after folding, or a gold year alone met by a date in that
  year);
- field accuracy: among the gold fields of matched units (responsable, echeance, budget, partenaires), those the
  predicted unit gives under the same name with the same text (the same title test: a wrapped line or a PDF's
  hyphenation differs by a few characters). It judges whether field lines went to the unit they belong to.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from arrimage.ingest.catalog import Catalog
from arrimage.ingest.grammar import level_initials, spelled
from arrimage.ingest.models import PlanUnit, Target
from arrimage.ingest.pipeline import build_document
from arrimage.ingest.units import extract_units

DATASETS = Path(__file__).resolve().parent / "datasets" / "structure"
# Titles of one unit read two ways (a wrapped heading, a PDF's hyphenation) differ by a few characters.
TITLE_MATCH = 0.85
_PREFIX_MIN = 30

# Kinds read as one: the writers' list of kinds has no "theme", and they named a plan's "Thème 1" an axe (test10,
# test16, test23, test24) or, outside the list, a theme (test2, test17); the ingest says theme (the MEES plan's).
GOLD_KIND = {"theme": "axe"}
FIELDS = ("responsable", "echeance", "budget", "partenaires")  # the gold fields of format.md


@dataclass(frozen=True)
class GoldUnit:
    kind: str
    number: str
    title: str
    parent: int | None
    targets: tuple[Target, ...]
    fields: tuple[tuple[str, str], ...] = ()


@dataclass
class PlanScore:
    name: str
    path: str
    gold: int
    predicted: int
    matched: int
    parents_right: int
    values: list[bool] = field(default_factory=list)
    deadlines: list[bool] = field(default_factory=list)
    fields: list[bool] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def parent_accuracy(self) -> float:
        return self.parents_right / self.matched if self.matched else 0.0


_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_YEARS_ONLY_RE = re.compile(r"(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split()).strip(" .:;–—-")


def _number(number: str) -> str:
    """A unit's number as the scorer compares it: "01" is "1", and so are "1)", "1°" (the ordinal of Québec's statutes),
    "One", "1er" and "Première", and "①"."""
    number = "".join(str(int(unicodedata.numeric(c))) if "\u2460" <= c <= "\u2473" else c for c in number.strip().rstrip(".)°"))
    value = spelled(number)
    return str(value) if value is not None else ".".join(p.lstrip("0") or p for p in number.split("."))


def _initialled(kind: str, number: str) -> str:
    """A hierarchical number without the initial of its level's name before it: a mesure's "M-1.1.1" is "1.1.1", as
    test21's writer gave it where test46's and test54's kept "O-1.1" for an objectif; a running code ("M-01") keeps it.
    So is a number run on after the initials of one of its level's names: an objectif stratégique's "OS1" is "1", an
    objectif opérationnel's "OO1.1" is "1.1" (test55's bio-food plan, whose writer gave "1" and "1.1")."""
    m = re.fullmatch(r"([A-Z])-(\d{1,2}(?:\.\d{1,2})+)", number)
    if m:
        return m.group(2) if kind[:1].upper() == m.group(1) else number
    m = re.fullmatch(r"([A-Z]{1,3})(\d{1,2}(?:\.\d{1,2}){0,3})", number)
    return m.group(2) if m and m.group(1) in level_initials().get(kind, ()) else number


def gold_units(path: Path) -> tuple[dict, list[GoldUnit]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    units: list[GoldUnit] = []

    def walk(node: dict, parent: int | None) -> None:
        targets = tuple(Target(**{k: t.get(k) for k in ("text", "unit", "deadline", "baseline")}, value=_gold_value(t.get("value")))
                        for t in node.get("targets", ()))
        fields = tuple((name, str(value)) for name, value in (node.get("fields") or {}).items() if name in FIELDS and value)
        units.append(GoldUnit(node["kind"], _number(str(node.get("number", ""))), node["title"], parent, targets, fields))
        here = len(units) - 1
        for child in node.get("children", ()):
            walk(child, here)

    for top in raw["units"]:
        walk(top, None)
    return raw, units


def _gold_value(value: float | str | None) -> float | None:
    """A gold value, a number or the figure as printed ("247 000", "8,5", "1,400" in English, "0,050" in French).
    The scorer reads figures itself, not with the parser it judges (``ingest.targets``): a misreading there must
    not meet itself here."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    text = text.replace(",", "") if re.fullmatch(r"-?[1-9]\d{0,2}(?:,\d{3})+", text) else text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _level(gold: str | int) -> str:
    """The catalog level of a gold plan, whose writers may name it in their own words ("ministère", "régional")."""
    folded = _fold(str(gold or ""))  # some writers gave the depth of the tree (3) for "level"
    if any(word in folded for word in ("minist", "gouvern", "government")):
        return "ministerial"
    if any(word in folded for word in ("region", "municip", "mrc")):
        return "regional"
    return "institutional"


def _unit_number(unit: PlanUnit) -> str:
    return _number(unit.code.rsplit(" ", 1)[1]) if " " in unit.code else ""


def _same_title(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    if a == b:
        return True
    if min(len(a), len(b)) >= _PREFIX_MIN and (a.startswith(b) or b.startswith(a)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= TITLE_MATCH


def _same_value(gold: float | None, found: float | None, unit: str | None) -> bool:
    if gold is None or found is None:
        return False
    scale = 1e6 if unit and unit.upper().startswith("M") else 1.0
    return abs(gold - found) < 1e-6 or abs(gold - found * scale) < 1e-6


def _target_scores(gold: GoldUnit, unit: PlanUnit, score: PlanScore) -> None:
    found = list(unit.targets)
    for i, target in enumerate(gold.targets):
        # The predicted target for a gold one: the one with the most similar text, else the same position.
        best = max(found, key=lambda t: SequenceMatcher(None, _fold(t.text), _fold(target.text or "")).ratio(), default=None)
        if best is None and i < len(found):
            best = found[i]
        if target.value is not None:
            score.values.append(best is not None and _same_value(target.value, best.value, best.unit))
        if target.deadline:
            score.deadlines.append(best is not None and bool(best.deadline) and _same_deadline(target.deadline, best.deadline))


def _same_deadline(gold: str, found: str) -> bool:
    """Equal once folded; a gold deadline written as a year alone ("2028") is also met by a date in that year
    ("mars 2028"), or by a fiscal year that ends in it ("2027-2028"): some writers give the year of a dated
    target, others the date, and a fiscal year's target is due when it ends."""
    if _fold(gold) == _fold(found):
        return True
    if not _YEARS_ONLY_RE.fullmatch(gold.strip()):
        return False
    years, found_years = _YEAR_RE.findall(gold), _YEAR_RE.findall(found)
    fiscal = len(years) == 1 and len(found_years) == 2 and int(found_years[1]) == int(found_years[0]) + 1
    return years == found_years or (fiscal and found_years[1] == years[0])


def score_plan(name: str, plan_file: Path, gold_file: Path) -> PlanScore:
    raw, gold = gold_units(gold_file)
    with tempfile.TemporaryDirectory() as tmp:
        entry = {"id": name, "title": raw.get("title", name), "organization": raw.get("organization", ""),
                 "level": _level(raw.get("level", "")), "period": raw.get("period", ""),
                 "files": {"plan": str(plan_file.resolve())}}
        catalog_path = Path(tmp) / "catalog.json"
        catalog_path.write_text(json.dumps([entry]), encoding="utf-8")
        doc = build_document(plan_file, Catalog.load(catalog_path))
    units = extract_units(doc)
    by_id = {u.unit_id: i for i, u in enumerate(units)}
    match: dict[int, int] = {}  # gold index → predicted index
    taken: set[int] = set()
    for g, unit in enumerate(gold):
        for p, found in enumerate(units):
            if (p not in taken and GOLD_KIND.get(found.kind, found.kind) == GOLD_KIND.get(unit.kind, unit.kind)
                    and _initialled(unit.kind, _unit_number(found)) == _initialled(unit.kind, unit.number)
                    and _same_title(found.title, unit.title)):
                match[g] = p
                taken.add(p)
                break
    score = PlanScore(name, str(plan_file), len(gold), len(units), len(match), 0)
    for g, p in match.items():
        parent = gold[g].parent
        found_parent = by_id.get(units[p].parent_id) if units[p].parent_id else None
        score.parents_right += (parent is None and found_parent is None) or (parent is not None and match.get(parent) == found_parent)
        _target_scores(gold[g], units[p], score)
        found_fields = dict(units[p].fields)
        score.fields.extend(name in found_fields and _same_title(found_fields[name], value) for name, value in gold[g].fields)
    score.missed = [f"{u.kind} {u.number} {u.title[:60]}" for g, u in enumerate(gold) if g not in match]
    score.extra = [f"{GOLD_KIND.get(u.kind, u.kind)} {_unit_number(u)} {u.title[:60]}" for p, u in enumerate(units) if p not in taken]
    return score


class UnknownSplit(ValueError):
    """A split that is no folder of eval/datasets/structure."""


def plans(split: str) -> list[tuple[str, Path, Path]]:
    """(name, plan text, gold file) of a split."""
    folder = DATASETS / split
    if not folder.is_dir() or split.startswith("."):
        known = ", ".join(sorted(p.name for p in DATASETS.iterdir() if p.is_dir()))
        raise UnknownSplit(f"no structure split {split!r}; expected one of {known}")
    return [(gold.stem, gold.with_suffix(".txt"), gold) for gold in sorted(folder.glob("*.json"))
            if gold.with_suffix(".txt").is_file()]


def score_split(split: str, printer: str = "reportlab") -> list[PlanScore]:
    """Each plan of a split scored from its text, then from its PDF: the one its writer printed (``NAME.pdf``,
    from a browser or a word processor) when there is one, else the text printed by ``printer`` (``render.py``)."""
    from .render import render_plan

    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, gold in plans(split):
            scores.append(score_plan(name, text, gold))
            printed = text.with_suffix(".pdf")
            if printed.is_file():
                scores.append(score_plan(name, printed, gold))
                continue
            title = json.loads(gold.read_text(encoding="utf-8")).get("title", name)
            scores.append(score_plan(name, render_plan(text, Path(tmp) / f"{name}.pdf", title, printer), gold))
    return scores


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def summary(scores: list[PlanScore]) -> dict:
    """Micro-averaged figures over the plans of one split and format."""
    matched = sum(s.matched for s in scores)
    predicted = sum(s.predicted for s in scores)
    gold = sum(s.gold for s in scores)
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return {
        "plans": len(scores),
        "units_gold": gold,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "parent_accuracy": round(sum(s.parents_right for s in scores) / matched, 3) if matched else 0.0,
        "target_value_accuracy": _round(_share([v for s in scores for v in s.values])),
        "target_deadline_accuracy": _round(_share([d for s in scores for d in s.deadlines])),
        "field_accuracy": _round(_share([f for s in scores for f in s.fields])),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def evaluate(splits: tuple[str, ...], printer: str = "reportlab") -> dict:
    out: dict = {}
    for split in splits:
        scores = score_split(split, printer)
        out[split] = {
            "text": summary([s for s in scores if s.path.endswith(".txt")]),
            "pdf": summary([s for s in scores if s.path.endswith(".pdf")]),
            "plans": [{"name": s.name, "format": Path(s.path).suffix[1:], "gold": s.gold, "predicted": s.predicted,
                       "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3), "parent_accuracy": round(s.parent_accuracy, 3),
                       "target_value_accuracy": _round(_share(s.values)),
                       "target_deadline_accuracy": _round(_share(s.deadlines)),
                       "field_accuracy": _round(_share(s.fields)),
                       "missed": s.missed, "extra": s.extra} for s in scores],
        }
    return out
