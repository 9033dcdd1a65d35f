"""Hostile content: script in the text, local files smuggled into a PDF, YAML bombs,
oversized and special files. See SECURITY.md for the threat model.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from editions.build import check
from editions.errors import EditionError
from editions.read.model import Selection
from editions.read.yamlsource import MAX_FILE_BYTES

EN = "content/en/sample.yaml"
ES = "content/es/sample.yaml"
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


class Elements(HTMLParser):
    """The start tags of an HTML document, and the attributes of each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


# --- a. script in the content is text in the HTML edition ------------------------------------

def test_markup_in_a_paragraph_is_escaped_in_the_html(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    replace_in(project / ES, "text: La capacitación.", f"text: '{SCRIPT}'")
    replace_in(project / EN, "title: Sample report", "title: '\"><script>alert(3)</script>'")
    run = cli(project, "build", "--format", "html")
    assert run.status == 0, run.err
    pages = sorted((project / "output").rglob("*.html"))
    assert {p.relative_to(project / "output").as_posix() for p in pages} >= {"en/sample.html", "es/sample.html"}
    for page in pages:
        # The one script a screen edition carries is the template's language switch.
        html = re.sub(r"<script>\n/\* The language switch .*?</script>", "", page.read_text(encoding="utf-8"), flags=re.S)
        found = elements(html)
        tags = [tag for tag, _ in found.tags]
        assert "script" not in tags and "img" not in tags, page
        assert not any(name.startswith("on") for _, attrs in found.tags for name in attrs), page
        assert "<script" not in html.lower() and "<img" not in html.lower(), page
    spanish = (project / "output" / "es" / "sample.html").read_text(encoding="utf-8")
    assert ESCAPED in spanish
    assert SCRIPT in "".join(elements(spanish).text)          # shown to the reader as written
    english = (project / "output" / "en" / "sample.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in english


# --- b. the PDF renderer reads files of the project and the font package only ----------------

@pytest.fixture
def fetcher(tmp_path: Path):  # type: ignore[no-untyped-def]
    from editions.fonts import static_folder
    from editions.render.pdf import ConfinedFetcher

    project = make_project(tmp_path / "project")
    (project / "templates" / "passwd.css").symlink_to("/etc/passwd")
    (project / "templates" / "etc").symlink_to("/etc", target_is_directory=True)
    return project, ConfinedFetcher([project, static_folder()])


def refused_urls(project: Path) -> list[str]:
    return [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/passwd",
        f"file://{project}/../../../../etc/passwd",
        f"file://{project}/templates/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"file://{project}/templates/passwd.css",          # a symbolic link to /etc/passwd
        f"file://{project}/templates/etc/passwd",          # through a link to a folder outside
        f"file://{project}-other/content/en/sample.yaml",  # a sibling whose name starts the same
        "http://127.0.0.1/logo.png",
        "https://example.org/edition.css",
        "ftp://example.org/x",
        "data:text/plain;base64,cm9vdDp4OjA6MA==",
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
        "//example.org/edition.css",
        "/etc/passwd",
    ]


def test_the_fetcher_refuses_everything_outside_the_project(fetcher) -> None:  # type: ignore[no-untyped-def]
    project, confined = fetcher
    for url in refused_urls(project):
        with pytest.raises(ValueError) as refused:
            confined.fetch(url)
        assert str(refused.value).startswith("refused"), (url, str(refused.value))


def test_the_fetcher_reads_the_project_and_the_fonts(fetcher) -> None:  # type: ignore[no-untyped-def]
    from editions.fonts import static_folder

    project, confined = fetcher
    stylesheet = confined.fetch((project / "templates" / "edition.css").as_uri())
    try:
        assert stylesheet.read() == (project / "templates" / "edition.css").read_bytes()
    finally:
        stylesheet.close()
    font = sorted(static_folder().glob("*.ttf"))[0]
    response = confined.fetch(font.as_uri())
    try:
        assert response.read(4) in (b"\x00\x01\x00\x00", b"true", b"OTTO")
    finally:
        response.close()


# --- c. a template that reaches for a local file fails the PDF build --------------------------

@pytest.mark.parametrize("tag", ['<img src="file:///etc/passwd">', '<link rel="stylesheet" href="file:///etc/passwd">'],
                         ids=["image", "stylesheet"])
def test_a_template_loading_a_local_file_fails_the_pdf_build(tmp_path: Path, cli, tag: str) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    template = project / "templates" / "edition.html"
    text = template.read_text(encoding="utf-8")
    assert "<body>" in text
    template.write_text(text.replace("<body>", "<body>\n" + tag, 1), encoding="utf-8")
    earlier = project / "output" / "es" / "sample.pdf"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"%PDF- an earlier edition")
    run = cli(project, "build", "--format", "pdf", "--jobs", "1")
    assert run.status == 3, run.err
    assert run.out == ""
    assert run.lines and all("refused file:///etc/passwd" in line for line in run.lines), run.err
    assert "root:" not in run.err
    assert earlier.read_bytes() == b"%PDF- an earlier edition"
    written = sorted(p.relative_to(project / "output").as_posix() for p in (project / "output").rglob("*") if p.is_file())
    assert written == [".build.lock", "es/sample.pdf"]
    assert not list((project / "output").glob(".staging-*"))


# --- d. a YAML alias bomb is refused before it can expand -------------------------------------

def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 10) + "]")
    return "\n".join(lines) + "\nbody: *i\n"


