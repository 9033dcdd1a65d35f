"""Loading a content file into a Document, validating it against the schema.

Labels are parsed here, in the language's own style, into the underlying
numbers the numbering check compares; each numbered unit gets its identity,
the path of its ancestors' numbers (``III.B.3.ix``), the same in every language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from ..errors import EditionError, Problem
from .inline import InlineError, parse
from .kinds import DEFAULT as DEFAULT_KIND
from .kinds import Kind, load_kinds
from .languages import Language
from .model import ANNEX, Amendment, Document, Inline, Label, LabelStyle, Location, Meta, Unit, annex_identity
from .numerals import LookAlikeError, NumeralError, format_numeral, parse_numeral
from .schema import AMENDMENT, BLOCK_VALUES, DOCUMENT, Field, Reader
from .schema import ANNEX as ANNEX_FIELDS
from .schemes import DEFAULT as DEFAULT_SCHEME
from .schemes import FOLDER, RESTART, THROUGH, TOP, Level, Scheme, load_scheme, scheme_path
from .systems import Systems
from .tables import TableReader, captioned, table_identity
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
    scheme = _scheme(reader, fields, root, language.systems)
    if scheme is None:
        return None, reader.problems
    styles = {level.key: language.style(scheme, level) for level in scheme.levels}
    builder = _Body(reader, scheme, styles, _Annexes(root, language))
    body = builder.blocks(fields["body"], (), "", 0) if "body" in fields else ()
    body += builder.annexes(fields["annexes"]) if "annexes" in fields else ()
    styles[ANNEX] = annex_style(language)
    annexes = builder.annexed.schemes
    doc = Document(path.stem, Location(reader.source.shown, 1), meta, body, scheme, styles, annexes) if meta is not None else None
    return doc, reader.problems


LANGUAGE_NAMES = Locale.parse("en")     # the codes an annex's original may name: those Babel can name
ANNEX_NUMERALS = "upper-roman"     # how content numbers annexes, in every language: annex: II


def known_language(code: str) -> bool:
    """Whether ``code`` names a language, as an annex's original must."""
    return code in LANGUAGE_NAMES.languages


def annex_style(language: Language) -> LabelStyle:
    """How the language prints an annex's number: its ``labels: annex:`` (Chinese numerals, Arabic
    ordinal words as special forms), else capital roman numerals; the word comes from the catalog."""
    found = language.labels.get(ANNEX) or LabelStyle(ANNEX, "{}", "")
    return replace(found, numerals=found.numerals or ANNEX_NUMERALS)


def _scheme(reader: Reader, fields: dict[str, yaml.Node], root: Path, systems: Systems) -> Scheme | None:
    """The document's numbering scheme (``scheme:``, by default un-report); None, with its problems, if it has any."""
    name = reader.text(fields["scheme"], "scheme") if "scheme" in fields else DEFAULT_SCHEME
    if name is None:
        return None
    try:
        return load_scheme(root, name, systems)
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
    values: dict[str, Any] = _values(reader, fields, kind.schema)     # each of the type its Field declares
    if values.get("language") not in (None, code):
        reader.problem(fields["language"], f"language is '{values['language']}' but the file is in content/{code}/")
        values["language"] = code   # the folder decides; the mismatch is reported
    columns = values.get("columns")
    if columns and (len(columns) != 2 or len(set(columns)) != 2):
        reader.problem(fields["columns"], "columns must name two different languages, first column first")
        values.pop("columns")
    if values.get("bilingual") and not _bilingual_pairs(reader, fields, values):
        values.pop("bilingual")
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        reader.problem(fields["end"], f"the conference ends ({end}) before it starts ({start})")
    declared = {key: value for key, value in values.items() if value is not None}
    required = [f.name for f in kind.schema if f.required and f.type != "blocks"]
    if any(declared.get(name) in (None, ()) for name in required):
        return None
    issued = declared.get("date") or (declared.get(kind.issued) if kind.issued else None)
    if issued is None:
        reader.problem(reader.source.root, f"{_what(kind, reader.source.root)} lacks the required key 'date' "
                       f"(kinds/{kind.name}.yaml gives no other date of issue)")
        return None
    common = {f.name for f in DOCUMENT}
    own = tuple((f.name, declared.pop(f.name)) for f in kind.fields if f.name not in common and f.name in declared)
    if "kind" not in declared and kind.line is None and kind.masthead != "organ":
        reader.problem(reader.source.root, f"{_what(kind, reader.source.root)} lacks the required key 'kind' "
                       f"(kinds/{kind.name}.yaml gives no kind line)")
        return None
    lines = {name: line(node) for name, node in fields.items()}
    listed = tuple(f.name for f in kind.fields if f.type == "items")
    return Meta(**declared, type=kind.name, masthead=kind.masthead, line=kind.line, own=own, listed=listed,
                issued=issued, lines=lines)


