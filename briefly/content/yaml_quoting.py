"""Quotes, tabs, brackets and colons: the mistakes a parser error points straight at.

Each explainer looks at the lines around the parser's mark and either names
the mistake with its fix or says nothing, leaving the parser's own words.
"""

from __future__ import annotations



import yaml

from briefly.content.yaml_reading import COLON_MESSAGE, Error, Explanation, FLOW_COLON_MESSAGE, in_quotes, indent_of, is_list_item, key_before, key_colon_at, shorten, spaces, starts_with_key, value_after, without_comment
from briefly.content.yaml_structure import Columns, block_text_parent, inner_column, line_up, opens


def quotes(error: Error) -> Explanation | None:
    """A quote never closed, or closed too early by a quote inside the value.

    An unclosed quote runs on until the next quote character in the file,
    often a line or two down, and the parser complains there; the quoted
    value spanning lines up to the complaint is what gives it away.
    """
    if error.context == "while scanning a quoted scalar" and error.context_line:
        return never_closed(error, error.context_line, error.context_column)
    if not error.problem.startswith("expected"):
        return None
    token = last_quoted_value(error)
    if token is None or token.end_mark.line + 1 != error.line:
        return None
    if token.start_mark.line + 1 < error.line:
        return never_closed(error, token.start_mark.line + 1, token.start_mark.column + 1)
    if error.problem.endswith("but found '<scalar>'"):
        return closed_early(token)
    return None


