"""Site-wide assertions that hold for any number of briefs.

What the site must show is worked out here from the fact sheets themselves
(read with plain PyYAML, not with Briefly's loader), so the same checks run on
the one-brief test project, on a project with briefs of several shapes and
drafts, and on whatever else a test builds.
"""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from briefly.content.slugs import slugify

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class BriefFacts:
    """What the site's listings need to know about one brief, as its editor wrote it."""

    slug: str
    headline: str
    published: date
    updated: date
    topics: tuple[str, ...]
    aliases: tuple[str, ...]
    has_faq: bool
    draft: bool
    corrected: tuple[date, ...]  # the dates of its update log's corrections
    sources: frozenset[str] = frozenset()  # the ids it cites: its own and the registry's
    fact_sheets: frozenset[str] = frozenset()  # the entities whose facts its cells take

    @property
    def topic_slugs(self) -> tuple[str, ...]:
        return tuple(slugify(topic) for topic in self.topics)


# A citation in Markdown, "[@id]" or "[@a; @b, disputed]": each "@id" in it.
_MARKDOWN_KEY = re.compile(r"@([a-z0-9][a-z0-9-]*)")


def _walk(node: object):
    """Every mapping of a YAML document, however deep."""
    if isinstance(node, dict):
        yield node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _cites(mapping: dict) -> set[str]:
    cite = mapping.get("cite") or ()
    return {cite} if isinstance(cite, str) else set(cite)


def _shared_facts(root: Path) -> dict[str, set[str]]:
    """Each shared fact, "entity.key", and the source ids it cites."""
    found = {}
    for sheet in sorted((root / "content" / "facts").glob("*.yaml")):
        for key, fact in (yaml.safe_load(sheet.read_text(encoding="utf-8"))["facts"]).items():
            found[f"{sheet.stem}.{key}"] = _cites(fact) if isinstance(fact, dict) else set()
    return found


