"""From a spec tree to the typed model and back, so a file's shape is declared once.

Each ``Obj`` of a spec names the frozen dataclass it becomes.  From the tree,
this module compiles the assembler (checked data to model) and the exporter
(model back to the YAML's shape), lists the summary fields, and writes the
dataclasses' attribute lines that ``python build.py docs`` keeps in
``model.py``.  A new optional field is then one edit to the spec: the model,
the assembly, the export and the docs follow.

Assembly and export run once per brief on every cold build, so both are
compiled to the straight-line code one would write by hand, as ``dataclasses``
does for ``__init__``: a walker that dispatched on the spec for every value
would cost several times more per table cell, and cells are most of a brief.
Compiling also checks the spec against the model once, before any brief.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from briefly.content.spec import Choice, Day, Field, Flag, ListOf, Obj, Spec, Text, Url, Whole

REGENERATE = "run `python build.py docs` to write the spec's fields into model.py"


class SpecModelError(TypeError):
    """The spec and its model classes disagree: a programming error, found at compile."""


@dataclass(frozen=True)
class Slot:
    """One model attribute fed by the YAML, and where it sits in the checked mapping."""

    attr: str
    keys: tuple[str, ...]  # ("numbers", "tables"): keys of grouping mappings, then its own
    field: Field


def slots(spec: Obj) -> tuple[Slot, ...]:
    """The attributes of ``spec``'s model that come from the YAML, in the YAML's order."""
    found: list[Slot] = []
    _collect(spec, (), found)
    attrs = [slot.attr for slot in found]
    if len(set(attrs)) != len(attrs):
        twice = sorted({a for a in attrs if attrs.count(a) > 1})
        raise SpecModelError(f"two fields of one model share the attribute {twice}")
    return tuple(found)


def _collect(spec: Obj, prefix: tuple[str, ...], found: list[Slot]) -> None:
    for key, fld in spec.fields.items():
        inner = fld.spec
        if isinstance(inner, Obj) and inner.model is None:
            if not fld.required:
                # An absent group would leave its attributes nothing to hold.
                raise SpecModelError(f"'{'.'.join(prefix + (key,))}' groups fields but is "
                                     "optional: make it required or give it a model")
            _collect(inner, prefix + (key,), found)
        elif isinstance(inner, ListOf) and isinstance(inner.item, ListOf):
            raise SpecModelError(f"'{'.'.join(prefix + (key,))}' is a list of lists, which "
                                 "neither the assembler nor the exporter knows")
        else:
            found.append(Slot(fld.attr or key, prefix + (key,), fld))


def summary_attrs(spec: Obj) -> tuple[str, ...]:
    """The attributes flagged ``summary``: what listing pages read without the brief."""
    return tuple(slot.attr for slot in slots(spec) if slot.field.summary)


def _optional(fld: Field) -> bool:
    """Left out of the YAML, the field is None in the model and absent from exports."""
    return not fld.required and fld.default is None


def model_specs(spec: Spec) -> Iterable[Obj]:
    """Every Obj with a model in the tree, parents first, each once."""
    seen: set[int] = set()

    def walk(node: Spec) -> Iterable[Obj]:
        if isinstance(node, ListOf):
            yield from walk(node.item)
        elif isinstance(node, Obj):
            if node.model is not None and id(node) not in seen:
                seen.add(id(node))
                yield node
            for fld in node.fields.values():
                yield from walk(fld.spec)
    return walk(spec)


# -- the model's declaration, for `build.py docs` ----------------------------
def field_lines(spec: Obj, derived: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Each model class's YAML-fed attribute lines, by class name.

    ``derived`` gives the type of top-level attributes whose value the
    assembler computes rather than copies, which the spec cannot know.
    """
    lines: dict[str, list[str]] = {}
    for node in model_specs(spec):
        assert node.model is not None
        types = dict(derived or {}) if node is spec else {}
        lines[node.model.__name__] = [
            f"{slot.attr}: {types.get(slot.attr) or _type_text(slot.field)}"
            + ("  # Markdown" if _markdown(slot.field.spec) else "")
            for slot in slots(node)]
    return lines


def _type_text(fld: Field) -> str:
    text = _spec_type(fld.spec)
    return text + " | None" if _optional(fld) else text


def _spec_type(spec: Spec) -> str:
    if isinstance(spec, (Text, Choice, Url)):
        return "str"
    if isinstance(spec, Day):
        return "date"
    if isinstance(spec, Flag):
        return "bool"
    if isinstance(spec, Whole):
        return "int"
    if isinstance(spec, ListOf):
        return f"tuple[{_spec_type(spec.item)}, ...]"
    if isinstance(spec, Obj) and spec.model is not None:
        return spec.model.__name__
    raise SpecModelError(f"a {type(spec).__name__} without a model has no model type")


def _markdown(spec: Spec) -> bool:
    return (isinstance(spec, Text) and spec.markdown
            or isinstance(spec, ListOf) and _markdown(spec.item))


# -- compiled assembly and export --------------------------------------------
def assembler(spec: Obj, given: Iterable[str] = ()) -> Callable[..., Any]:
    """A function from checked data to ``spec.model``, nested models and all.

    ``given`` names the attributes the caller supplies as keyword arguments:
    values derived from several fields, or taken from other files.  One given
    for an attribute the spec also feeds replaces the spec's value.
    """
    source = _Source()
    return source.compile(source.builder(spec, tuple(given)))


