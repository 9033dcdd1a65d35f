"""What a build keeps between runs (editions/cache.py): used when it matches, made anew when not,
never needed."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from editions import cache
from editions.read.languages import load_language
from editions.render import html


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """A cache of its own; the names of the templates Jinja compiles."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    names: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        names.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def masthead(project: Path) -> str:
    """A template (the kind line's, which imports no other) as a new process renders it: nothing compiled in memory yet."""
    html.COMPILED = html._CompiledOnce()
    env = html.environment(project, load_language(project / "content" / "en", project))
    return env.get_template("kind-line.html").render()


def test_each_template_is_compiled_once_for_all_languages(sample: Path, compiled: list[str | None],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language has its own environment (its translations); they share compiled templates."""
    monkeypatch.setattr(html, "COMPILED", html._CompiledOnce())
    for code in ("en", "es"):
        html.environment(sample, load_language(sample / "content" / code, sample)).get_template("kind-line.html")
    assert compiled == ["kind-line.html"]


def test_a_template_compiled_by_one_build_is_not_compiled_by_the_next(
        sample: Path, compiled: list[str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "COMPILED", html.COMPILED)
    first = masthead(sample)
    assert compiled == ["kind-line.html"]
    assert masthead(sample) == first
    assert compiled == ["kind-line.html"], "compiled again though kept"
    template = sample / "templates" / "kind-line.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    assert masthead(sample).endswith("<!-- edited -->\n")
    assert compiled == ["kind-line.html", "kind-line.html"]


def test_damaged_compiled_code_is_compiled_anew(sample: Path, compiled: list[str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "COMPILED", html.COMPILED)
    first = masthead(sample)
    for kept in (cache.cache_root() / "templates").iterdir():
        kept.write_bytes(kept.read_bytes()[:40])
    assert masthead(sample) == first
    assert compiled == ["kind-line.html", "kind-line.html"]


def test_the_templates_strings_are_kept_and_read_back(sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    html._msgids.cache_clear()
    extracted = html.template_msgids(sample)
    assert "Page {page} of {pages}" in extracted
    [kept] = (cache.cache_root() / "msgids").iterdir()
    html._msgids.cache_clear()
    monkeypatch.setattr(jinja2.ext, "babel_extract", None)     # extraction would fail now: the kept list is read
    assert html.template_msgids(sample) == extracted
    kept.write_text("not json")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    html._msgids.cache_clear()
    assert html.template_msgids(sample) == extracted
    html._msgids.cache_clear()


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    monkeypatch.setattr(html, "COMPILED", html._CompiledOnce())
    html._msgids.cache_clear()
    run = cli(sample, "build", "--format", "html")
    html._msgids.cache_clear()
    assert run.status == 0, run.err
    assert (sample / "output" / "es" / "sample.html").is_file()
