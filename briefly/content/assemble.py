"""Stage 2, last step: validated fact-sheet data and sections to the typed model."""

from __future__ import annotations

from typing import Any

from briefly.content.read import RawBrief
from briefly.content.model import Brief, Cell, Column, FaqItem, Prose, Quote, Row, Source, Table, Topic, Update
from briefly.content.slugs import topic_slug


def assemble_brief(raw: RawBrief, data: dict[str, Any],
                   sections: dict[str, tuple[str, str, int]]) -> Brief:
    """The typed brief from a fact sheet and article that passed every check.

    Kept apart from the checks so that it can assume valid data: defaults are
    filled in by the schema, ``updated`` falls back to the newest update.
    """
    topic_names = data["topics"] or (data["kicker"],)
    topics = tuple(Topic(topic_slug(name), name) for name in dict.fromkeys(topic_names))
    tables = tuple(
        Table(caption=t["caption"],
              columns=tuple(Column(c["label"], c["baseline"], tuple(c["cite"]))
                            for c in t["columns"]),
              rows=tuple(Row(r["label"], tuple(
                  Cell(str(c["value"] or ""), c["note"], c["status"], tuple(c["cite"]))
                  for c in r["cells"]), tuple(r["cite"])) for r in t["rows"]))
        for t in data["numbers"]["tables"])
    q = data.get("quote")
    quote = Quote(q["text"], q["speaker"], q["role"], q["organisation"], q["source"],
                  q["context"]) if q else None
    return Brief(
        slug=raw.slug, kicker=data["kicker"], topics=topics, headline=data["headline"],
        dek=data["dek"], answer=data["answer"], published=data["published"],
        updated=data["updated"] or max([data["published"],
                                        *(u["date"] for u in data["updates"])]),
        draft=data["draft"],
        aliases=tuple(data["aliases"]),
        updates=tuple(Update(u["date"], u["text"]) for u in data["updates"]),
        what_happened=Prose(sections["what_happened"][0], sections["what_happened"][1]),
        numbers=Prose(sections["numbers"][0], sections["numbers"][1]),
        tables=tables, quote=quote, watch=tuple(data["watch"]),
        faq=tuple(FaqItem(f["question"], f["answer"]) for f in data["faq"]),
        sources=tuple(Source(s["id"], s["title"], s["publisher"], s["date"], s["url"],
                             s["party"]) for s in data["sources"]),
        facts_path=raw.facts_path, article_path=raw.article_path, digest=raw.digest)
