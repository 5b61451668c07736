"""Deep nesting is refused the same way whether or not the event stream is walked first.

Ordinary fact sheets skip the walk (a bound read off the text says they
cannot nest deeply enough to crash the composer) and the depth is counted
while the values are built; the bound must therefore never be below the
real depth, or a hostile file could reach the composer unchecked.
"""

from __future__ import annotations

import random

import pytest
import yaml

from briefly.content import located_yaml
from briefly.content.limits import MAX_YAML_DEPTH
from briefly.errors import BriefError


def real_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def nested(rng: random.Random, level: int = 0) -> object:
    roll = rng.random()
    if level > 15 or roll < 0.3:
        return rng.choice(["text", "- dash", "[bracket]", "key: value", 7])
    if roll < 0.65:
        return [nested(rng, level + 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}": nested(rng, level + 1) for i in range(rng.randint(0, 3))}


def documents() -> list[str]:
    rng = random.Random(17)
    found = []
    for _ in range(400):
        value = nested(rng)
        for flow in (False, None, True):
            found.append(yaml.safe_dump(value, default_flow_style=flow,
                                        indent=rng.choice((2, 3, 4))))
    found += [text.replace("\n", "\r\n") for text in found[:200]]  # Windows line ends
    return found + [
        "- - - - - - - - - - - - - - x\n",  # compact lists, one line
        "? - - a\n: - - b\n",  # complex key and value, compact
        "a:\n- b:\n  - c:\n    - d:\n      - e\n",  # lists as mapping values, unindented
        "--- [[[[[[[[[[[[[[x]]]]]]]]]]]]]]\n",  # content after the document marker
        "[a: [b: [c: [d: x]]]]\n",  # implicit mappings in flow lists
    ]


def test_the_bound_is_never_below_the_real_depth() -> None:
    short = [text for text in documents()
             if located_yaml.nesting_bound(text) < real_depth(text)]
    assert short == []


@pytest.mark.parametrize("walk_first", [False, True])
def test_block_nesting_past_the_limit_is_one_message_at_the_first_level_too_deep(
        walk_first: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join("  " * level + f"level{level}:\n" for level in range(MAX_YAML_DEPTH + 3))
    text += "  " * (MAX_YAML_DEPTH + 3) + "end: 1\n"
    assert located_yaml.nesting_bound(text) <= located_yaml.SAFE_TO_COMPOSE
    if walk_first:  # what a file too unusual or too deep for the bound goes through
        monkeypatch.setattr(located_yaml, "SAFE_TO_COMPOSE", -1)
    with pytest.raises(BriefError) as caught:
        located_yaml.parse_yaml(text, "facts.yaml")
    # The top mapping is level one; the mapping under "level{MAX-1}:" is one too many.
    assert (caught.value.line, caught.value.column) == (MAX_YAML_DEPTH + 1,
                                                        2 * MAX_YAML_DEPTH + 1)
    assert caught.value.message == f"the values are nested more than {MAX_YAML_DEPTH} levels deep"
