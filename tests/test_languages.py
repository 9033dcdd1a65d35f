"""A third language needs content and a catalog, never code."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import make_project


def add_french(project: Path) -> None:
    french = project / "content" / "fr"
    french.mkdir()
    (french / "language.yaml").write_text(
        'locale: fr\nlabels:\n  section: "{}."\n  subsection: "{}."\n  paragraph: "{}."\n'
        '  subparagraph: "{})"\n  item: "{})"\nquotes: ["« ", " »"]\nday_range: "{start} au {end}"\n',
        encoding="utf-8",
    )
    spanish = (project / "content" / "es" / "sample.yaml").read_text(encoding="utf-8")
    (french / "sample.yaml").write_text(spanish.replace("language: es", "language: fr"), encoding="utf-8")
    assert (project / "locales" / "fr" / "LC_MESSAGES" / "messages.po").is_file(), "the project ships a French catalog"


def test_french_edition_from_content_and_catalog_alone(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    add_french(project)
    run = cli(project, "build", "--language", "fr", "--format", "html")
    assert run.status == 0, run.err
    html = (project / "output" / "fr" / "sample.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in html
    assert "Original\u202f: anglais" in html
    assert "30 novembre au 2 décembre 2025" in html
    assert '<span class="label">a) </span>' in html
    assert "1 250 000" in html.replace("\u202f", " ").replace("\xa0", " ")
    assert 'hreflang="es" href="../es/sample.html"' in html and 'hreflang="en"' in html


def test_a_language_without_its_catalog_fails_clearly(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project")
    add_french(project)
    shutil.rmtree(project / "locales" / "fr")
    run = cli(project, "build", "--format", "html")
    assert run.status == 3
    assert run.lines == [
        "content/fr/sample.yaml:1: no part of this translation has been confirmed yet: after review, run python build.py confirm -d sample -l fr",
        "locales/fr/LC_MESSAGES/messages.po:1: no catalog for language 'fr': run pybabel init (docs/localisation.md)",
    ]
    assert not (project / "output" / "en").exists()
