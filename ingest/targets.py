"""Targets as data: "Cible : 72 % en 2029 (64 % en 2023)" → value 72, unit "%", deadline "2029",
baseline "64 % en 2023".

- the baseline is what a plan puts in brackets after the target or after "par rapport à", ", contre",
  "comparativement à", "base :", "from" or "compared to", or the starting figure of a change ("passer de 85 à 250
  installations", "de 27 % à 15 %", "from 40 to 60", "55 % → 90 %"; "nouvel indicateur → 30 %" has none);
- the deadline is the last date of the rest ("d’ici 2029", "en 2028", "au 31 mars 2027", "au terme de l'An 5",
  "à l’automne 2026", "2027-2028", "by 2028"), or a day of a month without its year ("au plus tard le 31 mars");
- the value is the first number that is not part of the deadline, read the French way
  ("500 000", "2,5", or "1,500" in English), negative after a minus sign ("-35 %"), and its unit the symbol or the word that follows it ("%", "$", "M$", "cours").
"""

from __future__ import annotations

import re

from .models import Target

_CALENDAR = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# The calendar's months, and the seasons and ends of periods a deadline may name ("à l’automne 2026", "fin 2027").
_MONTHS = f"{_CALENDAR}|automne|hiver|printemps|été|fin|début|fall|autumn|winter|spring|summer|end of"
_YEAR = r"(?:19|20)\d{2}"
_DATE_RE = re.compile(
    rf"(?:\b\d{{1,2}}(?:er)?\s+)?(?:\b(?:{_MONTHS})\s+(?:de\s+|d[’']\s*)?)?(?:\bFY\s?)?{_YEAR}(?:\s*[-–/]\s*(?:FY\s?)?(?:{_YEAR}|\d{{2}})\b)?",
    re.IGNORECASE,
)
# A day of a month without its year ("au plus tard le 31 mars", "le 1er avril de chaque année", "by March 31"): a date,
# never a value.
_DAY_MONTH_RE = re.compile(rf"\b(?:\d{{1,2}}(?:er)?\s+(?:{_CALENDAR})|(?:{_CALENDAR})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b",
                           re.IGNORECASE)
# A year of the plan counted from its start, "au terme de l'An 5", "dès l'An 1", "by Year 3": a deadline a fire-safety
# schéma sets (test53), never a value.
_PLAN_YEAR_RE = re.compile(r"\b(?:An|Année|Year)\s+\d{1,2}\b")
# … or after "contre" and a figure: "40 % en 2027, contre 27 % en 2024" (test28's EDI plan).
_BASELINE_RE = re.compile(
    r"\(([^()]*\d[^()]*)\)|(?:par rapport à|comparativement à|(?<=, )contre(?=\s+\d)|base\s*:|from|compared to)\s+(.+)$", re.IGNORECASE
)
# "de 85 à 250", "de 27 % (2022) à 15 %", "de 94 jours (2024) à 45 jours", "from 40 to 60": the first figure is where the
# plan starts.
_CHANGE_RE = re.compile(r"\b(?:de|from)\s+(?P<start>[-−]?\d[\d   ,.]*(?:\s*(?:%|\$|M\$|k\$|[^\W\d_]+))?)(?:\s*\([^()]*\))?"
                        r"(?:\s+(?:en|in)\s+(?:19|20)\d\d)?\s+(?:à|to)\s+(?=[-−]?\d)", re.IGNORECASE)  # ("de 210 en 2024 à 350 en 2030")
# "55 % → 90 % (2029)": where the plan starts, then the target.
_ARROW_RE = re.compile(r"^(?P<start>[^→]*?)\s*(?:→|⟶|➝|->)\s*")
# "500 000" (French thousands), "1,500" (English thousands: a comma and exactly three digits, never after a lone 0:
# "0,050" is a French decimal), "2,5" or "2.5".
# A minus sign right before the number makes it a decrease ("-35 % en 2029").
_ENGLISH_THOUSANDS = r"[1-9]\d{0,2}(?:,\d{3})+"
_NUMBER_RE = re.compile(rf"(?<![\w.,])(?P<minus>[-−])?(?P<digits>\d{{1,3}}(?:[   ]\d{{3}})+|{_ENGLISH_THOUSANDS}(?![\d,])|\d+(?:[.,]\d+)?)(?![\w])")
_UNIT_RE = re.compile(r"^\s*(%|M\$|k\$|G\$|\$|millions?\s+de\s+dollars|millions?\s*\$|[^\W\d_][\w’'-]*)", re.IGNORECASE)
_NOT_UNITS = frozenset(
    "de d des du en à au aux d’ici d'ici par pour et ou le la les l’ un une sur dans avec ans an year years by in of "
    "to from and or the".split()
)


# A deadline said as one in a sentence: "d'ici 2027", "dès 2026", "au 31 mars 2027", "by 2030".
_DUE_RE = re.compile(rf"\b(?:d[’']ici(?:\s+(?:le|la|à|au))?|dès|avant|au|by|before)\s+(?:{_DATE_RE.pattern})", re.IGNORECASE)
_QUANTITY_RE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d{2}\b)\d[\d   ,.]*\s*[%$\w]")


def stated_target(title: str) -> Target | None:
    """The target a unit's title states ("Réduire de 30 % le délai moyen … d'ici le 31 mars 2027", "Ramener à 90 jours
    le délai … d'ici 2027"): a figure that is no year, and a deadline said as one; None for a title that states none."""
    if not (_DUE_RE.search(title) and _QUANTITY_RE.search(title)):
        return None
    target = parse_target(title)
    return target if target.value is not None and target.deadline else None


def parse_target(text: str) -> Target:
    text = " ".join(text.split()).strip(" .;")
    rest, baseline = text, None
    change = next((c for c in _CHANGE_RE.finditer(rest) if not re.fullmatch(_YEAR, c.group("start").strip())), None)
    if arrow := _ARROW_RE.match(rest):
        start = arrow.group("start").strip()
        baseline = start if any(c.isdigit() for c in start) else None
        rest = rest[arrow.end() :]
    elif change:  # from one figure to another: the first is the baseline (a bracket in it dates it)
        baseline = change.group("start").strip()
        rest = rest[: change.start()] + " " + rest[change.end() :]
    elif m := _BASELINE_RE.search(rest):
        baseline = (m.group(1) or m.group(2)).strip(" .;")
        rest = rest[: m.start()] + rest[m.end() :]
    dates = list(_DATE_RE.finditer(rest))
    deadline = dates[-1].group(0).strip() if dates else None
    if dates:
        rest = rest[: dates[-1].start()] + " " + rest[dates[-1].end() :]
    days = list(_DAY_MONTH_RE.finditer(rest))
    deadline = deadline or (days[-1].group(0) if days else None)
    rest = _DAY_MONTH_RE.sub(" ", rest)
    counted = list(_PLAN_YEAR_RE.finditer(rest))
    deadline = deadline or (counted[-1].group(0) if counted else None)
    rest = _PLAN_YEAR_RE.sub(" ", rest)
    value = unit = None
    for number in _NUMBER_RE.finditer(rest):
        raw = number.group("digits")
        raw = raw.replace(",", "") if re.fullmatch(_ENGLISH_THOUSANDS, raw) else raw.replace(",", ".")
        raw = re.sub(r"[   ]", "", raw)
        value = -float(raw) if number.group("minus") else float(raw)
        u = _UNIT_RE.match(rest[number.end() :])
        if u and u.group(1).casefold() not in _NOT_UNITS:
            unit = u.group(1)
        break
    return Target(text=text, value=value, unit=unit, deadline=deadline, baseline=baseline)
