"""YAML that remembers where every value came from.

Editors need ``path:line:col`` for every mistake, and PyYAML's ``safe_load``
forgets positions, keeps the last of duplicate keys silently and expands
aliases without limit.  Here nodes are composed and walked by hand: every
mapping key and list item keeps its line and column, duplicates and aliases
are errors, and only plain YAML types (no ``!!python/...`` tags) are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from briefly.errors import BriefError
from briefly.content.limits import MAX_YAML_DEPTH
from briefly.content.yaml_errors import explain_syntax_error

# A field path inside a fact sheet: ("numbers", "tables", 0, "rows", 2).
FieldPath = tuple[Any, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The tags a fact sheet may carry (implicit ones included): anything else,
# e.g. !!python/object, is refused instead of being built or silently ignored.
_ALLOWED_TAGS = frozenset("tag:yaml.org,2002:" + name for name in
                          ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))


@dataclass(frozen=True)
class Position:
    """Where a value starts (1-based) and, for text, how its lines map back."""

    line: int
    column: int
    literal: bool = False  # a ``|`` block scalar: its lines match the file's


def parse_yaml(text: str, shown: str) -> tuple[Any, dict[FieldPath, Position]]:
    """Parse YAML safely, keeping a position for every mapping key and item.

    We compose nodes ourselves instead of calling ``safe_load`` because PyYAML
    keeps the last of duplicate keys silently and expands aliases without
    limit; here both are errors, and every value keeps its line.
    """
    loader = _Loader(text)
    try:
        if nesting_bound(text) > SAFE_TO_COMPOSE:
            _check_depth(text, shown)
        node = loader.get_single_node()
        if node is None:
            return None, {(): Position(1, 1)}
        positions: dict[FieldPath, Position] = {(): _position(node)}
        seen: set[int] = set()
        value = _construct(loader, node, (), positions, shown, seen, 1)
        return value, positions
    except yaml.MarkedYAMLError as fast_error:
        if "nesting depth" in str(fast_error.problem):
            # Some libyaml builds stop at 1,000 levels, before our own limit can
            # be reached on the events; the Python parser streams lazily, so the
            # same file gets the same message whichever PyYAML is installed.
            _check_depth(text, shown, yaml.SafeLoader)
        exc = _pure_python_error(text) or fast_error
        plain = explain_syntax_error(text, exc)
        if plain is not None:
            raise BriefError(shown, plain.line, plain.column, plain.message,
                             hint=plain.hint) from None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise BriefError(shown, line, column, f"YAML syntax error: {problem}",
                         hint=_yaml_hint(problem)) from None
    except yaml.YAMLError as exc:
        raise BriefError(shown, 0, 0, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()


# Nesting the composer (libyaml's recursion in C) survives with a wide margin;
# past it, the event stream is walked first (a few thousand levels crash it).
SAFE_TO_COMPOSE = 200
# Characters that make the line count or the columns below uncertain.
_UNUSUAL = re.compile("[\t\r\ufeff\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE_START = re.compile(r"^( *)((?:[-?:] +)*)", re.MULTILINE)
_INDICATOR = re.compile(r"[-?:] +")
_MARKER_WITH_CONTENT = re.compile(r"^ *(?:---|\.\.\.) *[^\s]", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """How deep the text's lists and mappings can possibly nest, without parsing it.

    Walking the event stream only to measure depth costs about a quarter of
    reading a fact sheet; this bound lets ordinary files skip it, and
    :func:`_construct` then counts the exact depth as it goes.  A block
    collection starts at a line's indentation or after a compact ``- ``,
    ``? `` or ``: ``; nested ones start further right, except a list that is
    a mapping's value, so each such column holds at most two levels.  Flow
    collections need a bracket each, and at most one implicit ``[a: b]``
    mapping each.  Anything unusual counts as too deep to guess.
    """
    text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text) or (("---" in text or "..." in text)
                                 and _MARKER_WITH_CONTENT.search(text)):
        return len(text) + 1
    columns: set[int] = set()
    # Lines alike in indentation and leading indicators add the same columns:
    # one regular-expression pass, then a few distinct starts to expand.
    for indent, indicators in set(_LINE_START.findall(text)):
        column = len(indent)
        columns.add(column)
        for match in _INDICATOR.finditer(indicators):
            columns.add(column + match.end())
    return 2 * len(columns) + 2 * (text.count("[") + text.count("{"))


def _check_depth(text: str, shown: str, loader: type | None = None) -> None:
    """Refuse deep nesting from the event stream, before composing recursively.

    PyYAML composes and we construct nodes recursively, so ``[[[[...`` a
    few thousand levels deep would end in a RecursionError traceback; the
    event parser is iterative and cheap.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader or _Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _too_deep(shown, event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _too_deep(shown: str, mark: yaml.Mark) -> BriefError:
    return BriefError(shown, mark.line + 1, mark.column + 1,
                      f"the values are nested more than {MAX_YAML_DEPTH} levels deep",
                      hint="a fact sheet needs at most 7 levels; check the brackets and "
                           "indentation")


def _pure_python_error(text: str) -> yaml.MarkedYAMLError | None:
    """Re-parse a broken file with PyYAML's Python parser for its error.

    libyaml is fast but points one column past the culprit and words its
    messages less plainly; failures are rare, so the second parse is cheap.
    """
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return exc
    except RecursionError:
        return None  # deep nesting libyaml refused; the Python parser recurses on it
    return None


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return 'a value containing ": " must be quoted, e.g. headline: "V4: the numbers"'
    if "found character '\\t'" in problem:
        return "YAML indents with spaces, not tabs"
    if "nesting depth" in problem:
        return "a fact sheet needs at most 7 levels; check the brackets and indentation"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the quotes on the line above"
    return ""


def _position(node: yaml.Node) -> Position:
    literal = isinstance(node, yaml.ScalarNode) and node.style == "|"
    return Position(node.start_mark.line + 1, node.start_mark.column + 1, literal)


def _construct(loader: Any, node: yaml.Node, path: FieldPath,
               positions: dict[FieldPath, Position], shown: str, seen: set[int],
               depth: int) -> Any:
    if id(node) in seen:
        # An alias: refuse it rather than expand it (the "billion laughs" bomb).
        mark = node.start_mark
        raise BriefError(shown, mark.line + 1, mark.column + 1,
                         "YAML anchors and aliases (& and *) are not supported",
                         hint="write the value out in full")
    if node.tag == "tag:yaml.org,2002:value" and isinstance(node, yaml.ScalarNode):
        return node.value  # a bare "=" is text to an editor, not YAML's value key
    if node.tag not in _ALLOWED_TAGS:
        mark = node.start_mark
        raise BriefError(shown, mark.line + 1, mark.column + 1,
                         f"the YAML tag '{_short_tag(node.tag)}' is not allowed",
                         field=_format_path(path),
                         hint="fact sheets hold plain text, numbers, dates, lists and "
                              "mappings; remove the tag")
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and depth > MAX_YAML_DEPTH:
        raise _too_deep(shown, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        result: dict[Any, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise BriefError(shown, key_node.start_mark.line + 1,
                                 key_node.start_mark.column + 1, "a key must be plain text")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise BriefError(shown, key_node.start_mark.line + 1,
                                 key_node.start_mark.column + 1,
                                 "YAML merge keys (<<) are not supported",
                                 hint="write the keys out in full")
            key = str(key_node.value)
            if key in result:
                raise BriefError(shown, key_node.start_mark.line + 1,
                                 key_node.start_mark.column + 1,
                                 f"duplicate key '{key}' (first written on line "
                                 f"{first_lines[key]})",
                                 field=_format_path(path + (key,)),
                                 hint="each key may appear once; delete or merge the repeat")
            first_lines[key] = key_node.start_mark.line + 1
            child = path + (key,)
            key_pos = _position(key_node)
            value_pos = _position(value_node)
            positions[child] = Position(key_pos.line, key_pos.column, value_pos.literal)
            if isinstance(value_node, yaml.ScalarNode):
                # Where the text itself starts, for a problem with the text
                # as a whole rather than with the key (the social card's).
                positions[child + ("@value",)] = value_pos
            if value_pos.literal:
                # Lines of a literal block start on the line after the key.
                positions[child + ("@text",)] = Position(value_pos.line + 1, 1, True)
            result[key] = _construct(loader, value_node, child, positions, shown, seen,
                                     depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        items = []
        for index, item in enumerate(node.value):
            positions[path + (index,)] = _position(item)
            items.append(_construct(loader, item, path + (index,), positions, shown, seen,
                                    depth + 1))
        return items
    seen.add(id(node))
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:
        # A date-shaped value that is no real day (2026-02-30): keep the text so
        # the schema reports it with its field, and the rest of the file is checked.
        return str(node.value)
    except yaml.YAMLError as exc:
        raise BriefError(shown, node.start_mark.line + 1, node.start_mark.column + 1,
                         f"cannot read this value: {exc}", field=_format_path(path)) from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, (str, int, float, bool, date, type(None))):
        raise BriefError(shown, node.start_mark.line + 1, node.start_mark.column + 1,
                         f"unsupported YAML value of type {type(value).__name__}",
                         field=_format_path(path))
    return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _format_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part not in ("@text", "@value"):
            text += ("." if text else "") + str(part)
    return text


format_field_path = _format_path
