"""Tables: printed as United Nations reports print them, checked across languages, tracked and amended.

The sample report (tests/kinds) has a table in both languages; the bad inputs
(rows, columns, numbers, a table missing, a misplaced ``<`` or ``^``, a caption in
one language only) are under tests/bad/tables/. Spanning cells, continued heads and
text tables are written into the sample by the tests that need them, so that the
sample's own editions stay as they were.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, edit, make_project, publish_and_amend
from six_tables import TABLES, spanned

KINDS_SAMPLE = ROOT / "tests" / "kinds" / "content"
EN_ROWS = '''            - [English–Spanish, 700, 12500, 14]
            - [English–French, 300, 5250.5, 3]
'''
ES_ROWS = '''            - [Español–inglés, 700, 12500, 14]
            - [Español–francés, 300, 5250.5, 3]
'''


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", KINDS_SAMPLE)


def both(project: Path, english: tuple[str, str], spanish: tuple[str, str]) -> None:
    edit(project / "content" / "en" / "report.yaml", *english)
    edit(project / "content" / "es" / "report.yaml", *spanish)


def test_a_table_is_numbered_captioned_and_headed_in_each_language(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    spanish = (report / "output" / "es" / "report.html").read_text(encoding="utf-8")
    assert '<div class="table-block block indent-0" id="table-1">' in english
    assert ('<caption><span class="table-number">Table 1</span> <span class="table-title">Documents checked, by '
            'language pair</span></caption>') in english
    assert '<span class="table-number">Cuadro 1</span>' in spanish
    assert ('<tr><th scope="col" class="align-start">Language pair</th><th scope="col" class="align-end">Documents</th>'
            '<th scope="col" class="align-end">Pages</th><th scope="col" class="align-end">Problems found</th></tr>') in english
    assert ('<tr><th scope="row" class="align-start">English–French</th><td class="align-end">300</td>'
            '<td class="align-end">5,250.5</td><td class="align-end">3</td></tr>') in english
    assert '<td class="align-end">5.250,5</td>' in spanish and '<td class="align-end">17.750,5</td>' in spanish
    assert '<p class="table-source"><span class="table-source-label">Fuente:</span> Departamento' in spanish
    assert "text-align: end" in english    # logical: right in left-to-right lines, left in right-to-left ones


def test_the_bilingual_edition_puts_each_language_s_table_in_its_column(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(report, "build", "--format", "html").status == 0
    page = (report / "output" / "es-en" / "report.html").read_text(encoding="utf-8")
    row = next(row for row in page.split("<tr class=") if 'id="es-table-1"' in row)
    assert row.index('id="es-table-1"') < row.index('id="en-table-1"')
    assert row.count('<td lang="') == 2


def test_a_quoted_figure_is_text_as_written(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    both(report, ("[English–French, 300, 5250.5, 3]", '[English–French, "2024", 5250.5, 3]'),
         ("[Español–francés, 300, 5250.5, 3]", '[Español–francés, "2024", 5250.5, 3]'))
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    assert '<td class="align-end">2024</td>' in english


def test_a_changed_cell_marks_its_table_changed(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(report, "confirm").status == 0
    edit(report / "content" / "es" / "report.yaml", "[Español–inglés, 700", "[Español e inglés, 700")
    run = cli(report, "check")
    assert run.status == 0
    assert run.lines == ["content/en/report.yaml:28: table 1 changed in the Spanish original since this translation was confirmed"]
    run = cli(report, "check", "--diff")
    assert "Español–inglés" in run.err and "Español e inglés" in run.err


def _amend(project: Path, entry: str) -> None:
    """Snapshot the report as published TST/80/17, then list an amendment in both languages."""
    publish_and_amend(project, "report", "TST-80-17", "2026-05-02", entry)


def test_a_corrigendum_locates_a_corrected_figure_by_table_row_and_column(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _amend(report, "  - kind: corrigendum\n    symbol: TST/80/17/Corr.1\n    date: 2026-05-20\n")
    both(report, ("[English–French, 300, 5250.5, 3]", "[English–French, 300, 5260.5, 3]"),
         ("[Español–francés, 300, 5250.5, 3]", "[Español–francés, 300, 5260.5, 3]"))
    both(report, ("caption: Documents checked, by language pair", "caption: Documents checked, by pair of languages"),
         ("caption: Documentos verificados, por par de idiomas", "caption: Documentos verificados, por pares de idiomas"))
    assert cli(report, "build", "--format", "html").status == 0
    for language, title, place, old, new in (
            ("en", "Table 1, title", "Table 1, row 2, column 3", "For </span>5,250.5", "read </span>5,260.5"),
            ("es", "Cuadro 1, título", "Cuadro 1, fila 2, columna 3", "Donde dice: </span>5.250,5", "Debe decir: </span>5.260,5")):
        html = (report / "output" / language / "report-corr1.html").read_text(encoding="utf-8")
        places = re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S)
        assert places == [title, place]
        assert old in html and new in html


def test_a_revision_s_marked_edition_marks_the_changed_cell(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _amend(report, "  - kind: revision\n    symbol: TST/80/17/Rev.1\n    date: 2026-05-20\n")
    both(report, ("[English–French, 300, 5250.5, 3]", "[English–French, 310, 5250.5, 3]"),
         ("[Español–francés, 300, 5250.5, 3]", "[Español–francés, 310, 5250.5, 3]"))
    run = cli(report, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (report / "output" / "en" / "report-rev1-marked.html").read_text(encoding="utf-8")
    assert '<td class="align-end"><del>300</del><ins class="apart">310</ins></td>' in marked


def _long_table(project: Path, rows: int, columns: int = 4) -> None:
    """The sample's table made ``rows`` rows long in both languages, each row's label long enough to wrap."""
    def body(word: str) -> str:
        return "".join(f'            - ["{word} {n} of the long table, with a label that wraps onto a second line of '
                       f'its cell", {", ".join(str(n * 100 + c) for c in range(1, columns))}]\n' for n in range(1, rows + 1))
    both(project, (EN_ROWS, body("Row")), (ES_ROWS, body("Fila")))
    header = ", ".join(f"Column {c}" for c in range(1, columns))
    both(project, ("[Language pair, Documents, Pages, Problems found]", f"[Language pair, {header}]"),
         ("[Par de idiomas, Documentos, Páginas, Problemas detectados]", f"[Par de idiomas, {header}]"))
    total = ", ".join(["1"] * (columns - 1))
    both(project, ('["*Total*", "{number:1000}{note:Including {number:20} corrigenda.}", "{number:17750.5}", 17]',
                   f'["*Total*", {total}]'),
         ('["*Total*", "{number:1000}{note:Incluidas {number:20} correcciones.}", "{number:17750.5}", 17]',
          f'["*Total*", {total}]'))


def test_a_long_table_repeats_its_header_on_every_page_and_never_splits_a_row(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _long_table(report, 70)
    run = cli(report, "build", "--format", "pdf", "-d", "report", "-l", "en")
    assert run.status == 0, run.err
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(report / "output" / "en" / "report.pdf").pages]
    holding = [n for n, text in enumerate(pages) if re.search(r"Row \d+ of the long table", text)]
    assert len(holding) >= 3
    for n in holding:
        assert "Language pair Column 1 Column 2 Column 3" in pages[n]
    for row in range(1, 71):      # the label and the figures of each row on one page
        assert any(f"Row {row} of the long table, with a label that wraps onto a second line of its cell" in text
                   and f"{row * 100 + 3:,}" in text for text in pages), row
    assert pages[holding[0]].count("Table 1") == 1 and all("Table 1" not in pages[n] for n in holding[1:])


def test_a_wide_table_stays_within_the_page(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _long_table(report, 3, columns=12)
    run = cli(report, "build", "--format", "pdf", "-d", "report", "-l", "en")
    assert run.status == 0, run.err
    boxes = subprocess.run(["pdftotext", "-bbox", str(report / "output" / "en" / "report.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)
    assert any(text == "11" for _, _, text in words)          # "Column 11": the table is there
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))   # type: ignore[union-attr]
    margin = 25 / 25.4 * 72                                    # 25 mm, as edition.css sets it
    assert max(float(x_max) for _, x_max, _ in words) <= page_width - margin + 0.5
    assert min(float(x_min) for x_min, _, _ in words) >= margin - 0.5


def test_figures_in_text_are_compared_by_value_in_each_language_s_style(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    both(report, ("[English–Spanish, 700, 12500, 14]", '[English–Spanish, 700, "about 12,500", 14]'),
         ("[Español–inglés, 700, 12500, 14]", '[Español–inglés, 700, "unos 12.500", 14]'))
    assert cli(report, "check").status == 0
    edit(report / "content" / "es" / "report.yaml", "unos 12.500", "unos 1.250")
    run = cli(report, "check")
    assert run.status == 1
    assert run.lines == ["content/en/report.yaml:33: table 1, row 1, column 3 has 12500 here; "
                         "the Spanish original has 1250 there (content/es/report.yaml:33)"]


def test_a_table_s_notes_are_lettered_under_it_apart_from_the_footnotes(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    assert '<td class="align-end">1,000<sup class="table-note-call"><a href="#table-1-note-a">a</a></sup></td>' in english
    assert '<li id="table-1-note-a"><span class="table-note-letter">a</span> Including 20 corrigenda.</li>' in english
    assert 'id="fn-3"' not in english            # the text's footnotes are 1 and 2
    bilingual = (report / "output" / "es-en" / "report.html").read_text(encoding="utf-8")
    assert '<a href="#es-table-1-note-a">a</a>' in bilingual and 'id="es-table-1-note-a"' in bilingual


def test_a_corrected_table_note_is_placed_by_its_letter(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _amend(report, "  - kind: corrigendum\n    symbol: TST/80/17/Corr.1\n    date: 2026-05-20\n")
    both(report, ("Including {number:20} corrigenda.", "Including {number:20} corrigenda and revisions."),
         ("Incluidas {number:20} correcciones.", "Incluidas {number:20} correcciones y revisiones."))
    assert cli(report, "build", "--format", "html").status == 0
    html = (report / "output" / "es" / "report-corr1.html").read_text(encoding="utf-8")
    places = re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S)
    assert places == ["Cuadro 1, nota a"]
    assert "Debe decir: </span>Incluidas 20 correcciones y revisiones." in html


SPANNED = ("            - [Language pair, Documents, Pages, Problems found]\n",
           "            - [\"\", Checked, <, Problems found]\n            - [Language pair, Documents, Pages, \"\"]\n")
SPANNED_ES = ("            - [Par de idiomas, Documentos, Páginas, Problemas detectados]\n",
              "            - [\"\", Verificados, <, Problemas detectados]\n            - [Par de idiomas, Documentos, Páginas, \"\"]\n")


def test_a_column_head_spans_the_columns_joined_to_it(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    both(report, SPANNED, SPANNED_ES)
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    assert ('<tr><th scope="col" class="align-start"></th><th scope="colgroup" colspan="2" class="align-center">Checked</th>'
            '<th scope="col" class="align-end">Problems found</th></tr>') in english


def test_a_row_added_by_a_revision_is_marked_whole(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _amend(report, "  - kind: revision\n    symbol: TST/80/17/Rev.1\n    date: 2026-05-20\n")
    both(report, (EN_ROWS, "            - [English–Arabic, 50, 800, 1]\n" + EN_ROWS),
         (ES_ROWS, "            - [Español–árabe, 50, 800, 1]\n" + ES_ROWS))
    run = cli(report, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (report / "output" / "en" / "report-rev1-marked.html").read_text(encoding="utf-8")
    assert ('<tr><th scope="row" class="align-start"><ins>English–Arabic</ins></th><td class="align-end"><ins>50</ins></td>'
            '<td class="align-end"><ins>800</ins></td><td class="align-end"><ins>1</ins></td></tr>') in marked
    assert ('<tr><th scope="row" class="align-start">English–Spanish</th><td class="align-end">700</td>') in marked


# The sample's table as real reports have them: a stub head over both header rows (^) beside a spanner,
# and group headings across the body (<), in both languages.
STUB = ("            - [Language pair, Documents, Pages, Problems found]\n",
        "            - [Language pair, Checked, <, Problems found]\n            - [^, Documents, Pages, ^]\n")
STUB_ES = ("            - [Par de idiomas, Documentos, Páginas, Problemas detectados]\n",
           "            - [Par de idiomas, Verificados, <, Problemas detectados]\n            - [^, Documentos, Páginas, ^]\n")
GROUPED = (EN_ROWS, "            - [From English, <, <, <]\n" + EN_ROWS)
GROUPED_ES = (ES_ROWS, "            - [Desde el español, <, <, <]\n" + ES_ROWS)
# A text table (no caption) before the numbered table, with a total across its two label columns.
TEXT_TABLE = ("      - table:\n          caption: Documents checked",
              "      - table:\n          header:\n            - [Organ, Session, Documents]\n          rows:\n"
              "            - [Assembly, Eightieth, 600]\n            - [Council, Annual, 400]\n"
              "            - [Total, <, 1000]\n      - table:\n          caption: Documents checked")
TEXT_TABLE_ES = ("      - table:\n          caption: Documentos verificados",
                 "      - table:\n          header:\n            - [Órgano, Período de sesiones, Documentos]\n          rows:\n"
                 "            - [Asamblea, Octogésimo, 600]\n            - [Consejo, Anual, 400]\n"
                 "            - [Total, <, 1000]\n      - table:\n          caption: Documentos verificados")


# A span written in one language only: a column head joined (<), a stub head continued (^), a group
# heading across the body (<); each is one problem, at the cell, with the other language's.
ONE_LANGUAGE_ONLY = {
    "column head joined": ((SPANNED[0], SPANNED[1].replace("Checked, <", "Checked, Checked")), SPANNED_ES,
                           "content/en/report.yaml:31: table 1, header row 1, column 3 heads a column of its own here; "
                           "in the Spanish original it is joined to the head before it ('<') (content/es/report.yaml:31)"),
    "stub head continued": ((STUB[0], STUB[1].replace("[^, Documents, Pages, ^]", '[^, Documents, Pages, ""]')), STUB_ES,
                            "content/en/report.yaml:32: table 1, header row 2, column 4 heads a column of its own here; "
                            "in the Spanish original it continues the head above it ('^') (content/es/report.yaml:32)"),
    "group heading": ((EN_ROWS, "            - [From English, <, <, \"\"]\n" + EN_ROWS), GROUPED_ES,
                      "content/en/report.yaml:33: table 1, row 1, column 4 is a cell of its own here; in the Spanish "
                      "original it is joined to the cell before it ('<') (content/es/report.yaml:33)"),
}


@pytest.mark.parametrize("case", ONE_LANGUAGE_ONLY)
def test_a_span_in_one_language_only_is_a_problem(report: Path, cli, case: str) -> None:  # type: ignore[no-untyped-def]
    english, spanish, expected = ONE_LANGUAGE_ONLY[case]
    both(report, english, spanish)
    run = cli(report, "check")
    assert run.status == 1
    assert run.lines == [expected]


def _spanned(project: Path) -> None:
    both(project, STUB, STUB_ES)
    both(project, GROUPED, GROUPED_ES)
    both(project, TEXT_TABLE, TEXT_TABLE_ES)


def test_a_stub_head_spans_the_header_rows_beside_a_spanner(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    assert ('<tr><th scope="col" rowspan="2" class="align-start">Language pair</th><th scope="colgroup" colspan="2" '
            'class="align-center">Checked</th><th scope="col" rowspan="2" class="align-end">Problems found</th></tr>\n'
            '<tr><th scope="col" class="align-end">Documents</th><th scope="col" class="align-end">Pages</th></tr>') in english


def test_a_body_cell_across_the_table_heads_the_rows_under_it(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    assert ('<tbody>\n<tr><th scope="rowgroup" colspan="4" class="group-head">From English</th></tr>\n'
            '<tr><th scope="row" class="align-start">English–Spanish</th>') in english
    assert "table.data tbody th.group-head { font-style: italic; text-align: start;" in english
    assert '<tr><th scope="row" colspan="2" class="align-start">Total</th><td class="align-end">1,000</td></tr>' in english
    spanish = (report / "output" / "es" / "report.html").read_text(encoding="utf-8")
    assert '<th scope="rowgroup" colspan="4" class="group-head">Desde el español</th>' in spanish


def test_a_table_without_a_caption_is_an_unnumbered_text_table(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    assert cli(report, "build", "--format", "html").status == 0
    english = (report / "output" / "en" / "report.html").read_text(encoding="utf-8")
    text_table = english[english.index('id="text-table-1"'):english.index('id="table-1"')]
    assert "<caption>" not in text_table and "Table" not in text_table
    assert '<span class="table-number">Table 1</span>' in english      # the captioned table keeps its number
    assert "Table 2" not in english
    assert "group-head" not in (ROOT / "templates" / "tables.css").read_text(encoding="utf-8")   # others print as before


def test_the_pdf_prints_the_group_headings_stub_head_and_text_table(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    run = cli(report, "build", "--format", "pdf", "-d", "report")
    assert run.status == 0, run.err
    for language, stub, first, group, total in (("en", "Language pair", "Documents", "From English", "Total"),
                                                ("es", "Par de idiomas", "Documentos", "Desde el español", "Total")):
        text = subprocess.run(["pdftotext", "-layout", str(report / "output" / language / "report.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [" ".join(line.split()) for line in text.splitlines()]
        # the stub head is set at the foot of the two header rows, on the line of the heads under the spanner
        assert any(line.startswith(f"{stub} {first}") for line in lines), language
        assert group in lines            # the group heading on a line of its own
        assert f"{total} 1,000" in lines or f"{total} 1.000" in lines
        assert text.count("Table 1" if language == "en" else "Cuadro 1") == 1
        assert "Table 2" not in text and "Cuadro 2" not in text


def test_a_corrigendum_places_a_corrected_group_heading_and_a_text_table_s_cell(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    _amend(report, "  - kind: corrigendum\n    symbol: TST/80/17/Corr.1\n    date: 2026-05-20\n")
    both(report, ("[From English, <, <, <]", "[Translated from English, <, <, <]"),
         ("[Desde el español, <, <, <]", "[Traducidos del español, <, <, <]"))
    both(report, ("[Council, Annual, 400]", "[Council, Resumed, 400]"), ("[Consejo, Anual, 400]", "[Consejo, Continuación, 400]"))
    assert cli(report, "build", "--format", "html").status == 0
    for language, places in (("en", ["Section II, table, row 2, column 2", "Table 1, row 1, column 1"]),
                             ("es", ["Sección II, cuadro, fila 2, columna 2", "Cuadro 1, fila 1, columna 1"])):
        html = (report / "output" / language / "report-corr1.html").read_text(encoding="utf-8")
        assert re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S) == places


def test_a_caption_in_one_language_only_is_one_problem_and_later_tables_still_pair(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    second = "      - table:\n          caption: {}\n          rows:\n            - [A, {}]\n      - paragraph: 2\n"
    both(report, ("      - paragraph: 2\n", second.format("Second", 5)), ("      - paragraph: 2\n", second.format("Segundo", 5)))
    edit(report / "content" / "en" / "report.yaml", "          caption: Documents checked, by language pair\n", "")
    run = cli(report, "check")
    assert run.status == 1
    assert run.lines == ["content/en/report.yaml:28: text table 1 has no caption here, which leaves it unnumbered; in the "
                         "Spanish original it has one and is table 1 (content/es/report.yaml:28)"]
    edit(report / "content" / "en" / "report.yaml", "[A, 5]", "[A, 6]")     # the second tables are still compared
    assert cli(report, "check").lines[1:] == ["content/en/report.yaml:39: table 1, row 1, column 2 has 6 here; the Spanish "
                                              "original has 5 there (content/es/report.yaml:40)"]


BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u200e\u200f"))    # pdftotext's marks around right-to-left runs


def test_an_arabic_table_sets_its_group_headings_at_the_start_of_right_to_left_lines(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "six", ROOT / "tests" / "samples" / "six" / "content")
    for language in TABLES:
        path = project / "content" / language / "libraries.yaml"
        path.write_text(spanned(language, path.read_text(encoding="utf-8")), encoding="utf-8")
    run = cli(project, "build", "--format", "pdf", "-l", "ar")
    assert run.status == 0, run.err
    text = subprocess.run(["pdftotext", "-layout", str(project / "output" / "ar" / "libraries.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout.translate(BIDI_MARKS)
    lines = text.splitlines()
    heading = next(line for line in lines if "المناطق النامية" in line)
    assert heading.strip() == "المناطق النامية"          # a line of its own,
    total = next(line for line in lines if "المجموع" in line)
    assert heading.rstrip().endswith("النامية") and len(heading.rstrip()) >= len(total.rstrip()) - 1   # set at the right
    stub = next(line for line in lines if "المنطقة" in line and "المكتبات" in line)
    assert stub.rstrip().endswith("المنطقة")     # the stub head at the foot of the header, at the start (right)
    assert text.count("الجدول 1") == 1 and "الجدول 2" not in text       # the text table is not numbered


def test_a_revision_s_marked_edition_marks_a_changed_group_heading(report: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _spanned(report)
    _amend(report, "  - kind: revision\n    symbol: TST/80/17/Rev.1\n    date: 2026-05-20\n")
    both(report, ("[From English, <, <, <]", "[From English only, <, <, <]"),
         ("[Desde el español, <, <, <]", "[Solo desde el español, <, <, <]"))
    run = cli(report, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (report / "output" / "en" / "report-rev1-marked.html").read_text(encoding="utf-8")
    assert '<th scope="rowgroup" colspan="4" class="group-head">From English<ins> only</ins></th>' in marked
