"""Rendering an edition to HTML with Jinja: autoescaped, strict, localised.

The same template serves the screen edition and the HTML that WeasyPrint
turns into the PDF; ``medium`` says which, so that links meant for a
browser (the language switch, counterpart links) stay out of print.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import gettext
import hashlib
import json
import pickle
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TypedDict

import babel
import babel.lists
import jinja2
import jinja2.bccache
import jinja2.ext
from markupsafe import Markup

from .. import cache
from ..errors import EXIT_RENDER, EditionError, fail
from ..files import file_hash
from ..read.inline import InlineStyle, body_notes, plain_text, render
from ..read.kinds import kind_lines, load_kinds
from ..read.languages import Language, language_name
from ..read.model import ANNEX, Document, FieldValue, Inline, Meta, Unit, version_symbol
from ..read.schemes import Level
from ..read.tables import group_heading, grouped, header_cells, note_letter, spans, table_notes, table_number
from .localise import CODE_MSGIDS, Words, annex_name, format_date_range, format_long_date, inline_style, load_translations
from .scripts import type_rules

TEMPLATE = "edition.html"


class LanguageLink(TypedDict):
    code: str
    name: str
    href: str


class EditionContext(TypedDict):
    """Everything ``edition.html`` receives."""

    doc: Document
    meta: Meta
    symbol: str                       # the symbol this edition carries (the latest revision's)
    language: Language
    medium: str                       # "screen" or "print"
    id_prefix: str                    # before every unit id: "" here, "en-" in bilingual editions
    marked_since: str                 # in a marked edition, the symbol of the version compared with
    language_line: str                # "English", empty in the original's edition
    original_name: str                # "Spanish", in the edition's language
    block_lang: str                   # the distribution lines' language when not the edition's ("en" in ar, zh, ru), or ""
    language_name: Callable[[str], str]   # a language's name in the edition's language: "French" for fr
    dates: str                        # a conference's days, "20-22 November 2002", or ""
    issued: str                       # date of issue in ISO form, or ""
    issue_date: str                   # the document's date of issue as printed, "15 December 2025", or ""
    details: dict[str, str]           # the kind's own fields as printed in the language
    counts: dict[str, int]            # how many entries each of the kind's list fields has (for plurals)
    others: list[LanguageLink]        # the same document in other languages
    inline: Callable[[tuple[Inline, ...]], Markup]
    footnotes: list[tuple[str, Markup]]  # each footnote's number and text (the screen's notes at the end)
    tables: bool                      # whether the document has tables (their stylesheet is added only then)
    table_groups: bool                # whether a table has a row heading a group of rows (templates/table-groups.css)
    table_notes: Callable[[Unit], list[tuple[str, str, Markup]]]   # a table's notes: letter, id, text
    label: Callable[[Unit], str]
    layout: Callable[[Unit], str]     # how a numbered unit's level is laid out: "hanging" or "indented"
    heading_style: Callable[[Unit], str]  # how a heading's level is set: "run-in", "as-written" or "centred"
    indented: bool                    # whether a level is numbered by its place or indented (templates/indented.css)
    plain: Callable[[tuple[Inline, ...]], str]
    css_content: Callable[[str], Markup]
    type_rules: Markup                # each language's type and setting (editions/render/scripts.py)


def template_dirs(root: Path) -> list[Path]:
    return [root / "templates"]


def template_msgids(root: Path) -> frozenset[str]:
    """Every string the templates pass to gettext."""
    return _msgids(root, tuple((p.relative_to(d).as_posix(), p.stat().st_mtime_ns)
                               for d in template_dirs(root) for p in sorted(d.rglob("*.html"))))


@functools.cache
def _msgids(root: Path, stamps: tuple[tuple[str, int], ...]) -> frozenset[str]:
    """Extraction, once per process for templates as they stand (``stamps``), and
    kept in the cache by the templates' bytes (editions/cache.py), so that no
    build parses them all again (docs/performance.md)."""
    paths = {path.relative_to(folder).as_posix(): path for folder in template_dirs(root) for path in sorted(folder.rglob("*.html"))}
    key = hashlib.sha256(f"{jinja2.__version__}|{babel.__version__}".encode())
    for name, path in paths.items():      # the plan hashes the same files for the fingerprints: hashed once
        key.update(f"\0{name}\0{file_hash(path)}".encode())
    kept = f"msgids/{key.hexdigest()[:32]}.json"
    if (data := cache.read(kept)) is not None:
        try:
            return frozenset(json.loads(data))
        except ValueError:
            pass
    from babel.messages.extract import extract_from_file

    found = set()
    for path in paths.values():
        # The function itself, not "jinja2": Babel would look it up among every installed package's
        # entry points first (docs/performance.md).
        for _, message, _, _ in extract_from_file(jinja2.ext.babel_extract,  # type: ignore[arg-type]  # Babel's stubs want a narrower signature than Jinja's extractor declares
                                                  str(path),
                                                  options={"extensions": "jinja2.ext.i18n"}):
            found.add(message if isinstance(message, str) else message[0])
    cache.keep(kept, json.dumps(sorted(found), ensure_ascii=False).encode())
    return frozenset(found)


class _CompiledOnce(jinja2.BytecodeCache):
    """Templates compiled once, shared by every language's environment and kept between builds.

    Each language has its own environment (its translations), and each compiled
    every template again. The environments differ only in what they render
    with, never in how templates compile, so the compiled code is shared, and
    kept in the cache (editions/cache.py) for the next build (the figures are
    in docs/performance.md). Jinja checks the source's checksum
    and its own and Python's versions before using compiled code, so an edited
    template is compiled anew.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """By name and (in ``_entry``) source: the same template in any project shares its code."""
        return name

    @staticmethod
    def _entry(bucket: jinja2.bccache.Bucket) -> str:
        """The template's name and source, and this module, which sets how templates compile."""
        this = file_hash(Path(__file__))
        return f"templates/{hashlib.sha256(f'{bucket.key}|{bucket.checksum}|{this}'.encode()).hexdigest()[:32]}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        entry = self._entry(bucket)
        data = self.compiled.get(entry) or cache.read(entry)
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except (ValueError, EOFError, TypeError, pickle.UnpicklingError):     # a damaged file in the cache: compiled anew
            bucket.reset()
        if bucket.code is not None:
            self.compiled[entry] = data

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        entry = self._entry(bucket)
        self.compiled[entry] = bucket.bytecode_to_string()
        cache.keep(entry, self.compiled[entry])


