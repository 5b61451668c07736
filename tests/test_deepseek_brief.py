"""The newsroom's first brief, built and read back as a reader's browser would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from briefly.pipeline import check_site
from briefly.project import Project

from .conftest import REPO, ScratchProject

SEED = REPO.parent / "shared" / "seeds" / "000_f9c6d4ce4aba23cb.txt"
PAGE = "briefs/deepseek-v4/index.html"

# The seed's comparison table, as the newsroom wrote it (row -> column -> value).
SEED_TABLE = {
    "Params (total / active)": {"V4-Pro": "1.6T / 49B", "V4-Flash": "284B / 13B",
                                "V3.2 (prev.)": "671B / 37B"},
    "Context": {"V4-Pro": "1M tokens", "V4-Flash": "1M tokens", "V3.2 (prev.)": "128K tokens"},
    "API input price (list)": {"V4-Pro": "$1.74/M", "V4-Flash": "$0.14/M",
                               "V3.2 (prev.)": "$0.27/M"},
    "Inference FLOPs": {"V4-Pro": "27% of V3.2", "V4-Flash": "~10% of V3.2",
                        "V3.2 (prev.)": "baseline"},
}


def cell_value(cell: Tag) -> str:
    """A cell's own value, without citation numbers, note marks or badges."""
    cell = BeautifulSoup(str(cell), "html.parser")
    for extra in cell.select("sup, .status, .tag"):
        extra.decompose()
    return " ".join(cell.get_text(" ").split())


def table_grid(table: Tag) -> dict[str, dict[str, str]]:
    """Read a table through its header cells, as a screen reader pairs them."""
    headers = [cell_value(th) for th in table.select("thead th")]
    grid = {}
    for row in table.select("tbody tr"):
        label = cell_value(row.find("th", scope="row"))
        grid[label] = {headers[i]: cell_value(td)
                       for i, td in enumerate(row.find_all(["th", "td"])) if i}
    return grid


def test_brief_loads_into_the_model() -> None:
    site, diagnostics = check_site(Project(REPO), drafts=False)
    assert not diagnostics.errors and not diagnostics.warnings, diagnostics.sorted()
    brief = next(b for b in site.briefs if b.slug == "deepseek-v4")
    assert brief.kicker == "Open-weight models"
    assert brief.headline == "DeepSeek ships V4: 1.6T open-weight model, $1.74 a million tokens"
    assert brief.published.isoformat() == "2026-04-29"
    assert [s.publisher for s in brief.sources] == [
        "DeepSeek", "MIT Technology Review", "Artificial Analysis",
        "Council on Foreign Relations", "TechCrunch"]
    assert [c.label for c in brief.tables[0].columns] == ["V4-Pro", "V4-Flash", "V3.2 (prev.)"]
    assert brief.tables[0].columns[2].baseline
    assert brief.quote is not None and brief.quote.speaker == "Michael Horowitz"
    assert len(brief.watch) == 3 and len(brief.faq) == 3


