"""Rendering an edition to HTML with Jinja: autoescaped, strict, localised.

The same template serves the screen edition and the HTML that WeasyPrint
turns into the PDF; ``medium`` says which, so that links meant for a
browser (the language switch, counterpart links) stay out of print.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

import babel
import jinja2
import jinja2.bccache
import jinja2.ext
from markupsafe import Markup

from . import cache
from .errors import EXIT_RENDER, EditionError, Problem, fail
from .inline import plain_text, render
from .languages import Language
from .localise import format_date_range, inline_style, load_translations
from .model import Document, Meta, Unit, version_symbol
from .plan import file_hash

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
    dates: str                        # "20-22 November 2002"
    issued: str                       # date of issue in ISO form, or ""
    others: list[LanguageLink]        # the same document in other languages
    inline: Callable[[tuple], Markup]
    label: Callable[[Unit], str]
    plain: Callable[[tuple], str]
    css_content: Callable[[str], Markup]


def template_dirs(root: Path) -> list[Path]:
    return [root / "templates"]


def template_msgids(root: Path) -> frozenset[str]:
    """Every string the templates pass to gettext."""
    return _msgids(root, tuple((p.name, p.stat().st_mtime_ns) for d in template_dirs(root) for p in sorted(d.glob("*.html"))))


@functools.cache
def _msgids(root: Path, stamps: tuple[tuple[str, int], ...]) -> frozenset[str]:
    """Extraction, once per process for templates as they stand (``stamps``), and
    kept in the cache by the templates' bytes (editions/cache.py): parsing them
    all took 0.08 s of every build."""
    paths = [path for folder in template_dirs(root) for path in sorted(folder.glob("*.html"))]
    key = hashlib.sha256(f"{jinja2.__version__}|{babel.__version__}".encode())
    for path in paths:      # the plan hashes the same files for the fingerprints: hashed once
        key.update(f"\0{path.name}\0{file_hash(path)}".encode())
    kept = f"msgids/{key.hexdigest()[:32]}.json"
    if (data := cache.read(kept)) is not None:
        try:
            return frozenset(json.loads(data))
        except ValueError:
            pass
    from babel.messages.extract import extract_from_file

    found = set()
    for path in paths:
        # The function itself, not "jinja2": Babel would look it up among every installed package's
        # entry points first (40 ms of each build).
        for _, message, _, _ in extract_from_file(jinja2.ext.babel_extract, str(path),
                                                  options={"extensions": "jinja2.ext.i18n"}):
            found.add(message if isinstance(message, str) else message[0])
    cache.keep(kept, json.dumps(sorted(found), ensure_ascii=False).encode())
    return frozenset(found)


class _CompiledOnce(jinja2.BytecodeCache):
    """Templates compiled once, shared by every language's environment and kept between builds.

    Each language has its own environment (its translations), and each compiled
    every template again: 25 compilations for DSC/1's editions, a third of the
    HTML stage. The environments differ only in what they render with, never
    in how templates compile, so the compiled code is shared, and kept in the
    cache (editions/cache.py) for the next build: compiling DSC/1's 15
    templates took 0.15 s of every build. Jinja checks the source's checksum
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
    translations = load_translations(root, language.code, template_msgids(root))
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(env: jinja2.Environment, doc: Document, languages: dict[str, Language],
                others: list[str], medium: str, marked_since: str = "") -> str:
    """The edition of ``doc`` as a complete HTML document."""
    try:
        template = env.get_template(TEMPLATE)
        return template.render({**edition_context(doc, languages, others, medium), "marked_since": marked_since})
    except jinja2.TemplateSyntaxError as error:
        raise fail(f"templates/{error.name or TEMPLATE}", error.lineno, f"template error: {error.message}", EXIT_RENDER) from None
    except jinja2.TemplateError as error:
        raise EditionError([Problem(f"templates/{TEMPLATE}", 1, f"template error: {error}")], EXIT_RENDER) from None


def edition_context(doc: Document, languages: dict[str, Language],
                    others: list[str], medium: str, id_prefix: str = "") -> EditionContext:
    """What the templates need to render ``doc`` in its language."""
    language = languages[doc.language]
    style = inline_style(doc, language, id_prefix)

    def label(unit: Unit) -> str:
        assert unit.label is not None
        return language.labels[unit.kind].format(unit.label.number)

    original = languages[doc.meta.original]
    return EditionContext(
        doc=doc,
        meta=doc.meta,
        symbol=version_symbol(doc.meta),
        language=language,
        medium=medium,
        id_prefix=id_prefix,
        marked_since="",
        language_line="" if doc.language == doc.meta.original else language.name,
        original_name=original.name_in(language),
        dates=format_date_range(doc.meta.start, doc.meta.end, language),
        issued=(doc.meta.date or doc.meta.end).isoformat(),
        others=[LanguageLink(code=c, name=languages[c].name, href=f"../{c}/{doc.name}.html") for c in others],
        inline=lambda runs: render(runs, style),
        label=label,
        plain=plain_text,
        css_content=css_content,
    )


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
