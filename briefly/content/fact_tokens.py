"""The facts inside a sentence: its numbers, dates and proper names.

Two rules read prose for facts rather than for words.  ``check --since``
must tell a correction ("$1.74" became "$1.80") from a rewording that
changes no fact, and ``stale`` must find dates that a sentence puts in the
future.  Both need the same small tokenizer: it is deliberately plain (a
few regular expressions, no language model), so an editor can predict what
it sees, and CONTRIBUTING.md describes its rules.

Names are capitalised words, joined when they follow one another ("Hugging
Face").  A capitalised word that only starts a sentence ("Weights are
live") is not taken for a name unless it is capitalised elsewhere in the
text too, or joined to another capitalised word; so moving a plain word to
the start of a sentence is not mistaken for a new fact.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from briefly.content.citations import CITATION
from briefly.content.text import strip_comments

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = (r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile("|".join([
    rf"\b(?P<d1>\d{{1,2}}){_ORD}\s+{_MONTH.format(g='m1')},?\s+(?P<y1>\d{{4}})\b",
    rf"\b{_MONTH.format(g='m2')}\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})\b",
    r"\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b",
    rf"\b{_MONTH.format(g='m4')},?\s+(?P<y4>\d{{4}})\b",
    rf"\b(?P<d5>\d{{1,2}}){_ORD}\s+{_MONTH.format(g='m5')}\b",
    rf"\b{_MONTH.format(g='m6')}\s+(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?\b",
    # A bare month only as a whole capitalised word, so "may" the verb is not one.
    r"\b(?P<m7>January|February|March|April|June|July|August|September|October|November|"
    r"December)\b",
    r"\b(?P<pre>in|by|during|until|before|after|from|since|early|late|mid)[\s-]+"
    r"(?P<y8>(?:19|20)\d{2})\b",
]))
_NAME_WORD = re.compile(r"[^\W\d_][\w]*(?:[-.'’&][\w]+)*|\d+[\w]*(?:[-.][\w]+)*")
_NUMBER = re.compile(r"(?<![\w.])(?:[$€£¥]\s?)?\d+(?:[,.]\d+)*"
                     r"(?:\s?%|[KMBTkx](?![A-Za-z])|(?:st|nd|rd|th)\b)?")
_NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|"
    r"half)\b", re.I)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s<>]+>?")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*+>]|\d+[.)]|#+)?[ \t]*$")
_STARTERS = frozenset("""a an the this that these those it its both each every all some
many most few in on at by for with without but and or so yet as if when while what which
who whom whose how why where there their they we our us he she his her him from to of
after before since until not no yes one also however meanwhile still only under over
according unlike like then whether although though because once now here today
last next first new""".split())


@dataclass(frozen=True)
class Token:
    """One fact in a text: ``text`` as written, ``key`` what it is compared by."""

    kind: str  # "number", "date" or "name"
    text: str
    key: str
    start: int  # offset in the text it was read from


@dataclass(frozen=True)
class DateMention:
    """A date written in prose, and the last day it can mean ("July 2026": the 31st)."""

    text: str
    start: int
    last_day: date | None  # None: no year given, or not a real day


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def readable(text: str) -> str:
    """The text with what is not prose blanked out, at the same offsets."""
    text = strip_comments(text, keep_length=True)
    for pattern in (CITATION, _LINK_TARGET):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def find_dates(text: str) -> list[DateMention]:
    """Every date in a text (already ``readable``), in order."""
    found = []
    for match in _DATE.finditer(text):
        groups = {k: v for k, v in match.groupdict().items() if v}
        start = match.start("y8") if "y8" in groups else match.start()
        shown = groups.get("y8") or match.group(0)
        found.append(DateMention(" ".join(shown.split()), start, _last_day(groups)))
    return found


def _last_day(groups: dict[str, str]) -> date | None:
    year = next((int(v) for k, v in groups.items() if k.startswith("y")), None)
    month_name = next((v for k, v in groups.items() if k.startswith("m")), None)
    day = next((int(v) for k, v in groups.items() if k.startswith("d")), None)
    if year is None:
        return None
    if month_name is None:
        return date(year, 12, 31)
    month = int(month_name) if month_name.isdigit() else _month_number(month_name)
    try:
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day)
    except ValueError:  # 31 February, month 13
        return None


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, month in enumerate(MONTHS, 1) if month.startswith(name[:3]))


def _date_key(mention: DateMention, groups_text: str) -> str:
    """'24 April 2026' and '2026-04-24' are the same fact."""
    if mention.last_day is not None and re.search(r"\d{1,2}\D+\d{4}|\d{4}-\d", groups_text):
        return mention.last_day.isoformat()
    return " ".join(groups_text.lower().split())


def fact_tokens(text: str, names_only: bool = False) -> list[Token]:
    """The numbers, dates and names of a Markdown text, in reading order.

    ``names_only`` is for fields that hold nothing but a name or a role
    ("Council on Foreign Relations"): every capitalised word counts there.
    """
    source = readable(text)
    tokens: list[Token] = []
    for match in _DATE.finditer(source):
        if match.group("y8"):  # "by 2027": the year is the fact, the word is wording
            start, shown = match.start("y8"), match.group("y8")
            tokens.append(Token("date", shown, shown, start))
            source = _blank(source, start, match.end())
            continue
        shown = " ".join(match.group(0).split())
        mention = find_dates(match.group(0))[0]
        tokens.append(Token("date", shown, _date_key(mention, shown), match.start()))
        source = _blank(source, match.start(), match.end())
    tokens.extend(_names(source, names_only))
    for match in _NUMBER.finditer(source):
        shown = re.sub(r"\s", "", match.group(0))
        tokens.append(Token("number", shown, shown.replace(",", ""), match.start()))
    for match in _NUMBER_WORDS.finditer(source):
        tokens.append(Token("number", match.group(0), match.group(0).lower(), match.start()))
    return sorted(tokens, key=lambda t: t.start)


def _names(source: str, every: bool = False) -> list[Token]:
    """Runs of capitalised words (the digits inside "V4-Pro" are not numbers: see _NUMBER)."""
    words = [m for m in _NAME_WORD.finditer(source)]
    capital = [m for m in words if _is_capital(m.group(0))]
    elsewhere = {m.group(0) for m in capital if not _starts_sentence(source, m.start())}
    groups: list[list[re.Match[str]]] = []
    for match in capital:
        if groups and source[groups[-1][-1].end():match.start()] == " ":
            groups[-1].append(match)
        else:
            groups.append([match])
    tokens = []
    for group in groups:
        first = group[0].group(0)
        if not every and _starts_sentence(source, group[0].start()) and _plain(first) and (
                first.lower() in _STARTERS or (len(group) == 1 and first not in elsewhere)):
            group = group[1:]
        if group and not (len(group) == 1 and len(group[0].group(0)) == 1):  # "/M", "I"
            shown = source[group[0].start():group[-1].end()]
            key = re.sub(r"['’]s$", "", shown)  # "DeepSeek's" names DeepSeek
            tokens.append(Token("name", shown, key, group[0].start()))
    return tokens


def _is_capital(word: str) -> bool:
    """A word a name is made of: capitalised, or with a capital or digit inside (iPhone)."""
    if word[0].isdigit():
        return any(c.isupper() for c in word) and any(c.isalpha() for c in word) and \
            not re.fullmatch(r"\d+(?:[.,]\d+)*[KMBTkx%]?", word)
    return word[0].isupper() or any(c.isupper() for c in word[1:])


def _plain(word: str) -> bool:
    """'Weights', not 'DeepSeek', 'V4' or 'MIT': only its first letter capital."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _starts_sentence(source: str, start: int) -> bool:
    """After a full stop, at the start of a line (or list item), or at the very start."""
    before = source[max(0, start - 400):start]
    if _LINE_START.search(before):
        return True
    return bool(_SENTENCE_END.search(before.rstrip()))
