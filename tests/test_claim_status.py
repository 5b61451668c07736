"""Claim statuses: badges in words, a legend for the page, and the rules of `check`."""

from __future__ import annotations

from .conftest import ScratchProject

FACTS = "content/briefs/deepseek-v4/facts.yaml"
ARTICLE = "content/briefs/deepseek-v4/brief.md"
PAGE = "briefs/deepseek-v4/index.html"
CLAIM = "by DeepSeek's own account. [@deepseek-release, self-reported]"


def where(path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of needle in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_efficiency_sentence_is_marked_self_reported_in_prose(built: ScratchProject) -> None:
    page = built.page(PAGE)
    claim = page.select_one(".prose .claim")
    assert "cuts V4-Pro's inference FLOPs to 27% of V3.2" in claim.parent.get_text()
    assert claim.select_one(".status").get_text() == "self-reported"
    link = claim.select_one("sup.cite a.cite-ref")
    assert link["href"] == "#source-deepseek-release"


def test_legend_explains_every_status_on_the_page_in_words(project: ScratchProject) -> None:
    # One more status, used only in prose, must join the legend.
    project.edit(project.article(), "rank. [@cfr]", "rank. [@cfr, estimate]")
    project.build()
    page = project.page(PAGE)
    used = {badge.get_text() for badge in page.select("article .status")
            if not badge.find_parent(class_="legend")}
    legend = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in
              zip(page.select(".legend dt"), page.select(".legend dd"))}
    assert used == {"self-reported", "estimate"}
    assert set(legend) == used
    assert legend["estimate"] == "an estimate, not a measured figure"
    assert page.select_one("#status-legend h3").get_text() == "What the labels mean"


def test_self_reported_claim_must_cite_the_party(project: ScratchProject) -> None:
    project.edit(project.article(), CLAIM, "by DeepSeek's own account. [@techcrunch, self-reported]")
    line, column = where(project.article(), "[@techcrunch, self-reported]")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{ARTICLE}:{line}:{column}: error: a self-reported claim must cite a source from "
            "the party itself (## What happened)\n"
            "  hint: cite the party's own source and mark it 'party: true' in sources"
            ) in result.err


def test_self_reported_table_value_must_cite_the_party(project: ScratchProject) -> None:
    project.edit(project.facts(), "    party: true  # DeepSeek's own announcement", "    # was")
    result = project.cli("check")
    assert result.code == 1
    line, column = where(project.facts(), "{value: 27% of V3.2, status: self-reported}")
    assert (f"{FACTS}:{line}:{column}: error: a self-reported value must cite a source from "
            "the party itself (numbers.tables[0].rows[5].cells[0])") in result.err
    # The prose claim is caught by the same rule.
    assert "a self-reported claim must cite a source from the party itself" in result.err


def test_unknown_status_in_prose_suggests_the_right_one(project: ScratchProject) -> None:
    project.edit(project.article(), CLAIM, "by DeepSeek's own account. [@deepseek-release, "
                                           "self reported]")
    line, column = where(project.article(), "[@deepseek-release, self reported]")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{ARTICLE}:{line}:{column}: error: unknown claim status 'self reported' in "
            "citation (## What happened)\n  hint: did you mean 'self-reported'?") in result.err


def test_unknown_status_in_a_table_suggests_the_right_one(project: ScratchProject) -> None:
    project.edit(project.facts(), "{value: 10% of V3.2, status: self-reported}",
                 "{value: 10% of V3.2, status: self-reportd}")
    line, column = where(project.facts(), "status: self-reportd")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{FACTS}:{line}:{column}: error: 'self-reportd' is not a known value "
            "(numbers.tables[0].rows[6].cells[0].status)\n"
            "  hint: did you mean 'self-reported'?") in result.err


def test_empty_status_after_the_comma_is_malformed(project: ScratchProject) -> None:
    project.edit(project.article(), CLAIM, "by DeepSeek's own account. [@deepseek-release, ]")
    line, column = where(project.article(), "[@deepseek-release, ]")
    result = project.cli("check")
    assert f"{ARTICLE}:{line}:{column}: error: malformed citation '[@deepseek-release, ]'" \
        in result.err


def test_not_disclosed_cell_says_so_never_blank(project: ScratchProject) -> None:
    project.edit(project.facts(), "            - not stated\n            - baseline",
                 "            - {status: not disclosed}\n            - baseline")
    project.build()
    row = next(tr for tr in project.page(PAGE).select("tbody tr")
               if "KV cache" in tr.th.get_text())
    cell = row.find_all("td")[1]
    assert cell.get_text(strip=True) == "not disclosed"
    assert cell.select_one(".status.status-not-disclosed").get_text() == "not disclosed"
    legend = [dt.get_text(strip=True) for dt in project.page(PAGE).select(".legend dt")]
    assert legend == ["self-reported", "not disclosed"]


def test_not_disclosed_cell_cannot_also_give_a_value(project: ScratchProject) -> None:
    project.edit(project.facts(), "            - not stated\n            - baseline",
                 "            - {value: 5% of V3.2, status: not disclosed}\n            - baseline")
    line, column = where(project.facts(), "{value: 5% of V3.2, status: not disclosed}")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{FACTS}:{line}:{column}: error: a value marked 'not disclosed' cannot also give "
            "'5% of V3.2' (numbers.tables[0].rows[6].cells[1])") in result.err


def test_a_status_on_an_empty_cell_is_refused(project: ScratchProject) -> None:
    project.edit(project.facts(), "            - not stated\n            - baseline",
                 "            - {status: estimate}\n            - baseline")
    line, column = where(project.facts(), "{status: estimate}")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{FACTS}:{line}:{column}: error: a cell marked 'estimate' has no value "
            "(numbers.tables[0].rows[6].cells[1])\n  hint: write the value, or use "
            "'status: not disclosed' when the party has not made it public") in result.err


def test_not_disclosed_in_prose_is_a_badge_in_words(project: ScratchProject) -> None:
    project.edit(project.article(), "rank. [@cfr]", "rank. [@cfr, not disclosed]")
    project.build()
    claim = project.page(PAGE).select(".claim")[-1]
    assert claim.select_one(".status").get_text() == "not disclosed"
