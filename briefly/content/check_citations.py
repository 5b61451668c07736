"""The rules about citations, for the brief checker (``check_brief``).

Every ``[@id]`` in the prose and every ``cite:`` in the tables must name a
source; every source must be cited; a claim status must exist, a
self-reported claim or value must cite the party's own source, and a denied
value must cite the report it denies.  (A sentence can only carry a status
inside a citation, so a denied sentence always cites one.)  Functions
take the brief's checker (``brief``) for its positions and its report of
problems; they see it only through :class:`BriefReporter`, so this module
and the checker do not import each other.
"""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterable, Protocol

from briefly.content.citations import Citation, find_citations
from briefly.content.claims import CLAIM_STATUSES, unknown_status_hint
from briefly.content.located_yaml import FieldPath
from briefly.content.text import strip_comments
from briefly.content.markdown_lint import TextField
from briefly.content.model import Library

from briefly.errors import Diagnostics


class BriefReporter(Protocol):
    """What the citation rules need of the brief checker."""

    diagnostics: Diagnostics

    def report(self, path: FieldPath, message: str, hint: str = "",
               warning: bool = False) -> None: ...

    def broken(self, prefix: FieldPath) -> bool: ...


def check_citations(brief: BriefReporter, data: dict[str, Any], texts: list[TextField],
                    sources: dict[str, dict[str, Any]],
                    known_elsewhere: Callable[[str], bool] = lambda ident: False) -> set[str]:
    """Every citation names a known source, every source is cited, statuses hold.

    ``sources``: the brief's own and the registry's, by id.  ``known_elsewhere``
    is true of ids whose definition failed its own checks, which are not
    called unknown.  Returns the ids cited.
    """
    cited: set[str] = set()
    if data["sources"] is None or (not data["sources"] and brief.broken(("sources",))):
        return cited  # already reported; every citation would be "unknown" otherwise
    own_ids = {s.get("id") for s in data["sources"] if s}

    def unknown(ident: str) -> str:
        close = difflib.get_close_matches(ident, list(sources), n=1)
        known = list(sources)
        return (f"did you mean '{close[0]}'?" if close else
                "add the source to 'sources:' (or to content/sources.yaml, to share it) or "
                "fix the id; known ids: " + ", ".join(known[:12])
                + (", …" if len(known) > 12 else ""))

    # Sources with an error of their own (a bad 'party:') cannot settle a claim's
    # status; the first error is the one to fix.
    trusted = {s["id"]: s for k, s in enumerate(data["sources"] or ())
               if s and sources.get(s.get("id")) is s and not brief.broken(("sources", k))}
    trusted.update({i: s for i, s in sources.items() if i not in own_ids})  # the registry's
    for text in texts:
        # Comments are not rendered, so citations inside them neither count nor fail.
        visible = strip_comments(text.text, keep_length=True)
        for citation in find_citations(visible):
            line, column = text.locate(citation.start)
            if citation.malformed:
                brief.diagnostics.error(text.path, line, column,
                                        f"malformed citation '{citation.text}'",
                                        text.field,
                                        "write citations as [@id] or [@id1; @id2], with an "
                                        "optional claim status: [@id, self-reported]")
            for ident in citation.ids:
                cited.add(ident)
                if ident not in sources and not known_elsewhere(ident):
                    brief.diagnostics.error(text.path, line, column,
                                            f"unknown source id '{ident}' in citation",
                                            text.field, unknown(ident))
            check_claim_status(brief, citation, text, (line, column), trusted)
    structured: list[tuple[FieldPath, str]] = []
    for t, table in enumerate(data["numbers"]["tables"] or ()):
        base = ("numbers", "tables", t)
        for c, column in enumerate((table or {}).get("columns") or ()):
            for k, ident in enumerate((column or {}).get("cite") or ()):
                structured.append((base + ("columns", c, "cite", k), ident))
        for r, row in enumerate((table or {}).get("rows") or ()):
            for k, ident in enumerate((row or {}).get("cite") or ()):
                structured.append((base + ("rows", r, "cite", k), ident))
            for c, cell in enumerate((row or {}).get("cells") or ()):
                for k, ident in enumerate((cell or {}).get("cite") or ()):
                    structured.append((base + ("rows", r, "cells", c, "cite", k), ident))
    quote = data.get("quote")
    if quote and quote.get("source"):
        structured.append((("quote", "source"), quote["source"]))
    for path, ident in structured:
        cited.add(ident)
        if ident not in sources and not known_elsewhere(ident):
            brief.report(path, f"unknown source id '{ident}'", unknown(ident))
    check_cell_sources(brief, data, sources)
    for i, source in enumerate(data["sources"] or ()):
        if source and source.get("id") in sources and source["id"] not in cited:
            brief.report(("sources", i), f"source '{source['id']}' is never cited",
                         f"cite it with [@{source['id']}] where the brief relies on it, "
                         "or remove it", warning=True)
    return cited