def last_quoted_value(error: Error) -> yaml.ScalarToken | None:
    last = None
    try:
        for token in yaml.scan(error.text, Loader=yaml.SafeLoader):
            start = token.start_mark
            if (start.line + 1, start.column + 1) >= (error.line, error.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    return last


def never_closed(error: Error, line: int, column: int) -> Explanation:
    text = error.at(line)
    quote = text[column - 1] if 0 < column <= len(text) else '"'
    hint = f"add the closing {quote} at the end of the value"
    opened_inside_brackets = any(c in "[{" for c in text[:column - 1])
    if not opened_inside_brackets:
        hint += ": " + shorten(text.strip() + quote)
    return Explanation(line, column, "this quote is never closed", hint)


def closed_early(token: yaml.ScalarToken) -> Explanation:
    quote = token.style
    if quote == "'":
        hint = """inside '…' write each ' as two ('') or put the whole value in "…" instead"""
    else:
        hint = """inside "…" write each " as \\" or put the whole value in '…' instead"""
    return Explanation(token.start_mark.line + 1, token.start_mark.column + 1,
                       f"this value's closing {quote} comes too early, after "
                       f"'{shorten(token.value, 40)}'", hint)


def tab(error: Error) -> Explanation | None:
    if "found character '\\t'" not in error.problem:
        return None
    line = error.at(error.line)
    if line[:error.column - 1].strip(" "):
        return Explanation(error.line, error.column,
                           "this line has a tab where YAML needs a space",
                           "replace the tab with a space")
    return Explanation(error.line, error.column,
                       "this line is indented with a tab; YAML indents with spaces only",
                       "replace the tab with spaces" + tab_indent(error))


def tab_indent(error: Error) -> str:
    """How many spaces the tab stands for: the column the lines above say it belongs in."""
    columns = Columns.read(error.lines, error.line - 1)
    previous = columns.previous
    if previous is None:
        return ""
    text_parent = block_text_parent(previous)
    if text_parent >= 0 and starts_with_key(error.at(error.line).lstrip(" \t")):
        text_parent = -1  # a key after a block of text, not more of the text
    if text_parent >= 0 and previous.number < error.line - 1:
        above = error.at(error.line - 1)
        if above.strip():
            return f": {spaces(indent_of(above))}, like the line above"
    if text_parent >= 0:
        return f": {spaces(text_parent + 2)}, 2 more than '{previous.label}' above"
    if opens(previous):
        return f": {spaces(inner_column(previous) + 2)}, 2 more than the line above"
    if not columns.levels:
        return ""
    level = columns.levels[-1]
    return ": " + line_up(level.indent, level.last, error.line)


def unclosed_bracket(error: Error) -> Explanation | None:
    """A ``[`` or ``{`` whose closing bracket never comes, so the file ends inside it."""
    if error.context == "while parsing a flow node" and error.problem.endswith("'<stream end>'"):
        line, column = last_open_bracket(error)
    elif error.context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        line, column = error.context_line, error.context_column
        if not line or error.line <= line or closes_on_its_line(error.at(line), column):
            return None
    else:
        return None
    opening = error.at(line)[column - 1:column] if line else ""
    if opening not in ("[", "{"):
        return None
    closing, what = ("]", "list") if opening == "[" else ("}", "entry")
    return Explanation(line, column, f"this {opening} is never closed",
                       f"add the closing {closing} at the end of the {what}, on the same line")


def closes_on_its_line(text: str, column: int) -> bool:
    opening = text[column - 1:column]
    closing = "]" if opening == "[" else "}"
    depth = 0
    for char in text[column - 1:]:
        depth += (char == opening) - (char == closing)
    return depth <= 0


def last_open_bracket(error: Error) -> tuple[int, int]:
    """The innermost bracket still open when the file ends, from the scanner's tokens."""
    opened: list[yaml.Token] = []
    try:
        for token in yaml.scan(error.text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                if opened:
                    opened.pop()
    except yaml.YAMLError:
        pass
    if not opened:
        return 0, 0
    mark = opened[-1].start_mark
    return mark.line + 1, mark.column + 1


def colon_in_brackets(error: Error) -> Explanation | None:
    if not (error.problem.startswith("expected ',' or") and error.problem.endswith("but got ':'")):
        return None
    if error.line != error.context_line:
        return None
    text = error.at(error.line)
    colon = error.column - 1
    if text[colon:colon + 1] != ":":
        return None
    key_colon = text.rfind(": ", 0, colon)
    opener = max(text.rfind(",", 0, colon), text.rfind("{", 0, colon), text.rfind("[", 0, colon))
    start = max(key_colon + 1, opener) + 1
    while start < colon and text[start] == " ":
        start += 1
    ends = [i for i in (text.find(",", colon), text.find("}", colon), text.find("]", colon))
            if i != -1]
    end = min(ends) if ends else len(text)
    value = text[start:end].strip()
    if not value:
        return None
    quoted = in_quotes(value)
    key = ""
    if key_colon > opener:
        key_start = max(text.rfind(",", 0, key_colon), text.rfind("{", 0, key_colon),
                        text.rfind("[", 0, key_colon)) + 1
        key = text[key_start:key_colon].strip()
    fixed = f"{key}: {quoted}" if key else quoted
    return Explanation(error.line, start + 1, FLOW_COLON_MESSAGE + shorten(quoted),
                       f"write {shorten(fixed)}")


def colon_in_value(error: Error) -> Explanation | None:
    """``dek: Why it matters: prices fall``: the second ``: `` needs the value quoted."""
    if error.problem != "mapping values are not allowed here":
        return None
    key_line, key, value = value_with_colon(error)
    if not key or not value or value[0] in "\"'":
        return None
    prefix = "- " if is_list_item(error.at(key_line).lstrip(" ")) else ""
    return Explanation(error.line, error.column, COLON_MESSAGE,
                       f"write it in quotes: {prefix}{key}: {shorten(in_quotes(value))}")


def value_with_colon(error: Error) -> tuple[int, str, str]:
    """The line of the key, the key, and its whole plain value (wrapped lines joined)."""
    raw = error.at(error.line)
    indent = indent_of(raw)
    key_at = key_colon_at(raw, indent)
    if 0 <= key_at < error.column - 1:
        return error.line, key_before(raw, key_at), value_after(raw, key_at)
    # The colon is on a wrapped line: the value starts on the nearest line
    # above that is indented less.
    wrapped = [raw.strip()]
    number = error.line - 1
    while number >= 1:
        above = error.at(number)
        text = above.strip()
        if text and not text.startswith("#"):
            if indent_of(above) < indent:
                break
            wrapped.append(text)
        number -= 1
    above = error.at(number)
    key_at = key_colon_at(above, indent_of(above))
    if number < 1 or key_at < 0:
        return 0, "", ""
    parts = [value_after(above, key_at), *reversed(wrapped)]
    value = without_comment(" ".join(part for part in parts if part)).rstrip()
    return number, key_before(above, key_at), value
