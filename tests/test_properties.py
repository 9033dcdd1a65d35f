"""Property-based tests: random valid documents pass, every structural slip is caught,
and no input, however broken, makes the loader fail with anything but EditionError.

The documents are trees of ``Block``s drawn by hypothesis and written as YAML
twice, once in English (``(a)``, ``(i)``) and once in Spanish (``a)``, ``i)``),
into a copy of the sample project; ``check`` is the judge.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import make_project
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from editions.build import check
from editions.errors import EXIT_CONTENT, EditionError, Problem
from editions.read.languages import Language, load_language
from editions.read.loader import read_document
from editions.read.model import Selection
from editions.read.numerals import format_numeral
from editions.read.yamlsource import read_yaml

EN = "content/en/sample.yaml"
ES = "content/es/sample.yaml"
NUMBERED = ("section", "subsection", "paragraph", "subparagraph", "item")
STYLES = {"section": "upper-roman", "subsection": "upper-alpha", "paragraph": "arabic",
          "subparagraph": "lower-alpha", "item": "lower-roman"}
LABELS = {
    "en": {"section": "{}.", "subsection": "{}.", "paragraph": "{}.", "subparagraph": "({})", "item": "({})"},
    "es": {"section": "{}.", "subsection": "{}.", "paragraph": "{}.", "subparagraph": "{})", "item": "{})"},
}
META = {
    "en": {"language": "en", "kind": "Information note", "title": "Random report",
           "organizations": ["Economic Commission for Latin America and the Caribbean (ECLAC)"],
           "conference": "Seminar on random editions", "venue": "Santiago, Chile"},
    "es": {"language": "es", "kind": "Nota informativa", "title": "Informe aleatorio",
           "organizations": ["Comisión Económica para América Latina y el Caribe (CEPAL)"],
           "conference": "Seminario sobre ediciones aleatorias", "venue": "Santiago de Chile"},
}
PROBLEM_LINE = re.compile(r"[^\n:]+:[1-9][0-9]*: [^\n]+")
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}


# --- the document model of these tests -----------------------------------------------------

@dataclass
class Block:
    """A block of a random document; ``number`` is 0 for unnumbered blocks."""

    kind: str
    number: int = 0
    text: str = ""
    bullets: list[str] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    def signature(self) -> tuple[str, int]:
        return (self.kind, self.number)


def walk(blocks: list[Block]) -> Iterator[tuple[list[Block], int, Block]]:
    """Every block with the list that holds it and its index there."""
    for index, block in enumerate(blocks):
        yield blocks, index, block
        yield from walk(block.children)


def renumber(blocks: list[Block]) -> list[Block]:
    """Number every kind 1, 2, 3... under each parent, in order."""
    counters: dict[str, int] = {}
    for block in blocks:
        if block.kind in NUMBERED:
            counters[block.kind] = counters.get(block.kind, 0) + 1
            block.number = counters[block.kind]
    return blocks


def identities(blocks: list[Block], parent: str = "") -> Iterator[str]:
    for block in blocks:
        if block.kind in NUMBERED:
            identity = f"{parent}.{format_numeral(STYLES[block.kind], block.number)}".lstrip(".")
            yield identity
            yield from identities(block.children, identity)
        else:
            yield from identities(block.children, parent)


def label(kind: str, number: int, code: str, stop: bool) -> str:
    printed = LABELS[code][kind].format(format_numeral(STYLES[kind], number))
    return printed if stop else printed.removesuffix(".")


def as_yaml_data(blocks: list[Block], code: str) -> list[dict[str, object]]:
    """The body as the content format writes it; fresh objects, so no YAML aliases."""
    out: list[dict[str, object]] = []
    for block in blocks:
        if block.kind in NUMBERED:
            stop = block.number % 2 == 0     # the closing full stop may be left out
            written: dict[str, object] = {block.kind: label(block.kind, block.number, code, stop)}
            if block.kind == "paragraph" and not stop:
                written[block.kind] = block.number      # a plain YAML integer: paragraph: 3
            written["title" if block.kind in ("section", "subsection") else "text"] = f"{code.upper()} {block.text}"
            if block.children:
                written["body"] = as_yaml_data(block.children, code)
        elif block.kind == "bullets":
            written = {"bullets": [f"{code} {b}" for b in block.bullets]}
        else:
            written = {block.kind: f"{code.upper()} {block.text}"}
        out.append(written)
    return out


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def document_yaml(blocks: list[Block], code: str) -> str:
    data: dict[str, object] = {
        "symbol": "RND/1", "language": code, "original": "en",
        **copy.deepcopy(META[code]),
        "start": datetime.date(2025, 11, 30), "end": datetime.date(2025, 12, 2),
        "date": datetime.date(2025, 12, 15),
        "body": as_yaml_data(blocks, code),
    }
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=72)


# --- strategies ------------------------------------------------------------------------------

WORDS = st.text(st.characters(categories=["L", "N"], exclude_characters="\x85"), min_size=1, max_size=8)
MARKUP = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"*{w}*"),
    WORDS.map(lambda w: f'"{w}"'),
    st.integers(0, 10**7).map(lambda n: f"{{number:{n}}}"),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)).map(lambda d: f"{{date:{d.isoformat()}}}"),
    st.sampled_from(["&", "<b>", "a: b", "# not a comment", "- dash", "'", "\\*", "\\{", ":", "%", "@", "!"]),
)
TEXTS = st.lists(MARKUP, min_size=1, max_size=5).map(lambda words: "word " + " ".join(words))


@st.composite
def bodies(draw: st.DrawFn, rank: int = -1, depth: int = 0) -> list[Block]:
    """A non-empty list of blocks under a parent of the given rank (-1: the document).

    A numbered unit holds numbered units of lower ranks only (a section may hold
    paragraphs directly), and unnumbered blocks anywhere.
    """
    kinds = [*NUMBERED[rank + 1:], "text", "heading", "bullets"]
    count = draw(st.integers(1, 4 if depth == 0 else 3))
    blocks = []
    for _ in range(count):
        kind = draw(st.sampled_from(kinds))
        block = Block(kind, text=draw(TEXTS))
        if kind == "bullets":
            block.bullets = draw(st.lists(TEXTS, min_size=1, max_size=3))
        elif kind in NUMBERED and NUMBERED.index(kind) < len(NUMBERED) - 1 and depth < 3 and draw(st.integers(0, 2)) > 0:
            block.children = draw(bodies(NUMBERED.index(kind), depth + 1))
        elif kind == "item" and depth < 4 and draw(st.integers(0, 3)) == 0:
            block.children = draw(bodies(NUMBERED.index(kind), depth + 1))   # unnumbered blocks only
        blocks.append(block)
    return renumber(blocks)


@st.composite
def documents(draw: st.DrawFn) -> list[Block]:
    """A random body, with cross-references to some of its own numbered units."""
    blocks = draw(bodies())
    targets = list(identities(blocks))
    holders = [b for _, _, b in walk(blocks) if b.kind != "bullets"]
    if targets:
        for holder in draw(st.lists(st.sampled_from(holders), max_size=2)):
            holder.text += f" see {{ref:{draw(st.sampled_from(targets))}}}"
    return blocks


# --- the project these tests write into ------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("properties") / "project")


@pytest.fixture(scope="module")
def english(project: Path) -> Language:
    return load_language(project / "content" / "en", project)


def write(project: Path, en: list[Block], es: list[Block]) -> None:
    (project / EN).write_text(document_yaml(en, "en"), encoding="utf-8")
    (project / ES).write_text(document_yaml(es, "es"), encoding="utf-8")


def assert_well_reported(problems: tuple[Problem, ...] | list[Problem], paths: tuple[str, ...] = (EN, ES)) -> None:
    """Every problem names one of the content files, a line from 1, and prints on one line."""
    assert problems
    for problem in problems:
        assert problem.path in paths, problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert problem.message.strip(), problem
        assert PROBLEM_LINE.fullmatch(str(problem)), repr(str(problem))


# --- a. random valid documents pass --------------------------------------------------------

@settings(max_examples=100, **SETTINGS)
@given(blocks=documents())
def test_random_valid_documents_pass(project: Path, blocks: list[Block]) -> None:
    write(project, blocks, copy.deepcopy(blocks))
    try:
        built = check(project, Selection()).project
    except EditionError as error:
        files = "".join(f"\n--- {path}:\n{(project / path).read_text()}" for path in (EN, ES))
        pytest.fail(f"a valid pair was refused:\n{error}{files}")
    assert sorted(built.documents["sample"]) == ["en", "es"]
    en, es = built.documents["sample"]["en"], built.documents["sample"]["es"]
    assert list(en.numbered()) == list(es.numbered()) == list(identities(blocks))


# --- b. every structural mutation of the Spanish file is reported -------------------------

MUTATIONS = ("drop", "duplicate", "swap", "relabel", "move", "drop-unnumbered", "drop-bullet")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[list[Block], list[Block], str]:
    """A valid body, and a copy with one structural change; the name of the change."""
    mutation = draw(st.sampled_from(MUTATIONS))
    original = draw(documents())
    es = copy.deepcopy(original)
    everything = list(walk(es))
    numbered = [(siblings, i, b) for siblings, i, b in everything if b.kind in NUMBERED]
    assume(_possible(mutation, everything, numbered, es))
    if mutation == "drop":
        siblings, index, _ = draw(st.sampled_from(numbered))
        del siblings[index]
    elif mutation == "duplicate":
        siblings, index, block = draw(st.sampled_from(numbered))
        siblings.insert(draw(st.integers(0, len(siblings))), copy.deepcopy(block))
    elif mutation == "swap":
        siblings = draw(st.sampled_from(_with_two_numbered(es)))
        indices = [i for i, b in enumerate(siblings) if b.kind in NUMBERED]
        i, j = draw(st.lists(st.sampled_from(indices), min_size=2, max_size=2, unique=True))
        assert siblings[i].signature() != siblings[j].signature()
        siblings[i], siblings[j] = siblings[j], siblings[i]
    elif mutation == "relabel":
        _, _, block = draw(st.sampled_from(numbered))
        other = draw(st.integers(1, block.number + 2))
        block.number = other if other < block.number else other + 1
    elif mutation == "move":
        siblings, index, block = draw(st.sampled_from([n for n in numbered if _move_targets(es, n[0], n[2])]))
        targets = _move_targets(es, siblings, block)
        target = draw(st.sampled_from(targets))
        del siblings[index]
        target.insert(draw(st.integers(0, len(target))), block)
    elif mutation == "drop-unnumbered":
        siblings, index, _ = draw(st.sampled_from([e for e in everything if e[2].kind not in NUMBERED]))
        del siblings[index]
    else:
        block = draw(st.sampled_from([b for _, _, b in everything if len(b.bullets) >= 2]))
        del block.bullets[draw(st.integers(0, len(block.bullets) - 1))]
    # Every mutation above changes the tree; say so, in terms of structure alone.
    assert _shape(es) != _shape(original), mutation
    return original, es, mutation


def _shape(blocks: list[Block]) -> list[object]:
    return [(b.kind, b.number, len(b.bullets), _shape(b.children)) for b in blocks]


def _possible(mutation: str, everything: list, numbered: list, es: list[Block]) -> bool:
    if mutation in ("drop", "duplicate", "relabel"):
        return bool(numbered)
    if mutation == "swap":
        return bool(_with_two_numbered(es))
    if mutation == "move":
        return any(_move_targets(es, siblings, block) for siblings, _, block in numbered)
    if mutation == "drop-unnumbered":
        return any(b.kind not in NUMBERED for _, _, b in everything)
    return any(len(b.bullets) >= 2 for _, _, b in everything)


def _with_two_numbered(es: list[Block]) -> list[list[Block]]:
    lists = [es] + [b.children for _, _, b in walk(es)]
    return [s for s in lists if sum(b.kind in NUMBERED for b in s) >= 2]


def _move_targets(es: list[Block], siblings: list[Block], block: Block) -> list[list[Block]]:
    """Child lists of other parents (the document or a numbered unit), not inside ``block``."""
    inside = {id(b.children) for _, _, b in walk([block])}
    lists = [es] + [b.children for _, _, b in walk(es) if b.kind in NUMBERED and b is not block]
    # A parent with no children yet gets its first one; the list object is the parent's own.
    return [s for s in lists if s is not siblings and id(s) not in inside]


@settings(max_examples=300, **SETTINGS)
@given(case=mutated())
def test_every_structural_mutation_is_reported(project: Path, case: tuple[list[Block], list[Block], str]) -> None:
    original, changed, mutation = case
    event(mutation)
    write(project, original, changed)
    with pytest.raises(EditionError) as caught:
        check(project, Selection())
    error = caught.value
    assert error.status == EXIT_CONTENT, (mutation, str(error))
    assert_well_reported(error.problems)
    assert any(p.path in (EN, ES) and p.line >= 1 for p in error.problems)


# --- c. no input makes the loader fail with anything but EditionError -----------------------

SAMPLE_TEXT = (Path(__file__).parent / "sample" / "content" / "en" / "sample.yaml").read_text(encoding="utf-8")
SAMPLE_ES_TEXT = (Path(__file__).parent / "sample" / "content" / "es" / "sample.yaml").read_text(encoding="utf-8")
# Characters PyYAML refuses in a stream (controls other than tab and line ends, and so on).
NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
TOKENS = st.sampled_from([
    ":", ": ", "- ", "\n", "\r\n", "  ", "    ", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
    "!!python/object:os.system ",
    "'", '"', "#", "?", "| ", ">-", "*", "{ref:", "{ref:I}", "{number:1}", "{date:2025-02-30}", "\\", "~", "null", "yes",
    "section: I", "paragraph: 3", "item: (iv)", "subparagraph: (aa)", "body:", "text:", "\ufeff", "%YAML 1.1\n", "---\n", "...\n",
])


@st.composite
def damaged_samples(draw: st.DrawFn) -> str:
    """The sample English file with a few random edits: YAML-ish noise where it hurts."""
    text = SAMPLE_TEXT
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("insert", "delete", "replace", "truncate")))
        if action == "truncate":
            text = text[:at]
        else:
            span = draw(st.integers(1, 12)) if action != "insert" else 0
            text = text[:at] + ("" if action == "delete" else draw(TOKENS | st.text(max_size=3))) + text[at + span:]
    return text


def load_en(project: Path, english: Language, data: bytes) -> None:
    """Feed ``data`` as the English file to the loader and to check; only EditionError may come out."""
    (project / EN).write_bytes(data)
    (project / ES).write_text(SAMPLE_ES_TEXT, encoding="utf-8")
    _, problems = read_document(project / EN, project, english)
    if problems:
        assert_well_reported(problems, (EN,))
    try:
        check(project, Selection())
    except EditionError as error:
        assert error.status == EXIT_CONTENT
        assert_well_reported(error.problems)


@settings(max_examples=200, **SETTINGS)
@given(text=st.one_of(damaged_samples(), st.text(max_size=300)).map(lambda t: NON_PRINTABLE.sub("?", t)))
def test_printable_text_never_crashes_the_loader(project: Path, english: Language, text: str) -> None:
    load_en(project, english, text.encode("utf-8"))


CONTROL_CHARACTER = ("bug: a control character (U+0000-U+001F except tab and line ends, U+007F...) is reported at line 1 "
                     "in two lines, libyaml's ReaderError text as is ('...not allowed\\n  in \"<unicode string>\", position N'); "
                     "with PyYAML's pure-Python SafeLoader (no libyaml) it is an uncaught yaml.reader.ReaderError")


def _printable(data: bytes) -> bytes:
    """``data`` with the characters YAML refuses replaced, when it is UTF-8 at all."""
    try:
        return NON_PRINTABLE.sub("?", data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return data     # the loader stops at the first undecodable byte, before YAML


@settings(max_examples=200, **SETTINGS)
@given(data=st.one_of(st.binary(max_size=300), damaged_samples().map(str.encode)).map(_printable))
@example(data=b"title: caf\xc3\n")
@example(data=b"\xef\xbb\xbfsymbol: x\r\n")
def test_random_bytes_without_control_characters_never_crash_the_loader(project: Path, english: Language, data: bytes) -> None:
    load_en(project, english, data)


@settings(max_examples=200, **SETTINGS)
@given(data=st.one_of(st.binary(max_size=300), damaged_samples().map(str.encode)))
@example(data=b"a: \x01\n")
def test_random_bytes_never_crash_the_loader(project: Path, english: Language, data: bytes) -> None:
    load_en(project, english, data)


# Inputs that crashed the loader, kept as regression tests.

@pytest.mark.parametrize(("data", "line"),
                         [(b"symbol: x\ntitle: a\x01b\n", 2), (b"symbol: a\x00b\n", 1), (b"a: 1\n\nb: x\x7f\n", 3)],
                         ids=["soh", "nul", "del"])
def test_control_characters_are_reported_on_one_line_at_their_line(tmp_path: Path, data: bytes, line: int) -> None:
    path = tmp_path / EN
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    with pytest.raises(EditionError) as caught:
        read_yaml(path, tmp_path)
    assert_well_reported(caught.value.problems, (EN,))
    assert [p.line for p in caught.value.problems] == [line]


@pytest.mark.parametrize("data", [b"[" * 1000 + b"]" * 1000, b"- " * 1000 + b"x\n", b"{a: " * 1000 + b"x" + b"}" * 1000],
                         ids=["flow", "block", "mapping"])
def test_deep_nesting_is_reported(tmp_path: Path, english: Language, data: bytes) -> None:
    """With libyaml (yamlsource.SafeLoader is CSafeLoader) nesting stops at its depth limit; PyYAML's
    pure-Python composer would recurse once per level and raise RecursionError at about 500."""
    path = tmp_path / EN
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    _, problems = read_document(path, tmp_path, english)    # a list, not a document: refused, somehow
    assert_well_reported(problems, (EN,))


def test_deeply_nested_inline_markup_is_reported(project: Path, english: Language) -> None:
    text = '*"' * 500 + '"*' * 500
    path = project / EN
    path.write_text(SAMPLE_TEXT.replace("A paragraph with <b>markup</b> & an ampersand, shown as text.", f"'{text}'"),
                    encoding="utf-8")
    _, problems = read_document(path, project, english)    # accepted or refused, but no crash
    if problems:
        assert_well_reported(problems, (EN,))


# --- d. random schemes: a correct document passes, a slip is one path:line: message -------

SCHEME_NUMERALS = ("arabic", "upper-roman", "lower-roman", "upper-alpha", "lower-alpha", "cyrillic", "abjad",
                   "arabic-indic", "chinese", "circled")
RANDOM = "content/{}/random.yaml"


@dataclass(frozen=True)
class RandomLevel:
    key: str
    numerals: str
    numbering: str          # restart, document or an ancestor's key
    carries: str
    compound: bool


@st.composite
def schemes(draw: st.DrawFn) -> tuple[RandomLevel, ...]:
    """Two to four levels, each under the one before, with random numerals and numbering."""
    levels: list[RandomLevel] = []
    for depth in range(draw(st.integers(2, 4))):
        ancestors = [level.key for level in levels[:-1]]
        numbering = draw(st.sampled_from(["restart", "document", *ancestors])) if depth else "restart"
        compound = depth > 0 and numbering == "restart" and draw(st.booleans())
        levels.append(RandomLevel(f"level{depth}", draw(st.sampled_from(SCHEME_NUMERALS)), numbering,
                                  draw(st.sampled_from(["title", "text"])), compound))
    return tuple(levels)


def scheme_yaml(levels: tuple[RandomLevel, ...]) -> str:
    out = ["levels:"]
    for index, level in enumerate(levels):
        out += [f"  - key: {level.key}", f"    numerals: {level.numerals}", f"    carries: {level.carries}",
                f"    under: [{levels[index - 1].key if index else 'document'}]", f"    numbering: {level.numbering}"]
        out += ['    compound: "{parent}.{}"', '    label: "{}"'] if level.compound else ['    label: "({})"']
    return "\n".join(out) + "\n"


@dataclass
class Numbered:
    level: int
    number: int = 0
    children: list[Numbered] = field(default_factory=list)


@st.composite
def random_bodies(draw: st.DrawFn, levels: tuple[RandomLevel, ...], depth: int = 0) -> list[Numbered]:
    units = [Numbered(depth) for _ in range(draw(st.integers(1, 3)))]
    if depth + 1 < len(levels):
        for unit in units:
            if draw(st.booleans()):
                unit.children = draw(random_bodies(levels, depth + 1))
    return units


def number_units(levels: tuple[RandomLevel, ...], units: list[Numbered]) -> None:
    """Number each level as its scheme says: under each parent, through the document or an ancestor."""
    counters: dict[tuple[int, int], int] = {}

    def visit(children: list[Numbered], chain: list[Numbered]) -> None:
        for unit in children:
            numbering = levels[unit.level].numbering
            scope = chain[-1] if numbering == "restart" and chain else next(
                (a for a in reversed(chain) if levels[a.level].key == numbering), None)
            key = (id(scope) if scope is not None else 0, unit.level)
            counters[key] = counters.get(key, 0) + 1
            unit.number = counters[key]
            visit(unit.children, [*chain, unit])
    visit(units, [])


def random_yaml(levels: tuple[RandomLevel, ...], units: list[Numbered], code: str) -> str:
    def block(unit: Numbered, parent: str) -> dict[str, object]:
        level = levels[unit.level]
        numeral = format_numeral(level.numerals, unit.number)
        if level.compound:
            numeral = f"{parent}.{numeral}"
        # English uses the scheme's labels, ({}) or a bare compound number; Spanish its own, {}).
        label = f"{numeral})" if code == "es" else numeral if level.compound else f"({numeral})"
        written: dict[str, object] = {level.key: label, level.carries: f"{code} {level.key} {unit.number}"}
        if unit.children:
            written["body"] = [block(child, numeral) for child in unit.children]
        return written
    data = {"symbol": "RND/2", "language": code, "original": "en", **copy.deepcopy(META[code]),
            "start": datetime.date(2025, 11, 30), "end": datetime.date(2025, 12, 2), "scheme": "random",
            "body": [block(unit, "") for unit in units]}
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=72)


@pytest.fixture(scope="module")
def random_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("random-schemes") / "project")
    for code in ("en", "es"):
        (root / "content" / code / "sample.yaml").unlink()
        (root / "content" / code / "confirmed").mkdir(exist_ok=True)
    return root


def spanish_labels(root: Path, levels: tuple[RandomLevel, ...]) -> None:
    """Spanish labels every level of the random scheme {}), and names no level the scheme lacks."""
    settings_file = root / "content" / "es" / "language.yaml"
    base = settings_file.read_text(encoding="utf-8").split("schemes:\n")[0]
    labels = "".join(f'    {level.key}: "{{}})"\n' for level in levels)
    settings_file.write_text(base + f"schemes:\n  random:\n{labels}", encoding="utf-8")


def write_random(root: Path, levels: tuple[RandomLevel, ...], en: list[Numbered], es: list[Numbered]) -> None:
    (root / "schemes" / "random.yaml").write_text(scheme_yaml(levels), encoding="utf-8")
    spanish_labels(root, levels)
    for code, units in (("en", en), ("es", es)):
        (root / RANDOM.format(code)).write_text(random_yaml(levels, units, code), encoding="utf-8")


def numbering_problems(root: Path) -> list[Problem]:
    """The problems of a check, leaving out the translation tracker's (nothing is confirmed here)."""
    try:
        check(root, Selection())
    except EditionError as error:
        return [p for p in error.problems if "confirmed" not in p.message]
    return []


