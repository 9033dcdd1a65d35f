"""The command line as a user meets it: exit statuses, messages, what is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_check_passes_on_the_real_project_without_importing_weasyprint() -> None:
    code = (
        "import sys; from editions.cli import main; status = main(['check']); "
        "assert 'weasyprint' not in sys.modules, 'check imported WeasyPrint'; "
        "assert 'jinja2' not in sys.modules, 'check imported Jinja'; sys.exit(status)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("checked 2 editions of 1 document: numbering identical in every language")


def test_problems_are_one_line_each_without_traceback(sample: Path) -> None:
    target = sample / "content" / "es" / "sample.yaml"
    target.write_text(target.read_text().replace("item: ii)", "item: iiv)").replace("paragraph: 2\n        text: Un", "paragraph: 3\n        text: Un"))
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(sample)], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "content/es/sample.yaml:24: paragraph I.3 follows paragraph I.1: paragraph 2 is missing",
        "content/es/sample.yaml:46: item label 'iiv)' is not well formed: 'iiv' is not a well-formed lower-case roman numeral",
    ]
    assert not (sample / "output").exists()


def test_a_document_exists_in_the_languages_that_hold_it(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (sample / "content" / "es" / "sample.yaml").unlink()
    run = cli(sample, "check")
    assert (run.status, run.lines) == (0, [])


def test_missing_original_is_reported(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (sample / "content" / "en" / "sample.yaml").unlink()
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == ["content/es/sample.yaml:3: the original language 'en' has no edition of document sample: "
                         "content/en/sample.yaml is missing"]


def test_unknown_document_or_language_is_reported(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(sample, "check", "--document", "nothing", "--language", "fr")
    assert run.status == 1
    assert run.lines == [
        "content/*/nothing.yaml:1: no document 'nothing' in this project",
        "content/fr:1: no language 'fr' in this project",
    ]


def test_build_restricted_to_one_language_and_format(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(sample, "build", "--language", "es", "--format", "html")
    assert run.status == 0, run.err
    written = sorted(p.relative_to(sample / "output").as_posix() for p in (sample / "output").rglob("*.*") if p.is_file())
    assert written == [".build.lock", ".state.json", "es/sample.html", "fonts/noto-serif-italic.ttf", "fonts/noto-serif.ttf", "index.html"]


def test_broken_template_is_reported_with_its_line(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    template = sample / "templates" / "units.html"
    template.write_text(template.read_text().replace("{% endmacro %}", "{% endmacr %}", 1))
    run = cli(sample, "build", "--format", "html")
    assert run.status == 3
    assert len(run.lines) == 1 and run.lines[0].startswith("templates/units.html:")
    assert "Traceback" not in run.err


def test_debug_shows_the_traceback_of_an_internal_error(sample: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    (sample / "templates" / "edition.html").write_text("{{ 1 / 0 }}")
    plain = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(sample), "-f", "html"], capture_output=True, text=True, env=env)
    debug = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(sample), "-f", "html", "--debug"], capture_output=True, text=True, env=env)
    assert plain.returncode == debug.returncode == 3
    assert "Traceback" not in plain.stderr and "Traceback" in debug.stderr
