"""Numbering schemes, declared in ``schemes/<name>.yaml`` at the project's top.

A scheme names the levels of a kind of document in order (a report's section,
subsection, paragraph...; a convention's part, chapter, article...). Each level
says which key content files use for it, its numeral system, how its numbers
count (restarting under each parent, through the document, or through a named
ancestor level), whether it carries a title (a heading) or text (a
paragraph), which levels it may stand under, and optionally a compound form
that joins its parent's number (``{parent}.{}``: targets 1.1, 1.a). Adding a
scheme is adding a file; see docs/numbering.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EditionError, Problem
from .numerals import System
from .schema import Field, Reader
from .systems import Systems, load_systems
from .yamlsource import read_yaml

FOLDER = "schemes"
DEFAULT = "un-report"
TOP = "document"                       # ``under: [document]``: the level may stand at the top of a body
RESTART, THROUGH = "restart", "document"
BLOCK_KINDS = ("text", "heading", "bullets", "bullet", "quote", "note", "table")
KEY = re.compile(r"[a-z][a-z0-9-]*")

SCHEME = (
    Field("levels", "levels", doc="the levels, outermost first"),
    Field("description", "text", required=False, doc="what kind of document uses it"),
)
LEVEL = (
    Field("key", "text", doc="the key content files use for a unit of this level"),
    Field("numerals", "text", doc="numeral system of its identities and default labels"),
    Field("carries", "text", doc="title (printed as a heading) or text (a numbered paragraph)"),
    Field("under", "texts", required=False, doc="levels it may stand under; document for the top"),
    Field("numbering", "text", required=False, doc="restart (default), document, or the key of an ancestor level"),
    Field("compound", "text", required=False, doc="label joined to its parent's number, e.g. {parent}.{}"),
    Field("label", "text", required=False, doc="label when a language gives none, e.g. ({})"),
    Field("optional", "flag", required=False, doc="yes: its title or text may be left out"),
    Field("heading", "text", required=False, doc="run-in (default): label and title on one line, in capitals at the "
                                                  "top levels; as-written: on one line, bold, in the author's case; "
                                                  "centred: each on a line of its own, centred"),
    Field("printed", "flag", required=False, doc="no: counted by its place, its number neither written nor printed"),
    Field("identity", "text", required=False, doc="its identity, {} the number: pp{} gives pp1, pp2"),
    Field("name", "text", required=False, doc="how messages and corrigenda name it, if not by its key"),
    Field("layout", "text", required=False, doc="hanging (default: the label hangs in the margin) or indented"),
    Field("after", "texts", required=False, doc="levels declared before this one whose units, under one parent, "
                                                 "all come before this level's: after: [preamble]"),
)
LAYOUTS = ("hanging", "indented")
HEADINGS = ("run-in", "as-written", "centred")
IDENTITY = re.compile(r"[a-z][a-z0-9-]*\{\}")


@dataclass(frozen=True)
class Level:
    """One level of a scheme, as content files and the numbering check see it."""

    key: str
    numerals: str
    carries: str                   # "title" or "text"
    under: tuple[str, ...]
    numbering: str = RESTART       # RESTART, THROUGH or an ancestor level's key
    compound: str | None = None
    label: str = "{}."
    optional: bool = False
    printed: bool = True           # False: numbered by its place among its kind (preambular paragraphs)
    identity: str = "{}"           # the identity's pattern around the numeral: "pp{}"
    name: str = ""                 # how messages name a unit of it ("preambular paragraph"); "" for its key
    layout: str = "hanging"        # "hanging" or "indented": the label at the first line's indent
    heading: str = "run-in"        # how a title-carrying level's heading is set: HEADINGS
    after: tuple[str, ...] = ()    # levels whose units come before every unit of this one under a parent
    system: System | None = None   # ``numerals`` when a project declares it (numerals/<name>.yaml)

    @property
    def called(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Scheme:
    name: str
    path: str                      # as shown to the user
    levels: tuple[Level, ...]

    @functools.cached_property
    def by_key(self) -> dict[str, Level]:
        return {level.key: level for level in self.levels}

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.levels)


def scheme_path(root: Path, name: str) -> Path:
    return root / FOLDER / f"{name}.yaml"


def load_scheme(root: Path, name: str, systems: Systems | None = None) -> Scheme:
    """The scheme ``name`` of the project at ``root``; EditionError with every problem of its file.

    Read again for every edition that names it (a scheme file is a few hundred bytes): a cache
    keyed on the file's stamp served an old scheme after a rewrite within one clock tick.
    ``systems``: the project's declared numeral systems, when the caller has read them already."""
    systems = systems if systems is not None else load_systems(root)[0]
    path = scheme_path(root, name)
    if not path.is_file():
        raise EditionError([Problem(f"{FOLDER}/{name}.yaml", 1, f"no scheme '{name}': {FOLDER}/{name}.yaml is missing")])
    reader = Reader(read_yaml(path, root))
    fields = reader.record(reader.source.root, SCHEME, "a scheme")
    levels = _levels(reader, fields["levels"], systems) if "levels" in fields else ()
    if reader.problems or not levels:
        raise EditionError(reader.problems or [Problem(reader.source.shown, 1, "a scheme needs at least one level")])
    return Scheme(name, reader.source.shown, levels)


