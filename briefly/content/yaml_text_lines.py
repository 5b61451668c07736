"""Explaining a line of wrapped or block text that left its value's indentation.
"""

from __future__ import annotations



from briefly.content.yaml_reading import Error, Explanation, indent_of, indented, is_list_item, spaces, starts_with_key, text_indented
from briefly.content.yaml_structure import Columns, Line, block_text_parent, indent_explanation, opens


def text_left_early(error: Error, line: Line, columns: Columns) -> Explanation | None:
    """A line of a ``|`` or ``>`` text pulled left, out of the text, which then goes on.

    The line ends the text and reads as a key (prose often holds ``: ``);
    the text's next line, back in the text's column, is what the parser
    refuses.
    """
    pulled, opener = columns.previous, columns.earlier
    if pulled is None or opener is None or pulled.number <= opener.number + 1:
        return None
    parent = block_text_parent(opener)
    if parent < 0 or pulled.indent > parent or starts_with_key(pulled.content):
        return None
    above = next((number for number in range(pulled.number - 1, opener.number, -1)
                  if error.at(number).strip()), 0)
    if not above or indent_of(error.at(above)) != line.indent:
        return None
    where = "the line above" if above == pulled.number - 1 else f"line {above}"
    return Explanation(pulled.number, pulled.indent + 1,
                       f"{indented(pulled.indent)}; the other lines of this text use "
                       f"{line.indent}",
                       f"line it up with {where} ({spaces(line.indent)})")


def left_of_block(line: Line, columns: Columns) -> Explanation | None:
    """The first key under ``quote:`` not indented, the keys after it indented.

    That key leaves ``quote`` empty, and the next line, indented as the
    quote's keys are, is what the parser refuses.
    """
    first, opener = columns.previous, columns.earlier
    if first is None or opener is None or not opens(opener) or first.item:
        return None
    if first.indent > opener.indent or line.indent <= opener.indent or line.item:
        return None
    return Explanation(first.number, first.indent + 1,
                       f"{indented(first.indent)}; the lines under '{opener.label}' use "
                       f"{line.indent}",
                       f"indent it {spaces(line.indent)}, like line {line.number}, to put it "
                       f"under '{opener.label}' on the line above")


def left_early(line: Line, columns: Columns) -> Explanation | None:
    """A key moved left out of its mapping, seen only on the next line, which stayed.

    ``speaker:`` pulled to the margin ends the ``quote`` mapping; the next
    line, still in the quote's column, then reads as the speaker's value
    wrapped.  The column the next line returns to says where ``speaker:``
    belonged.
    """
    previous = columns.previous
    if previous is None or previous.indent >= line.indent:
        return None
    ended = next((level for level in columns.closed
                  if level.indent == line.indent and level.holds(line)), None)
    if ended is None or ended.holds(previous) == 0:
        return None
    return indent_explanation(previous, ended.indent, ended.last)


def uneven_text(error: Error) -> Explanation | None:
    """A line of a ``|`` or ``>`` text indented less than the text's first line.

    The first line sets the text's indentation, so one line further left
    ends the text there and the parser finds a stray value.
    """
    if not error.problem.startswith("expected <block end>"):
        return None
    columns = Columns.read(error.lines, error.line - 1)
    opener = columns.previous
    if opener is None or opener.number >= error.line - 1:
        return None
    parent = block_text_parent(opener)
    raw = error.at(error.line)
    indent = indent_of(raw)
    if parent < 0 or indent <= parent or is_list_item(raw.strip()) or starts_with_key(raw.strip()):
        return None  # a key or an item after the text, not more of the text
    body = [(number, indent_of(error.at(number)))
            for number in range(opener.number + 1, len(error.lines) + 1)
            if error.at(number).strip()]
    ends = next((i for i, (_, depth) in enumerate(body) if depth <= parent), len(body))
    body = body[:ends]
    if not body or body[0][0] == error.line:
        return None
    first_line, first = body[0]
    odd = sum(depth == indent for _, depth in body)
    usual = sum(depth == first for _, depth in body)
    step = parent + columns.usual_step
    if odd > usual or (odd == usual and indent == step != first):
        # The first line is the odd one out: it set the indentation the rest miss.
        return Explanation(first_line, first + 1,
                           f"{indented(first)}; the other lines of this text use {indent}",
                           f"line it up with line {error.line} ({spaces(indent)})")
    where = "the line above" if first_line == error.line - 1 else f"line {first_line}"
    return Explanation(error.line, indent + 1,
                       f"{indented(indent)}; the other lines of this text use {first}",
                       f"line it up with {where} ({spaces(first)})")


def text_pulled_left(error: Error) -> Explanation | None:
    """A line of a ``|`` or ``>`` text indented no deeper than its key.

    It ends the text, and being prose, not ``key: value``, the parser
    reports a missing colon, often a line or two further down.
    """
    if error.context != "while scanning a simple key" or not error.context_line:
        return None
    number = error.context_line
    columns = Columns.read(error.lines, number - 1)
    opener = columns.previous
    indent = indent_of(error.at(number))
    parent = block_text_parent(opener) if opener is not None else -1
    if opener is None or parent < 0 or indent > parent:
        return None
    around = [n for n in (*range(number - 1, opener.number, -1), number + 1)
              if error.at(n).strip() and indent_of(error.at(n)) > parent]
    if not around:
        return Explanation(number, indent + 1,
                           f"{text_indented(indent)}, no deeper than "
                           f"the '{opener.label}' it belongs to",
                           f"indent the text more than line {opener.number}, or that line less")
    sibling = around[0]
    depth = indent_of(error.at(sibling))
    where = {number - 1: "the line above", number + 1: "the line below"}.get(
        sibling, f"line {sibling}")
    return Explanation(number, indent + 1,
                       f"{indented(indent)}; the other lines of this text use {depth}",
                       f"line it up with {where} ({spaces(depth)})")