def _values(reader: Reader, fields: dict[str, yaml.Node], schema: tuple[Field, ...]) -> dict[str, object]:
    values: dict[str, object] = {}
    for f in schema:
        node = fields.get(f.name)
        if node is None or f.type in ("blocks", "annexes") or f.name in ("scheme", "type"):     # read first, by _scheme and _kind
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
        elif f.type == "texts" or (f.type == "items" and type(node) is yaml.SequenceNode):
            values[f.name] = tuple(text for text, _ in reader.texts(node, f.name))
        elif f.type == "items":
            text = reader.text(node, f.name)
            values[f.name] = None if text is None else (text,)
        else:
            values[f.name] = reader.text(node, f.name)
    return values


PAIR = re.compile(r"([a-z]{2,3})-([a-z]{2,3})")


def _bilingual_pairs(reader: Reader, fields: dict[str, yaml.Node], values: dict[str, Any]) -> bool:
    """Whether ``bilingual`` lists pairs of two different languages (``ar-en``), each once, and not beside ``columns``."""
    pairs: tuple[str, ...] = values["bilingual"]     # a texts field: a tuple
    node = fields["bilingual"]
    if "columns" in fields:
        reader.problem(node, "bilingual and columns both choose the bilingual editions: keep bilingual (columns: [en, es] is bilingual: [en-es])")
        return False
    wrong = [pair for pair in pairs if not (found := PAIR.fullmatch(pair)) or found[1] == found[2]]
    for pair in wrong:
        reader.problem(node, f"bilingual lists pairs of two languages, first column first, as in ar-en; not '{pair}'")
    if len(set(pairs)) != len(pairs):
        reader.problem(node, "bilingual lists a pair twice")
    return not wrong and len(set(pairs)) == len(pairs)


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
class _Annexes:
    """What an annex with a scheme of its own needs to be read: the project and language; and the schemes read."""

    root: Path
    language: Language
    schemes: dict[str, tuple[Scheme, Mapping[str, LabelStyle]]] = field(default_factory=dict)