def check_schemes(root: Path) -> list[Problem]:
    """Problems of every scheme file and every numeral system file of the project, used or not."""
    systems, problems = load_systems(root)
    for path in sorted((root / FOLDER).glob("*.yaml")):
        try:
            load_scheme(root, path.stem, systems)
        except EditionError as error:
            problems.extend(error.problems)
    return problems


def _levels(reader: Reader, node: yaml.Node, systems: Systems) -> tuple[Level, ...]:
    levels: list[Level] = []
    declared: list[str] = []       # every key, of a level with problems too: one mistake, one message
    for item in reader.sequence(node, "levels"):
        level = _level(reader, item, levels, declared, systems)
        if level is not None:
            levels.append(level)
    return tuple(levels) if len(levels) == len(declared) else ()


def _level(reader: Reader, node: yaml.Node, before: list[Level], declared: list[str], systems: Systems) -> Level | None:
    fields = reader.record(node, LEVEL, "a level")
    values = {name: reader.text(value, name) for name, value in fields.items()
              if name not in ("under", "after", "optional", "printed")}
    known = list(declared)
    if values.get("key"):
        declared.append(str(values["key"]))
    key, numerals, carries = values.get("key"), values.get("numerals"), values.get("carries")
    if key is not None and (not KEY.fullmatch(key) or key in BLOCK_KINDS or key in (TOP, *known)):
        reader.problem(fields["key"], _bad_key(key, known))
        key = None
    if numerals is not None and not systems.knows(numerals):
        reader.problem(fields["numerals"], systems.unknown(numerals))
        numerals = None
    if carries is not None and carries not in ("title", "text"):
        reader.problem(fields["carries"], f"a level carries title or text, not '{carries}'")
        carries = None
    under = _under(reader, fields, known)
    after = _after(reader, fields, known)
    numbering = _numbering(reader, fields, values.get("numbering"), under, before)
    compound = _compound(reader, fields, values.get("compound"), under)
    label = values.get("label") or "{}."
    if "label" in fields and label.count("{}") != 1:
        reader.problem(fields["label"], "a level's label must contain {} once, where the numeral goes")
    optional = _flag(reader, fields.get("optional"), "optional")
    printed = _flag(reader, fields.get("printed"), "printed", default=True)
    extra = _presentation(reader, fields, values, printed, carries, compound)
    heading = values.get("heading") or HEADINGS[0]
    if heading not in HEADINGS:
        reader.problem(fields["heading"], f"heading is {' or '.join(HEADINGS)}, not '{heading}'")
        return None
    if (key is None or numerals is None or carries is None or under is None or numbering is None or compound is False
            or extra is None or after is None):
        return None
    return Level(key, numerals, carries, under, numbering, compound if isinstance(compound, str) else None, label, optional,
                 printed, *extra, heading=heading, after=after, system=systems.get(numerals))