def exporter(spec: Obj, given: Iterable[str] = ()) -> Callable[..., dict[str, Any]]:
    """A function from ``spec.model`` back to the YAML's shape, JSON-ready.

    Optional fields that are None are left out and dates become ISO strings,
    so the result validates against the spec's JSON Schema.  ``given`` names
    attributes whose exported value the caller supplies as keyword arguments.
    """
    source = _Source()
    return source.compile(source.export(spec, tuple(given)))


class _Source:
    """The Python text of one compiled function and the helpers it calls."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {}
        self.names: dict[tuple[str, int], str] = {}

    def compile(self, name: str) -> Callable[..., Any]:
        text = "\n".join(self.lines) + "\n"
        exec(compile(text, f"<spec_model {name}>", "exec"), self.namespace)
        function = self.namespace[name]
        function.source = text  # exec'd code has no file: this is what it runs
        return function

    def _name(self, kind: str, spec: Obj) -> tuple[str, bool]:
        """A unique function name for ``spec``; True when it is yet to be written."""
        key = (kind, id(spec))
        if key in self.names:
            return self.names[key], False
        model = spec.model
        if model is None or not dataclasses.is_dataclass(model):
            raise SpecModelError(f"{spec.doc!r} names no dataclass as its model")
        name = f"_{kind}_{model.__name__}_{len(self.names)}"
        self.names[key] = name
        if self.namespace.setdefault(model.__name__, model) is not model:
            raise SpecModelError(f"two model classes are named {model.__name__}")
        return name, True

    def builder(self, spec: Obj, given: tuple[str, ...] = ()) -> str:
        name, new = self._name("build", spec)
        if not new:
            return name
        model: Any = spec.model
        attrs = [f.name for f in dataclasses.fields(model) if f.init]
        fed = {slot.attr: slot for slot in slots(spec)}
        for attr in [*fed, *given]:
            if attr not in attrs:
                raise SpecModelError(f"{model.__name__} has no attribute '{attr}'; "
                                     + REGENERATE)
        args = []
        for attr in attrs:
            if attr in given:
                args.append(attr)
            elif attr in fed:
                args.append(self._value(fed[attr]))
            else:
                raise SpecModelError(f"{model.__name__}.{attr} comes from neither the spec "
                                     "nor the caller; " + REGENERATE)
        params = ", ".join(["d", *(["*", *given] if given else [])])
        self.lines += [f"def {name}({params}):",
                       f"    return {model.__name__}({', '.join(args)})"]
        return name

    def _value(self, slot: Slot) -> str:
        read = "d" + "".join(f"[{key!r}]" for key in slot.keys)
        spec = slot.field.spec
        if isinstance(spec, Obj):
            value = f"{self.builder(spec)}({read})"
        elif isinstance(spec, ListOf) and isinstance(spec.item, Obj):
            value = f"tuple(map({self.builder(spec.item)}, {read}))"
        elif isinstance(spec, ListOf):
            value = f"tuple({read})"
        else:
            return read
        return f"(None if {read} is None else {value})" if _optional(slot.field) else value

    def export(self, spec: Obj, given: tuple[str, ...] = ()) -> str:
        name, new = self._name("export", spec)
        if not new:
            return name
        model: Any = spec.model
        attrs = {f.name for f in dataclasses.fields(model)}
        fed = [slot.attr for slot in slots(spec)]
        for attr in fed:
            if attr not in attrs:
                raise SpecModelError(f"{model.__name__} has no attribute '{attr}'; "
                                     + REGENERATE)
        if set(given) - set(fed):
            raise SpecModelError(f"no field of the spec holds {sorted(set(given) - set(fed))}")
        body: list[str] = []
        self._mapping(spec, "r", given, body)
        params = ", ".join(["o", *(["*", *given] if given else [])])
        self.lines += [f"def {name}({params}):", *body, "    return r"]
        return name

    def _mapping(self, spec: Obj, var: str, given: tuple[str, ...], body: list[str]) -> None:
        """Statements that leave ``spec``'s YAML mapping of ``o`` in ``var``, in its order."""
        items, optional = [], []
        for key, fld in spec.fields.items():
            inner, value = fld.spec, f"o.{fld.attr or key}"
            if isinstance(inner, Obj) and inner.model is None:
                group = f"{var}_{len(body)}"
                self._mapping(inner, group, given, body)
                items.append(f"{key!r}: {group}")
            elif (fld.attr or key) in given:
                items.append(f"{key!r}: {fld.attr or key}")
            elif _optional(fld):
                exported = self._exported(inner, value)
                if exported != value:
                    exported = f"(None if {value} is None else {exported})"
                items.append(f"{key!r}: {exported}")
                optional.append(key)
            else:
                items.append(f"{key!r}: {self._exported(inner, value)}")
        body.append(f"    {var} = {{{', '.join(items)}}}")
        for key in optional:
            body += [f"    if {var}[{key!r}] is None:", f"        del {var}[{key!r}]"]

    def _exported(self, spec: Spec, value: str) -> str:
        if isinstance(spec, Day):
            return f"{value}.isoformat()"
        if isinstance(spec, Obj):
            return f"{self.export(spec)}({value})"
        if isinstance(spec, ListOf) and isinstance(spec.item, Obj):
            return f"list(map({self.export(spec.item)}, {value}))"
        if isinstance(spec, ListOf) and isinstance(spec.item, Day):
            return f"[x.isoformat() for x in {value}]"
        if isinstance(spec, ListOf):
            return f"list({value})"
        return value