def _citations(folder: Path, data: dict, facts: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """The source ids a brief cites (every own source is cited, or check warns) and the
    facts its cells take.  An "@id" the registry does not hold is no citation of its."""
    cited = {source["id"] for source in data.get("sources") or []}
    taken = {m["fact"] for m in _walk(data) if isinstance(m.get("fact"), str)}
    for mapping in _walk(data):
        cited |= _cites(mapping)
    for ref in taken:
        cited |= facts.get(ref, set())
    text = (folder / "facts.yaml").read_text(encoding="utf-8") + \
        (folder / "brief.md").read_text(encoding="utf-8")
    cited |= set(_MARKDOWN_KEY.findall(text))
    return cited, taken


def read_briefs(root: Path) -> list[BriefFacts]:
    """Every brief of a project, newest first (the order of the home page and archive)."""
    found = []
    registry = root / "content" / "sources.yaml"
    shared = {s["id"] for s in (yaml.safe_load(registry.read_text(encoding="utf-8"))
                                if registry.exists() else {}).get("sources") or []}
    facts = _shared_facts(root)
    for facts_file in sorted((root / "content" / "briefs").glob("*/facts.yaml")):
        data = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
        logged = [entry["date"] for entry in data.get("updates") or []]
        updated = data.get("updated") or max(logged, default=data["published"])
        cited, taken = _citations(facts_file.parent, data, facts)
        own = {source["id"] for source in data.get("sources") or []}
        found.append(BriefFacts(
            slug=facts_file.parent.name, headline=data["headline"], published=data["published"],
            updated=updated, topics=tuple(data.get("topics") or [data["kicker"]]),
            aliases=tuple(data.get("aliases") or ()), has_faq=bool(data.get("faq")),
            draft=bool(data.get("draft")),
            corrected=tuple(entry["date"] for entry in data.get("updates") or []
                            if entry.get("kind") == "correction"),
            sources=frozenset(cited & (own | shared)),
            fact_sheets=frozenset(ref.partition(".")[0] for ref in taken)))
    found.sort(key=lambda b: (b.published, b.updated, b.slug), reverse=True)
    return found


def public_briefs(root: Path) -> list[BriefFacts]:
    return [brief for brief in read_briefs(root) if not brief.draft]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def linked_briefs(site: Path, path: str, selector: str = "main a[href]") -> list[str]:
    """The brief slugs a page links to, in page order, each once."""
    slugs: list[str] = []
    here = posixpath.dirname(path)
    for link in page(site, path).select(selector):
        target = posixpath.normpath(posixpath.join(here, link["href"].split("#")[0]))
        parts = target.split("/")
        if len(parts) == 2 and parts[0] == "briefs" and parts[1] not in slugs:
            slugs.append(parts[1])
    return slugs


def atom_entries(site: Path, path: str) -> list[ET.Element]:
    return ET.parse(site / path).getroot().findall(f"{ATOM}entry")


def check_site(root: Path, site: Path, base: str) -> None:
    """Every listing, feed, sitemap entry and JSON-LD block matches the project's briefs."""
    everything = read_briefs(root)
    briefs = [b for b in everything if not b.draft]
    drafts = [b for b in everything if b.draft]
    assert briefs, "a site check needs at least one published brief"
    slugs = [b.slug for b in briefs]
    by_feed_order = sorted(briefs, key=lambda b: (b.updated, b.published, b.slug), reverse=True)

    # The home page leads with the newest brief and lists every other one.
    assert linked_briefs(site, "index.html", ".lead a[href]") == slugs[:1]
    assert linked_briefs(site, "index.html") == slugs
    assert page(site, "index.html").select_one(".lead h2").get_text(strip=True) == \
        briefs[0].headline
    # The archive lists them all, newest first, with their dates.
    assert linked_briefs(site, "briefs/index.html") == slugs
    archive = page(site, "briefs/index.html")
    assert [t["datetime"] for t in archive.select(".archive time")] == [
        b.published.isoformat() for b in briefs]

    # One page per topic, listing exactly the briefs that carry it.
    topics = sorted({(slugify(t), t) for b in briefs for t in b.topics})
    listed = [a["href"] for a in page(site, "topics/index.html").select(".topic-list a")]
    assert listed == [f"{slug}/" for slug, _ in topics]
    for slug, name in topics:
        members = [b.slug for b in briefs if slug in b.topic_slugs]
        assert name in page(site, f"topics/{slug}/index.html").h1.get_text(), slug
        assert linked_briefs(site, f"topics/{slug}/index.html") == members, slug
        entries = atom_entries(site, f"topics/{slug}/feed.xml")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [
            f"{base}briefs/{b.slug}/" for b in by_feed_order if slug in b.topic_slugs], slug
    assert sorted(p.name for p in (site / "topics").iterdir() if p.is_dir()) == [
        slug for slug, _ in topics]

    # The feeds carry every brief, most recently updated first.
    entries = atom_entries(site, "feed.xml")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"{base}briefs/{b.slug}/" for b in by_feed_order]
    for entry, brief in zip(entries, by_feed_order):
        assert entry.findtext(f"{ATOM}title") == brief.headline
        assert entry.findtext(f"{ATOM}published") == f"{brief.published}T00:00:00Z"
        assert entry.findtext(f"{ATOM}updated") == f"{brief.updated}T00:00:00Z"
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [item["id"] for item in items] == [e.findtext(f"{ATOM}id") for e in entries]
    assert [item["tags"] for item in items] == [list(b.topics) for b in by_feed_order]

    # The sitemap: the listings and every brief, dated by their newest content;
    # no redirect, no draft, no 404 page.
    newest = max(b.updated for b in briefs).isoformat()
    expected = {base: newest, f"{base}briefs/": newest, f"{base}topics/": newest}
    for slug, _ in topics:
        expected[f"{base}topics/{slug}/"] = max(
            b.updated for b in briefs if slug in b.topic_slugs).isoformat()
    for brief in briefs:
        expected[f"{base}briefs/{brief.slug}/"] = brief.updated.isoformat()
    corrected = [day for b in briefs for day in b.corrected]
    if corrected:
        expected[f"{base}corrections/"] = max(corrected).isoformat()
    # A source's or fact sheet's page, while a published brief relies on it,
    # dated by the newest such brief; each index by its newest page.
    for index, relied_on in (("sources/", lambda b: b.sources),
                             ("facts/", lambda b: b.fact_sheets)):
        pages = {name: max(b.updated for b in briefs if name in relied_on(b)).isoformat()
                 for name in sorted({n for b in briefs for n in relied_on(b)})}
        expected.update({f"{base}{index}{name}/": day for name, day in pages.items()})
        if pages:
            expected[f"{base}{index}"] = max(pages.values())
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
            for u in ET.parse(site / "sitemap.xml").getroot()}
    assert urls == expected

    # JSON-LD: a NewsArticle on each brief page, an FAQPage where it has a FAQ,
    # nothing on any other page.
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        blocks = [json.loads(s.string)["@type"] for s in
                  page(site, name).find_all("script", type="application/ld+json")]
        brief = next((b for b in briefs if name == f"briefs/{b.slug}/index.html"), None)
        wanted = [] if brief is None else ["NewsArticle", *(["FAQPage"] if brief.has_faq else [])]
        assert blocks == wanted, name

    # Old addresses redirect; drafts are nowhere.
    for brief in briefs:
        for alias in brief.aliases:
            redirect = page(site, f"briefs/{alias}/index.html")
            assert redirect.find("meta", attrs={"http-equiv": "refresh"})["content"].endswith(
                f"/{brief.slug}/"), alias
    published_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*"))
                               if p.suffix in (".html", ".xml", ".json", ".txt", ".csv"))
    for draft in drafts:
        assert not (site / "briefs" / draft.slug).exists(), draft.slug
        assert f"briefs/{draft.slug}/" not in published_text, draft.slug
        assert draft.headline not in published_text, draft.slug