@dataclass
class _Body:
    """Builds units from block nodes, carrying the numbered ancestors for identities."""

    reader: Reader
    scheme: Scheme
    styles: dict[str, LabelStyle]
    annexed: _Annexes
    previous: dict[tuple[str, str], int] = field(default_factory=dict)
    # Labels already read, by level and text as written, with their identity segment: a long
    # document writes "1." or "a)" thousands of times.
    known: dict[tuple[str, str], tuple[Label, str]] = field(default_factory=dict)
    tables: int = 0    # tables read so far: they are numbered through the document
    text_tables: int = 0    # tables without a caption read so far, counted apart: they are not numbered

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
        if kind in self.scheme.by_key and not self.scheme.by_key[kind].printed:
            return self.placed(node, self.scheme.by_key[kind], where, chain, parent)
        if kind in self.scheme.by_key:
            return self.numbered(node, self.scheme.by_key[kind], where, chain, parent, depth)
        return self.unnumbered(node, kind, where, chain, parent, depth)

    def numbered(self, node: yaml.MappingNode, level: Level, where: Location,
                 chain: tuple[_Above, ...], parent: str, depth: int) -> Unit:
        kind = level.key
        fields = self.reader.record(node, _fields(level), f"a {kind}", extra=(kind,))
        self.stands(node, level, chain)
        label, segment = self.label(fields[kind], level, chain, parent)
        identity = self.identity(level, level.identity.format(segment), chain, parent)
        above = _Above(kind, identity, self.styles[kind].numeral(label.number, label.parent))
        heading = level.carries
        inline = self.inline(fields[heading], f"the {heading} of {kind} {identity}") if heading in fields else ()
        children = self.blocks(fields["body"], (*chain, above), identity, depth + 1) if "body" in fields else ()
        if heading == "title":
            return Unit(kind, where, label, identity, inline, (), children, heading=True)
        return Unit(kind, where, label, identity, (), inline, children)

    def placed(self, node: yaml.MappingNode, level: Level, where: Location,
               chain: tuple[_Above, ...], parent: str) -> Unit:
        """A unit numbered by its place (a preambular paragraph): ``- preamble: text``, its number
        counted, never written; its identity the level's pattern (``pp3``), the same in every language."""
        kind = level.key
        self.stands(node, level, chain)
        for key, _ in node.value:
            if key.value != kind:
                self.reader.problem(key, f"unknown key '{key.value}' in a {kind}, which is written {kind}: followed by its text")
        scope = parent if level.numbering == RESTART else self.scope(level, chain)
        number = self.previous.get((scope, kind), 0) + 1
        self.previous[(scope, kind)] = number
        identity = self.identity(level, level.identity.format(format_numeral(level.numerals, number)), chain, parent)
        value = next(v for k, v in node.value if k.value == kind)
        text = self.inline(value, f"{level.called} {number}")
        return Unit(kind, where, Label(kind, number, "", printed=False), identity, (), text, called=level.called)

    def stands(self, node: yaml.Node, level: Level, chain: tuple[_Above, ...]) -> None:
        """Report a unit of ``level`` where the scheme does not let it stand."""
        kind = level.key
        standing = chain[-1].key if chain and chain[-1].key != ANNEX else TOP     # an annex's body is a document's
        if standing not in level.under:
            place = "at the top of the document" if standing == TOP else f"under a {standing}"
            self.reader.problem(node, f"a {kind} cannot stand {place}: in the scheme {self.scheme.name}, "
                                      f"a {kind} stands under {' or '.join(level.under)}")

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
        annex = chain[0].identity if chain and chain[0].key == ANNEX else ""   # an annex counts afresh
        if level.numbering == THROUGH:
            return annex
        return next((above.identity for above in reversed(chain) if above.key == level.numbering), annex)

    def annexes(self, node: yaml.Node) -> tuple[Unit, ...]:
        """The annexes, each a unit after the body whose units are numbered afresh under its identity."""
        found = (self.annex(item) for item in self.reader.sequence(node, "annexes"))
        return tuple(unit for unit in found if unit is not None)

    def annex(self, node: yaml.Node) -> Unit | None:
        fields = self.reader.record(node, ANNEX_FIELDS, "an annex")
        if not fields:
            return None
        label = self.annex_label(fields.get(ANNEX))
        identity = annex_identity(label.number)
        named = f"annex {label.written}" if label.number else "the annex"
        title = self.inline(fields["title"], f"the title of {named}") if "title" in fields else ()
        original = self.annex_original(fields["original"], named) if "original" in fields else None
        above = _Above(ANNEX, identity, label.written)
        body = self.annex_body(fields["scheme"], identity) if "scheme" in fields else self
        children = body.blocks(fields["body"], (above,), identity, 1) if "body" in fields and body else ()
        where = Location(self.reader.source.shown, line(node))
        return Unit(ANNEX, where, label, identity, title, (), children, heading=True, original=original)

    def annex_body(self, node: yaml.Node, identity: str) -> _Body | None:
        """The reader of an annex numbered with a scheme of its own; None, reported, if there is no such scheme."""
        name = self.reader.text(node, "the scheme of an annex")
        if name is None:
            return None
        try:
            scheme = load_scheme(self.annexed.root, name)
        except EditionError as error:
            if scheme_path(self.annexed.root, name).is_file():      # its own problems, at its lines
                self.reader.problems.extend(error.problems)
            else:
                self.reader.problem(node, f"no scheme '{name}': add {FOLDER}/{name}.yaml (docs/numbering.md)")
            return None
        styles = {level.key: self.annexed.language.style(scheme, level) for level in scheme.levels}
        styles[ANNEX] = annex_style(self.annexed.language)
        self.annexed.schemes[identity] = (scheme, styles)
        return _Body(self.reader, scheme, styles, self.annexed)

    def annex_original(self, node: yaml.Node, named: str) -> str | None:
        """The language an annex was written in: a language code, named in each edition's language."""
        code = self.reader.text(node, f"the original language of {named}")
        if code is not None and not known_language(code):
            self.reader.problem(node, f"the original language of {named} is '{code}', which is not a language code "
                                      "(en, es, fr, ru, ar, zh...)")
        return code

    def annex_label(self, node: yaml.Node | None) -> Label:
        """``annex: II``, in capital roman numerals in every language; none (number 0) for a single annex."""
        written = self.reader.text(node, "the number of an annex") if node is not None and node.value else None
        if written is None:
            return Label(ANNEX, 0, "", valid=node is None or not node.value)
        try:
            return Label(ANNEX, parse_numeral(ANNEX_NUMERALS, written), written)
        except NumeralError as error:
            assert node is not None
            self.reader.problem(node, f"annex number '{written}' {_reason(error)}: annexes are numbered I, II, III...")
            return Label(ANNEX, 0, written, valid=False)

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
            return TableReader(self.reader, self.inline, self.table_identity(value)).table(value, where)
        bullets = tuple(
            Unit("bullet", Location(where.path, line(item)), text=self.inline(item, "a bullet"))
            for _, item in self.reader.texts(value, "bullets")
        )
        return Unit(kind, where, children=bullets)

    def table_identity(self, node: yaml.Node) -> str:
        """The next table's identity: numbered if it has a caption, else the next text table's."""
        numbered = captioned(node)
        self.tables += numbered
        self.text_tables += not numbered
        return table_identity(numbered, self.tables if numbered else self.text_tables)

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
        found = label, format_numeral(level.system or level.numerals, label.number)
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
