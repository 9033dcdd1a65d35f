"""Reading content files: encodings, line ends, limits, and the model they give."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, make_project

from editions.errors import EditionError
from editions.read.kinds import load_kinds
from editions.read.languages import load_language
from editions.read.loader import load_document
from editions.read.yamlsource import MAX_FILE_BYTES, line, read_yaml, scalar_text

EN = SAMPLE / "content" / "en"
KINDS = load_kinds(ROOT)[0]     # the kinds the project ships


def at(root: Path) -> Path:
    """Where the English sample lies in a project at ``root``."""
    (root / "content" / "en").mkdir(parents=True, exist_ok=True)
    return root / "content" / "en" / "sample.yaml"


def load(path: Path):  # type: ignore[no-untyped-def]
    root = path.parents[2]
    if path.is_relative_to(SAMPLE):     # the sample has no schemes of its own: a project made from it has
        root = _sample_project()
        path = root / path.relative_to(SAMPLE)
    elif not (root / "schemes").exists():
        shutil.copytree(ROOT / "schemes", root / "schemes")
    return load_document(path, root, load_language(EN, SAMPLE), KINDS)


@functools.cache
def _sample_project() -> Path:
    return make_project(Path(tempfile.mkdtemp(prefix="loader-")) / "project")


def messages(path: Path) -> list[str]:
    with pytest.raises(EditionError) as raised:
        load(path)
    return [str(p) for p in raised.value.problems]


def test_units_remember_file_line_and_identity() -> None:
    doc = load(EN / "sample.yaml")
    units = doc.numbered()
    assert list(units)[:3] == ["I", "I.1", "I.2"]
    item = units["II.A.2.a.ii"]
    assert (item.where.path, item.where.line) == ("content/en/sample.yaml", 46)
    assert (item.label.kind, item.label.number, item.label.written) == ("item", 2, "(ii)")


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    source = (EN / "sample.yaml").read_bytes()
    path = at(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + source.replace(b"\n", b"\r\n"))
    assert load(path).numbered().keys() == load(EN / "sample.yaml").numbered().keys()
    assert load(path).numbered()["II.A.2.a.ii"].where.line == 46


def test_spaces_are_normalised_but_no_break_spaces_are_kept(tmp_path: Path) -> None:
    """Runs of spaces and line breaks become one space; a no-break space an author typed
    (250\u00a0000, a French « guillemet ») stays where it is."""
    path = at(tmp_path)
    source = (EN / "sample.yaml").read_text(encoding="utf-8")
    path.write_text(source.replace("text: Training.", "text: 'Training  of\u00a0250\u00a0000 officials\u202f!'"),
                    encoding="utf-8")
    texts = [unit.text for unit in load(path).units() if unit.text and "Training" in unit.text[0].value]
    assert texts[0][0].value == "Training of\u00a0250\u00a0000 officials\u202f!"


def test_bytes_that_are_not_utf8_are_reported_with_their_line(tmp_path: Path) -> None:
    path = at(tmp_path)
    path.write_bytes((EN / "sample.yaml").read_bytes().replace(b"Sample report", b"Sample r\xe9port"))
    assert messages(path) == ["content/en/sample.yaml:5: not UTF-8: byte 0xe9 cannot be decoded"]


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = at(tmp_path)
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert messages(path) == [f"content/en/sample.yaml:1: the file has {MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES}"]


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, 12):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [*{chr(96 + n)}, *{chr(96 + n)}, *{chr(96 + n)}, *{chr(96 + n)}]")
    path = at(tmp_path)
    path.write_text("\n".join(lines) + "\n")
    assert messages(path) == ["content/en/sample.yaml:2: YAML aliases (*name) are not allowed in content files (44 found)"]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = (EN / "sample.yaml").read_text()
    text = text.replace("venue: Santiago, Chile", "venue: [Santiago]").replace("    title: Scope\n", "").replace("item: (ii)", "item: (iiii)")
    path = at(tmp_path)
    path.write_text(text)
    assert messages(path) == [
        "content/en/sample.yaml:9: venue must be text",
        "content/en/sample.yaml:16: a section lacks the required key 'title'",
        "content/en/sample.yaml:45: item label '(iiii)' is not well formed: 'iiii' is not a well-formed lower-case roman numeral",
    ]


def test_nodes_give_the_lines_of_the_file_and_plain_values_as_text(tmp_path: Path) -> None:
    """Lines count from 1 (PyYAML's marks from 0); ``2.``, ``No`` and ``2002`` stay text, an empty entry is null."""
    path = at(tmp_path)
    path.write_text("# head\n\nbody:\n  - paragraph: 2.\n    text: >-\n      No\n      2002\n  -\n", encoding="utf-8")
    root = read_yaml(path, tmp_path).root
    (key, body), = root.value
    paragraph, empty = body.value
    assert [line(node) for node in (root, key, body, paragraph, empty)] == [3, 3, 4, 4, 8]
    assert [(scalar_text(k), line(k), scalar_text(v), line(v)) for k, v in paragraph.value] == [
        ("paragraph", 4, "2.", 4), ("text", 5, "No 2002", 5)]
    assert scalar_text(empty) is None