def test_an_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    (project / EN).write_text(billion_laughs(), encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(EditionError) as caught:
            check(project, Selection())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in caught.value.problems] == [
        f"{EN}:2: YAML aliases (*name) are not allowed in content files (81 found)"
    ]
    assert peak < 50 * 1024 * 1024, peak
    run = cli(project, "check")
    assert run.status == 1 and len(run.lines) == 1, run.err


# --- e. a file over the size limit is refused without being read ------------------------------

def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    huge = project / EN
    with open(huge, "r+b") as handle:
        handle.truncate(16 * 1024**3)       # 16 GiB, sparse: reading it would take minutes and all memory
    reads: list[Path] = []
    real_read_bytes, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        reads.append(self)
        return real_read_bytes(self)

    def path_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", path_open)
    tracemalloc.start()
    try:
        with pytest.raises(EditionError) as caught:
            check(project, Selection())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in caught.value.problems] == [
        f"{EN}:1: the file has {16 * 1024**3} bytes; the limit is {MAX_FILE_BYTES}"
    ]
    assert huge.resolve() not in {p.resolve() for p in reads}
    assert peak < 20 * 1024 * 1024, peak


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    path = project / EN
    text = path.read_text(encoding="utf-8")
    padding = MAX_FILE_BYTES - len(text.encode("utf-8")) - 1
    path.write_text(text + "#" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    check(project, Selection())        # at the limit: accepted
    with open(path, "ab") as handle:
        handle.write(b"\n")
    with pytest.raises(EditionError) as caught:
        check(project, Selection())
    assert [str(p) for p in caught.value.problems] == [
        f"{EN}:1: the file has {MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES}"
    ]


# --- regressions: bugs these tests found, now fixed ---------------------------------------------

def _limited(megabytes: int):  # type: ignore[no-untyped-def]
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 1024 * 1024, megabytes * 1024 * 1024))
    return limit


def test_a_content_file_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / EN).unlink()
    (project / EN).symlink_to("/dev/zero")
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--root", str(project)],
                         capture_output=True, text=True, timeout=60, preexec_fn=_limited(1024))
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0].startswith(f"{EN}:1: "), run.stderr


def test_a_long_letter_label_does_not_exhaust_memory(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    replace_in(project / ES, "subparagraph: b)", "subparagraph: " + "b" * 2000 + ")")
    tracemalloc.start()
    try:
        with pytest.raises(EditionError) as caught:
            check(project, Selection())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.problems[0].path == ES
    assert max(len(str(p)) for p in caught.value.problems) < 10_000
    assert peak < 50 * 1024 * 1024, peak
