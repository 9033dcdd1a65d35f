"""Loading a content file into a Document, validating it against the schema.

Labels are parsed here, in the language's own style, into the underlying
numbers the numbering check compares; each numbered unit gets its identity,
the path of its ancestors' numbers (``III.B.3.ix``), the same in every language.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import EditionError, Problem
from .inline import InlineError, parse
from .kinds import DEFAULT as DEFAULT_KIND
from .kinds import Kind, load_kinds
from .languages import Language
from .model import Amendment, Document, Inline, Label, LabelStyle, Location, Meta, Unit
from .numerals import LookAlikeError, NumeralError, format_numeral
from .schema import AMENDMENT, BLOCK_VALUES, DOCUMENT, Field, Reader
from .schemes import DEFAULT as DEFAULT_SCHEME
from .schemes import FOLDER, RESTART, THROUGH, TOP, Level, Scheme, load_scheme, scheme_path
from .tables import TableReader
from .yamlsource import line, read_yaml

MAX_DEPTH = 12
UNNUMBERED_KEYS = frozenset(BLOCK_VALUES)
UNIT_KEYS = frozenset(("title", "text", "body"))    # the keys of a numbered unit besides its level's


def load_document(path: Path, root: Path, language: Language, kinds: Mapping[str, Kind] | None = None) -> Document:
    """The document in ``path``, a file of the project at ``root``; EditionError listing every problem in it."""
    doc, problems = read_document(path, root, language, kinds)
    if problems or doc is None:
        raise EditionError(problems)
    return doc


def read_document(path: Path, root: Path, language: Language,
                  kinds: Mapping[str, Kind] | None = None) -> tuple[Document | None, list[Problem]]:
    """The document and its problems. With problems the document may still be
    given, complete enough for the numbering check to report what it finds too;
    it is None when the file cannot be read or its metadata is incomplete.
    ``kinds`` are the project's kinds of document (default: read from ``root``)."""
    try:
        reader = Reader(read_yaml(path, root))
    except EditionError as error:
        return None, list(error.problems)
    kind = _kind(reader, load_kinds(root)[0] if kinds is None else kinds)
    if kind is None:
        return None, reader.problems
    fields = reader.record(reader.source.root, kind.schema, _what(kind, reader.source.root))
    meta = _meta(reader, fields, language.code, kind)
    scheme = _scheme(reader, fields, root)
    if scheme is None:
        return None, reader.problems
    styles = {level.key: language.style(scheme, level) for level in scheme.levels}
    body = _Body(reader, scheme, styles).blocks(fields["body"], (), "", 0) if "body" in fields else ()
    doc = Document(path.stem, Location(reader.source.shown, 1), meta, body, scheme, styles) if meta is not None else None
    return doc, reader.problems


def _scheme(reader: Reader, fields: dict[str, yaml.Node], root: Path) -> Scheme | None:
    """The document's numbering scheme (``scheme:``, by default un-report); None, with its problems, if it has any."""
    name = reader.text(fields["scheme"], "scheme") if "scheme" in fields else DEFAULT_SCHEME
    if name is None:
        return None
    try:
        return load_scheme(root, name)
    except EditionError as error:
        reader.problems.extend(error.problems)
        if "scheme" in fields and not scheme_path(root, name).is_file():
            reader.problem(fields["scheme"], f"no scheme '{name}': add {FOLDER}/{name}.yaml (docs/numbering.md)")
        return None


def _kind(reader: Reader, kinds: Mapping[str, Kind]) -> Kind | None:
    """The kind the document names (``type``), or the default; None, reported, if there is no such kind."""
    root = reader.source.root
    node = next((v for k, v in root.value if k.value == "type"), None) if type(root) is yaml.MappingNode else None
    name = (reader.text(node, "type") if node is not None else None) or DEFAULT_KIND
    if name in kinds:
        return kinds[name]
    where = node if node is not None else root
    known = ", ".join(sorted(kinds)) or "none"
    reader.problem(where, f"unknown kind of document '{name}': no kinds/{name}.yaml (kinds: {known})")
    return None