def test_every_figure_of_the_seed_table_is_in_its_row_and_column(built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    for row, values in SEED_TABLE.items():
        assert grid[row] == values, row


def test_values_the_brief_does_not_give_say_not_stated(built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    assert grid["API output price (list)"] == {
        "V4-Pro": "$3.48/M", "V4-Flash": "$0.28/M", "V3.2 (prev.)": "not stated"}
    assert all(value for row in grid.values() for value in row.values())


def test_table_is_accessible_markup(built: ScratchProject) -> None:
    table = built.page(PAGE).select_one("table")
    assert table.caption and table.caption.get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    assert "num" in table.select("tbody tr")[0].find("td")["class"]
    assert table.find_parent(class_="table-scroll") is not None


def test_efficiency_figures_are_marked_self_reported(built: ScratchProject) -> None:
    page = built.page(PAGE)
    row = next(tr for tr in page.select("tbody tr") if "Inference FLOPs" in tr.th.get_text())
    badges = [td.select_one(".status") for td in row.find_all("td")]
    assert [b.get_text() if b else None for b in badges] == [
        "self-reported", "self-reported", None]
    assert page.select_one(".legend").get_text(" ", strip=True).startswith("self-reported")


def test_citations_number_in_order_of_first_use(built: ScratchProject) -> None:
    page = built.page(PAGE)
    numbers = [int(a.get_text()) for a in page.select("a.cite-ref")]
    first_seen: list[int] = []
    for n in numbers:
        if n not in first_seen:
            first_seen.append(n)
    assert first_seen == list(range(1, len(first_seen) + 1))
    # Each number points at the source listed with that number.
    for link in page.select("a.cite-ref"):
        entry = page.find(id=link["href"][1:])
        assert entry is not None and entry.name == "li"
        assert entry["value"] == link.get_text()


def test_every_citation_and_backlink_resolves(built: ScratchProject) -> None:
    page = built.page(PAGE)
    citing = {a["id"] for a in page.select("a.cite-ref")}
    backlinks = [a["href"][1:] for a in page.select(".sources .backlinks a")]
    assert sorted(backlinks) == sorted(citing)  # every citing place, exactly once
    for target in backlinks:
        assert page.find(id=target) is not None


def test_faq_has_three_answered_questions(built: ScratchProject) -> None:
    items = built.page(PAGE).select(".faq details")
    assert len(items) == 3
    for item in items:
        assert item.summary.get_text(strip=True).endswith("?")
        assert len(item.select_one(".faq-answer").get_text(strip=True)) > 40


def test_open_question_is_stated_as_open(built: ScratchProject) -> None:
    details = built.page(PAGE).select(".faq details")[2]
    assert "GPT-5 or Claude" in details.summary.get_text()
    assert "does not settle" in details.get_text()


def test_five_sources_with_publisher_and_date(built: ScratchProject) -> None:
    entries = built.page(PAGE).select(".sources ol > li")
    assert len(entries) == 5
    for entry in entries:
        assert entry.select_one(".publisher").get_text(strip=True)
        assert re.fullmatch(r"2026-04-2\d", entry.time["datetime"])
        assert entry.select_one("cite").find("a") is None  # the seed gives no URLs


def test_dates_are_machine_readable(built: ScratchProject) -> None:
    meta = built.page(PAGE).select_one(".brief-header .meta")
    assert [t["datetime"] for t in meta.find_all("time")] == ["2026-04-29", "2026-04-29"]
    assert meta.time.get_text() == "29 April 2026"


def test_sections_come_in_answer_first_order(built: ScratchProject) -> None:
    article = built.page(PAGE).select_one("article.brief")
    sections = [set(section["class"]) for section in article.find_all("section")]
    headings = [h.get_text(strip=True) for h in article.find_all(["h1", "h2"])]
    assert headings == ["DeepSeek ships V4: 1.6T open-weight model, $1.74 a million tokens",
                        "The answer", "What happened", "The numbers: benchmarks and price",
                        "What to watch", "Frequently asked questions", "Sources"]
    numbers = next(i for i, classes in enumerate(sections) if "numbers" in classes)
    assert "quote" in sections[numbers + 1]


@pytest.mark.skipif(not SEED.exists(), reason="the newsroom's seed is not beside the repo")
def test_every_number_on_the_page_comes_from_the_seed(built: ScratchProject) -> None:
    """Nothing added: each figure the reader sees is one the newsroom wrote."""
    seed = SEED.read_text(encoding="utf-8")
    article = built.page(PAGE).select_one("article.brief")
    for noise in article.select("sup.cite, .backlinks, .note-ref, .note-mark"):
        noise.decompose()
    text = article.get_text(" ")
    figures = set(re.findall(r"\d+(?:\.\d+)?", text))
    seed_figures = set(re.findall(r"\d+(?:\.\d+)?", seed))
    assert figures <= seed_figures, figures - seed_figures


@pytest.mark.skipif(not SEED.exists(), reason="the newsroom's seed is not beside the repo")
def test_every_fact_of_the_seed_is_on_the_page(built: ScratchProject) -> None:
    text = " ".join(built.page(PAGE).get_text(" ").split())
    facts = ["Open-weight models", "1.6T", "49B active", "284B", "13B active", "MIT",
             "1 million-token context window", "128K in V3.2", "384K max output",
             "Hugging Face", "24 July 2026", "deepseek-chat", "deepseek-reasoner",
             "CSA + HCA", "27% of V3.2", "KV-cache to 10%", "#2", "Kimi K2.6",
             "agentic coding", "$1.74/M input / $3.48/M output", "75%", "$0.435/$0.87",
             "$0.14/M input / $0.28/M output", "roughly seven months",
             "adoption scale, not just leaderboard rank", "Michael Horowitz",
             "second-best models carry enormous competitive value",
             "global deployment reach", "technical paper", "Huawei Ascend", "Nvidia",
             "outside the U.S.", "671B / 37B", "$0.27/M",
             "DeepSeek V4 Preview Release", "Three reasons why DeepSeek's new model matters",
             "27 April 2026", "29 April 2026", "24 April 2026"]
    missing = [fact for fact in facts if fact not in text]
    assert not missing


def test_home_and_topic_pages_list_the_brief(built: ScratchProject) -> None:
    for path in ("index.html", "topics/open-weight-models/index.html", "briefs/index.html"):
        page = built.page(path)
        link = page.find("a", href=re.compile(r"(^|/)deepseek-v4/$"))
        assert link is not None, path
        assert "DeepSeek ships V4" in link.get_text()
    home = built.page("index.html")
    assert "released V4-Pro (1.6T params)" in home.select_one(".lead .answer").get_text()
    assert home.select_one(".lead .kicker").get_text() == "Open-weight models"


def test_pages_declare_language_and_skip_link(built: ScratchProject) -> None:
    for path in Path(built.site).rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert page.html["lang"] == "en-GB"
        skip = page.select_one("a.skip-link")
        assert skip is not None and page.find(id=skip["href"][1:]) is not None


def test_nothing_loads_from_another_site(built: ScratchProject) -> None:
    for path in Path(built.site).rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in page.find_all(["script", "link", "img", "iframe", "source"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link"
                                     and tag.get("rel") != ["canonical"] else "")
            assert not re.match(r"^(https?:)?//", url or ""), (path, tag)
