"""Numeral systems declared in numerals/<name>.yaml: the shipped ones read back number for
number, labels holding spaces or brackets parse, and a project adds a system without code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from editions.errors import EditionError
from editions.read.model import LabelStyle
from editions.read.numerals import NumeralError, System, format_numeral, parse_numeral
from editions.read.schemes import load_scheme
from editions.read.systems import Systems, load_systems

SHIPPED, PROBLEMS = load_systems(ROOT)


def shipped(name: str) -> System:
    system = SHIPPED.get(name)
    assert system is not None, name
    return system


def test_the_shipped_systems_read_without_problems() -> None:
    assert PROBLEMS == []
    assert [name for name, _ in SHIPPED.declared] == ["arabic-letter-names", "arabic-ordinal", "parenthesised-ideographs"]


@pytest.mark.parametrize("name", ["arabic-letter-names", "arabic-ordinal", "parenthesised-ideographs"])
def test_every_numeral_of_a_shipped_system_reads_back(name: str) -> None:
    system = shipped(name)
    for number in range(1, system.largest + 1):
        assert parse_numeral(system, format_numeral(system, number)) == number


@pytest.mark.parametrize(("name", "numbers", "written"), [
    ("arabic-ordinal", (1, 2, 10, 11, 12, 19, 20, 21, 30, 40),
     ["أولا", "ثانيا", "عاشرا", "حادي عشر", "ثاني عشر", "تاسع عشر", "عشرون", "حادي وعشرون", "ثلاثون", "أربعون"]),
    ("arabic-letter-names", (1, 2, 3, 4, 5, 28), ["ألف", "باء", "جيم", "دال", "هاء", "غين"]),
    ("parenthesised-ideographs", (1, 2, 10, 11, 20), ["㈠", "㈡", "㈩", "(十一)", "(二十)"]),
])
def test_numerals_as_united_nations_documents_write_them(name: str, numbers: tuple[int, ...], written: list[str]) -> None:
    assert [format_numeral(shipped(name), n) for n in numbers] == written


@pytest.mark.parametrize(("pattern", "name", "written", "number"), [
    ("{} -", "arabic-ordinal", "حادي عشر -", 11),       # a space inside the numeral
    ("{} -", "arabic-ordinal", "حادي عشر", 11),          # the dash left out, as a full stop may be
    ("{} -", "arabic-letter-names", "جيم -", 3),
    ("{}", "parenthesised-ideographs", "㈢", 3),
    ("{}", "parenthesised-ideographs", "(十一)", 11),     # brackets inside the numeral
])
def test_labels_of_declared_systems_parse(pattern: str, name: str, written: str, number: int) -> None:
    style = LabelStyle("section", pattern, name, system=shipped(name))
    assert style.parse(written) == (number, "")
    assert style.parse(style.format(number)) == (number, "")


def test_a_label_of_a_declared_system_says_what_is_wrong() -> None:
    style = LabelStyle("section", "{} -", "arabic-ordinal", system=shipped("arabic-ordinal"))
    assert style.short(11) == "حادي عشر"
    with pytest.raises(NumeralError, match="^does not follow this language's style for section labels, as in أولا -$"):
        style.parse("(أولا)")
    with pytest.raises(NumeralError, match=re.escape("'ثانياً' is not one of the Arabic ordinal words (أولا, ثانيا, ثالثا...)")):
        style.parse("ثانياً -")
    with pytest.raises(NumeralError, match=re.escape("'حادى عشر' is not one of the Arabic ordinal words")):
        style.parse("حادى عشر -")         # alif maqsura for ya: a misspelt word of two


def test_a_doubled_system_goes_on_past_its_last_numeral() -> None:
    system = System.declared("greek", "Greek letters", ("α", "β", "γ"), doubled=True)
    assert [format_numeral(system, n) for n in (1, 3, 4, 6, 7)] == ["α", "γ", "αα", "γγ", "ααα"]
    assert parse_numeral(system, "ββ") == 5
    assert system.script == "GREEK"


def test_a_number_past_the_last_numeral_is_never_a_label() -> None:
    system = shipped("parenthesised-ideographs")
    assert format_numeral(system, 21) == "21"        # only in messages: "numbering starts at ..."
    with pytest.raises(NumeralError):
        parse_numeral(system, "21")


def test_a_project_declares_a_system_and_a_scheme_uses_it(tmp_path: Path) -> None:
    (tmp_path / "numerals").mkdir()
    (tmp_path / "numerals" / "ordinal.yaml").write_text(
        "description: English ordinal words\nnumerals: [First, Second, Third]\n", encoding="utf-8")
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "book.yaml").write_text(
        "levels:\n  - key: part\n    numerals: ordinal\n    carries: title\n    label: Part {}\n", encoding="utf-8")
    systems, problems = load_systems(tmp_path)
    assert problems == [] and systems.knows("ordinal")
    level = load_scheme(tmp_path, "book").levels[0]
    assert level.system is not None and format_numeral(level.system, 2) == "Second"


def test_a_system_cannot_take_a_shipped_name(tmp_path: Path) -> None:
    (tmp_path / "numerals").mkdir()
    (tmp_path / "numerals" / "chinese.yaml").write_text("description: x\nnumerals: [一]\n", encoding="utf-8")
    systems, problems = load_systems(tmp_path)
    assert [str(p) for p in problems] == [
        "numerals/chinese.yaml:1: a numeral system's name is its file's, here 'chinese': a shipped system"]
    assert systems.broken == {"chinese"}


def test_a_project_without_numerals_has_the_shipped_systems_only(tmp_path: Path) -> None:
    systems, problems = load_systems(tmp_path)
    assert (systems, problems) == (Systems(), [])
    with pytest.raises(EditionError):
        load_scheme(tmp_path, "missing")