@settings(max_examples=60, **SETTINGS)
@given(data=st.data())
def test_random_schemes_pass_when_numbered_as_they_say(random_project: Path, data: st.DataObject) -> None:
    levels = data.draw(schemes())
    units = data.draw(random_bodies(levels))
    number_units(levels, units)
    write_random(random_project, levels, units, copy.deepcopy(units))
    assert numbering_problems(random_project) == [], scheme_yaml(levels) + random_yaml(levels, units, "en")


@settings(max_examples=60, **SETTINGS)
@given(data=st.data())
def test_random_schemes_report_a_renumbered_unit_at_its_line(random_project: Path, data: st.DataObject) -> None:
    levels = data.draw(schemes())
    units = data.draw(random_bodies(levels))
    number_units(levels, units)
    es = copy.deepcopy(units)
    everything: list[Numbered] = []
    todo = list(es)
    while todo:
        unit = todo.pop()
        everything.append(unit)
        todo += unit.children
    unit = data.draw(st.sampled_from(everything))
    unit.number += data.draw(st.integers(1, 3))
    write_random(random_project, levels, units, es)
    problems = numbering_problems(random_project)
    assert_well_reported(problems, (RANDOM.format("en"), RANDOM.format("es")))
    assert any(p.path == RANDOM.format("es") for p in problems)


