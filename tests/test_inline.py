"""Inline markup: the worst a content file can hold is read in time linear in its length.

Each pathological pattern below, 400 KB of it, is parsed or refused with the
message a user would see; bench/hostile.py measures the same patterns at
100-800 KB (docs/performance.md, "Worst-case inputs"). Nothing here is timed:
the parser's steps (its regular-expression calls) are counted instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editions.read import inline
from editions.read.inline import InlineError, markup, parse, plain_text, references
from editions.read.model import Inline

SIZE = 400_000
NESTED = '*"*"*"*"x"*"*"*"* '      # eight levels, the most allowed, then closed (a space: ** is strong)


def repeated(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


# pattern: the text, and what parsing it gives (a check of the runs) or the message it is refused with
Runs = tuple[Inline, ...]
PARSED: dict[str, tuple[str, Callable[[Runs], bool]]] = {
    "empty strong emphasis": (repeated("**"), lambda runs: len(runs) == SIZE // 4 and set(runs) == {Inline("strong")}),
    "strong and emphasis": (repeated("***a* **"), lambda runs: len(runs) == SIZE // 8
                            and runs[0] == Inline("strong", children=(Inline("emphasis", children=(Inline("text", "a"),)),
                                                                      Inline("text", " ")))),
    "no-break joins": (repeated("~"), lambda runs: runs == (Inline("text", "\u00a0" * SIZE),)),
    "line breaks": (repeated("{br}"), lambda runs: len(runs) == SIZE // 4 and set(runs) == {Inline("break")}),
    "emphasis and text": (repeated("*a"), lambda runs: len(runs) == SIZE // 2 and runs[1] == Inline("text", "a")),
    "nested eight deep": (repeated(NESTED), lambda runs: len(runs) == 2 * (SIZE // len(NESTED))),
    "empty quotations": (repeated('""'), lambda runs: len(runs) == SIZE // 2),
    "backslashes": (repeated("\\"), lambda runs: runs == (Inline("text", "\\" * (SIZE // 2)),)),
    "escaped stars": (repeated("\\*"), lambda runs: runs == (Inline("text", "*" * (SIZE // 2)),)),
    "brackets": (repeated("["), lambda runs: runs == (Inline("text", "[" * SIZE),)),
    "references": (repeated("{ref:A}"), lambda runs: len(runs) == SIZE // 7 and runs[0] == Inline("ref", "A")),
    "a long reference": ("{ref:" + repeated("A.") + "A}", lambda runs: runs[0].kind == "ref"),
}
REFUSED = {
    "stars, one unmatched": ("*" * (SIZE + 1), "emphasis * opened but never closed in: '*'"),
    "an unclosed emphasis": ("*" + "a" * SIZE, "emphasis * opened but never closed in: '*" + "a" * 29 + "…'"),
    "an unclosed quotation": ('"' + "a" * SIZE, 'quotation " opened but never closed in: \'"' + "a" * 29 + "…'"),
    "open braces": (repeated("{"), "a '{' must start a field such as {ref:III.A} (write \\{ for the character): '" + "{" * 30 + "…'"),
    "unclosed fields": (repeated("{ref:"), "a '{' must start a field such as {ref:III.A} (write \\{ for the character): '"
                        + "{ref:" * 6 + "…'"),
    "a field never closed": ("{ref:" + "A" * SIZE, "a '{' must start a field such as {ref:III.A} (write \\{ for the character): '{ref:"
                             + "A" * 25 + "…'"),
    "nesting too deep": (repeated('*"'), "emphasis and quotations are nested more than 8 deep"),
    "a long number": ("{number:" + repeated("1") + "}",
                      "{number:" + "1" * 30 + "…} is not a valid number (at most 15 digits, and 6 after the point)"),
    "an unclosed strong emphasis": ("**" + "a" * SIZE, "strong emphasis ** opened but never closed in: '**" + "a" * 28 + "…'"),
    "a break with a value": (repeated("{br:x}"), "{br} takes no value: write {br} for a line break"),
    "a reference without its identity": (repeated("{ref}"), "{ref} needs a value, as in {ref:III.A}"),
}


@pytest.mark.parametrize("name", PARSED)
def test_pathological_markup_is_parsed(name: str) -> None:
    text, expected = PARSED[name]
    assert expected(parse(text))


@pytest.mark.parametrize("name", REFUSED)
def test_pathological_markup_is_refused_with_its_message(name: str) -> None:
    text, message = REFUSED[name]
    with pytest.raises(InlineError) as refused:
        parse(text)
    assert str(refused.value) == message


@dataclass
class Counted:
    """A compiled pattern that counts the calls made to it."""

    pattern: re.Pattern[str]
    calls: int = 0

    def search(self, text: str, start: int) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.search(text, start)

    def match(self, text: str, start: int) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text, start)


def steps(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many regular-expression calls parsing ``text`` makes (refused or not)."""
    special, field = Counted(inline.SPECIAL), Counted(inline.FIELD)
    monkeypatch.setattr(inline, "SPECIAL", special)
    monkeypatch.setattr(inline, "FIELD", field)
    try:
        parse(text)
    except InlineError:
        pass
    return special.calls + field.calls


@pytest.mark.parametrize("unit", ["**", "*a", "***a* **", NESTED, '""', "\\", "\\*", "~", "{br}", "{ref:A}", "a" * 50])
def test_the_steps_grow_linearly_with_the_text(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    count = SIZE // len(unit) // 16       # 25 KB and 100 KB: counted, the steps need no more
    small, large = (steps(unit * times, monkeypatch) for times in (count, 4 * count))
    markup = sum((unit * 4 * count).count(char) for char in '\\*"{')
    assert small <= large <= 4 * small
    assert large <= 2 * markup + 1      # a search per markup character, a match per field, one search to find the end


@given(st.text(alphabet='ab *"{}~\\\u00a0/', max_size=40))
def test_markup_writes_back_what_parse_read(text: str) -> None:
    """A record of confirmed translations keeps texts through ``markup``: read back, they are the same runs."""
    try:
        runs = parse(text)
    except InlineError:
        return
    assert parse(markup(runs)) == runs


@given(st.lists(st.sampled_from(["{note:", "}", "*", "a", "\\", '"', "~", " ", "{br}"]), max_size=12).map("".join))
def test_footnotes_write_back_what_parse_read(text: str) -> None:
    """A footnote's text, braces and markup in it included, survives a record of confirmed translations."""
    try:
        runs = parse(text)
    except InlineError:
        return
    assert parse(markup(runs)) == runs


def test_a_footnote_holds_inline_markup() -> None:
    runs = parse("adopted.{note:See *Official Records*, {number:49} and {ref:I.1}.} Then")
    assert [run.kind for run in runs] == ["text", "note", "text"]
    assert [run.kind for run in runs[1].children] == ["text", "emphasis", "text", "number", "text", "ref", "text"]
    assert [run.value for run in references(runs)] == ["I.1"]
    assert plain_text(runs) == "adopted. Then"


@pytest.mark.parametrize(("text", "message"), [
    ("a{note:b", "footnote {note: opened but never closed in: '{note:b'"),
    ("a{note:}", "a footnote needs its text, as in {note:Text of the footnote.}"),
    ("a{note}", "{note} needs its text, as in {note:Text of the footnote.}"),
    ("{note:a *{note:b}*}", "a footnote cannot hold another footnote: '{note:a *{note:b}*}'"),
])
def test_a_malformed_footnote_is_refused_with_its_message(text: str, message: str) -> None:
    with pytest.raises(InlineError) as error:
        parse(text)
    assert str(error.value) == message
