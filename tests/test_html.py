"""The HTML editions: golden files of the sample project, and what a reader relies on.

Regenerate the golden files after an intended change with ``make golden`` and
review the diff.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_project

    from editions.build import BuildOptions, build

    project = make_project(tmp_path_factory.mktemp("html") / "project")
    build(BuildOptions(root=project, output=project / "output", formats=frozenset({"html"})))
    return project / "output"


@pytest.mark.parametrize("language", ["en", "es"])
def test_html_matches_golden(built: Path, language: str) -> None:
    produced = (built / language / "sample.html").read_text(encoding="utf-8")
    golden = GOLDEN / language / "sample.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if found.get("id") and tag != "main":
            self.ids.append(found["id"] or "")


def parsed(path: Path) -> Ids:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_numbered_unit_has_the_same_id_in_both_languages(built: Path) -> None:
    en, es = parsed(built / "en" / "sample.html"), parsed(built / "es" / "sample.html")
    assert (en.lang, es.lang) == ("en", "es")
    assert en.ids == es.ids
    assert en.ids == ["I", "I.1", "I.2", "II", "II.A", "II.A.1", "II.A.2", "II.A.2.a", "II.A.2.a.i", "II.A.2.a.ii", "II.A.2.b"]


def test_labels_quotes_numbers_and_dates_are_localised(built: Path) -> None:
    en = (built / "en" / "sample.html").read_text(encoding="utf-8")
    es = (built / "es" / "sample.html").read_text(encoding="utf-8")
    assert '<span class="label">(a) </span>' in en and '<span class="label">a) </span>' in es
    assert '<span class="label">(ii) </span>' in en and '<span class="label">ii) </span>' in es
    assert "<q>“quotation”</q>" in en and "<q>«cita»</q>" in es
    assert "1,250,000 visitors" in en and "1.250.000 visitantes" in es
    assert "30 November 2025" in en and "30 de noviembre de 2025" in es
    assert "30 November-2 December 2025" in en and "30 de noviembre a 2 de diciembre de 2025" in es


def test_markup_in_content_is_shown_as_text(built: Path) -> None:
    en = (built / "en" / "sample.html").read_text(encoding="utf-8")
    assert "A paragraph with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand" in en
    assert "<b>" not in en


def test_cross_references_link_to_the_unit(built: Path) -> None:
    en = (built / "en" / "sample.html").read_text(encoding="utf-8")
    es = (built / "es" / "sample.html").read_text(encoding="utf-8")
    assert '<a class="ref" href="#II.A.2">2</a>' in en and '<a class="ref" href="#II.A.2.a.ii">(ii)</a>' in en
    assert '<a class="ref" href="#II.A.2.a.ii">ii)</a>' in es


def test_each_unit_links_to_its_counterpart_in_the_other_language(built: Path) -> None:
    en = (built / "en" / "sample.html").read_text(encoding="utf-8")
    assert 'href="../es/sample.html#II.A.2.a.ii" hreflang="es"' in en
    assert '<link rel="alternate" hreflang="es" href="../es/sample.html">' in en


def test_no_english_template_string_in_the_spanish_edition(built: Path) -> None:
    es = (built / "es" / "sample.html").read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", "", es, flags=re.S)
    for english in ("Note", "Page", "Other languages", "English", "Spanish"):
        assert english not in text.replace('title="English">', "").replace(">English</a>", "")
    assert "Nota:" in text and "Original: inglés" in text