def _what(kind: Kind, root: yaml.Node) -> str:
    """How messages name this document: as before kinds, unless it names one."""
    named = type(root) is yaml.MappingNode and any(k.value == "type" for k, _ in root.value)
    return kind.what if named else "the document"


def _meta(reader: Reader, fields: dict[str, yaml.Node], code: str, kind: Kind) -> Meta | None:
    values = _values(reader, fields, kind.schema)
    if values.get("language") not in (None, code):
        reader.problem(fields["language"], f"language is '{values['language']}' but the file is in content/{code}/")
        values["language"] = code   # the folder decides; the mismatch is reported
    columns = values.get("columns")
    if columns and (len(columns) != 2 or len(set(columns)) != 2):  # type: ignore[arg-type, call-overload]  # a texts field: a tuple
        reader.problem(fields["columns"], "columns must name two different languages, first column first")
        values.pop("columns")
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:  # type: ignore[operator]  # date fields: dates
        reader.problem(fields["end"], f"the conference ends ({end}) before it starts ({start})")
    values = {key: value for key, value in values.items() if value is not None}
    required = [f.name for f in kind.schema if f.required and f.type != "blocks"]
    if any(values.get(name) in (None, ()) for name in required):
        return None
    issued = values.get("date") or (values.get(kind.issued) if kind.issued else None)
    if issued is None:
        reader.problem(reader.source.root, f"{_what(kind, reader.source.root)} lacks the required key 'date' "
                       f"(kinds/{kind.name}.yaml gives no other date of issue)")
        return None
    common = {f.name for f in DOCUMENT}
    own = tuple((f.name, values.pop(f.name)) for f in kind.fields if f.name not in common and f.name in values)
    if "kind" not in values and kind.line is None and kind.masthead != "organ":
        reader.problem(reader.source.root, f"{_what(kind, reader.source.root)} lacks the required key 'kind' "
                       f"(kinds/{kind.name}.yaml gives no kind line)")
        return None
    lines = {name: line(node) for name, node in fields.items()}
    return Meta(**values, type=kind.name, masthead=kind.masthead, line=kind.line, own=own, issued=issued, lines=lines)  # type: ignore[arg-type]  # each value has the type its Field declares


def _values(reader: Reader, fields: dict[str, yaml.Node], schema: tuple[Field, ...]) -> dict[str, object]:
    values: dict[str, object] = {}
    for f in schema:
        node = fields.get(f.name)
        if node is None or f.type == "blocks" or f.name in ("scheme", "type"):     # read first, by _scheme and _kind
            continue
        if f.type == "amendments":
            values[f.name] = _amendments(reader, node)
        elif f.type == "count":
            text = reader.text(node, f.name)
            values[f.name] = int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 5 else None
            if text is not None and values[f.name] is None:
                reader.problem(node, f"{f.name} must be a whole number of pages")
        elif f.type == "date":
            values[f.name] = reader.date(node, f.name)
        elif f.type == "texts":
            values[f.name] = tuple(text for text, _ in reader.texts(node, f.name))
        else:
            values[f.name] = reader.text(node, f.name)
    return values


AMENDMENT_KINDS = ("corrigendum", "revision")


def _amendments(reader: Reader, node: yaml.Node) -> tuple[Amendment, ...]:
    found = []
    for item in reader.sequence(node, "amendments"):
        fields = reader.record(item, AMENDMENT, "an amendment")
        kind = reader.text(fields["kind"], "kind") if "kind" in fields else None
        if kind is not None and kind not in AMENDMENT_KINDS:
            reader.problem(fields["kind"], f"an amendment's kind is corrigendum or revision, not '{kind}'")
            kind = None
        symbol = reader.text(fields["symbol"], "symbol") if "symbol" in fields else None
        date = reader.date(fields["date"], "date") if "date" in fields else None
        languages = tuple(t for t, _ in reader.texts(fields["languages"], "languages")) if "languages" in fields else ()
        if kind and symbol and date:
            found.append(Amendment(kind, symbol, date, languages))
    return tuple(found)


