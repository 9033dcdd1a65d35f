"""Kinds of document, declared in ``kinds/<name>.yaml``: the metadata each needs and its masthead.

A kind names the fields a document of that kind has besides the ones every
document has (symbol, title, original...), whether each is required and
whether it is the same in every language; which masthead of
``templates/masthead.html`` it prints; and its kind line, a string of the
catalogs (``Resolution adopted on %(adopted)s``). Adding a kind needs a
file and the catalogs' translations of its line, never code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import yaml

from ..errors import EditionError, Problem
from .model import Location
from .schema import DOCUMENT, KIND, KIND_FIELD, Field, Reader
from .yamlsource import line, read_yaml

FOLDER = "kinds"
DEFAULT = "conference-paper"     # the kind of a document that names none: what every document was before kinds
MASTHEADS = "templates/mastheads"     # a masthead is a template of its own there: <name>.html
FIELD_TYPES = ("text", "date", "texts", "items")   # items: one text or a list, printed as the language lists them
YES, NO = ("yes", "true"), ("no", "false")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class Kind:
    """One kind of document: its own fields, its masthead and its kind line."""

    name: str                        # file stem: resolution
    where: Location
    masthead: str                    # the name of a template in MASTHEADS
    line: str | None                 # msgid of the kind line, or None: the document's own `kind`, if any
    issued: str | None               # the date field that stands for the date of issue when `date` is absent
    fields: tuple[Field, ...]        # the kind's own fields, in declared order
    shared: tuple[str, ...]          # those the same in every language
    schema: tuple[Field, ...]        # every field a document of this kind may have

    @property
    def what(self) -> str:
        """How messages name a document of this kind."""
        return f"a document of kind '{self.name}'"


def load_kinds(root: Path) -> tuple[dict[str, Kind], list[Problem]]:
    """Every kind under ``root/kinds/``, with every problem found reading them."""
    kinds: dict[str, Kind] = {}
    problems: list[Problem] = []
    for path in sorted((root / FOLDER).glob("*.yaml")):
        try:
            reader = Reader(read_yaml(path, root))
        except EditionError as error:
            problems.extend(error.problems)
            continue
        kind = _kind(reader, path.stem, mastheads(root))
        problems.extend(reader.problems)
        if kind is not None and not reader.problems:
            kinds[kind.name] = kind
    return kinds, problems


def mastheads(root: Path) -> tuple[str, ...]:
    """The mastheads the project's templates define: one file each in templates/mastheads/."""
    return tuple(sorted(path.stem for path in (root / MASTHEADS).glob("*.html") if path.is_file()))


def _kind(reader: Reader, name: str, known: tuple[str, ...]) -> Kind | None:
    found = reader.record(reader.source.root, KIND, "a kind of document")
    masthead = reader.text(found["masthead"], "masthead") if "masthead" in found else None
    if masthead is not None and masthead not in known:
        reader.problem(found["masthead"], f"unknown masthead '{masthead}': no {MASTHEADS}/{masthead}.html; "
                                          f"expected one of: {', '.join(known) or 'none'}")
    line_text = reader.text(found["line"], "line") if "line" in found else None
    issued = reader.text(found["issued"], "issued") if "issued" in found else None
    fields, shared = _fields(reader, found["fields"]) if "fields" in found else ((), ())
    _placeholders(reader, found, line_text, fields)
    own = {f.name: f for f in fields}
    if issued is not None and (own.get(issued) is None or own[issued].type != "date"):
        reader.problem(found["issued"], f"issued must name one of this kind's date fields, not '{issued}'")
    if masthead is None:
        return None
    where = Location(reader.source.shown, 1)
    return Kind(name, where, masthead, line_text, issued, fields, shared, _schema(fields))


def _fields(reader: Reader, node: yaml.Node) -> tuple[tuple[Field, ...], tuple[str, ...]]:
    if type(node) is not yaml.MappingNode:
        reader.problem(node, "fields must be a mapping of field names to their type")
        return (), ()
    fields: list[Field] = []
    shared: list[str] = []
    for key, value in node.value:
        made = _field(reader, str(key.value), value)
        if made is not None:
            fields.append(made[0])
            shared.extend([made[0].name] if made[1] else [])
    return tuple(fields), tuple(shared)


def _field(reader: Reader, name: str, node: yaml.Node) -> tuple[Field, bool] | None:
    found = reader.record(node, KIND_FIELD, f"field '{name}'")
    kind = reader.text(found["type"], "type") if "type" in found else None
    if kind is not None and kind not in FIELD_TYPES:
        reader.problem(found["type"], f"field '{name}' has unknown type '{kind}'; expected one of: {', '.join(FIELD_TYPES)}")
        return None
    common = next((f for f in DOCUMENT if f.name == name), None)
    if common is not None and (common.type != kind or name == "body"):
        reader.problem(node, f"field '{name}' is a field of every document, of type {common.type}: only 'required' may change")
        return None
    required, shared = (_flag(reader, found, flag, default) for flag, default in (("required", True), ("shared", False)))
    doc = reader.text(found["doc"], "doc") if "doc" in found else None
    return (Field(name, kind, required, doc or ""), shared) if kind is not None else None


def _flag(reader: Reader, found: Mapping[str, yaml.Node], name: str, default: bool) -> bool:
    node = found.get(name)
    value = (reader.text(node, name) or "").lower() if node is not None else None
    if value is None:
        return default
    if value not in YES + NO:
        reader.problem(node, f"{name} must be yes or no")   # type: ignore[arg-type]  # value is not None only where node is not
    return value in YES


def _placeholders(reader: Reader, found: Mapping[str, yaml.Node], text: str | None, fields: tuple[Field, ...]) -> None:
    names = {f.name for f in fields}
    for placeholder in PLACEHOLDER.findall(text or ""):
        if placeholder not in names:
            reader.problem(found["line"], f"line uses %({placeholder})s, which is not a field of this kind")


def _schema(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The common fields (some made required by the kind) and then the kind's own, before the body."""
    own = {f.name: f for f in fields}
    common = tuple(replace(f, required=own[f.name].required) if f.name in own else f for f in DOCUMENT)
    return common[:-1] + tuple(f for f in fields if f.name not in {c.name for c in DOCUMENT}) + common[-1:]


def kind_lines(kinds: Mapping[str, Kind]) -> frozenset[str]:
    """The kind lines: strings every catalog must translate, like the templates' own."""
    return frozenset(kind.line for kind in kinds.values() if kind.line)


def extract(fileobj: IO[bytes], keywords: object, comment_tags: object,
            options: object) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extractor for kinds/*.yaml (babel.cfg), so that ``make catalog`` keeps the kind lines."""
    source = fileobj.read().decode("utf-8")
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    if type(node) is yaml.MappingNode:
        for key, value in node.value:
            if key.value == "line" and type(value) is yaml.ScalarNode:
                yield line(value), "gettext", str(value.value), ["kind line of a document"]
