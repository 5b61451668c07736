"""`new "Headline"`: scaffold a brief that an editor fills in, and its placeholders.

The scaffold is a draft (``draft: true``) whose every field holds a ``TODO:``
placeholder saying what goes there.  That way it passes ``check`` at once (so
the preview shows it while the editor writes), each placeholder left is a
warning that ``check --strict`` (the pull-request check) refuses, and a brief
that is no longer a draft may not keep a single one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from briefly.errors import BriefError
from briefly.content.read import ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, display_path
from briefly.content.slugs import SLUG_WORDS, propose_slug, slugify

SCHEMA_PATH = Path("schemas") / "facts.schema.json"


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def facts_template(headline: str, today: date, schema_ref: str) -> str:
    day = today.isoformat()
    return f"""\
# yaml-language-server: $schema={schema_ref}
# The fact sheet: everything but the two prose sections, which are in brief.md.
# Replace every TODO; `python build.py check` lists the ones left. Guide: CONTRIBUTING.md

# The small label above the headline; also the topic unless topics says otherwise.
kicker: "TODO: the beat, e.g. Open-weight models"
topics: ["TODO: a topic name"]
headline: {_q(headline)}
# The one-line brief under the headline.
dek: "TODO: the story in one line"
# The answer, shown first: one or two sentences, at most 60 words, with citations.
answer: >-
  TODO: the answer a reader needs, in one breath. [@source-id]

published: {day}
updated: {day}  # the last substantive change; log it under updates below
# A draft is left out of the published site; delete this line when it is ready.
draft: true
# aliases: [old-slug]  # old addresses of this brief; each gets a redirect
updates: []  # - {{date: YYYY-MM-DD, text: what changed}}

# The comparison tables under "## The numbers" in brief.md.
numbers:
  tables:
    - caption: "TODO: what the table compares"
      columns:  # the things compared, left to right
        - {{label: "TODO: first thing", cite: source-id}}
        - label: "TODO: what it is compared with"
          baseline: true
      rows:  # the measures: one cell per column, in the columns' order
        - label: "TODO: a measure, e.g. Context"
          cells:
            - "TODO: value"
            - not stated  # never guess a value the sources do not give
            # A figure other briefs give too belongs in content/facts/<entity>.yaml;
            # a cell then takes it, value, note and sources: - {{fact: <entity>.<key>}}

# An optional pull quote: uncomment and fill in, or leave it out.
# quote:
#   text: the quoted words, without quotation marks
#   speaker: who said it
#   role: their role
#   organisation: their organisation
#   source: source-id
#   context: what the quote means

# What to watch: one open question per item.
watch:
  - "TODO: an open question the story leaves"

# Questions readers ask, answered only from facts in the brief.
faq:
  - question: "TODO: a question readers ask?"
    answer: |-
      TODO: the answer, with citations. [@source-id]

# Every source the brief relies on; cite them by id as [@id]. Never invent a url.
# A source several briefs cite belongs in content/sources.yaml, in the same
# fields: cite it by its id there and do not list it here. With every source
# in the registry, write `sources: []`.
sources:
  - id: source-id
    title: "TODO: the source's title"
    publisher: "TODO: who published it"
    date: {day}
    # url: https://...  # only when you have the real address
    # party: true       # when the publisher is the party the brief is about
"""


ARTICLE_TEMPLATE = """\
## What happened

<!-- The story in a few short paragraphs: who did what, when, with the key
figures. Cite every fact: [@source-id] or [@id1; @id2]. -->
TODO: what happened. [@source-id]

## The numbers: TODO what they show

<!-- Keep the heading's "The numbers:" start and say what the figures show.
The prose around the comparison tables; the tables themselves are in facts.yaml. -->
TODO: what the numbers mean. [@source-id]
"""


def scaffold(root: Path, headline: str, today: date, slug: str = "") -> list[Path]:
    """Write a new brief's two files; raises BriefError rather than overwrite."""
    slug = slug or propose_slug(headline)[0]
    if not slug:
        raise BriefError("content/" + BRIEFS_DIR, 0, 0,
                         f"cannot make a slug from the headline {headline!r}",
                         hint='give one with --slug, e.g. --slug deepseek-v4')
    folder = root / "content" / BRIEFS_DIR / slug
    if folder.exists():
        raise BriefError(display_path(folder, root), 0, 0,
                         "a brief with this slug already exists; nothing was written",
                         hint="edit that brief, or choose another slug with --slug")
    schema_ref = Path(os.path.relpath(root / SCHEMA_PATH, folder)).as_posix()
    folder.mkdir(parents=True)
    facts, article = folder / FACTS_NAME, folder / ARTICLE_NAME
    facts.write_text(facts_template(headline, today, schema_ref), encoding="utf-8")
    article.write_text(ARTICLE_TEMPLATE, encoding="utf-8")
    return [facts, article]


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="scaffold a new brief (a draft) from its headline")
    new.add_argument("headline", help="the brief's headline, in quotes")
    new.add_argument("--slug", default="",
                     help="the brief's address (default: made from the headline)")
    new.set_defaults(handler=run_new)


def run_new(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if args.slug and slugify(args.slug) != args.slug:
        print(f"error: '{args.slug}' cannot be a slug; try '{slugify(args.slug)}'",
              file=sys.stderr)
        return 2
    headline = args.headline.strip()
    slug, shortened, left_out = propose_slug(headline)
    try:
        written = scaffold(root, headline, date.today(), args.slug or slug)
    except BriefError as problem:
        print(problem.format(), file=sys.stderr)
        return 1
    if not args.slug:
        # The slug is the brief's address for good: say what it lost, while it is
        # still free to change.
        how = f"shortened to {SLUG_WORDS} words; " if shortened else ""
        print(f"slug: {slug} ({how}choose another with --slug)")
        if left_out:
            print(f"left out of the slug: {' '.join(left_out)}")
    for path in written:
        print(f"wrote {display_path(path, root)}")
    print("Next: replace every TODO in both files (the brief stays a draft until you delete "
          "'draft: true'), then run: python build.py check")
    return 0