COMPILED = _CompiledOnce()     # for environment() only: every environment it makes has the same settings


def environment(root: Path, language: Language) -> jinja2.Environment:
    """A strict, autoescaping environment speaking ``language``."""
    env = jinja2.Environment(
        bytecode_cache=COMPILED,
        loader=jinja2.FileSystemLoader([str(p) for p in template_dirs(root)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["upper_first"] = lambda text: text[:1].upper() + text[1:]
    env.filters["table_number"] = table_number
    env.filters["header_cells"] = header_cells
    env.filters["group_heading"] = group_heading
    env.filters["spans"] = spans
    msgids = template_msgids(root) | kind_lines(load_kinds(root)[0]) | CODE_MSGIDS   # a kind's line is translated like a template's strings
    translations = load_translations(root, language.code, msgids)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]  # added by the i18n extension at run time
    block = language.block_locale.language
    env.globals["block_gettext"] = _gettext(translations if block == language.code else load_translations(root, block, msgids))
    env.globals["catalog"] = translations.gettext
    return env


def _gettext(translations: gettext.NullTranslations) -> Callable[..., Markup]:
    """A gettext for the masthead's distribution lines, which may speak another language than the
    edition (``masthead_locale``), formatting as the i18n extension's own does: the variables escaped."""
    return lambda message, **variables: Markup(translations.gettext(message)) % variables


def catalog(env: jinja2.Environment) -> Words:
    """The catalog ``env`` speaks, for what the code itself names (annexes)."""
    found: Words = env.globals["catalog"]  # type: ignore[assignment]  # set by environment()
    return found


def render_html(env: jinja2.Environment, doc: Document, languages: dict[str, Language],
                others: list[str], medium: str, marked_since: str = "") -> str:
    """The edition of ``doc`` as a complete HTML document."""
    context = edition_context(doc, languages, others, medium, catalog(env))
    return render_template(env, TEMPLATE, {**context, "marked_since": marked_since})


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every template of the project, each error at its own line."""
    for name in env.list_templates(extensions=["html", "css"]):
        with template_errors(name):
            env.get_template(name)


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, object]) -> str:
    """The template ``name`` rendered; any error in it, or in a template it includes, at its own line."""
    with template_errors(name):
        return env.get_template(name).render(context)


@contextmanager
def template_errors(name: str) -> Iterator[None]:
    """Every error raised while a template is compiled or rendered, as ``templates/NAME:LINE: template error: ...``.

    A syntax error knows its template and line; any other error (an undefined
    name, a catalog string whose placeholders the template does not give) is
    placed at the innermost template line of its traceback, which Jinja
    rewrites to point into the templates. ``name`` is where it goes when none
    does. The cause stays chained, for ``--debug``.
    """
    try:
        yield
    except EditionError:
        raise
    except jinja2.TemplateSyntaxError as error:
        raise fail(f"templates/{error.name or name}", error.lineno or 1, f"template error: {error.message}", EXIT_RENDER) from error
    except Exception as error:  # noqa: BLE001 - whatever a template raises is that template's problem, at its line
        where, line = _template_line(error.__traceback__) or (name, 1)
        raise fail(f"templates/{where}", line, f"template error: {_described(error)}", EXIT_RENDER) from error


def _template_line(trace: TracebackType | None) -> tuple[str, int] | None:
    """The innermost frame of ``trace`` that runs a template: its name and line.

    A frame Jinja rewrote names the template file; a frame it did not (a
    template imported as a module) runs the template's compiled code, whose
    line Jinja maps back to the template's.
    """
    found = None
    while trace is not None:
        template = trace.tb_frame.f_globals.get("__jinja_template__")
        filename = Path(trace.tb_frame.f_code.co_filename)
        if isinstance(template, jinja2.Template) and template.name:
            found = (template.name, template.get_corresponding_lineno(trace.tb_lineno))
        elif filename.parent.name == "templates" and filename.suffix in (".html", ".css"):
            found = (filename.name, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _described(error: Exception) -> str:
    if isinstance(error, jinja2.TemplateError):
        return str(error)
    if isinstance(error, (KeyError, ValueError, TypeError)) and any(
            frame.f_code.co_filename.endswith(("jinja2/ext.py",)) for frame, _ in traceback.walk_tb(error.__traceback__)):
        return f"a translated string does not fit its template ({type(error).__name__}: {error}): check its %(name)s placeholders"
    return f"{type(error).__name__}: {error}"


def edition_context(doc: Document, languages: dict[str, Language], others: list[str], medium: str,
                    words: Words, id_prefix: str = "", column: int = 0) -> EditionContext:
    """What the templates need to render ``doc`` in its language; ``words`` is its catalog;
    ``column``, in a bilingual edition, the column it is printed in (1 or 2), which its footnotes carry."""
    language = languages[doc.language]
    numbers = footnote_numbers(doc.body)
    letters = table_note_letters(doc)
    style = inline_style(doc, language, words, id_prefix)

    def footnote(run: Inline) -> Markup:
        if id(run) in letters:
            return _table_note_call(letters[id(run)], medium, id_prefix)
        return _footnote(run, numbers[id(run)], style, medium, id_prefix, column)

    def notes_of(table: Unit) -> list[tuple[str, str, Markup]]:
        """A table's notes, each with its letter and the id of its call, for the list under the table."""
        return [(*letters[id(run)], render(run.children, style)) for run in table_notes(table)]

    style = dataclasses.replace(style, footnote=footnote)

    def label(unit: Unit) -> str:
        assert unit.label is not None
        if unit.kind == ANNEX:
            return annex_name(doc, unit, words)
        return doc.styles(unit.identity)[unit.kind].format(unit.label.number, unit.label.parent)

    def level(unit: Unit) -> Level | None:
        """The level of the scheme that numbers ``unit``: its annex's, if it has one, else the document's."""
        scheme = doc.scheme_of(unit.identity)
        return scheme.by_key.get(unit.kind) if scheme else None

    def layout(unit: Unit) -> str:
        found = level(unit)
        return found.layout if found else "hanging"

    def heading_style(unit: Unit) -> str:
        found = level(unit)
        return found.heading if found else "run-in"

    original = languages[doc.meta.original]
    block = language.block_locale
    return EditionContext(
        doc=doc,
        meta=doc.meta,
        symbol=version_symbol(doc.meta),
        language=language,
        medium=medium,
        id_prefix=id_prefix,
        marked_since="",
        language_line="" if doc.language == doc.meta.original else language_name(doc.language, block),
        original_name=language_name(original.code, block),
        block_lang="" if block.language == language.code else block.language,
        language_name=lambda code: language_name(code, language.locale),
        dates=_dates(doc.meta, language),
        issued=doc.meta.issued.isoformat(),
        issue_date=format_long_date(doc.meta.date, block, language.block_dates) if doc.meta.date else "",
        details={name: _printed(value, language, name in doc.meta.listed) for name, value in doc.meta.own},
        counts={name: len(value) for name, value in doc.meta.own if isinstance(value, tuple)},
        others=[LanguageLink(code=c, name=languages[c].name, href=f"../{c}/{doc.name}.html") for c in others],
        inline=lambda runs: render(runs, style),
        footnotes=[(str(numbers[id(run)]), render(run.children, style)) for run in body_notes(doc.body)],
        tables=any(unit.kind == "table" for unit in doc.units()),
        table_groups=any(grouped(unit) for unit in doc.units() if unit.kind == "table"),
        table_notes=notes_of,
        label=label,
        layout=layout,
        heading_style=heading_style,
        indented=any(not level.printed or level.layout != "hanging" for level in doc.scheme.levels) if doc.scheme else False,
        plain=plain_text,
        css_content=css_content,
        type_rules=type_rules(languages.values()),
    )


def footnote_numbers(units: tuple[Unit, ...]) -> dict[int, int]:
    """Each footnote called in ``units`` (by its run's id) and its number: 1, 2, 3... in the order
    of the text, which is the order the edition prints them in."""
    return {id(run): number for number, run in enumerate(body_notes(units), 1)}


def table_note_letters(doc: Document) -> dict[int, tuple[str, str]]:
    """Each note called in a table (by its run's id), its letter and the id of its note: a, b, c...
    through each table, in the order of its text."""
    found: dict[int, tuple[str, str]] = {}
    for table in (unit for unit in doc.units() if unit.kind == "table"):
        for number, run in enumerate(table_notes(table), 1):
            letter = note_letter(number)
            found[id(run)] = letter, f"{table.identity or 'table'}-note-{letter}"
    return found


def _table_note_call(note: tuple[str, str], medium: str, id_prefix: str) -> Markup:
    """A table note's call: its raised letter, which on screen links to the note under the table."""
    letter, anchor = note
    if medium == "print":
        return Markup('<sup class="table-note-call">%s</sup>') % letter
    return Markup('<sup class="table-note-call"><a href="#%s%s">%s</a></sup>') % (id_prefix, anchor, letter)


def _footnote(run: Inline, number: int, style: InlineStyle, medium: str, id_prefix: str, column: int) -> Markup:
    """A footnote where it is called: in print, its text, which the stylesheet floats to the foot of
    the page (WeasyPrint puts the call in its place); on screen, a call linking to the note at the end.
    In a bilingual edition's print, the note also says its column, and its text is a box of its own,
    which templates/bilingual-footnotes.css sets under that column, beside its counterpart."""
    if medium == "print" and column:
        return Markup('<span class="footnote" data-number="%s" data-column="%s"><span class="footnote-text" data-number="%s">%s</span></span>') % (
            number, column, number, render(run.children, style))
    if medium == "print":
        return Markup('<span class="footnote" data-number="%s">%s</span>') % (number, render(run.children, style))
    return Markup('<sup class="footnote-call"><a href="#%sfn-%s" id="%sfnref-%s">%s</a></sup>') % (
        id_prefix, number, id_prefix, number, number)


def _dates(meta: Meta, language: Language) -> str:
    start, end = meta.date_of("start"), meta.date_of("end")
    return format_date_range(start, end, language) if start and end else ""


def _printed(value: FieldValue, language: Language, listed: bool = False) -> str:
    """A kind's field as the masthead prints it: a date in full; a list joined by commas (sponsors)
    or, for a field of type items, as the language lists them ("15 and 116", "15 y 116")."""
    if isinstance(value, datetime.date):
        return format_long_date(value, language.locale, language.dates)
    if isinstance(value, str):
        return value
    return babel.lists.format_list(list(value), locale=language.locale) if listed else ", ".join(value)


def css_content(text: str) -> Markup:
    """A CSS ``content`` value from a translated string with counters.

    >>> css_content("Página {page} de {pages}")
    Markup('"Página " counter(page) " de " counter(pages)')
    """
    parts: list[str] = []
    for piece in str(text).replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return Markup(" ".join(parts))
