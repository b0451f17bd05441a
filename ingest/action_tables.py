"""Read action tables laid out as ``name, description, "Objectif Indicateur de l’action Cible", objective,
indicator, target``, whose rows PDF extraction runs together.

Between two table headers lie the end of one action (its objective, indicator and target) and the
start of the next (its name and description), sometimes on one line:
``Taux de satisfaction des personnes participantes 80 % et plus Groupe de travail sur l'attractivité …``.
The text is cut into cells where the plan's own forms begin: an infinitive (objectives and
descriptions: "Mettre en place …"), an indicator ("Nombre de …", "Taux de …"), a figure followed by a
capital, or a capitalised word after an ordinary lowercase word (a name: "… études Campagne régionale …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Nouns that end like an infinitive and open cells of plans ("Nombre de …", "Cadre de référence …"), and the
# determiners and prepositions that do ("Notre équipe reste …", "Entre deux sessions").
_NOT_VERBS = (r"(?!(?:Nombre|Centre|Cadre|Membre|Titre|Ordre|Registre|Répertoire|Calendrier|Chantier|Atelier|Dossier|Fichier|Avenir|Savoir|Pouvoir|Loisir"
              r"|Notre|Votre|Autre|Entre|Contre|Outre)\b)")
_INFINITIVE = rf"{_NOT_VERBS}(?:(?:Bien|Mieux)\s+[a-zà-ÿ]+|[A-ZÀ-Þ][a-zà-ÿ’']*)(?:er|ir|re)"
INFINITIVE_RE = re.compile(rf"^{_INFINITIVE}\b")
INFINITIVE_SPLIT_RE = re.compile(rf"(?<=[\w.)])\s+(?={_INFINITIVE}\s)")
_INDICATOR_WORDS = r"(?:Nombre|Taux|Pourcentage|Proportion|Production)\b"
_INDICATOR_RE = re.compile(rf"^{_INDICATOR_WORDS}")
_INDICATOR_SPLIT_RE = re.compile(rf"(?<=[a-zà-ÿ.)])\s+(?={_INDICATOR_WORDS})")
_AFTER_FIGURE_SPLIT_RE = re.compile(r"(?:(?<=\d)|(?<=%)|(?<=et plus))\s+(?=[A-ZÀ-Þ][a-zà-ÿ])")
_CAPITAL_RE = re.compile(r"\s+(?=[A-ZÀ-Þ][a-zà-ÿ’']+\b)")
_TRAILING_TARGET_RE = re.compile(r"^(.*?[a-zà-ÿ)])\s+((?:Plus de |Au moins )?\d[\d  ]*(?:\s*%)?(?:\s+et plus)?)$")
_FUNCTION_WORDS = frozenset(
    "le la les l un une des du de d au aux à et ou en dans par pour sur avec sans sous chez vers entre que qui "
    "dont où ce cette ces son sa ses leur leurs notre nos votre vos".split()
)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int


@dataclass(frozen=True)
class ActionEnd:
    """The last part of an action's row: objective, indicators and targets."""

    objective: str
    indicators: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class ActionStart:
    """The first part of an action's row; ``name`` is empty when the plan gives none."""

    name: str
    description: str
    start: int


def _split_at_names(text: str) -> list[str]:
    """Cut before a capitalised word that follows an ordinary word ("… des outils Québec ville études
    Campagne régionale …"), not after a function word ("à Québec", "des Premiers Peuples")."""
    pieces, last = [], 0
    for m in _CAPITAL_RE.finditer(text):
        before = text[last : m.start()].rsplit(maxsplit=1)
        word = before[-1].strip(".,;:") if before else ""
        if word.isalpha() and word.islower() and word not in _FUNCTION_WORDS and len(word) > 2:
            pieces.append(text[last : m.start()])
            last = m.end()
    return [*pieces, text[last:]]


def cells(lines: list[tuple[str, int]]) -> list[Cell]:
    out: list[Cell] = []
    for line, start in lines:
        parts = [line]
        for splitter in (INFINITIVE_SPLIT_RE.split, _INDICATOR_SPLIT_RE.split, _AFTER_FIGURE_SPLIT_RE.split):
            parts = [q for p in parts for q in splitter(p) if q and q.strip()]
        # Names are cut out of cells that are not an objective or description, or that hold a figure
        # ("Recenser au moins 60 % des pratiques … Table de concertation sur …").
        parts = [q for p in parts for q in (_split_at_names(p) if not INFINITIVE_RE.match(p) or _is_figure(p) else [p])]
        offset = 0
        for part in parts:
            at = line.find(part, offset)
            offset = at + len(part)
            out.append(Cell(part.strip(), start + max(at, 0)))
    return out


def _is_figure(text: str) -> bool:
    return any(c.isdigit() for c in text) or text.lower().startswith("à déterminer")


def action_end(row: list[Cell]) -> tuple[ActionEnd, list[Cell]]:
    """The objective (first cell), indicator and targets (cells up to the last one with a figure) of an
    action, and the cells left after them."""
    if not row:
        return ActionEnd("", (), ()), []
    objective, rest = row[0].text, row[1:]
    indicators: list[str] = []
    targets: list[str] = []
    used = 0
    for i, cell in enumerate(rest):
        if i == 0 and not INFINITIVE_RE.match(cell.text) or _INDICATOR_RE.match(cell.text):
            m = _TRAILING_TARGET_RE.match(cell.text)
            indicators.append(m.group(1) if m else cell.text)
            targets.extend([m.group(2)] if m else [])
        elif _is_figure(cell.text) and len(cell.text) <= 160:
            targets.append(cell.text)
        else:
            break
        used = i + 1
    return ActionEnd(objective, tuple(indicators), tuple(targets)), rest[used:]


def action_start(row: list[Cell]) -> ActionStart | None:
    """The name and description before a table header: the description is the last cell stated with an
    infinitive, running to the header; the name, the cells before it back to one that is not stated
    with an infinitive ("Campagne de rayonnement" + "Enseigner en TI au collégial"). Where an indicator,
    a figure or the row's start comes first, the plan gives the action no name."""
    described = [i for i, c in enumerate(row) if INFINITIVE_RE.match(c.text)]
    if not described:
        return None
    d = described[-1]
    description = " ".join(c.text for c in row[d:])
    for first in range(d - 1, -1, -1):
        cell = row[first].text
        if _INDICATOR_RE.match(cell) or _is_figure(cell):
            break
        if not INFINITIVE_RE.match(cell):
            return ActionStart(" ".join(c.text for c in row[first:d]), description, row[first].start)
    return ActionStart("", description, row[d].start)
