"""Checks on editors' Markdown: link schemes, images, raw HTML, accidental headings.

These mirror what the Markdown renderer (``views.markdown``) does (it drops
unsafe links and images and escapes HTML) so that ``check`` tells the editor *before* the page
quietly differs from what they wrote.  Each rule reports at the exact line and
column in the file, whether the text is an article section or a YAML field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefly.errors import BriefError
from briefly.content.text import SAFE_SCHEMES, strip_comments, url_scheme

# The target runs to the closing parenthesis, spaces, tabs and line breaks
# included: a browser drops those from "java<TAB>script:", so the renderer
# does, and the link it removes must not pass unremarked.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^()<>]*)")
# Linear-time patterns: no character class may run past the character that
# ends a match attempt, or a file of "<a <a <a" takes minutes (see limits.py).
_REF_DEF = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*<?(\S+?)>?(\s|$)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_RAW_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|&#|&[a-z]+;")
_CODE = re.compile(r"(`+)(?:.|\n)*?\1|^(```|~~~).*?^\2", re.M | re.S)
_IMAGE = re.compile(r"!\[[^\[\]]*\]\s*[(\[]")
# Python-Markdown needs no space after '#': "#2 on the index" becomes <h1>.
_HASH_LINE = re.compile(r"^ {0,3}(#{1,6})(?=[^#\s])", re.M)


@dataclass
class TextField:
    """A piece of Markdown and where its first character sits."""

    text: str
    path: str  # file
    line: int
    column: int
    literal: bool  # True when line offsets inside the text map to file lines
    field: str

    def locate(self, offset: int) -> tuple[int, int]:
        """File line and column of a character; the field's own for folded YAML."""
        if not self.literal:
            return self.line, self.column
        before = self.text[:offset]
        line = self.line + before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1 if self.column else 0
        return line, column


def _blank_out(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def check_markdown(text: TextField) -> list[BriefError]:
    """Problems in one Markdown text; comments and code are not looked at."""
    source = _CODE.sub(_blank_out, strip_comments(text.text, keep_length=True))
    problems: list[BriefError] = []

    def report(offset: int, message: str, hint: str, severity: str = "error") -> None:
        line, column = text.locate(offset)
        problems.append(BriefError(text.path, line, column, message, text.field, hint,
                                   severity))  # type: ignore[arg-type]

    for pattern in (_INLINE_LINK, _REF_DEF, _AUTOLINK):
        for match in pattern.finditer(source):
            scheme = url_scheme(match.group(1))  # as a browser reads it: &#106;avascript:
            if scheme is not None and scheme not in SAFE_SCHEMES:
                report(match.start(1), f"links may not use the '{scheme}:' scheme",
                       "link to an https:// address")
    for match in _IMAGE.finditer(source):
        report(match.start(), "images are not supported: pages load nothing from other sites",
               "describe the figure in words, or put its numbers in a table in facts.yaml")
    for match in _HASH_LINE.finditer(source):
        word = source[match.start(1):].split(None, 1)[0]
        report(match.start(1), f"this line starts with '{word}', so it becomes a heading",
               f"write '\\{word}' to keep it as text, or move it off the start of the line",
               "warning")
    masked = _AUTOLINK.sub(_blank_out, source)
    first_html = _RAW_HTML.search(masked)  # once per text: the policy, not every tag
    if first_html:
        report(first_html.start(), f"raw HTML '{first_html.group(0)[:30]}' is shown as text, "
               "not as HTML", "use Markdown instead: **bold**, *italic*, [text](https://…)",
               "warning")
    return problems
