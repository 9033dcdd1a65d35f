"""Property-based tests over every file a user writes: no value gives an internal error.

Each test draws one hostile change to one field of one file of the sample project
(``language.yaml``, a document's metadata and amendments, a published snapshot, a kind,
a scheme, a catalog), then runs ``check`` and ``build --format html``. Either the build
succeeds, or every line it prints is ``path:line: message`` naming a file of the project
(or the output folder) at a line >= 1, and a failed build leaves ``output/`` as it was.
Whatever fails the HTML build is found by ``check`` first: these files hold nothing
only the renderer could know.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from conftest import Run, make_project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

PROBLEM_LINE = re.compile(r"(?P<path>[^\n:]+):(?P<line>[1-9][0-9]*): [^\n]+")
# Few examples each, derandomized: the whole file adds well under a minute on two cores.
SETTINGS = {"deadline": None, "derandomize": True, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
LANGUAGE = "content/en/language.yaml"
DOCUMENT = "content/en/sample.yaml"
SNAPSHOT = "published/sample/TST-7/en.yaml"
KIND = "kinds/conference-paper.yaml"
SCHEME = "schemes/un-report.yaml"
CATALOG = "locales/es/LC_MESSAGES/messages.po"
# Every field language.yaml can hold, each written out so that a change can reach it.
ENGLISH = {
    "locale": "en_GB",
    "labels": {"section": "{}.", "subsection": "{}.",
               "paragraph": {"label": "{}.", "cite": "paragraph {}"},
               "subparagraph": "({})", "item": "({})"},
    "schemes": {"un-report": {"item": {"label": "({})", "numerals": "lower-roman", "cite": "item {}",
                                       "special": {1: "i"}}}},
    "quotes": ["“", "”"],
    "day_range": "{start}-{end}",
    "script": "Latn",
    "direction": "ltr",
}
AMENDMENT = {"kind": "corrigendum", "symbol": "TST/7/Corr.1", "date": datetime.date(2026, 1, 10),
             "languages": ["en", "es"]}

# --- hostile values --------------------------------------------------------------------------

CONTROL = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co"])
ODD_TEXT = st.text(st.one_of(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Z"]), CONTROL),
                   max_size=12)
SCALARS = st.one_of(
    ODD_TEXT,
    st.sampled_from(["", " ", "²", "٣", "١٢", "一", "Ⅻ", "\0", "\x1b[32mALL CHECKS PASSED\x1b[0m", "\u200b",
                     "\u2028", "\ufeff", "{}", "{} {}", "{", "}", "{0}", "{x}", "{start}", "{end}", "{start}{end}",
                     "%(name)s", "%s", "%", "~", "null", "yes", "no", "1e400", "nan", "-1", "0",
                     "2025-02-30", "2025-13-01", "99999-01-01", "en", "es", "fr", "xx", "en_GB", "rtl", "Arab",
                     "corrigendum", "revision", "TST/7", "TST/7/Corr.1", "a" * 300]),
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 1, 2**63, 10**26]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
    st.datetimes(datetime.datetime(1, 1, 1), datetime.datetime(9999, 12, 31)),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.one_of(ODD_TEXT, st.integers(-3, 3)), SCALARS, max_size=2),
)

Path_ = tuple[object, ...]


def places(data: object, path: Path_ = ()) -> Iterator[Path_]:
    """Every key and index of a YAML tree, the tree itself first."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from places(value, (*path, index))


def at(data: object, path: Path_) -> object:
    for step in path:
        data = data[step]  # type: ignore[index]
    return data


@st.composite
def mutated(draw: st.DrawFn, data: object) -> object:
    """``data`` with one place replaced, removed or given a new key."""
    tree = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    path = draw(st.sampled_from([p for p in places(tree) if p]))
    holder, last = at(tree, path[:-1]), path[-1]
    action = draw(st.sampled_from(["replace", "replace", "replace", "remove", "add"]))
    if action == "remove":
        del holder[last]  # type: ignore[attr-defined]
    elif action == "add" and isinstance(at(tree, path), dict):
        at(tree, path)[draw(ODD_TEXT)] = draw(VALUES)  # type: ignore[index]
    else:
        holder[last] = draw(VALUES)  # type: ignore[index]
    return tree


def dump(data: object) -> str:
    """YAML as a user may write it: non-ASCII raw, control characters as escapes."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=72)


# --- the project and the judge ---------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with every language field written out and one amendment published."""
    root = make_project(tmp_path_factory.mktemp("files") / "project")
    (root / LANGUAGE).write_text(dump(ENGLISH), encoding="utf-8")
    for code in ("en", "es"):
        source = root / "content" / code / "sample.yaml"
        snapshot = root / "published" / "sample" / "TST-7" / f"{code}.yaml"
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, snapshot)
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
        document["amendments"] = [AMENDMENT]
        document["contents_after_pages"] = 12
        source.write_text(dump(document), encoding="utf-8")
    return root


