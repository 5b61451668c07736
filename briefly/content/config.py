"""The site settings file (``briefly.yaml``), checked like any other input."""

from __future__ import annotations

from pathlib import Path

from briefly.errors import BriefError, Diagnostics
from briefly.content.read import display_path, read_text
from briefly.content.located_yaml import parse_yaml
from briefly.content.model import SiteConfig
from briefly.content.spec import Field, Obj, Text, Url, Whole
from briefly.content.spec_check import Checker

CONFIG_NAME = "briefly.yaml"

CONFIG = Obj(doc="Site settings.", fields={
    "title": Field(Text(doc="The site's name, shown in every page's header."), required=True),
    "tagline": Field(Text(doc="One line under the title on the home page."), default=""),
    "base_url": Field(Url(doc="The address the site is published at, e.g. "
                              "https://example.org/briefs/."), required=True),
    "language": Field(Text(doc="The language of the briefs, e.g. en-GB."), default="en"),
    "publisher": Field(Text(doc="The newsroom's name, for feeds and structured data."),
                       required=True),
    "publisher_url": Field(Url(doc="The newsroom's own web address, if any.")),
    "stale_after_days": Field(Whole(doc="How old an as_of date on a time-sensitive value "
                                        "(a price, a ranking) may be before `stale` lists it."),
                              default=180),
})


def load_config(root: Path, diagnostics: Diagnostics) -> SiteConfig | None:
    """Read and check ``briefly.yaml``; None (with errors reported) if unusable."""
    path = root / CONFIG_NAME
    shown = display_path(path, root)
    try:
        data, positions = parse_yaml(read_text(path, shown), shown)
    except FileNotFoundError:
        diagnostics.error(shown, 0, 0, "the site settings file is missing",
                          hint="create briefly.yaml with title, base_url and publisher")
        return None
    except BriefError as problem:
        diagnostics.add(problem)
        return None
    before = len(diagnostics.errors)

    def report(path: tuple, message: str, hint: str) -> None:
        key = path[:-1] if path and path[-1] == "@missing" else path
        while key and key not in positions:
            key = key[:-1]
        pos = positions.get(key)
        diagnostics.error(shown, pos.line if pos else 1, pos.column if pos else 1, message,
                          ".".join(str(p) for p in key), hint)

    values = Checker(report=report).check(CONFIG, data or {}, ())
    if len(diagnostics.errors) > before:
        return None
    base_url = values["base_url"] if values["base_url"].endswith("/") else values["base_url"] + "/"
    return SiteConfig(title=values["title"], tagline=values["tagline"], base_url=base_url,
                      language=values["language"], publisher=values["publisher"],
                      publisher_url=values["publisher_url"],
                      stale_after_days=values["stale_after_days"])