ROOT_SAMPLES = Path(__file__).parent / "samples"
SCHEME_TEXT = (Path(__file__).parents[1] / "schemes" / "goals.yaml").read_text(encoding="utf-8")
SCHEME_TOKENS = st.sampled_from(["- ", "key: ", "numerals: ", "under: [", "]", "numbering: ", "compound: ", "{parent}",
                                 "{}", "document", "goal", "target", "chinese", "abjad", "title", "text", "yes", "\n",
                                 "  ", ":", "'", '"', "#"])


@st.composite
def damaged_schemes(draw: st.DrawFn) -> str:
    """The goals scheme with a few random edits."""
    text = SCHEME_TEXT
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, 12))
        text = text[:at] + draw(SCHEME_TOKENS | st.text(max_size=3)) + text[at + span:]
    return NON_PRINTABLE.sub("?", text)


@settings(max_examples=150, **SETTINGS)
@given(text=damaged_schemes())
def test_a_damaged_scheme_is_only_ever_reported_at_lines(random_project: Path, text: str) -> None:
    """Whatever a scheme file holds, the check passes or reports path:line: message lines, never crashes."""
    root = random_project
    (root / "schemes" / "random.yaml").unlink(missing_ok=True)
    settings_file = root / "content" / "es" / "language.yaml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8").split("schemes:\n")[0], encoding="utf-8")
    (root / "schemes" / "goals.yaml").write_text(text, encoding="utf-8")
    goals = ROOT_SAMPLES / "content" / "en" / "goals.yaml"
    (root / RANDOM.format("en")).write_text(goals.read_text(encoding="utf-8"), encoding="utf-8")
    (root / RANDOM.format("es")).write_text(goals.read_text(encoding="utf-8").replace("language: en", "language: es"),
                                            encoding="utf-8")
    try:
        problems = numbering_problems(root)
    finally:
        (root / "schemes" / "goals.yaml").write_text(SCHEME_TEXT, encoding="utf-8")   # for the tests after this one
    for problem in problems:
        assert PROBLEM_LINE.fullmatch(str(problem)), repr(str(problem))
        assert problem.path in ("schemes/goals.yaml", RANDOM.format("en"), RANDOM.format("es")), problem