def _presentation(reader: Reader, fields: dict[str, yaml.Node], values: dict[str, str | None], printed: bool,
                  carries: str | None, compound: str | bool | None) -> tuple[str, str, str] | None:
    """A level's identity pattern, name and layout; None, reported, if one is wrong.

    A level whose numbers are not printed needs an identity of its own (``pp{}``), so that its
    units' identities never meet those of a printed level numbered through the same parent."""
    identity, name, layout = values.get("identity") or "{}", values.get("name") or "", values.get("layout") or "hanging"
    wrong = False
    if identity != "{}" and not IDENTITY.fullmatch(identity):
        reader.problem(fields["identity"], f"an identity is a lower-case word followed by {{}}, as in pp{{}}, not '{identity}'")
        wrong = True
    if not printed and identity == "{}" and "identity" not in fields:
        reader.problem(fields["printed"], "a level whose numbers are not printed needs an identity, as in identity: pp{}")
        wrong = True
    if not printed and (carries == "title" or compound):
        reader.problem(fields["printed"], "a level whose numbers are not printed carries text and is not compound")
        wrong = True
    if layout not in LAYOUTS:
        reader.problem(fields["layout"], f"a level's layout is {' or '.join(LAYOUTS)}, not '{layout}'")
        wrong = True
    return None if wrong else (identity, name, layout)


def _bad_key(key: str, known: list[str]) -> str:
    if key in known:
        return f"the level '{key}' is declared twice"
    if not KEY.fullmatch(key):
        return f"a level's key is a lower-case word, not '{key}'"
    return f"'{key}' is a block of every document and cannot be a level's key"


def _under(reader: Reader, fields: dict[str, yaml.Node], known: list[str]) -> tuple[str, ...] | None:
    if "under" not in fields:
        return (known[-1],) if known else (TOP,)
    return _earlier_levels(reader, fields["under"], "under", known, TOP)


def _after(reader: Reader, fields: dict[str, yaml.Node], known: list[str]) -> tuple[str, ...] | None:
    return _earlier_levels(reader, fields["after"], "after", known) if "after" in fields else ()


def _earlier_levels(reader: Reader, node: yaml.Node, key: str, known: list[str], *also: str) -> tuple[str, ...] | None:
    """The levels ``key`` names, each declared before this one (or one of ``also``); None, reported, if not."""
    names = tuple(text for text, _ in reader.texts(node, key))
    for name in names:
        if name not in also and name not in known:
            reader.problem(node, f"{key} names '{name}', which is not a level declared before this one")
            return None
    return names


def _numbering(reader: Reader, fields: dict[str, yaml.Node], value: str | None,
               under: tuple[str, ...] | None, before: list[Level]) -> str | None:
    if value is None or value in (RESTART, THROUGH):
        return value or RESTART
    if under is not None and value not in _ancestors(under, before):
        reader.problem(fields["numbering"], f"numbering is restart, document or the key of a level this one "
                                            f"stands under, not '{value}'")
        return None
    return value


def _ancestors(under: tuple[str, ...], before: list[Level]) -> set[str]:
    """Every level a unit of this level may have above it."""
    found: set[str] = set()
    todo = [name for name in under if name != TOP]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += [n for level in before if level.key == name for n in level.under if n != TOP]
    return found


def _compound(reader: Reader, fields: dict[str, yaml.Node], value: str | None,
              under: tuple[str, ...] | None) -> str | bool | None:
    if value is None:
        return None
    if value.count("{parent}") != 1 or value.replace("{parent}", "").count("{}") != 1 or not value.startswith("{parent}"):
        reader.problem(fields["compound"], "a compound label starts with {parent} and holds {} once, as in {parent}.{}")
        return False
    if under is not None and TOP in under:
        reader.problem(fields["compound"], "a compound level joins its parent's number, so it cannot stand under document")
        return False
    return value


def _flag(reader: Reader, node: yaml.Node | None, name: str, default: bool = False) -> bool:
    """A yes-or-no field: True for yes."""
    if node is None:
        return default
    value = reader.text(node, name)
    if value not in ("yes", "no"):
        reader.problem(node, f"{name} is yes or no")
        return default          # one slip, one message: not also what a "no" would have required
    return value == "yes"
