"""Problems print one line each, whatever the user wrote: nothing hidden reaches the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.errors import EditionError, Problem, shown

WRITTEN_OUT = {
    "a\nb": "a\\nb",
    "a\r\tb": "a\\r\\tb",
    "\x1b[31mred\x1b[0m": "\\x1b[31mred\\x1b[0m",
    "\x00\x07\x7f": "\\x00\\x07\\x7f",
    "c1 \x85 \x9b": "c1 \\x85 \\x9b",                     # NEL, CSI
    "bidi \u202e \u202a \u200e \u061c": "bidi U+202E U+202A U+200E U+061C",
    "isolates \u2066\u2067\u2068\u2069": "isolates U+2066U+2067U+2068U+2069",
    "zero width \u200b\u200c\u200d\u2060\ufeff": "zero width U+200BU+200CU+200DU+2060U+FEFF",
    "separators \u2028\u2029": "separators U+2028U+2029",
    "undecodable \udcff": "undecodable U+DCFF",             # a file name's byte 0xff, read with surrogateescape
}
UNCHANGED = [
    "content/es/dsc-1.yaml", "párrafo B.3 tiene los incisos (i)-(viii); el inglés (i)-(ix)",
    "année, niño, Ærø", "中文段落", "الفقرة ٣", "Ελληνικά", "250\u202f000 and 1\u00a0000", "", "tab-free",
]


@pytest.mark.parametrize("text", WRITTEN_OUT)
def test_hidden_characters_are_written_out(text: str) -> None:
    assert shown(text) == WRITTEN_OUT[text]


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_text_prints_unchanged(text: str) -> None:
    assert shown(text) == text


def test_a_problem_cannot_forge_or_colour_a_line() -> None:
    problem = Problem("content/es/x\n.yaml", 3, "label \x1b[2J(iv)\u202e\nother.yaml:1: all is well")
    assert str(problem) == "content/es/x\\n.yaml:3: label \\x1b[2J(iv)U+202E\\nother.yaml:1: all is well"
    error = EditionError([problem, Problem("a.yaml", 1, "é")])
    assert str(error).splitlines() == [str(problem), "a.yaml:1: é"]


def test_a_file_name_with_a_newline_and_an_escape_prints_on_one_line(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    name = "bad\n\x1b[31mname"
    english = (sample / "content" / "en" / "sample.yaml").read_text(encoding="utf-8")
    (sample / "content" / "en" / f"{name}.yaml").write_text(english.replace("original: en", "original: es"), encoding="utf-8")
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == ["content/en/bad\\n\\x1b[31mname.yaml:3: the original language 'es' has no edition of document "
                         "bad\\n\\x1b[31mname: content/es/bad\\n\\x1b[31mname.yaml is missing"]
