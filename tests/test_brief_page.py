"""The test brief, built and read back as a reader's browser would."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from briefly.check_pipeline import check_site
from briefly.project import Project

from .conftest import TEST_BRIEF, TESTS, ScratchProject

NOTES = TESTS / "fixtures" / "newsroom-notes.txt"
PAGE = f"briefs/{TEST_BRIEF}/index.html"
HEADLINE = "Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"

# The notes' comparison table, as the newsroom wrote it (row -> column -> value).
NOTES_TABLE = {
    "Size (energy / power)": {"Tidewater": "400 MWh / 100 MW", "Saltmarsh": "120 MWh / 30 MW",
                              "Ridgeback (2023)": "90 MWh / 45 MW"},
    "Duration": {"Tidewater": "4 hours", "Saltmarsh": "4 hours", "Ridgeback (2023)": "2 hours"},
    "Homes covered for an hour": {"Tidewater": "1.2M homes", "Saltmarsh": "360K homes",
                                  "Ridgeback (2023)": "90K homes"},
    "Expected lifetime": {"Tidewater": "~20 years", "Saltmarsh": "~20 years",
                          "Ridgeback (2023)": "15 years"},
}


def cell_value(cell: Tag) -> str:
    """A cell's own value, without citation numbers, note marks, badges or fact links."""
    cell = BeautifulSoup(str(cell), "html.parser")
    for extra in cell.select("sup, .status, .tag, .shared-fact-link"):
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


def test_brief_loads_into_the_model(built: ScratchProject) -> None:
    site, diagnostics = check_site(Project(built.root), drafts=False)
    assert not diagnostics.errors and not diagnostics.warnings, diagnostics.sorted()
    brief = next(b for b in site.briefs if b.slug == TEST_BRIEF)
    assert brief.kicker == "Grid storage"
    assert brief.headline == HEADLINE
    assert brief.published.isoformat() == "2026-03-05"
    assert brief.updated.isoformat() == "2026-03-12"
    assert [s.publisher for s in brief.sources] == [
        "Alder Grid", "The Estuary Times", "Grid Weekly", "Alder Energy Regulator",
        "Estuary Energy Institute"]
    assert [c.label for c in brief.tables[0].columns] == [
        "Tidewater", "Saltmarsh", "Ridgeback (2023)"]
    assert brief.tables[0].columns[2].baseline
    assert brief.quote is not None and brief.quote.speaker == "Inês Carvalho"
    assert len(brief.watch) == 3 and len(brief.faq) == 3


