"""Declared schemas of the project's YAML files, and the reader that enforces them.

Each record is a tuple of Fields; the Reader turns nodes into values and
collects one Problem per unknown key, missing field or wrong type, so that a
file with several mistakes reports them all at once.
"""

from __future__ import annotations

import collections.abc
import datetime
import functools
import re
from dataclasses import dataclass, field

import yaml

from ..errors import Problem
from .yamlsource import Source, line, scalar_date, scalar_text


@dataclass(frozen=True, eq=False)     # compared and hashed as itself: records look their names up by it
class Field:
    name: str
    type: str               # text | date | texts | blocks | labels | pair | mapping | count
    required: bool = True
    doc: str = ""


DOCUMENT = (
    Field("symbol", "text", doc="document symbol, e.g. DSC/1"),
    Field("language", "text", doc="language of this file; must match its folder"),
    Field("original", "text", doc="language the document was written in"),
    Field("type", "text", required=False, doc="kind of document, one of kinds/*.yaml (default conference-paper)"),
    Field("kind", "text", required=False, doc="kind line as printed in the masthead, instead of the kind's own"),
    Field("title", "text", doc="title of the document, e.g. Report"),
    Field("organizations", "texts", doc="issuing organizations, one per line"),
    Field("distribution", "text", required=False, doc="distribution line, if printed"),
    Field("date", "date", required=False, doc="date of issue; also the PDF's date"),
    Field("subject", "text", required=False, doc="subject for the PDF properties"),
    Field("columns", "texts", required=False, doc="the bilingual edition's two languages, in column order"),
    Field("bilingual", "texts", required=False, doc="the bilingual editions, each first-second in column order: ar-en, zh-es"),
    Field("amendments", "amendments", required=False, doc="corrigenda and revisions issued, oldest first"),
    Field("contents_after_pages", "count", required=False,
          doc="PDFs longer than this many pages get a table of contents (default 12)"),
    Field("scheme", "text", required=False, doc="numbering scheme, a file schemes/<name>.yaml (default un-report)"),
    Field("body", "blocks", doc="the units of the document"),
    Field("annexes", "annexes", required=False, doc="the annexes, after the body: each with annex, title, original, body"),
)

# One entry of a document's ``annexes:`` (editions/read/loader.py).
ANNEX = (
    Field("annex", "text", required=False, doc="its number in capital roman numerals (I, II...); none for a single annex"),
    Field("title", "text", doc="its title"),
    Field("original", "text", required=False, doc="the language it was written in, when not the document's"),
    Field("scheme", "text", required=False, doc="the numbering scheme of its units, when not the document's"),
    Field("body", "blocks", doc="its units, numbered afresh"),
)

# kinds/<name>.yaml: the fields of a kind of document (editions/read/kinds.py).
KIND = (
    Field("masthead", "text", doc="the masthead printed: conference, organ or plain"),
    Field("line", "text", required=False, doc="the kind line, a catalog string; %(field)s prints a field"),
    Field("issued", "text", required=False, doc="the date field that dates the document when it has no date"),
    Field("fields", "mapping", required=False, doc="the kind's own fields, by name"),
)
KIND_FIELD = (
    Field("type", "text", doc="text, date or texts"),
    Field("required", "text", required=False, doc="yes (default) or no"),
    Field("shared", "text", required=False, doc="yes: the same in every language (default no)"),
    Field("doc", "text", required=False, doc="what the field is"),
)

AMENDMENT = (
    Field("kind", "text", doc="corrigendum or revision"),
    Field("symbol", "text", doc="e.g. DSC/1/Corr.1"),
    Field("date", "date", doc="date of issue"),
    Field("languages", "texts", required=False, doc="languages concerned (default: all)"),
)

