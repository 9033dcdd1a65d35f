"""Inline markup of content text: a small, documented subset, nothing else.

    *emphasis*          emphasis
    **strong**          strong emphasis
    "quotation"         quotation marks of the edition's language
    No.~5               a no-break space: the two sides stay on one line
    {br}                a line break, which YAML's folding of lines cannot lose
    {ref:III.B.3}       cross-reference to a numbered unit, printed as its label
    {cite:2.b.ii}       cross-reference printed in full: paragraph 2 (b) (ii)
    {number:250000}     a number, formatted for the edition's locale
    {date:2002-11-18}   a date, formatted for the edition's locale
    {note:Text.}        a footnote, called here; its text is inline markup too
                        (write \\} for a closing brace in it); numbered 1, 2, 3...
                        through the document when rendered
    \\*  \\"  \\{  \\~  \\\\   the character itself

Document symbols in the text (A/RES/73/195, LC/G.2015) are kept on one line
when rendered, without any markup.

Anything else, HTML included, is text and is escaped when rendered.

>>> parse('see {ref:III.A} and *"this"*')  # doctest: +NORMALIZE_WHITESPACE
(Inline(kind='text', value='see ', children=()),
 Inline(kind='ref', value='III.A', children=()),
 Inline(kind='text', value=' and ', children=()),
 Inline(kind='emphasis', value='', children=(Inline(kind='quote', value='',
   children=(Inline(kind='text', value='this', children=()),)),)))
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import Inline, Unit

# Possessive quantifiers: what each matches can never be given back to the rest, so
# none backtracks, and a 400 KB identity takes 1 KiB to match instead of 60 MiB.
FIELD = re.compile(r"\{([a-z]++)(?::([^{}]*+))?\}")
IDENTITY = re.compile(r"[A-Za-z0-9]++(?:-[A-Za-z0-9]++)?+(?:\.[A-Za-z0-9]++)*+")   # annex-II.3: an annex's prefix
NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,6})?")     # what every locale formats exactly
DELIMITERS = {"*": "emphasis", "**": "strong", '"': "quote"}
NO_BREAK_SPACE = "\u00a0"
EXAMPLES = {"note": "Text of the footnote.", "ref": "III.A", "cite": "2.b.ii", "number": "250000", "date": "2002-11-18"}
BREAK = "br"                         # the one field without a value
MAX_NESTING = 8
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SPECIAL = re.compile(r'[\\*"{}]')    # the characters that start or end markup; ~ is replaced in the text between
NOTE = "{note:"
# A document symbol: capitals, then parts after slashes (A/RES/73/195, E/CN.4/2005/L.10, LC/G.2015).
# It can start only where no symbol character precedes, and each quantifier is possessive,
# so a text is scanned once whatever it holds.
SYMBOL = re.compile(r"(?<![A-Za-z0-9./])[A-Z][A-Z0-9]*+(?:\.[A-Z0-9]++)*+(?:/[A-Za-z0-9]++(?:[.-][A-Za-z0-9]++)*+)++")


class InlineError(ValueError):
    """Markup that cannot be read; the message says what and where in the text."""


def parse(text: str) -> tuple[Inline, ...]:
    """Parse ``text``; InlineError for unclosed markers or unknown fields."""
    if not ("*" in text or '"' in text or "{" in text or "\\" in text):   # faster than SPECIAL.search
        return (Inline("text", text.replace("~", NO_BREAK_SPACE)),) if text else ()
    runs, end = _parse(text, 0, None, 0)
    return runs


def _parse(text: str, start: int, closing: str | None, depth: int) -> tuple[tuple[Inline, ...], int]:
    """The runs from ``start`` up to ``closing`` (or the end), and where they stop.

    Each markup character is visited once and the runs are copied into a tuple only when
    this level ends, so the cost stays linear in the text's length whatever it holds
    (docs/performance.md, "Worst-case inputs").
    """
    if depth > MAX_NESTING:
        raise InlineError(f"emphasis and quotations are nested more than {MAX_NESTING} deep")
    runs: list[Inline] = []
    plain: list[str] = []
    i = start
    while (found := SPECIAL.search(text, i)) is not None:   # jump from one markup character to the next
        at = found.start()
        if at > i:
            plain.append(text[i:at].replace("~", NO_BREAK_SPACE))
        char, i = text[at], at
        if char == "*" and text.startswith("**", at):
            char = "**"
        if char == "\\":
            if i + 1 < len(text):
                plain.append(text[i + 1])
                i += 2
            else:
                plain.append(char)
                i += 1
        elif char == closing:
            _flush(runs, plain)
            return tuple(runs), i + len(char)
        elif char == "}":           # outside a footnote, a brace like any other character
            plain.append(char)
            i += 1
        elif char in DELIMITERS:
            _flush(runs, plain)
            children, i = _parse(text, i + len(char), char, depth + 1)
            runs.append(Inline(DELIMITERS[char], children=children))
        elif text.startswith(NOTE, i):
            _flush(runs, plain)
            note, i = _note(text, i, closing, depth)
            runs.append(note)
        else:  # "{"
            _flush(runs, plain)
            field, i = _field(text, i)
            runs.append(field)
    if i < len(text):
        plain.append(text[i:].replace("~", NO_BREAK_SPACE))
    if closing is not None:
        marker = {"*": "emphasis *", "**": "strong emphasis **", "}": "footnote {note:"}.get(closing, 'quotation "')
        opened = start - len(NOTE if closing == "}" else closing)
        raise InlineError(f"{marker} opened but never closed in: {_excerpt(text, opened)}")
    _flush(runs, plain)
    return tuple(runs), len(text)


def _note(text: str, start: int, closing: str | None, depth: int) -> tuple[Inline, int]:
    """The footnote opened at ``start``: its text up to the matching ``}``."""
    children, end = _parse(text, start + len(NOTE), "}", depth + 1)
    if any(notes(children)):
        raise InlineError(f"a footnote cannot hold another footnote: {_excerpt(text, start)}")
    if not plain_text(children).strip():
        raise InlineError(f"a footnote needs its text, as in {{note:{EXAMPLES['note']}}}")
    return Inline("note", children=children), end


def _flush(runs: list[Inline], plain: list[str]) -> None:
    """End the plain text gathered so far as one text run."""
    if plain:
        runs.append(Inline("text", "".join(plain)))
        plain.clear()


def _field(text: str, start: int) -> tuple[Inline, int]:
    match = FIELD.match(text, start)
    if match is None:
        raise InlineError(f"a '{{' must start a field such as {{ref:III.A}} (write \\{{ for the character): {_excerpt(text, start)}")
    name, value = match.group(1), match.group(2)
    checks: dict[str, Callable[[str], object]] = {   # a match (or None), or a bool
        "ref": IDENTITY.fullmatch, "cite": IDENTITY.fullmatch, "number": NUMBER.fullmatch, "date": _is_date,
    }
    if name == BREAK:
        if value is not None:
            raise InlineError(f"{{{BREAK}}} takes no value: write {{{BREAK}}} for a line break")
        return Inline("break"), match.end()
    if name == "note":     # {note:…} itself is read by _note
        raise InlineError(f"{{note}} needs its text, as in {{note:{EXAMPLES['note']}}}")
    if name not in checks:
        raise InlineError(f"unknown field {{{name}:…}}; known fields: note, ref, cite, number, date, br")
    if value is None:
        raise InlineError(f"{{{name}}} needs a value, as in {{{name}:{EXAMPLES[name]}}}")
    value = value.strip()
    if not checks[name](value):
        limits = " (at most 15 digits, and 6 after the point)" if name == "number" else ""
        shown = value if len(value) <= 30 else value[:30] + "…"
        raise InlineError(f"{{{name}:{shown}}} is not a valid {name}{limits}")
    return Inline(name, value), match.end()


def _is_date(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _excerpt(text: str, at: int) -> str:
    return repr(text[max(at, 0): max(at, 0) + 30] + ("…" if len(text) > at + 30 else ""))


def references(runs: tuple[Inline, ...]) -> Iterator[Inline]:
    """The ``{ref:}`` and ``{cite:}`` fields in ``runs``, in order."""
    for run in runs:
        if run.kind in ("ref", "cite"):
            yield run
        yield from references(run.children)


def plain_text(runs: tuple[Inline, ...]) -> str:
    """The text without markup, fields as written, footnotes left out (for titles and outlines)."""
    return "".join(run.value if run.kind == "text" else " " if run.kind == "break" else
                   "" if run.kind == "note" else plain_text(run.children) for run in runs)


def notes(runs: tuple[Inline, ...]) -> Iterator[Inline]:
    """The footnotes called in ``runs``, in order."""
    for run in runs:
        if run.kind == "note":
            yield run
        else:
            yield from notes(run.children)


def body_notes(units: tuple[Unit, ...]) -> Iterator[Inline]:
    """The footnotes called in ``units`` and all they hold, in the order of the text (their numbers' order);
    a table's notes are its own, lettered under it (editions/read/tables.py)."""
    for unit in units:
        if unit.kind == "table":
            continue
        yield from notes(unit.title)
        yield from notes(unit.text)
        yield from body_notes(unit.children)


MARKERS = {"emphasis": "*", "strong": "**", "quote": '"'}
ESCAPED = str.maketrans({"\\": "\\\\", "*": "\\*", '"': '\\"', "{": "\\{", "~": "\\~", NO_BREAK_SPACE: "~"})
IN_NOTE = str.maketrans({"\\": "\\\\", "*": "\\*", '"': '\\"', "{": "\\{", "}": "\\}", "~": "\\~", NO_BREAK_SPACE: "~"})


def markup(runs: tuple[Inline, ...]) -> str:
    """The runs written back as an author writes them, so that ``parse(markup(runs)) == runs``
    (records of confirmed translations keep the original's text this way).

    >>> markup(parse('*Decides* to ask for **No.~5**,{br}"see" {ref:II.A}{note:See *this*.}'))
    '*Decides* to ask for **No.~5**,{br}"see" {ref:II.A}{note:See *this*.}'
    """
    return "".join(_markup_run(run, ESCAPED) for run in runs)


def _markup_run(run: Inline, escaped: dict[int, str]) -> str:
    if run.kind == "text":
        return run.value.translate(escaped)
    if run.kind == "note":
        return NOTE + "".join(_markup_run(child, IN_NOTE) for child in run.children) + "}"
    if run.kind in MARKERS:
        return MARKERS[run.kind] + "".join(_markup_run(child, escaped) for child in run.children) + MARKERS[run.kind]
    if run.kind == "break":
        return "{br}"
    return f"{{{run.kind}:{run.value}}}"


@dataclass(frozen=True)
class InlineStyle:
    """How one edition prints inline fields: its locale's formats and marks."""

    quotes: tuple[str, str]
    number: Callable[[str], str]
    date: Callable[[datetime.date], str]
    ref_label: Callable[[str], str]
    ref_href: Callable[[str], str]
    ref_cite: Callable[[str], str] | None = None    # None: {cite:} prints as {ref:}
    text: Callable[[str], Markup] = lambda text: render_text(text)     # right-to-left editions isolate symbols in it
    footnote: Callable[[Inline], Markup] = lambda run: Markup("")      # a footnote's call (and, in print, its text)


def render(runs: tuple[Inline, ...], style: InlineStyle) -> Markup:
    """Safe HTML for ``runs``: content text is always escaped."""
    return Markup("").join(_render_run(run, style) for run in runs)


def _render_run(run: Inline, style: InlineStyle) -> Markup:
    if run.kind == "text":
        return style.text(run.value)
    if run.kind == "emphasis":
        return Markup("<em>%s</em>") % render(run.children, style)
    if run.kind == "strong":
        return Markup("<strong>%s</strong>") % render(run.children, style)
    if run.kind == "break":
        return Markup("<br>")
    if run.kind == "note":
        return style.footnote(run)
    if run.kind == "quote":
        opening, closing = style.quotes
        return Markup("<q>%s%s%s</q>") % (opening, render(run.children, style), closing)
    if run.kind in ("ins", "del"):     # marked editions only (editions/render/marked.py); value: a class
        opening = Markup('<%s class="%s">') % (run.kind, run.value) if run.value else Markup("<%s>") % run.kind
        return opening + render(run.children, style) + Markup("</%s>") % run.kind
    if run.kind == "number":
        return escape(style.number(run.value))
    if run.kind == "date":
        return escape(style.date(datetime.date.fromisoformat(run.value)))
    return Markup('<a class="ref" href="%s">%s</a>') % (style.ref_href(run.value), _reference(run, style))


def render_text(text: str, isolated: bool = False) -> Markup:
    """Escaped text, each document symbol in it kept whole on one line; ``isolated`` (right-to-left
    editions), each also set left to right in a ``<bdi>``."""
    if "/" not in text:
        return escape(text)
    opening = '<bdi dir="ltr" class="document-symbol">' if isolated else '<span class="document-symbol">'
    closing = "</bdi>" if isolated else "</span>"
    parts: list[str] = []
    end = 0
    for symbol in SYMBOL.finditer(text):      # a symbol's characters (A-Z, a-z, 0-9, . / -) need no escaping
        parts += [escape(text[end:symbol.start()]), opening, symbol.group(), closing]
        end = symbol.end()
    parts.append(escape(text[end:]))
    return Markup("".join(parts))


def render_plain(runs: tuple[Inline, ...], style: InlineStyle) -> str:
    """The text as printed, without markup: quotation marks, numbers, dates and
    references formatted, emphasis dropped (for corrigenda and comparisons)."""
    return "".join(_plain_run(run, style) for run in runs)


def _plain_run(run: Inline, style: InlineStyle) -> str:
    if run.kind == "text":
        return run.value
    if run.kind in ("emphasis", "strong", "ins", "del"):
        return render_plain(run.children, style)
    if run.kind == "break":
        return " "
    if run.kind == "note":
        return ""
    if run.kind == "quote":
        return style.quotes[0] + render_plain(run.children, style) + style.quotes[1]
    if run.kind == "number":
        return style.number(run.value)
    if run.kind == "date":
        return style.date(datetime.date.fromisoformat(run.value))
    return _reference(run, style)


def _reference(run: Inline, style: InlineStyle) -> str:
    if run.kind == "cite" and style.ref_cite is not None:
        return style.ref_cite(run.value)
    return style.ref_label(run.value)
