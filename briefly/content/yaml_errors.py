"""Plain words for a YAML syntax error, read from the lines around it.

PyYAML says what its parser expected ("expected <block end>, but found
'<block mapping start>'"), which tells an editor nothing.  The mistakes
behind such errors are few: a line indented a space off, a tab, a quote or
bracket never closed, a colon in an unquoted value.  Each shows in the text
near the parser's mark, so we read those lines, name the mistake and show
the fix; an error we do not recognise keeps the parser's words.

A broken file may be hostile as well as mistaken: every reading here is one
pass over the lines with string methods, never a regular expression that
could backtrack.
"""

from __future__ import annotations

from typing import Callable

import yaml

from briefly.content.yaml_misfits import misfit_explained, over_indented
from briefly.content.yaml_quoting import colon_in_brackets, colon_in_value, quotes, tab, unclosed_bracket
from briefly.content.yaml_reading import Error, Explanation
from briefly.content.yaml_text_lines import text_pulled_left, uneven_text


def explain_syntax_error(text: str, error: yaml.MarkedYAMLError) -> Explanation | None:
    """The editor's mistake behind a parser error, or None when the text does not show one."""
    if error.problem_mark is None:
        return None
    found = Error.of(text, error)
    for explain in EXPLAINERS:
        explanation = explain(found)
        if explanation is not None:
            return explanation
    return None


EXPLAINERS: tuple[Callable[[Error], Explanation | None], ...] = (
    quotes, tab, unclosed_bracket, colon_in_brackets, over_indented,
    colon_in_value, uneven_text, text_pulled_left, misfit_explained)
