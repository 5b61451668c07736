"""Bar charts of a comparison table's numeric rows, drawn as inline SVG at build time.

The table stays the source of truth: a chart is drawn only for a row whose
stated values are all plain numbers with one common unit ("1M tokens",
"128K tokens"; "$1.74/M", "$0.14/M"), and every value it prints is a cell's
text exactly as the table shows it.  Rows with approximate ("~10%"), relative
("27% of V3.2") or mixed values get no chart.  A cell written as a pair,
"1.6T / 49B", is split into one chart per part when the row's label names the
parts ("Params (total / active)"): comparing totals with totals and active
with active is honest, one chart mixing both would need a log scale to show
1.6T beside 13B.  When the largest value is at least ten times the smallest,
the chart uses a log scale and says so in its visible title and description.

No JavaScript and no inline styles (the pages' CSP forbids them): colours
come from classes in static/style.css, so dark mode follows the stylesheet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from html import escape
from typing import Sequence

from markupsafe import Markup

SCALES = {"": 1, "K": 10**3, "k": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_QUANTITY = re.compile(
    r"^(?P<prefix>[$€£¥]?)(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<scale>[KkMBT](?![A-Za-z]))?(?P<unit>[^\d]*)$")
_PARTS_LABEL = re.compile(r"^(?P<name>.*\S)\s*\((?P<parts>[^()]+/[^()]+)\)$")
LOG_RATIO = 10  # largest / smallest at or above which a chart switches to a log scale
WIDTH, LABEL_HEIGHT, BAR_HEIGHT, GAP, TOP = 320, 16, 18, 10, 28
BAR_SPACE = WIDTH - 100  # the rest is room for the value printed after the bar


@dataclass(frozen=True)
class Quantity:
    """A value as written, read as a number in base units plus its unit."""

    text: str
    value: Decimal  # "128K tokens" -> 128000
    prefix: str  # "$"
    unit: str  # "tokens", "/M", ""

    @property
    def unit_label(self) -> str:
        """The unit as a header shows it: "tokens", "$/M", "$"."""
        return f"{self.prefix}{self.unit}" if self.prefix or self.unit else ""


def parse_quantity(text: str) -> Quantity | None:
    """Read "1M tokens", "$1.74/M", "384K tokens", "1.6T"; None for anything else."""
    match = _QUANTITY.match(text.strip())
    if match is None:
        return None
    digits = match["number"].replace(",", "") + (match["fraction"] or "")
    with localcontext() as exact:  # the default 28 digits would round a long number
        exact.prec = len(digits) + 13  # room for the largest scale, 10**12
        value = Decimal(digits) * SCALES[match["scale"] or ""]
    return Quantity(text.strip(), value, match["prefix"], match["unit"].strip())


@dataclass(frozen=True)
class Bar:
    label: str
    text: str | None  # the cell exactly as the table shows it; None: no value given
    baseline: bool
    length: float  # in SVG units; 0 when not stated
    missing: str = "not stated"  # what the table says instead of a value ("not applicable")


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    log_origin: float | None  # None: linear scale starting at 0


def table_charts(columns: Sequence[tuple[str, bool]],
                 rows: Sequence[tuple[str, Sequence[str | None]]],
                 missing: Sequence[Sequence[str]] = ()) -> tuple[Chart, ...]:
    """Charts for a table: ``columns`` are (label, baseline), row cells None when unstated.

    ``missing`` gives, row by row, the words the table shows for each cell
    without a value, so a bar never says "not stated" of a value that is
    "not disclosed" or "not applicable".
    """
    charts: list[Chart] = []
    for r, (label, cells) in enumerate(rows):
        words = missing[r] if r < len(missing) else ()
        for title, texts in _series(label, cells):
            chart = _chart(title, columns, texts, words)
            if chart is not None:
                charts.append(chart)
    return tuple(charts)


def _series(label: str, cells: Sequence[str | None]) -> list[tuple[str, list[str | None]]]:
    """One series per row, or one per named part when every value is an "a / b" pair."""
    stated = [c for c in cells if c is not None]
    named = _PARTS_LABEL.match(label)
    if named and stated and all(" / " in c for c in stated):
        parts = [p.strip() for p in named["parts"].split("/")]
        split = [None if c is None else [p.strip() for p in c.split(" / ")] for c in cells]
        if all(s is None or len(s) == len(parts) for s in split):
            return [(f"{named['name']} ({part})", [None if s is None else s[i] for s in split])
                    for i, part in enumerate(parts)]
        return []
    return [(label, list(cells))]


def _chart(title: str, columns: Sequence[tuple[str, bool]],
           texts: Sequence[str | None], missing: Sequence[str] = ()) -> Chart | None:
    quantities = [None if t is None else parse_quantity(t) for t in texts]
    stated = [q for t, q in zip(texts, quantities) if t is not None]
    if len(stated) < 2 or any(q is None for q in stated):
        return None
    if len({(q.prefix, q.unit) for q in stated if q}) != 1:
        return None
    values = [float(q.value) for q in stated if q]
    if not all(map(_drawable, values, (q.value for q in stated if q))):
        return None
    low, high = min(values), max(values)
    if high <= 0:
        return None
    origin = None
    if low > 0 and high / low >= LOG_RATIO:
        origin = 10 ** math.floor(math.log10(low))
        if origin >= low:  # the smallest value is a power of ten: keep its bar visible
            origin /= 10
    bars = []
    for c, ((label, baseline), text, quantity) in enumerate(zip(columns, texts, quantities)):
        length = 0.0 if quantity is None else _length(float(quantity.value), high, origin)
        bars.append(Bar(label, text, baseline, length,
                        missing[c] if c < len(missing) else "not stated"))
    return Chart(title, tuple(bars), origin)


def _drawable(value: float, exact: Decimal) -> bool:
    """False for a number a float cannot hold (10**400 is inf, 10**-400 is 0).

    Its bar would be "nan" units long; the table still shows it, as written.
    """
    return math.isfinite(value) and (value == 0) == (exact == 0)


def _length(value: float, high: float, origin: float | None) -> float:
    if origin is None:
        share = value / high
    else:  # differences of logs: high / origin may be too large for a float
        share = ((math.log10(value) - math.log10(origin))
                 / (math.log10(high) - math.log10(origin)))
    return round(share * BAR_SPACE, 2)


def render_chart(chart: Chart, chart_id: str) -> Markup:
    """The chart as an inline ``<svg role="img">`` with a title and a description."""
    log = chart.log_origin is not None
    heading = chart.title + (" (log scale)" if log else "")
    height = TOP + len(chart.bars) * (LABEL_HEIGHT + BAR_HEIGHT + GAP)
    said = "; ".join(f"{_bar_label(bar)}: {bar.text or bar.missing}" for bar in chart.bars)
    scale = ("Log scale: each bar's length grows with the number of digits, so values "
             "far apart stay visible." if log else "Linear scale starting at zero.")
    out = [f'<svg class="chart" id="{chart_id}" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-title" '
           f'aria-describedby="{chart_id}-desc" data-scale="{"log" if log else "linear"}"'
           + (f' data-log-origin="{chart.log_origin:g}"' if log else "") + ">",
           f'<title id="{chart_id}-title">{escape(heading)}: bar chart</title>',
           f'<desc id="{chart_id}-desc">{escape(said)}. {scale}</desc>',
           f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
           'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
           '<rect class="hatch-bg" width="6" height="6"/>'
           '<line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>',
           f'<text class="chart-title" x="0" y="16">{escape(heading)}</text>']
    y = TOP
    for bar in chart.bars:
        out.append(f'<text class="bar-label" x="0" y="{y + LABEL_HEIGHT - 4}">'
                   f'{escape(_bar_label(bar))}</text>')
        bar_y = y + LABEL_HEIGHT
        text_y = bar_y + BAR_HEIGHT - 5
        if bar.text is None:
            out.append(f'<text class="bar-value unstated" x="0" y="{text_y}">'
                       f'{escape(bar.missing)}</text>')
        else:
            kind = "bar bar-baseline" if bar.baseline else "bar"
            fill = f' fill="url(#{chart_id}-hatch)"' if bar.baseline else ""
            out.append(f'<rect class="{kind}" x="0" y="{bar_y}" width="{bar.length:g}" '
                       f'height="{BAR_HEIGHT}"{fill}/>')
            out.append(f'<text class="bar-value" x="{bar.length + 6:g}" y="{text_y}">'
                       f'{escape(bar.text)}</text>')
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    out.append("</svg>")
    return Markup("".join(out))


def _bar_label(bar: Bar) -> str:
    return f"{bar.label} (baseline)" if bar.baseline else bar.label
