"""Field specs: one declaration that checks, documents and exports a YAML file.

A tree of specs drives everything that knows a file's shape, so nothing can
drift apart: validation (with did-you-mean for unknown keys), a JSON Schema for
editors' tools, a field reference for the editors' guide and, through
``spec_model``, the typed model built from the checked data and exported back.
The fact sheet's own tree is declared in ``fact_sheet``; the site settings' in
``config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Spec:
    """A value's type; subclasses know how to check and describe themselves."""

    doc: str = ""

    def describe(self) -> str:  # the noun used in "expected ..." messages
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    markdown: bool = False
    pattern: str = ""
    allow_numbers: bool = False  # table cells may be written as bare numbers
    # How a message names a value that breaks ``pattern``, and how to fix it.
    pattern_noun: str = "id"
    pattern_hint: str = "use lowercase letters, digits and hyphens, e.g. 'deepseek-release'"

    def describe(self) -> str:
        return "Markdown text" if self.markdown else "text"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": ["string", "number"] if self.allow_numbers
                                  else "string", "description": self.doc}
        if self.pattern:
            schema["pattern"] = self.pattern
        if not self.allow_numbers:
            schema["minLength"] = 1
        return schema


@dataclass(frozen=True)
class Choice(Spec):
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        return "one of " + ", ".join(repr(c) for c in self.choices)

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices), "description": self.doc}


@dataclass(frozen=True)
class Url(Spec):
    def describe(self) -> str:
        return "a web address starting with https://, http:// or mailto:"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^(https?://|mailto:)\S+$",
                "description": self.doc}


@dataclass(frozen=True)
class Day(Spec):
    def describe(self) -> str:
        return "a date written YYYY-MM-DD"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "description": self.doc}


@dataclass(frozen=True)
class Flag(Spec):
    def describe(self) -> str:
        return "true or false"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean", "description": self.doc}


@dataclass(frozen=True)
class Whole(Spec):
    minimum: int = 1

    def describe(self) -> str:
        return f"a whole number, {self.minimum} or more"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "description": self.doc}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    min_items: int = 0
    shorthand_scalar: bool = False  # a single value may stand for a list of one

    def describe(self) -> str:
        return "a list"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(),
                                  "description": self.doc}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.shorthand_scalar:
            return {"description": self.doc,
                    "anyOf": [schema, self.item.json_schema()]}
        return schema


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping from keys the editor chooses (matching ``key_pattern``) to values."""

    item: Spec = field(default_factory=Text)
    key_pattern: str = ""
    min_items: int = 0

    def describe(self) -> str:
        return "a mapping of key: value lines"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "description": self.doc,
                                  "additionalProperties": self.item.json_schema()}
        if self.key_pattern:
            schema["propertyNames"] = {"pattern": self.key_pattern}
        if self.min_items:
            schema["minProperties"] = self.min_items
        return schema


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = False
    default: Any = None
    attr: str = ""  # the model attribute, when the YAML key reads better than it would
    summary: bool = False  # listing pages show it, so the cache keeps it without the brief


@dataclass(frozen=True)
class Obj(Spec):
    fields: dict[str, Field] = field(default_factory=dict)
    shorthand: str = ""  # a bare scalar is read as {shorthand: scalar}
    # The dataclass the checked mapping becomes.  Without one, inside an Obj that
    # has one, the mapping only groups YAML keys: its fields are the enclosing model's.
    model: type | None = None

    def describe(self) -> str:
        return "a mapping of key: value lines"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "description": self.doc,
            "properties": {name: f.spec.json_schema() for name, f in self.fields.items()},
            "required": [name for name, f in self.fields.items() if f.required],
            "additionalProperties": False,
        }
        if self.shorthand:
            scalar = self.fields[self.shorthand].spec.json_schema()
            return {"description": self.doc, "anyOf": [scalar, schema]}
        return schema


def field_reference(spec: Spec, prefix: str = "") -> list[tuple[str, str, bool, str]]:
    """Rows of (field path, type, required, doc) for the editors' guide."""
    rows: list[tuple[str, str, bool, str]] = []
    if isinstance(spec, ListOf):
        return field_reference(spec.item, prefix + "[]")
    if isinstance(spec, MapOf):
        return field_reference(spec.item, prefix + ".<key>")
    if not isinstance(spec, Obj):
        return rows
    for name, fld in spec.fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner = fld.spec
        kind = (f"list of {_noun(inner.item)}" if isinstance(inner, ListOf)
                else f"mapping of keys to {_noun(inner.item)}" if isinstance(inner, MapOf)
                else inner.describe())
        if isinstance(inner, Obj) and inner.shorthand:
            kind = f"{inner.fields[inner.shorthand].spec.describe()} or mapping"
        rows.append((path, kind, fld.required, inner.doc))
        rows.extend(field_reference(inner, path))
    return rows


def _noun(spec: Spec) -> str:
    if isinstance(spec, Obj):
        return "mappings" if not spec.shorthand else "values"
    return spec.describe()
