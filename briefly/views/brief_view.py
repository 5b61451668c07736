"""What templates see: the model plus everything derived from it.

A :class:`BriefView` holds a brief's rendered Markdown, its numbered citations
and its table layout.  It depends only on the brief itself, so it can be
computed in a worker process and cached by the brief's content hash; the
page's URL-dependent parts are added later, at template time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from briefly.views.charts import render_chart, table_charts
from briefly.views.corrections import KIND_LABELS, newest_first
from briefly.content.citations import strip_citations
from briefly.content.claims import TABLE_MARKS, VALUELESS_STATUSES, LegendEntry, legend
from briefly.views.markdown import CitationTracker, MarkdownRenderer, citation_html
from briefly.content.model import Brief, Cell, Source
from briefly.content.numbers.facts import cell_anchor, fact_index

NOTE_MARKS = ("*", "†", "‡", "§", "‖", "¶")
_NUMERIC = re.compile(r"^[~≈<>$€£¥+\-−]?\s?\d")
_TAGS = re.compile(r"<[^>]+>")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: date) -> str:
    """'24 April 2026', the same on every machine whatever its locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class NoteView:
    mark: str
    anchor: str
    text: str


@dataclass(frozen=True)
class CellView:
    anchor: str  # the cell's id: figures in the prose link to it
    text: str
    stated: bool
    numeric: bool
    status: str | None
    note: NoteView | None
    cites: Markup
    fact: str | None = None  # the shared fact it takes, "entity.key": the cell links to it

    @property
    def badge_only(self) -> bool:
        """The status stands in for the value ('not disclosed'): only its badge shows."""
        return self.status in VALUELESS_STATUSES

    @property
    def mark(self) -> str | None:
        """The mark a value-less status shows as in the table ("—"), if not its words."""
        return TABLE_MARKS.get(self.status or "")


@dataclass(frozen=True)
class RowView:
    label: str
    cells: tuple[CellView, ...]
    cites: Markup


@dataclass(frozen=True)
class ColumnView:
    label: str
    baseline: bool
    cites: Markup


@dataclass(frozen=True)
class TableView:
    anchor: str
    caption: str
    columns: tuple[ColumnView, ...]
    rows: tuple[RowView, ...]
    notes: tuple[NoteView, ...]
    charts: tuple[Markup, ...] = ()  # inline SVG bar charts of the numeric rows (charts.py)


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: str
    role: str | None
    organisation: str | None
    cites: Markup
    context: Markup


@dataclass(frozen=True)
class FaqView:
    anchor: str
    question: str
    answer: Markup


@dataclass(frozen=True)
class UpdateView:
    date: date
    text: Markup
    kind: str = "update"
    label: str = ""  # "Correction", "Clarification"; nothing for a plain update
    anchor: str = ""  # a correction's place on the page (views/corrections.py)


BACKLINKS_SHOWN = 5
"""Backlinks a source's row shows before folding the rest: about what fits
beside the source's title on a phone's first line."""


@dataclass(frozen=True)
class SourceView:
    number: int | None  # None: listed but never cited
    source: Source
    backlinks: tuple[tuple[str, str], ...]  # (label "a", anchor)

    @property
    def shown_backlinks(self) -> tuple[tuple[str, str], ...]:
        """The backlinks always visible: all of them, unless a long run would
        push the source's title off a phone's first line."""
        if len(self.backlinks) <= BACKLINKS_SHOWN + 1:  # "+1 more" saves no room
            return self.backlinks
        return self.backlinks[:BACKLINKS_SHOWN]

    @property
    def more_backlinks(self) -> tuple[tuple[str, str], ...]:
        """The rest, behind a "+N more" disclosure that still reaches each one."""
        return self.backlinks[len(self.shown_backlinks):]


@dataclass(frozen=True)
class SectionView:
    title: str
    body: Markup


@dataclass(frozen=True)
class BriefView:
    brief: Brief
    answer: Markup
    summary: Markup  # the answer without citations, for lists of briefs
    description: str  # the answer as plain text, for meta tags and feeds
    what_happened: SectionView
    numbers: SectionView
    tables: tuple[TableView, ...]
    quote: QuoteView | None
    watch: tuple[Markup, ...]
    faq: tuple[FaqView, ...]
    updates: tuple[UpdateView, ...]
    corrections: tuple[UpdateView, ...]  # newest first, shown at the top of the brief
    sources: tuple[SourceView, ...]
    legend: tuple[LegendEntry, ...]  # every status and tag this page shows, explained

    @property
    def slug(self) -> str:
        return self.brief.slug