def check_own_sources(brief: BriefReporter, sources: Iterable[dict[str, Any]] | None,
                      library: Library) -> dict[str, dict[str, Any]]:
    """The brief's own sources by id; an id given twice, or also in the registry, is
    an error (a citation could not say which source it means)."""
    known: dict[str, dict[str, Any]] = {}
    for i, source in enumerate(sources or ()):
        if not source or not source.get("id"):
            continue
        if source["id"] in known:
            brief.report(("sources", i, "id"), f"duplicate source id '{source['id']}'",
                         "give each source its own id")
        elif source["id"] in library.sources:
            brief.report(("sources", i, "id"),
                         f"source id '{source['id']}' is also in {library.registry_path}",
                         "a brief cites a registry source without listing it: delete "
                         "this entry if it is the same source, or give it another id")
        else:
            known[source["id"]] = source
    return known


def check_cell_sources(brief: BriefReporter, data: dict[str, Any],
                        sources: dict[str, dict[str, Any]]) -> None:
    """A self-reported value must cite the party's own words; a denied one,
    the report that is denied, so a reader can weigh the two."""
    for t, table in enumerate(data["numbers"]["tables"] or ()):
        columns = (table or {}).get("columns") or ()
        for r, row in enumerate((table or {}).get("rows") or ()):
            for c, cell in enumerate((row or {}).get("cells") or ()):
                status = (cell or {}).get("status")
                if status not in ("self-reported", "denied"):
                    continue
                path = ("numbers", "tables", t, "rows", r, "cells", c)
                column = columns[c] if c < len(columns) and columns[c] else {}
                cited = [*(cell.get("cite") or ()), *(row.get("cite") or ()),
                         *(column.get("cite") or ())]
                if status == "denied":
                    if not cited:
                        brief.report(path, "a value marked 'denied' must cite a source",
                                     "cite the report the party denies, with 'cite:' on the "
                                     "cell, its row or its column")
                    continue
                ids = [i for i in cited if i in sources]
                if len(ids) < len(cited) or any(brief.broken(("sources", k)) for k, s in
                                                enumerate(data["sources"]) if s and
                                                s.get("id") in ids):
                    continue  # an unknown id or a broken source is reported already
                if not any(sources[i].get("party") for i in ids):
                    brief.report(path, "a self-reported value must cite a source from the "
                                       "party itself",
                                 "cite the party's own source and mark it 'party: true' "
                                 "in sources")


def check_claim_status(brief: BriefReporter, citation: Citation, text: TextField,
                       where: tuple[int, int], sources: dict[str, dict[str, Any]]) -> None:
    """``[@id, status]``: the status must exist, and self-reported needs the party."""
    status = citation.status
    if status is None:
        return
    line, column = where
    if status not in CLAIM_STATUSES:
        brief.diagnostics.error(text.path, line, column,
                                f"unknown claim status '{status}' in citation",
                                text.field, unknown_status_hint(status))
    elif status == "self-reported" and citation.ids and all(
            i in sources for i in citation.ids) and not any(
            sources[i].get("party") for i in citation.ids):
        brief.diagnostics.error(text.path, line, column,
                                "a self-reported claim must cite a source from the party "
                                "itself", text.field,
                                "cite the party's own source and mark it 'party: true' "
                                "in sources")