def fingerprint(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


def assert_only_problems(root: Path, run: Run) -> None:
    """A success, or user problems only: ``path:line: message`` at an existing place."""
    assert run.status in (0, 1, 3), run.err    # 3: a template or catalog problem, at its line
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err
    if run.status == 0:
        return
    assert run.lines, "a failure says why"
    for line in run.lines:
        match = PROBLEM_LINE.fullmatch(line)
        assert match, f"not path:line: message: {line!r}"
        path = match["path"]
        assert path == "output" or (root / path).exists(), f"no such file: {line!r}"
        text = (root / path).read_text(encoding="utf-8", errors="replace") if (root / path).is_file() else ""
        assert not text or int(match["line"]) <= max(1, len(text.splitlines()) + 1), f"no such line: {line!r}"


def judge(root: Path, cli: Callable[..., Run], target: str, text: str,
          build_only: Callable[[str], bool] = lambda line: False) -> None:
    """Write ``text`` to ``target``, check and build, then put the file back.

    ``build_only`` tells the problems only the build can find, which a passing ``check`` may miss.
    """
    original = (root / target).read_bytes()
    (root / target).write_text(text, encoding="utf-8")
    try:
        checked = cli(root, "check")
        assert_only_problems(root, checked)
        event(f"check: status {checked.status}")
        before = fingerprint(root / "output")
        run = cli(root, "build", "--format", "html")
        assert_only_problems(root, run)
        missed = [line for line in run.lines                # check's warnings stand first in a failed build
                  if line not in checked.lines and not build_only(line)] if checked.status == 0 else []
        assert not missed, f"check passed, the build failed: {run.err}"
        if run.status != 0:
            assert fingerprint(root / "output") == before, "a failed build changed output/"
    finally:
        (root / target).write_bytes(original)


def test_the_project_with_every_field_written_builds(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(project, "check").status == 0
    assert cli(project, "build", "--format", "html").status == 0


# --- the properties --------------------------------------------------------------------------

@settings(max_examples=60, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_language_setting_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    judge(project, cli, LANGUAGE, dump(data.draw(mutated(ENGLISH))))


def _document(root: Path, name: str) -> dict[str, object]:
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@settings(max_examples=80, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_metadata_or_amendment_value_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    document = _document(project, DOCUMENT)
    metadata = data.draw(mutated({k: v for k, v in document.items() if k != "body"}))
    body = {"body": document["body"]} if isinstance(metadata, dict) else {}
    judge(project, cli, DOCUMENT, dump({**metadata, **body} if isinstance(metadata, dict) else metadata))


@settings(max_examples=20, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_published_snapshot_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    judge(project, cli, SNAPSHOT, dump(data.draw(mutated(_document(project, SNAPSHOT)))))


@settings(max_examples=25, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_kind_field_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    judge(project, cli, KIND, dump(data.draw(mutated(_document(project, KIND)))))


@settings(max_examples=30, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_scheme_field_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    judge(project, cli, SCHEME, dump(data.draw(mutated(_document(project, SCHEME)))))


# --- catalogs: lines of a .po file ------------------------------------------------------------

MSGSTR = st.one_of(
    ODD_TEXT,
    st.sampled_from(["%(symbol)s", "%(nope)s", "%(symbol)d", "%(symbol", "%s", "%", "%%", "{symbol}", "{", "\\",
                     "\\x1b", "\\0", "\\u200b", "\\n", "\\t", "\\\"", "Corrigendum %(symbol)s %(symbol)s"]),
)
CATALOG_LINES = st.one_of(
    MSGSTR.map(lambda s: f'msgstr "{s}"'),
    st.sampled_from(['#, fuzzy', '#, python-format', 'msgid "Contents"', 'msgid_plural "Contents"', 'msgstr[0] "x"',
                     'msgstr[1] "%(symbol)s"', 'msgctxt "x"', '"continued %(x)s"', 'msgstr', 'msgid', '"', '',
                     '"Plural-Forms: nplurals=0; plural=;\\n"', '"Plural-Forms: nplurals=2; plural=(n;\\n"',
                     '"Language: xx\\n"', '"Content-Type: text/plain; charset=latin-1\\n"']),
    ODD_TEXT,
)


@st.composite
def catalogs(draw: st.DrawFn, text: str) -> str:
    """The catalog with one to three lines replaced, inserted or removed."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["replace", "insert", "remove"]))
        if action == "remove":
            del lines[index]
        elif action == "insert":
            lines.insert(index, draw(CATALOG_LINES))
        elif lines[index].startswith("msgstr "):
            lines[index] = draw(CATALOG_LINES)
        else:
            lines[index] = draw(CATALOG_LINES) if draw(st.booleans()) else lines[index]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, **SETTINGS)  # type: ignore[arg-type]
@given(data=st.data())
def test_any_catalog_is_a_problem_at_a_line_or_builds(project: Path, cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    text = data.draw(catalogs((project / CATALOG).read_text(encoding="utf-8")))
    judge(project, cli, CATALOG, text, lambda line: _deleted_entry(line, text))


def _deleted_entry(line: str, text: str) -> bool:
    """A template string whose entry is gone from the catalog: ``check`` reads no templates
    (it imports no Jinja), so only the build finds it, at line 1 of the catalog."""
    found = re.search(r"no translation for the template string '(.*)'$", line)
    return bool(found) and f'msgid "{found[1]}"' not in text


# --- any line of any settings file, damaged as a hurried editor would -----------------------

LINE = st.one_of(
    ODD_TEXT,
    st.sampled_from(["", "  ", "\t", "key: value", "- item", "!!python/object:os.system", "&anchor x", "*anchor",
                     "? complex", "{", "[", '"unclosed', "'", "%YAML 1.1", "---", "...", "labels: *x",
                     "locale: !!binary aGVsbG8=", "<<: {a: 1}", "  section: \"{}{}.\"", "schemes: []"]),
)


@settings(max_examples=50, **SETTINGS)  # type: ignore[arg-type]
@given(target=st.sampled_from([LANGUAGE, "content/es/language.yaml", SNAPSHOT, KIND, SCHEME]), data=st.data())
def test_a_damaged_line_of_any_settings_file_is_a_problem_at_a_line_or_builds(  # type: ignore[no-untyped-def]
        project: Path, cli, target: str, data: st.DataObject) -> None:
    lines = (project / target).read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(LINE)
    judge(project, cli, target, "\n".join(lines) + "\n")