def build_brief_view(brief: Brief, renderer: MarkdownRenderer) -> BriefView:
    """Render every text of a brief in page order, so citations number in order
    (corrections first: they are shown at the top)."""
    tracker, facts = CitationTracker(), fact_index(brief)
    md = lambda text: Markup(renderer.render(text, tracker, facts))  # noqa: E731
    # The update log quotes superseded figures: they must not lead to today's cells.
    logged = lambda text: Markup(renderer.render_inline(text, tracker))  # noqa: E731
    corrections = tuple(UpdateView(u.date, logged(u.text), u.kind, KIND_LABELS[u.kind], anchor)
                        for u, anchor in newest_first(brief.updates))
    answer = md(brief.answer)
    what_happened = SectionView(brief.what_happened.title, md(brief.what_happened.markdown))
    numbers = SectionView(brief.numbers.title, md(brief.numbers.markdown))
    tables = tuple(_table_view(i, table, tracker) for i, table in enumerate(brief.tables, 1))
    quote = None
    if brief.quote:
        q = brief.quote
        quote = QuoteView(q.text, q.speaker, q.role, q.organisation,
                          Markup(citation_html((q.source,), tracker)),
                          md(q.context) if q.context else Markup(""))
    watch = tuple(Markup(renderer.render_inline(item, tracker, facts)) for item in brief.watch)
    faq = tuple(FaqView(f"faq-{i}", item.question, md(item.answer))
                for i, item in enumerate(brief.faq, 1))
    updates = tuple(UpdateView(u.date, logged(u.text), u.kind, KIND_LABELS.get(u.kind, ""))
                    for u in brief.updates)
    summary_html = answer_summary(brief.answer, renderer)
    # The legend covers every label on the page: table cells, headers and cited prose.
    in_tables = {cell.status for table in brief.tables for row in table.rows
                 for cell in row.cells if cell.status}
    tags = {"baseline"} if any(c.baseline for t in brief.tables for c in t.columns) else set()
    return BriefView(
        brief=brief, answer=answer, summary=Markup(summary_html),
        description=plain_text(summary_html),
        what_happened=what_happened, numbers=numbers, tables=tables, quote=quote,
        watch=watch, faq=faq, updates=updates, corrections=corrections,
        sources=_source_views(brief, tracker),
        legend=legend(tracker.statuses, in_tables, tags))


def answer_summary(answer: str, renderer: MarkdownRenderer) -> str:
    """The answer's HTML without citations: lists of briefs, meta tags and the card show it."""
    return renderer.render(strip_citations(answer), CitationTracker())


def plain_text(fragment: str) -> str:
    """Rendered HTML to one line of text, for meta descriptions and feeds."""
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())


def _table_view(number: int, table, tracker: CitationTracker) -> TableView:
    anchor = f"table-{number}"
    notes: dict[str, NoteView] = {}
    # Header citations come first in reading order, then each row's.
    columns = tuple(ColumnView(c.label, c.baseline, Markup(citation_html(c.cites, tracker)))
                    for c in table.columns)
    rows = []
    for row in table.rows:
        row_cites = Markup(citation_html(row.cites, tracker))
        cells = []
        for c, cell in enumerate(row.cells):
            note = None
            column_as_of = table.columns[c].as_of if c < len(table.columns) else None
            text = _note_text(cell, cell.as_of or row.as_of or column_as_of)
            if text:
                if text not in notes:
                    index = len(notes)
                    mark = NOTE_MARKS[index % len(NOTE_MARKS)] * (index // len(NOTE_MARKS) + 1)
                    notes[text] = NoteView(mark, f"{anchor}-note-{index + 1}", text)
                note = notes[text]
            cells.append(_cell_view(cell, note, tracker,
                                    cell_anchor(number, len(rows) + 1, c + 1)))
        rows.append(RowView(row.label, tuple(cells), row_cites))
    charts = table_charts([(c.label, c.baseline) for c in columns],
                          [(r.label, [c.text if c.stated else None for c in r.cells])
                           for r in rows],
                          [[c.text for c in r.cells] for r in rows])
    return TableView(anchor, table.caption, columns, tuple(rows), tuple(notes.values()),
                     tuple(render_chart(chart, f"{anchor}-chart-{i}")
                           for i, chart in enumerate(charts, 1)))


def _note_text(cell: Cell, as_of: date | None) -> str:
    """A cell's footnote, with the day its value held on: readers see how old it is."""
    if as_of is None or not cell.stated:
        return cell.note or ""
    when = f"As of {long_date(as_of)}."
    if not cell.note:
        return when
    return f"{cell.note}{'' if cell.note.rstrip()[-1:] in '.!?' else '.'} {when}"


def _cell_view(cell: Cell, note: NoteView | None, tracker: CitationTracker,
               anchor: str) -> CellView:
    if cell.status in VALUELESS_STATUSES:
        text, stated = cell.status, False
    elif cell.stated:
        text, stated = cell.value.strip(), True
    else:
        text, stated = "not stated", False
    return CellView(anchor, text, stated, stated and bool(_NUMERIC.match(text)), cell.status, note,
                    Markup(citation_html(cell.cites, tracker)), cell.fact)


def _source_views(brief: Brief, tracker: CitationTracker) -> tuple[SourceView, ...]:
    cited = sorted((s for s in brief.sources if s.id in tracker.numbers),
                   key=lambda s: tracker.numbers[s.id])
    uncited = [s for s in brief.sources if s.id not in tracker.numbers]
    views = []
    for source in cited:
        anchors = tracker.anchors[source.id]
        views.append(SourceView(tracker.numbers[source.id], source,
                                tuple((_letters(i), a) for i, a in enumerate(anchors))))
    views.extend(SourceView(None, s, ()) for s in uncited)
    return tuple(views)


def _letters(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': Wikipedia-style backlink labels."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("a") + rest) + label
    return label
