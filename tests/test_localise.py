"""Babel formatting with explicit locales, and the catalogs of template strings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from babel import Locale
from conftest import ROOT, make_project

from editions.errors import EXIT_RENDER, EditionError
from editions.read.languages import load_language
from editions.render.html import template_msgids
from editions.render.localise import format_date_range, format_long_date, format_number, load_translations

NOV_20, NOV_22 = datetime.date(2002, 11, 20), datetime.date(2002, 11, 22)


@pytest.fixture(scope="module")
def en():  # type: ignore[no-untyped-def]
    return load_language(ROOT / "content" / "en", ROOT)


@pytest.fixture(scope="module")
def es():  # type: ignore[no-untyped-def]
    return load_language(ROOT / "content" / "es", ROOT)


def test_conference_dates_as_each_language_writes_them(en, es) -> None:  # type: ignore[no-untyped-def]
    assert format_date_range(NOV_20, NOV_22, en) == "20-22 November 2002"
    assert format_date_range(NOV_20, NOV_22, es) == "20 a 22 de noviembre de 2002"


def test_date_range_across_months_writes_both_dates(en) -> None:  # type: ignore[no-untyped-def]
    start, end = datetime.date(2025, 11, 30), datetime.date(2025, 12, 2)
    assert format_date_range(start, end, en) == "30 November-2 December 2025"


def test_single_day_is_one_date(es) -> None:  # type: ignore[no-untyped-def]
    assert format_date_range(NOV_20, NOV_20, es) == "20 de noviembre de 2002"


def test_numbers_and_dates_follow_the_locale_not_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert format_number(250000, Locale.parse("en_GB")) == "250,000"
    assert format_number("250000", Locale.parse("es")) == "250.000"
    assert format_long_date(datetime.date(2002, 11, 18), Locale.parse("en_GB")) == "18 November 2002"
    assert format_long_date(datetime.date(2002, 11, 18), Locale.parse("es")) == "18 de noviembre de 2002"


def test_language_names_come_from_babel(en, es) -> None:  # type: ignore[no-untyped-def]
    assert (en.name, es.name) == ("English", "español")
    assert (es.name_in(en), en.name_in(es)) == ("Spanish", "inglés")


def test_spanish_catalog_translates_every_template_string() -> None:
    msgids = template_msgids(ROOT)
    assert "Original: %(language)s" in msgids and "Page {page} of {pages}" in msgids
    translations = load_translations(ROOT, "es", msgids)
    assert translations.gettext("Page {page} of {pages}") == "Página {page} de {pages}"
    assert all(translations.gettext(m) != m or m.startswith("%(") or m.startswith("Original") for m in msgids)


def test_missing_translation_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text().replace('msgstr "Nota:"', 'msgstr ""'))
    with pytest.raises(EditionError) as raised:
        load_translations(project, "es", template_msgids(project))
    assert raised.value.status == EXIT_RENDER
    [problem] = raised.value.problems
    assert problem.path == "locales/es/LC_MESSAGES/messages.po"
    assert problem.message == "no translation for the template string 'Note:'"


def test_missing_catalog_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "locales" / "es" / "LC_MESSAGES" / "messages.po").unlink()
    with pytest.raises(EditionError) as raised:
        load_translations(project, "es", template_msgids(project))
    assert str(raised.value).startswith("locales/es/LC_MESSAGES/messages.po:1: no catalog for language 'es'")


def test_catalog_that_cannot_be_compiled_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text().replace('msgstr "Nota:"', 'msgstr "Nota:"\ntranslated by hand'))
    with pytest.raises(EditionError) as raised:
        load_translations(project, "es", template_msgids(project))
    assert raised.value.status == EXIT_RENDER
    [problem] = raised.value.problems
    assert problem.path == "locales/es/LC_MESSAGES/messages.po"
    assert problem.message.startswith("the catalog cannot be compiled: ")


def test_the_list_of_template_strings_is_what_the_templates_kinds_and_code_ask_for(tmp_path: Path) -> None:
    """``check`` finds a catalog entry missing by comparing each catalog with locales/messages.pot
    (it reads no templates); a string added to a template without ``make catalog`` would go unseen."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    extracted = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "--sort-by-file",
                    "-o", str(extracted), "."], cwd=ROOT, check=True, capture_output=True)

    def msgids(path: Path) -> set[object]:
        with path.open("rb") as file:
            return {message.id for message in read_po(file) if message.id}

    assert msgids(ROOT / "locales" / "messages.pot") == msgids(extracted), "run make catalog"


def test_french_writes_the_first_of_a_month_as_an_ordinal(tmp_path: Path) -> None:
    """``dates: {first: 1er}``: 1er juillet 2026, and the other days as Babel writes them."""
    project = make_project(tmp_path / "project", ROOT / "tests" / "samples" / "six" / "content")
    french = load_language(project / "content" / "fr", project)
    assert format_long_date(datetime.date(2026, 7, 1), french.locale, french.dates) == "1er juillet 2026"
    assert format_long_date(datetime.date(2026, 7, 2), french.locale, french.dates) == "2 juillet 2026"
    assert format_date_range(datetime.date(2026, 3, 1), datetime.date(2026, 3, 3), french) == "1er-3 mars 2026"
