"""Numbers in running text, read with their notation and reduced to one value.

Editors write the same figure many ways ("1 million", "1M", "1,000,000";
"$0.435" beside "$0.435/M"), and a table cell may write it yet another way.
Comparing figures means reducing each to its kind and its value first:
``$1.74/M`` is money in dollars worth 1.74, ``1.6T`` a count worth
1 600 000 000 000, ``24 April 2026`` a day.  The unit after a price
("/M", "a million tokens") is left out of the value, because prose and
table often spell it differently while meaning the same price.  A plain
count keeps the word after it as its unit ("4 hours" is not "4 MW"), and
one with a magnitude (1.6T, 1 million) needs none.

A number glued to letters (V3.2, K2.6, GPT-5, 5G, 2nd) is a name or an
ordinal, not a figure, and is not read.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from decimal import Decimal

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_MONTH_NUMBERS = {name: i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTH_NUMBERS.update({name[:3]: i for i, name in enumerate(MONTH_NAMES, 1)})
_MONTH_NUMBERS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November" \
         r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"

CURRENCIES = {"$": "$", "US$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹", "CHF": "CHF"}
SCALES = {"thousand": 3, "k": 3, "K": 3, "million": 6, "mn": 6, "M": 6, "m": 6,
          "billion": 9, "bn": 9, "B": 9, "trillion": 12, "tn": 12, "T": 12}

# One pass over the text: the date forms first, so "24 April 2026" is one
# figure and not a count and a year.  No class may run past its own end,
# so the pattern stays linear on hostile text.
_FIGURE = re.compile(
    # Most positions are letters and spaces: the first lookahead turns them away at once.
    r"(?=[\d$€£¥₹#~≈UCJFMASOND])(?<![\w.\-#@$€£¥])(?!(?<=/)\d)"
    r"(?:"
    rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))(?![\w-])"
    rf"|(?P<dmy>(?P<dd>\d{{1,2}})\s+(?P<dm>{_MONTH})(?:\s+(?P<dy>\d{{4}}))?)(?!\w)"
    rf"|(?P<mdy>(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}})(?:,?\s+(?P<my>\d{{4}}))?)(?![\w,]?\d)"
    rf"|(?P<ym>(?P<ymm>{_MONTH})\s+(?P<ymy>\d{{4}}))(?!\w)"
    r"|(?P<rank>#(?P<rn>\d+))(?![\w.]?\d)"
    r"|(?P<approx>[~≈])?(?P<cur>US\$|\$|€|£|¥|₹|CHF\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s(?P<word>thousand|million|billion|trillion)\b|(?P<suf>bn|tn|mn|[kKmMBT])(?![A-Za-z]))?"
    r"(?P<pct>\s?%|\s(?:percent|per\scent)\b)?"
    r"(?P<per>/[A-Za-z]+)?"
    r"(?![A-Za-z0-9]|[.,]\d)"
    r")"
)
_UNIT = re.compile(r"[ \t-]?([^\W\d_]+)")  # the word a plain count counts: "4 hours"


class Figure(NamedTuple):
    """One number as written, where it stands, and what it is worth."""

    start: int
    end: int
    text: str
    kind: str  # "money:$", "percent", "count" (1.6T), "count:hour" (4 hours), "rank",
    #            "date", "month", "day", "year"
    value: object  # Decimal, or a tuple for the date kinds

    @property
    def key(self) -> tuple[str, object]:
        return self.kind, self.value

    @property
    def numeric(self) -> bool:
        """Figures a table cell can hold; dates are checked against the brief's dates."""
        return self.kind not in ("date", "month", "day", "year")


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in reading order."""
    found = []
    for match in _FIGURE.finditer(text):
        figure = _read(match)
        if figure is not None:
            found.append(figure)
    return found


def _read(m: re.Match[str]) -> Figure | None:
    kind, value = _value(m)
    if kind is None:
        return None
    return Figure(m.start(), m.end(), m.group(0), kind, value)


def _value(m: re.Match[str]) -> tuple[str | None, object]:
    if m.group("iso"):
        return _day(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    if m.group("dmy"):
        return _dated(m.group("dy"), m.group("dm"), m.group("dd"))
    if m.group("mdy"):
        return _dated(m.group("my"), m.group("mm"), m.group("md"))
    if m.group("ym"):
        return "month", (int(m.group("ymy")), _month(m.group("ymm")))
    if m.group("rank"):
        return "rank", Decimal(m.group("rn"))
    number = Decimal(m.group("num").replace(",", ""))
    currency = CURRENCIES.get((m.group("cur") or "").strip())
    suffix = m.group("word") or m.group("suf")
    if suffix == "m" and not currency:
        return None, None  # metres or minutes, not millions: not a figure we can compare
    if suffix:
        number = number.scaleb(SCALES[suffix])
    if m.group("pct"):
        return "percent", number.normalize()
    if currency:
        return "money:" + currency, number.normalize()
    raw = m.group("num")
    if (not suffix and not m.group("per") and not m.group("approx") and raw.isdigit()
            and len(raw) == 4 and 1800 <= int(raw) <= 2199):
        return "year", int(raw)
    if suffix:  # "1.6T", "1 million": the magnitude says what it counts well enough
        return "count", number.normalize()
    unit = _UNIT.match(m.string, m.end())
    return "count:" + (singular(unit.group(1).lower()) if unit else ""), number.normalize()


def singular(word: str) -> str:
    """"hours" and "hour" are one unit; "MWh" stays as it is."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _month(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _dated(year: str | None, month: str, day: str) -> tuple[str | None, object]:
    if year is None:
        return "day", (_month(month), int(day))
    return _day(int(year), _month(month), int(day))


def _day(year: int, month: int, day: int) -> tuple[str | None, object]:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, None
    return "date", (year, month, day)


def as_written(figure: Figure, text: str) -> str:
    """The figure with the word it counts, for messages: "14 technicians", not "14"."""
    if figure.kind.startswith("count:") and figure.kind != "count:":
        unit = _UNIT.match(text, figure.end)
        if unit:
            return text[figure.start:unit.end()]
    return figure.text


def date_keys(year: int, month: int, day: int) -> tuple[tuple[str, object], ...]:
    """Every way prose may name a day: whole, by month, without its year, by year."""
    return (("date", (year, month, day)), ("month", (year, month)), ("day", (month, day)),
            ("year", year))


def keys_of(figure: Figure) -> tuple[tuple[str, object], ...]:
    """The figure's key, and for a date the shorter ways of naming it too."""
    if figure.kind == "date":
        return date_keys(*figure.value)  # type: ignore[misc]
    if figure.kind == "month":
        return figure.key, ("year", figure.value[0])  # type: ignore[index]
    return (figure.key,)