@dataclass(frozen=True)
class _Above:
    """A numbered ancestor, as its descendants need it: for identities and compound labels."""

    key: str
    identity: str
    numeral: str       # as this language writes it, a compound one whole: "1", "3(a)"


@functools.cache
def _fields(level: Level) -> tuple[Field, ...]:
    """The keys a unit of ``level`` may have besides its label (built once: records are cached by their fields)."""
    return (Field(level.carries, "text", required=not level.optional), Field("body", "blocks", required=False))


@dataclass
class _Body:
    """Builds units from block nodes, carrying the numbered ancestors for identities."""

    reader: Reader
    scheme: Scheme
    styles: dict[str, LabelStyle]
    previous: dict[tuple[str, str], int] = field(default_factory=dict)
    # Labels already read, by level and text as written, with their identity segment: a long
    # document writes "1." or "a)" thousands of times.
    known: dict[tuple[str, str], tuple[Label, str]] = field(default_factory=dict)
    tables: int = 0    # tables read so far: they are numbered through the document

    @property
    def block_keys(self) -> tuple[str, ...]:
        """The keys a block may start with, as messages list them: the scheme's levels, then the unnumbered blocks."""
        return self.scheme.keys + tuple(BLOCK_VALUES)

    def blocks(self, node: yaml.Node, chain: tuple[_Above, ...], parent: str, depth: int) -> tuple[Unit, ...]:
        if depth > MAX_DEPTH:
            self.reader.problem(node, f"blocks are nested more than {MAX_DEPTH} deep")
            return ()
        units = []
        for child in self.reader.sequence(node, "a body"):
            unit = self.block(child, chain, parent, depth)
            if unit is not None:
                units.append(unit)
        return tuple(units)

    def block(self, node: yaml.Node, chain: tuple[_Above, ...], parent: str, depth: int) -> Unit | None:
        if type(node) is not yaml.MappingNode:
            self.reader.problem(node, f"a block must be a mapping that starts with one of: {', '.join(self.block_keys)}")
            return None
        keys = {key.value for key, _ in node.value}     # each once: editions/read/yamlsource.py refuses a key twice
        first = node.value[0][0].value if node.value else None
        if isinstance(first, str) and first not in self.scheme.by_key and first not in UNNUMBERED_KEYS | UNIT_KEYS:
            self.reader.problem(node, f"'{first}' is not a level of the scheme {self.scheme.name} "
                                      f"({self.scheme.path}), whose levels are: {', '.join(self.scheme.keys)}")
            return None
        kinds = keys & self.scheme.by_key.keys() or keys & UNNUMBERED_KEYS
        if len(kinds) != 1:
            named = [key.value for key, _ in node.value if key.value in kinds]
            found = " and ".join(named) if named else "none"
            self.reader.problem(node, f"a block must have exactly one of: {', '.join(self.block_keys)} (found {found})")
            return None
        (kind,) = kinds
        where = Location(self.reader.source.shown, line(node))
        if kind in self.scheme.by_key:
            return self.numbered(node, self.scheme.by_key[kind], where, chain, parent, depth)
        return self.unnumbered(node, kind, where, chain, parent, depth)

    def numbered(self, node: yaml.MappingNode, level: Level, where: Location,
                 chain: tuple[_Above, ...], parent: str, depth: int) -> Unit:
        kind = level.key
        fields = self.reader.record(node, _fields(level), f"a {kind}", extra=(kind,))
        standing = chain[-1].key if chain else TOP
        if standing not in level.under:
            place = "at the top of the document" if standing == TOP else f"under a {standing}"
            self.reader.problem(node, f"a {kind} cannot stand {place}: in the scheme {self.scheme.name}, "
                                      f"a {kind} stands under {' or '.join(level.under)}")
        label, segment = self.label(fields[kind], level, chain, parent)
        identity = self.identity(level, segment, chain, parent)
        above = _Above(kind, identity, self.styles[kind].numeral(label.number, label.parent))
        heading = level.carries
        inline = self.inline(fields[heading], f"the {heading} of {kind} {identity}") if heading in fields else ()
        children = self.blocks(fields["body"], (*chain, above), identity, depth + 1) if "body" in fields else ()
        if heading == "title":
            return Unit(kind, where, label, identity, inline, (), children, heading=True)
        return Unit(kind, where, label, identity, (), inline, children)

    def identity(self, level: Level, segment: str, chain: tuple[_Above, ...], parent: str) -> str:
        """``III.B.3``; a number that runs through the document is its own identity, one that runs
        through an ancestor level joins that ancestor's."""
        if level.numbering == RESTART or level.compound:
            return f"{parent}.{segment}" if parent else segment
        scope = self.scope(level, chain)
        return f"{scope}.{segment}" if scope else segment

    @staticmethod
    def scope(level: Level, chain: tuple[_Above, ...]) -> str:
        """The identity of the unit a level's numbers count under: "" for the whole document."""
        if level.numbering == THROUGH:
            return ""
        return next((above.identity for above in reversed(chain) if above.key == level.numbering), "")

    def unnumbered(self, node: yaml.MappingNode, kind: str, where: Location,
                   chain: tuple[_Above, ...], parent: str, depth: int) -> Unit | None:
        for key, _ in node.value:
            if key.value != kind:
                self.reader.problem(key, f"unknown key '{key.value}' in a {kind} block, which has no other keys")
        value = next(v for k, v in node.value if k.value == kind)
        what = BLOCK_VALUES[kind]
        if what == "text":
            return Unit(kind, where, text=self.inline(value, "a heading" if kind == "heading" else "a text block"))
        if what == "blocks":
            return Unit(kind, where, children=self.blocks(value, chain, parent, depth + 1))
        if what == "table":
            self.tables += 1
            return TableReader(self.reader, self.inline, self.tables).table(value, where)
        bullets = tuple(
            Unit("bullet", Location(where.path, line(item)), text=self.inline(item, "a bullet"))
            for _, item in self.reader.texts(value, "bullets")
        )
        return Unit(kind, where, children=bullets)

    def label(self, node: yaml.Node, level: Level, chain: tuple[_Above, ...], parent: str) -> tuple[Label, str]:
        """The label and its identity segment; on a malformed label, report it and assume the next number."""
        kind = level.key
        scope = parent if level.numbering == RESTART or level.compound else self.scope(level, chain)
        if type(node) is yaml.ScalarNode:
            known = self.known.get((kind, node.value))
            if known is not None:
                self.previous[(scope, kind)] = known[0].number
                return known
        written = self.reader.text(node, f"the label of a {kind}")
        guess = self.previous.get((scope, kind), 0) + 1
        expected_parent = chain[-1].numeral if level.compound and chain else ""
        try:
            if written is None:
                raise NumeralError("")
            number, written_parent = self.styles[kind].parse(written)
        except NumeralError as error:
            if written is not None:   # else already reported as not text
                self.reader.problem(node, f"{kind} label '{written}' {_reason(error)}")
            label = Label(kind, guess, written or "?", valid=False, parent=expected_parent)
        else:
            if written_parent != expected_parent:
                self.reader.problem(node, f"{kind} label '{written}' is a compound number that does not match its parent "
                                          f"{chain[-1].key} {expected_parent}: it should be "
                                          f"{self.styles[kind].numeral(number, expected_parent)}")
            label = Label(kind, number, written, parent=expected_parent)
        self.previous[(scope, kind)] = label.number
        found = label, format_numeral(level.numerals, label.number)
        if (label.valid and not level.compound and written is not None and type(node) is yaml.ScalarNode
                and written == node.value):
            self.known[(kind, written)] = found
        return found

    def inline(self, node: yaml.Node, what: str) -> tuple[Inline, ...]:
        text = self.reader.text(node, what)
        if text is None:
            return ()
        try:
            return parse(text)
        except InlineError as error:
            self.reader.problem(node, f"in {what}: {error}")
            return ()


def _reason(error: NumeralError) -> str:
    message = str(error)
    if isinstance(error, LookAlikeError):
        return f"is written in another script: {message}"
    return message if message.startswith("does not") else f"is not well formed: {message}"
