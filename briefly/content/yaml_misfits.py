"""Explaining a line that fits none of the indentation levels around it.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from briefly.content.yaml_reading import Error, Explanation, after_dash, commonest_step, indented, is_list_item, one_word, spaces, text_indented
from briefly.content.yaml_structure import Columns, Level, Line, Misfit, block_text_parent, indent_explanation, nearest, opens, structure
from briefly.content.yaml_text_lines import left_early, left_of_block, text_left_early


def misfit_explained(error: Error) -> Explanation | None:
    """A line between the columns of its neighbours, found near the parser's mark.

    The parser notices a misplaced line only where the structure it expected
    ends, so its mark may sit on the line after the culprit; we read the
    columns from the top and take the first line that fits none of them,
    provided it lies where the parser was looking.
    """
    if not error.problem.startswith(("expected <block end>", "expected '<document start>'")):
        return None
    columns = Columns()
    lines = list(structure(error.lines, len(error.lines)))
    for index, line in enumerate(lines):
        if line.number > error.line:
            break
        misfit = columns.deeper_than_allowed(line) if line.number == error.line else None
        if misfit is not None:
            pulled = text_left_early(error, line, columns) or left_of_block(line, columns)
            if pulled is not None:
                return pulled
        misfit = misfit or columns.place(line)
        if misfit is not None:
            if line.number >= (error.context_line or 1):
                return misfit_message(misfit, lines[index + 1:])
            break
    if error.problem.endswith(("'<block mapping start>'", "'<block sequence start>'")):
        return Explanation(error.line, error.column,
                           "this line's indentation does not match the lines above it",
                           "the keys of one mapping, and the '- ' items of one list, "
                           "start in the same column")
    return None


def misfit_message(misfit: Misfit, after: Sequence[Line]) -> Explanation:
    line = misfit.line
    above = misfit.after
    if (above is not None and above.number == line.number - 1
            and block_text_parent(above) >= line.indent):
        return Explanation(line.number, line.indent + 1,
                           f"{text_indented(line.indent)}, no deeper than "
                           f"the '{above.label}' it belongs to",
                           f"indent the text more than line {above.number}, or that line less")
    if not any(level.holds(line) for level in misfit.between):
        return opener_too_deep(line, misfit) or mixed(line)
    level = nearest(line, misfit.between)
    opener = first_item_off(line, level, misfit.between, misfit.steps)
    if opener is not None:
        return opener
    # Several lines may share the odd column: whichever column most of the
    # siblings use is the pattern, and the other one is the mistake.
    odd, usual = 1, level.holds(line)
    for later in after:
        if later.indent <= misfit.parent_indent:
            break
        if later.item == line.item:
            odd += later.indent == line.indent
            usual += later.indent == level.indent
    first = level.firsts[line.item]
    if odd > usual and not first.inline:
        return indent_explanation(first, line.indent, line)
    return indent_explanation(line, level.indent, level.last)


def opener_too_deep(line: Line, misfit: Misfit) -> Explanation | None:
    """``tables:`` indented past the ``- `` items that follow it, which then belong nowhere."""
    opener = misfit.after
    if opener is None or not opens(opener) or opener.indent <= line.indent:
        return None
    level = next((lv for lv in misfit.between if lv.last is opener), None)
    if level is None or level.first is not opener or level.step < 0:
        return None
    target = opener.indent - level.step + commonest_step(misfit.steps, level.step)
    if target < 0 or target > line.indent or (target == line.indent and not line.item):
        return None
    return Explanation(opener.number, opener.indent + 1,
                       f"{indented(opener.indent)}, more than the lines under it",
                       f"indent it {spaces(target)}, so that the lines under it "
                       f"({spaces(line.indent)}) are inside it")


def mixed(line: Line) -> Explanation:
    """A '- ' item among keys, or a key among items: no column is the right one."""
    if line.item:
        return Explanation(line.number, line.indent + 1,
                           "this '- ' item is in the middle of key: value lines",
                           "give the list its own key (a line 'key:' with the items indented "
                           "under it), or remove the '- '")
    return Explanation(line.number, line.indent + 1,
                       "this key: value line is in the middle of a list of '- ' items",
                       "start it with '- ' to make it an item, or move it out of the list")


def over_indented(error: Error) -> Explanation | None:
    """``key:`` indented deeper than its siblings reads as the value above, wrapped.

    The parser then finds a second ``: `` in that value; the line's shape
    (nothing but a one-word key before the colon) says it was meant as a key.
    """
    if error.problem != "mapping values are not allowed here":
        return None
    raw = error.at(error.line)
    text = raw.lstrip(" ")
    indent = len(raw) - len(text)
    head = text[:error.column - 1 - indent]
    is_item = is_list_item(head)
    if is_item:
        head = after_dash(head)[1]
    if not one_word(head):
        return None
    columns = Columns.read(error.lines, error.line - 1)
    if not columns.levels or indent <= columns.levels[-1].indent:
        return None
    if columns.previous is None or opens(columns.previous):
        return None
    line = Line(error.line, indent, text, is_item)
    back = (text_left_early(error, line, columns) or left_of_block(line, columns)
            or left_early(line, columns))
    if back is not None:
        return back
    levels = columns.levels[::-1]
    level = nearest(line, levels)
    return (first_item_off(line, level, levels, columns.steps)
            or indent_explanation(line, level.indent, level.last))


def first_item_off(line: Line, level: Level, levels: Sequence[Level],
                    steps: Counter[int]) -> Explanation | None:
    """The first ``- key:`` of a list indented off, seen only on the line under it.

    Nothing fixes where a list's first item starts, so the parser accepts
    it and stumbles on the item's second key instead.  When moving the item
    line would both line its keys up and give the list the file's usual
    indentation, the item line is the mistake.
    """
    if line.item:
        return first_of_list_off(line, level, steps)
    if not level.first.inline or level.keys != 1 or level.items:
        return None
    holder = next((lv for lv in levels if lv.last.number == level.first.number
                   and lv.last.item and not lv.last.inline), None)
    if holder is None or holder.items != 1:
        return None
    first = holder.last
    # A list's first item either opened its column or joined its key's.
    step = holder.step if holder.first is first else 0
    shift = line.indent - level.indent
    usual_step = commonest_step(steps, step)
    if step < 0 or step == usual_step or step + shift != usual_step:
        return None
    where = "the line below" if line.number == first.number + 1 else f"line {line.number}"
    return Explanation(first.number, first.indent + 1,
                       f"{indented(first.indent)}; the lines under it "
                       f"need {first.indent + shift}",
                       f"indent it {spaces(first.indent + shift)}, so that "
                       f"'{level.first.label}' lines up with '{line.label}' on {where}")


def first_of_list_off(line: Line, level: Level, steps: Counter[int]) -> Explanation | None:
    """The first ``- value`` of a list indented off, and the second one right."""
    first = level.firsts.get(True)
    if first is None or level.items != 1 or first is not level.last:
        return None
    # A list's first item either opened its column or joined its key's.
    step = level.step if level.first is first else 0
    shift = line.indent - level.indent
    usual_step = commonest_step(steps, step)
    if step < 0 or step == usual_step or step + shift != usual_step:
        return None
    return indent_explanation(first, line.indent, line)