LANGUAGE = (
    Field("locale", "text", doc="Babel locale for dates and numbers, e.g. en_GB"),
    Field("labels", "labels", doc="printed label of each level, in every scheme; {} is the numeral"),
    Field("schemes", "labels", required=False, doc="labels of one scheme's levels, by scheme"),
    Field("quotes", "pair", doc="opening and closing quotation marks"),
    Field("day_range", "text", doc="a range of days within a month: {start} day, {end} date"),
    Field("script", "text", required=False, doc="ISO 15924 script, which chooses the type: Latn (default), Cyrl, Arab, Hans"),
    Field("direction", "text", required=False, doc="ltr (default) or rtl, the direction of the language's lines"),
    Field("masthead_locale", "text", required=False,
          doc="locale of the masthead's distribution lines (Distr., date, language, Original), if not the language's own"),
    Field("dates", "mapping", required=False,
          doc="how dates print, where not as Babel's long date: pattern (CLDR) and months (12 names, for MMMM)"),
)

BLOCK_VALUES = {"text": "text", "heading": "text", "bullets": "texts", "quote": "blocks", "note": "blocks",
                "table": "table"}


SPACES = re.compile(r"[ \t\n\r\f\v]+")     # not str.split(): it would turn U+00A0 and U+202F into spaces


@functools.lru_cache(maxsize=64)
def _names(fields: tuple[Field, ...], extra: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The keys a record may have and those it must have."""
    return frozenset(f.name for f in fields) | frozenset(extra), frozenset(f.name for f in fields if f.required)


@dataclass
class Reader:
    """Converts the nodes of one file, collecting problems instead of stopping."""

    source: Source
    problems: list[Problem] = field(default_factory=list)

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.source.shown, line(node), message))

    def record(self, node: yaml.Node, fields: collections.abc.Sequence[Field], what: str,
               extra: collections.abc.Sequence[str] = ()) -> dict[str, yaml.Node]:
        """The fields of a mapping node by name; problems for what does not fit."""
        if type(node) is not yaml.MappingNode:
            self.problem(node, f"{what} must be a mapping of keys to values")
            return {}
        known, required = _names(tuple(fields), tuple(extra))
        # Keys are scalars, each once: editions/read/yamlsource.py refuses the others.
        found: dict[str, yaml.Node] = {key.value: value for key, value in node.value}
        if known >= found.keys() >= required:
            return found        # every key known, none missing (none null: null keys are never known)
        found = {}
        for key, value in node.value:
            name = scalar_text(key) or ""
            if name not in known:
                self.problem(key, f"unknown key '{name}' in {what}; expected one of: {', '.join(sorted(known))}")
            elif name not in found:
                found[name] = value
        if not found.keys() >= required:
            for name in sorted(required - found.keys(), key=[f.name for f in fields].index):
                self.problem(node, f"{what} lacks the required key '{name}'")
        return found

    def text(self, node: yaml.Node, what: str) -> str | None:
        value = scalar_text(node)
        if value is None:
            self.problem(node, f"{what} must be text")
            return None
        if not value or value.isspace():
            self.problem(node, f"{what} is empty")
            return None
        # No whitespace but single spaces (most texts): nothing to normalise. Searched for, not asked of
        # str.isprintable, which looks every character up in Unicode's tables (5 % of a large check).
        if ("  " not in value and "\n" not in value and "\t" not in value and "\r" not in value and "\f" not in value
                and "\v" not in value and value[0] != " " and value[-1] != " "):
            return value
        return " ".join(SPACES.split(value.strip(" \t\n\r\f\v")))   # a no-break space an author typed stays

    def date(self, node: yaml.Node, what: str) -> datetime.date | None:
        value = scalar_date(node)
        if value is None:
            self.problem(node, f"{what} must be a date written YYYY-MM-DD")
        return value

    def texts(self, node: yaml.Node, what: str) -> tuple[tuple[str, yaml.Node], ...]:
        """A non-empty list of texts, each with its node for its line."""
        if type(node) is not yaml.SequenceNode or not node.value:
            self.problem(node, f"{what} must be a list with at least one entry")
            return ()
        found = [(self.text(item, f"each entry of {what}"), item) for item in node.value]
        return tuple((text, item) for text, item in found if text is not None)

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if type(node) is not yaml.SequenceNode or not node.value:
            self.problem(node, f"{what} must be a list with at least one entry")
            return []
        items: list[yaml.Node] = node.value
        return items
