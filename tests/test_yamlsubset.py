"""The subset composer gives exactly libyaml's tree, or gives up.

editions/read/yamlsubset.py composes the YAML content files are written in without
libyaml. Whatever it accepts must compose to the very tree libyaml gives
(values, null or text, and every line number), and whatever libyaml refuses
it must give up on, so that libyaml words the error. Checked on the project's
own files, on mutations of them, and on random texts made of the pieces YAML
trips over.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editions.errors import EditionError
from editions.read.yamlfull import compose_with_libyaml
from editions.read.yamlnodes import Mapping, Scalar, Sequence
from editions.read.yamlsubset import compose

ROOT = Path(__file__).resolve().parents[1]
OWN_FILES = sorted([*ROOT.glob("content/**/*.yaml"), *ROOT.glob("tests/sample/content/**/*.yaml")])


def libyaml(text: str) -> object:
    """libyaml's tree, or the EditionError it ends in."""
    try:
        return compose_with_libyaml("file.yaml", text)
    except EditionError as error:
        return error


def assert_same_or_refused(text: str) -> bool:
    """True when the subset composed ``text`` (and then libyaml agrees node for node)."""
    ours = compose(text)
    if ours is None:
        return False
    theirs = libyaml(text)
    assert not isinstance(theirs, EditionError), f"the subset accepted what libyaml refuses ({theirs}):\n{text}"
    assert ours == theirs, f"different trees for:\n{text}"
    return True


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_of_the_project_is_composed_without_libyaml_and_as_libyaml_does(path: Path) -> None:
    assert assert_same_or_refused(path.read_text(encoding="utf-8")), f"{path} fell back to libyaml"


