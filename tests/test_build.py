"""One build, top to bottom: the index describes every document, template errors are located,
and nothing under output/ changes unless everything rendered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from editions.build import BuildOptions, build, check
from editions.errors import EXIT_RENDER
from editions.plan.outputs import outputs
from editions.read.model import Selection

TEMPLATES = sorted(p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file())


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (the lock excepted: it only ever exists)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".build.lock"}


def two_documents(project: Path) -> Path:
    """The sample, and a second document beside it: the same text under another name and symbol."""
    for code in ("en", "es"):
        text = (project / "content" / code / "sample.yaml").read_text(encoding="utf-8")
        (project / "content" / code / "second.yaml").write_text(text.replace("symbol: TST/7", "symbol: TST/8"), encoding="utf-8")
    record = project / "content" / "es" / "confirmed" / "sample.yaml"
    (record.parent / "second.yaml").write_text(record.read_text(encoding="utf-8").replace("document: sample", "document: second"),
                                                encoding="utf-8")
    return project


def test_a_build_of_one_document_keeps_every_document_in_the_index(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = two_documents(make_project(tmp_path / "project"))
    assert cli(project, "build", "-f", "html").status == 0
    english = project / "content" / "en" / "second.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("title: Sample report", "title: Second report"), encoding="utf-8")
    run = cli(project, "build", "-f", "html", "-d", "second")
    assert run.status == 0, run.err
    assert "rendered output/en/second.html" in run.out and "output/en/sample.html" not in run.out
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert '<bdi dir="ltr">TST/7</bdi> · Sample report' in index and '<bdi dir="ltr">TST/8</bdi> · Second report' in index
    assert 'href="en/sample.html"' in index and 'href="en/second.html"' in index
    assert cli(project, "build", "-f", "html").out.startswith("nothing to rebuild")


def test_a_library_caller_gets_what_the_command_line_gets(sample: Path) -> None:
    """Amendment checks and translations behind come with build() itself, not with the command line."""
    english = sample / "content" / "en" / "sample.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("An unnumbered opening", "A plain opening"), encoding="utf-8")
    report = build(BuildOptions(root=sample, output=sample / "output", formats=frozenset({"html"})))
    assert [str(w) for w in report.warnings] == [
        "content/es/sample.yaml:15: the unnumbered text outside the numbered units changed in the English original since this translation was confirmed"]
    with pytest.raises(Exception, match="changed in the English original"):
        build(BuildOptions(root=sample, output=sample / "output", formats=frozenset({"html"}), strict=True, force=True))


def test_every_output_is_one_record_named_once(sample: Path) -> None:
    found = outputs(check(sample).project)
    assert [(o.path, o.kind, o.languages) for o in found] == [
        ("en-es/sample.html", "bilingual", ("en", "es")), ("en-es/sample.pdf", "bilingual", ("en", "es")),
        ("en/sample.html", "edition", ("en",)), ("en/sample.pdf", "edition", ("en",)),
        ("es/sample.html", "edition", ("es",)), ("es/sample.pdf", "edition", ("es",)),
    ]
    assert found[2].sources == ("content/en/sample.yaml", "content/en/language.yaml", "locales/en/LC_MESSAGES/messages.po")


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_broken_template_is_reported_at_its_line_and_nothing_is_written(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    assert cli(project, "build", "-f", "html").status == 0
    before = folder_state(project / "output")
    template = project / "templates" / name
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(number for number, line in enumerate(lines) if "#}" in line) + 2 if lines[0].startswith("{#") else 1
    lines.insert(broken - 1, "{% if %}\n")
    template.write_text("".join(lines), encoding="utf-8")
    run = cli(project, "build", "-f", "html")
    assert run.status == EXIT_RENDER
    assert run.lines and all(line.startswith(f"templates/{name}:{broken}: template error: ") for line in run.lines), run.err
    assert "Traceback" not in run.err
    assert folder_state(project / "output") == before


def test_an_error_raised_while_a_template_renders_names_its_line(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    template = sample / "templates" / "masthead.html"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "{{ no_such_value }}\n")
    template.write_text("".join(lines), encoding="utf-8")
    run = cli(sample, "build", "-f", "html")
    assert run.status == EXIT_RENDER
    assert run.lines == ["templates/masthead.html:4: template error: 'no_such_value' is undefined"]
    assert folder_state(sample / "output") == {}


def test_a_catalog_string_that_would_fail_as_its_template_renders_is_found_at_its_line(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A placeholder cut short is found by the catalog check (editions/check/catalogs.py), by check and build alike."""
    catalog = sample / "locales" / "es" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Edición bilingüe, %(first)s e %(second)s"' in text
    catalog.write_text(text.replace('msgstr "Edición bilingüe, %(first)s e %(second)s"',
                                    'msgstr "Edición bilingüe, %(first) e %(second)s"'), encoding="utf-8")
    expected = ["locales/es/LC_MESSAGES/messages.po:247: the translation of 'Bilingual edition, %(first)s and %(second)s' "
                "cannot be formatted as the template does: must be real number, not str"]
    assert (cli(sample, "check").status, cli(sample, "check").lines) == (EXIT_RENDER, expected)
    run = cli(sample, "build", "-f", "html")
    assert (run.status, run.lines) == (EXIT_RENDER, expected)
    assert folder_state(sample / "output") == {}


def test_a_build_killed_between_the_last_edition_and_the_index_is_repaired_by_the_next(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(sample, "build", "-f", "html").status == 0
    english = sample / "content" / "en" / "sample.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("title: Sample report", "title: Renamed report"), encoding="utf-8")
    killer = (  # the build dies (no cleanup, as under SIGKILL) the moment it would move the index into place
        "import os, sys; real = os.replace\n"
        "def replace(source, target, *a, **k):\n"
        "    if str(target).endswith('/output/index.html'): os._exit(137)\n"
        "    return real(source, target, *a, **k)\n"
        "os.replace = replace\n"
        "from editions.cli import main; sys.exit(main(sys.argv[1:]))\n")
    run = subprocess.run([sys.executable, "-c", killer, "-f", "html", "--root", str(sample)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 137, run.stderr
    assert "Renamed report" in (sample / "output" / "en" / "sample.html").read_text(encoding="utf-8")
    assert "Renamed report" not in (sample / "output" / "index.html").read_text(encoding="utf-8")   # the kill came between
    again = cli(sample, "build", "-f", "html")
    assert again.status == 0 and not again.out.startswith("nothing to rebuild")
    assert "Renamed report" in (sample / "output" / "index.html").read_text(encoding="utf-8")
    assert not list((sample / "output").glob(".staging-*"))
    assert cli(sample, "build", "-f", "html").out.startswith("nothing to rebuild")


def test_the_build_leaves_the_environment_as_it_found_it(sample: Path) -> None:
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    build(BuildOptions(root=sample, output=sample / "output", formats=frozenset({"pdf"}), jobs=1,
                       selection=Selection(languages=frozenset({"en"}))))
    assert "SOURCE_DATE_EPOCH" not in os.environ