def test_every_figure_of_the_notes_table_is_in_its_row_and_column(
        built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    for row, values in NOTES_TABLE.items():
        assert grid[row] == values, row


def test_values_the_brief_does_not_give_say_not_stated(built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    assert grid["Build cost (list)"] == {
        "Tidewater": "$118/kWh", "Saltmarsh": "$131/kWh", "Ridgeback (2023)": "not stated"}
    assert grid["Cooling"]["Saltmarsh"] == "not stated"
    assert all(value for row in grid.values() for value in row.values())


def test_table_is_accessible_markup(built: ScratchProject) -> None:
    table = built.page(PAGE).select_one("table")
    assert table.caption and table.caption.get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    assert "num" in table.select("tbody tr")[0].find("td")["class"]
    assert table.find_parent(class_="table-scroll") is not None


def test_claims_are_marked_with_their_status(built: ScratchProject) -> None:
    page = built.page(PAGE)
    rows = {tr.th.get_text(" ", strip=True): tr for tr in page.select("tbody tr")}

    def badges(label: str) -> list[str | None]:
        found = [td.select_one(".status") for td in rows[label].find_all("td")]
        return [b.get_text() if b else None for b in found]

    assert badges("Round-trip efficiency") == ["self-reported", "self-reported", None]
    assert badges("Expected lifetime") == ["estimate", "estimate", None]
    assert badges("Cooling") == ["self-reported", None, None]
    legend = [dt.get_text(strip=True) for dt in page.select(".legend dt")]
    assert legend == ["baseline", "self-reported", "estimate"]


def test_a_cell_note_is_shown_under_the_table(built: ScratchProject) -> None:
    figure = built.page(PAGE).select_one("figure.comparison")
    row = next(tr for tr in figure.select("tbody tr") if "Build cost" in tr.th.get_text())
    assert row.find("td").select_one(".note-ref, .note-mark, sup") is not None
    assert "Includes the grid connection, which Ridgeback's figure leaves out." in \
        figure.get_text()


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
    assert "Will electricity bills fall?" in details.summary.get_text()
    assert "does not settle" in details.get_text()


def test_five_sources_with_publisher_date_and_only_the_given_links(
        built: ScratchProject) -> None:
    entries = built.page(PAGE).select(".sources ol > li")
    assert len(entries) == 5
    for entry in entries:
        assert entry.select_one(".publisher").get_text(strip=True)
        assert re.fullmatch(r"2026-0[23]-\d\d", entry.time["datetime"])
    links = [entry.select_one("cite").find("a") for entry in entries]
    # Only the regulator's register has a web address; no other is invented.
    assert [a["href"] if a else None for a in links] == [
        None, None, None, "https://regulator.example/capacity-register/2026-03", None]


def test_dates_are_machine_readable(built: ScratchProject) -> None:
    meta = built.page(PAGE).select_one(".brief-header .meta")
    assert [t["datetime"] for t in meta.find_all("time")] == ["2026-03-05", "2026-03-12"]
    assert meta.time.get_text() == "5 March 2026"


def test_update_log_ends_the_brief_oldest_first(built: ScratchProject) -> None:
    page = built.page(PAGE)
    log = page.select("article.brief > section")[-1]
    assert "updates" in log["class"] and page.find(id="updates") is log
    assert [t["datetime"] for t in log.find_all("time")] == ["2026-03-09", "2026-03-12"]
    assert "first given per kW" in " ".join(log.get_text(" ").split())
    assert log.find("em").get_text() == "per kW"  # the log is Markdown


def test_old_address_redirects_to_the_brief(built: ScratchProject) -> None:
    page = built.page("briefs/tidewater-storage/index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == f"0; url=../{TEST_BRIEF}/"
    assert page.find("link", rel="canonical")["href"].endswith(f"/briefs/{TEST_BRIEF}/")


def test_sections_come_in_answer_first_order(built: ScratchProject) -> None:
    article = built.page(PAGE).select_one("article.brief")
    sections = [set(section["class"]) for section in article.find_all("section")]
    headings = [h.get_text(strip=True) for h in article.find_all(["h1", "h2"])]
    assert headings == [HEADLINE, "The answer", "What happened",
                        "The numbers: cost and capacity", "What to watch",
                        "Frequently asked questions", "Sources", "Updates"]
    numbers = next(i for i, classes in enumerate(sections) if "numbers" in classes)
    assert "quote" in sections[numbers + 1]


def test_every_number_on_the_page_comes_from_the_notes(built: ScratchProject) -> None:
    """Nothing added: each figure the reader sees is one the newsroom wrote."""
    notes = NOTES.read_text(encoding="utf-8")
    article = built.page(PAGE).select_one("article.brief")
    for noise in article.select("sup.cite, .backlinks, .note-ref, .note-mark"):
        noise.decompose()
    text = article.get_text(" ")
    figures = set(re.findall(r"\d+(?:\.\d+)?", text))
    note_figures = set(re.findall(r"\d+(?:\.\d+)?", notes))
    assert figures <= note_figures, figures - note_figures


def test_every_fact_of_the_notes_is_on_the_page(built: ScratchProject) -> None:
    text = " ".join(built.page(PAGE).get_text(" ").split())
    facts = ["Grid storage", "Energy prices", "400 MWh", "100 MW", "four hours",
             "120 MWh / 30 MW", "520 MWh", "90 MWh / 45 MW", "Ridgeback", "evening peak",
             "Port Alder", "30 June 2026", "liquid", "six points", "air", "1.2M homes",
             "360K homes", "90K homes", "$118/kWh", "$131/kWh", "~20 years", "15 years",
             "largest battery in the region", "1.5 GWh by 2030",
             "connection costs, not cell prices", "Inês Carvalho", "senior analyst",
             "burns nothing and waits for sunset", "winter evenings", "test data",
             "winter reserve auction", "Tidewater and Saltmarsh batteries enter service",
             "What 400 MWh buys a region of a million homes", "3 March 2026",
             "4 March 2026", "6 March 2026", "9 March 2026", "20 February 2026",
             "5 March 2026", "12 March 2026"]
    missing = [fact for fact in facts if fact not in text]
    assert not missing


def test_home_and_topic_pages_list_the_brief(built: ScratchProject) -> None:
    for path in ("index.html", "topics/grid-storage/index.html",
                 "topics/energy-prices/index.html", "briefs/index.html"):
        page = built.page(path)
        link = page.find("a", href=re.compile(rf"(^|/){TEST_BRIEF}/$"))
        assert link is not None, path
        assert "Tidewater battery opens" in link.get_text()
    home = built.page("index.html")
    assert "switched on the Tidewater (400 MWh)" in home.select_one(".lead .answer").get_text()
    assert home.select_one(".lead .kicker").get_text() == "Grid storage"


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
