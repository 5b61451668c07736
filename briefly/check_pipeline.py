"""The ``check`` command's pipeline: read and check every brief, as a build does.

No cache and no output: what a pull request's check says must not depend on
what an earlier build left behind.  The steps are the build's own
(``load_brief``, ``check_brief``, ``check_across_briefs``), so ``check``
passes exactly when ``build`` would find nothing wrong.
"""

from __future__ import annotations

from datetime import date

from briefly.content.brief_places import brief_places
from briefly.content.check_brief import check_brief
from briefly.content.check_history import check_since
from briefly.content.check_site import check_across_briefs
from briefly.content.config import load_config
from briefly.content.discover import discover
from briefly.content.history import Revision
from briefly.content.model import Brief, Library, Site, SiteConfig
from briefly.content.read import RawBrief, load_brief
from briefly.content.read_library import load_library
from briefly.content.site import assemble_site
from briefly.content.staleness import Today, stale_notes
from briefly.errors import BriefError, Diagnostics
from briefly.os_failures import CHECK_STOPPED, os_failure
from briefly.project import Project
from briefly.render.card_check import check_cards


def check_site(project: Project, *, drafts: bool = True, since: Revision | None = None,
               today: date | None = None) -> tuple[Site | None, Diagnostics]:
    """Read and check everything, as ``build`` does; a Site only if there are no errors.

    ``since``: also check that every fact changed since that revision is
    logged.  ``today``: also note what has gone stale by that day (the
    library never reads the clock: the command line does).
    """
    problems = Diagnostics()
    try:
        config, checked, library = check_briefs(project, problems)
    except OSError as failure:
        problems.add(os_failure(failure, project.root, CHECK_STOPPED))
        return None, problems
    check_cards(checked, problems)  # build finds the same, brief by brief
    if since is not None:
        check_since(since, checked, today or date.today(), problems)
    if today is not None and config is not None:
        for raw, brief in checked:
            stale_notes(raw, brief, Today(today, config.stale_after_days), problems)
    if config is None or problems.errors:
        return None, problems
    return assemble_site(config, [brief for _, brief in checked], drafts, library), problems


def check_briefs(project: Project, problems: Diagnostics
                 ) -> tuple[SiteConfig | None, list[tuple[RawBrief, Brief]], Library]:
    """The settings, every brief that passes its checks with its raw files, and the
    shared content they draw on."""
    config = load_config(project.root, problems)
    library = load_library(project.content, project.root, problems)
    folders, strays = discover(project.content, project.root)
    problems.extend(strays)
    checked, places = [], {}
    for folder in folders:
        try:
            raw = load_brief(folder, project.root, project.content)
        except BriefError as problem:
            problems.add(problem)
            continue
        if (brief := check_brief(raw, problems, library)) is not None:
            checked.append((raw, brief))
            places[brief.facts_path] = brief_places(brief, raw.positions)
    check_across_briefs([brief for _, brief in checked], problems, places, library)
    return config, checked, library