@pytest.mark.parametrize("path", [p for p in OWN_FILES if p.name != "language.yaml"],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_mutations_of_the_project_files_are_composed_as_libyaml_does_or_left_to_it(path: Path) -> None:
    """Lines re-indented, removed, doubled, split, commented: slips an author makes."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rng = random.Random(path.name)
    accepted = 0
    for _ in range(300):
        mutated = list(lines)
        at = rng.randrange(len(mutated))
        change = rng.choice(("indent", "dedent", "remove", "double", "comment", "blank", "colon", "dash"))
        line = mutated[at]
        if change == "indent":
            mutated[at] = " " * rng.randint(1, 3) + line
        elif change == "dedent":
            mutated[at] = line[rng.randint(1, 3):] if line.startswith(" ") else line
        elif change == "remove":
            del mutated[at]
        elif change == "double":
            mutated.insert(at, line)
        elif change == "comment":
            mutated[at] = line + " # note"
        elif change == "blank":
            mutated.insert(at, " " * rng.randint(0, 8))
        elif change == "colon":
            mutated[at] = line + ": x"
        else:
            mutated[at] = line.replace("- ", "", 1) if "- " in line else "- " + line.lstrip()
        accepted += assert_same_or_refused("\n".join(mutated))
    assert accepted > 100     # most slips are still YAML, and composed without libyaml


ACCEPTED = {
    "plain and null": "a: one\nb:\nc: ~\nd: null\ne: two words # a comment\n",
    "nested lists of mappings": "body:\n  - paragraph: 1\n    text: One.\n    body:\n      - item: (i)\n        text: x\n",
    "a list at its key's column": "body:\n- text: a\n- text: b\nnext: c\n",
    "folded and literal": "a: >-\n  one\n  two\n\n  three\nb: |\n  l1\n   l2\nc: >\n  end\n",
    "quoted": "a: 'it''s'\nb: \"say\"\n'c': x\n\"d\": y\n",
    "multi-line plain": "a: one\n  two\n\n  three\nb: x\n",
    "flow list": "columns: [es, en]\nquotes: [\"“\", \"”\"]\nempty: []\n",
    "a dash alone": "-\n  a: 1\n-\n- x\n",
    "comments everywhere": "# head\na: # after a key\n  # inside\n  - x   # after a value\n# end\n",
    "a file without a final newline": "a: >-\n  text\nb: |\n  last",
    "Windows line ends": "a: one\r\nb: >-\r\n  two\r\n\r\n  three\r\nc: |\r\n  l1\r\n  l2\r\n",
}
REFUSED = {
    "a tab": "a:\tb\n",
    "an alias": "a: &x 1\nb: *x\n",
    "a tag": "a: !!int 3\n",
    "a duplicate key": "a: 1\na: 2\n",
    "a quoted value over two lines": "a: 'one\n  two'\n",
    "an escape": "a: \"x\\ty\"\n",
    "a flow mapping": "a: {b: c}\n",
    "a document marker": "---\na: 1\n",
    "a value after a comment": "a: one # note\n  two\n",
    "a key with a space": "a key: 1\n",
    "kept final lines": "a: |+\n  x\n\n",
    "a line break that is a carriage return alone": "a: one\rb: two\n",
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_what_content_files_use_is_composed_without_libyaml(text: str) -> None:
    assert assert_same_or_refused(text)


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_what_content_files_do_not_use_is_left_to_libyaml(text: str) -> None:
    assert compose(text) is None


def test_lines_are_those_libyaml_gives() -> None:
    root = compose("# head\n\nbody:\n  - paragraph: 1\n    text: >-\n      One\n      more.\n  -\n")
    assert isinstance(root, Mapping) and root.line == 3
    body = root.value[0][1]
    assert isinstance(body, Sequence) and body.line == 4
    paragraph, empty = body.value
    assert isinstance(paragraph, Mapping) and [(k.line, v.line) for k, v in paragraph.value] == [(4, 4), (5, 5)]
    assert paragraph.value[1][1] == Scalar(5, "One more.")
    assert empty == Scalar(8, "", True)


WORDS = ["one", "two words", "Sección III", "«ñandú»", "a:b", "x#y", "50%", "3.", "No", "~", "null", "(a)", "i)",
         "it's", 'say "x"', "-5", "end.", "x -y"]
HAZARDS = ["ends with colon:", "has: colon", "has # hash", "[x]", "*x", "&y", "!t", "@z", "  pad  ", "{a}", "- x", "? x"]


def a_word(rng: random.Random) -> str:
    return rng.choice(HAZARDS if rng.random() < 0.05 else WORDS)


def scalar(rng: random.Random, column: int) -> list[str]:
    """A scalar value in a random style: the text after ``key: `` or ``- `` and any lines it takes below."""
    style = rng.choice(("plain", "plain", "single", "double", "folded", "literal", "flow", "null", "multi"))
    word = a_word(rng)
    below = " " * (column + rng.choice((1, 2, 4)))
    if style == "plain":
        return [word + rng.choice(("", "", " # note"))]
    if style == "single":
        return ["'" + word.replace("'", "''") + "'"]
    if style == "double":
        return ['"' + word.replace('"', "'") + '"']
    if style in ("folded", "literal"):
        head = rng.choice((">", ">-", ">-", ">+")) if style == "folded" else rng.choice(("|", "|-", "|-", "|2"))
        lines = [rng.choice(("", word, word, word, word, "  " + word)) for _ in range(rng.randint(1, 4))]
        return [head] + [below + line if line else rng.choice(("", below)) for line in lines]
    if style == "flow":
        return ["[" + ", ".join(a_word(rng) for _ in range(rng.randint(0, 3))) + rng.choice(("]", ", ]", "] # c"))]
    if style == "null":
        return [rng.choice(("", "~", "null"))]
    return [word] + [rng.choice(("", below + a_word(rng))) for _ in range(rng.randint(1, 3))]


def block(rng: random.Random, column: int, depth: int) -> list[str]:
    """Lines of a random mapping or sequence whose entries start at ``column``."""
    pad, lines = " " * column, []
    if depth > 3 or rng.random() < 0.5:
        keys = rng.sample(["a", "b", "text", "title", "body", "paragraph", "'q'", '"d"', "I.A.3", "(m)"], rng.randint(1, 4))
        for key in keys:
            lines += value(rng, pad + key + ":", column, depth, same_column=True)
    else:
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.4 and depth < 4:     # a mapping written after the dash
                spaces = rng.choice((1, 1, 2))
                inner = block(rng, column + 1 + spaces, depth + 1)
                if inner and inner[0].strip() and not inner[0].lstrip().startswith("-"):
                    inner[0] = pad + "-" + " " * spaces + inner[0].lstrip()
                lines += inner
            else:
                lines += value(rng, pad + "-", column, depth, same_column=False)
    if rng.random() < 0.3:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(("", "   ", pad + "# a comment", "# far left")))
    return lines


def value(rng: random.Random, head: str, column: int, depth: int, same_column: bool) -> list[str]:
    if depth < 4 and rng.random() < 0.3:
        step = 0 if same_column and rng.random() < 0.3 else rng.choice((1, 2, 4))
        nested = block(rng, column + step, depth + 1)
        if step == 0 and nested and not nested[0].lstrip().startswith("-"):
            nested = block(rng, column + 2, depth + 1)
        return [head + rng.choice(("", "", " # c"))] + nested
    first, *rest = scalar(rng, column)
    return [head + (" " + first if first else "")] + rest


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A random document in the styles of content files; now and then with one slip in it."""
    rng = draw(st.randoms(use_true_random=False))
    lines = block(rng, 0, 0)
    if rng.random() < 0.2:
        at = rng.randrange(len(lines))
        lines[at] = rng.choice((" " + lines[at], lines[at][1:], lines[at] + ": x", lines[at] + " #", "\t" + lines[at]))
    return "\n".join(lines) + rng.choice(("\n", "", "\n\n"))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_random_documents_are_composed_as_libyaml_does_or_left_to_it(text: str, windows: bool) -> None:
    assert_same_or_refused(text.replace("\n", "\r\n") if windows else text)
