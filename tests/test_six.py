"""The six official languages: a sample in Arabic, Chinese, English, French, Russian
and Spanish, checked across all six and built to every edition, PDFs read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, bad_case, make_project

SIX = ROOT / "tests" / "samples" / "six"
BAD = sorted((SIX / "bad").glob("*.yaml"))
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
FAMILY = {"ar": "Amiri", "zh": "Noto-Serif-CJK-SC"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from editions.cli import main

    project = make_project(tmp_path_factory.mktemp("six") / "project", SIX / "content")
    assert main(["build", "--root", str(project)]) == 0
    return project / "output"


def _text(pdf: Path) -> str:
    """The PDF's text as copied out, without the embedding marks pdftotext adds around right-to-left runs."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u202a-\u202e]", "", text)


def _fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_set_in_its_own_type(built: Path, language: str) -> None:
    fonts = _fonts(built / language / "libraries.pdf")
    assert FAMILY.get(language, "Noto-Serif") in fonts
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:]), "every font embedded, subset, mapped"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pdf_says_its_language(built: Path, language: str) -> None:
    import pypdf

    assert pypdf.PdfReader(built / language / "libraries.pdf").trailer["/Root"]["/Lang"] == language


def test_arabic_runs_right_to_left_with_symbols_left_to_right(built: Path) -> None:
    html = (built / "ar" / "libraries.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    for symbol in ("LIB/2025/4", "LIB/2026/1"):       # the masthead's, and one in the text, kept whole as well
        assert re.search(rf'<bdi dir="ltr"( class="document-symbol")?>{symbol}</bdi>', html), symbol
    text = _text(built / "ar" / "libraries.pdf")
    assert "LIB/2026/1" in text and "LIB/2027/2" in text
    assert "مكتبات مفتوحة للجميع" in text, "copied out in logical order"
    # pdftotext rebuilds the order from the glyphs' positions and puts a comma after the
    # figures that follow it ("جنيف 10 ،إلى"): the words are checked, not the spacing.
    words = " ".join(text.split())
    assert "جنيف" in words and "مارس 2026" in words and "أكتوبر" in words


# Words of the sample Amiri draws with more glyphs than letters: the lam of "الكتب" and a joining
# stroke (copied "اللكتب" before editions/render/unicodemap.py), letters stacked on a jeem.
DRAWN_WITH_STROKES = ("الكتب", "لجنة", "للجميع", "مجانا", "المجموعات")
# Words Amiri kerns after a letter that does not join: pdftotext starts a new word at the gap
# ("أفر يقيا", docs/pdf-quality.md) although the PDF holds them whole, as pypdf reads them.
KERNED = ("أفريقيا", "ويلاحظ")


def _arabic_words(text: str) -> set[str]:
    """The Arabic words of ``text``, without the invisible characters copied with them (the
    directional marks pdftotext adds, the zero-width joiner a font's joining stroke copies as)."""
    return set(re.findall("[\u0621-\u064a\u0671-\u06d3]+", re.sub("[\u200c-\u200f\u202a-\u202e]", "", text)))


@pytest.mark.parametrize("edition", ["ar", "en-ar"])
def test_arabic_words_are_copied_letter_for_letter(built: Path, edition: str) -> None:
    import pypdf

    pdf = built / edition / "libraries.pdf"
    words = _arabic_words(_text(pdf))
    assert set(DRAWN_WITH_STROKES) <= words
    assert "اللكتب" not in words, "the lam's joining stroke is not copied as a second lam"
    text = re.sub("\u200d", "", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
    assert all(word in text for word in KERNED + DRAWN_WITH_STROKES[:1])


def test_arabic_dates_name_each_month_twice_as_united_nations_arabic_documents_do(built: Path) -> None:
    html = (built / "ar" / "libraries.html").read_text(encoding="utf-8")
    assert '<p class="venue">جنيف، 10 إلى 12 آذار/مارس 2026</p>' in html, "the conference's days"
    assert "المؤرخ 2 تشرين الأول/أكتوبر 2025،" in html, "a {date:} field"
    assert "12 March 2026" in html, "the date of issue stays in the English distribution lines"
    words = " ".join(_text(built / "ar" / "libraries.pdf").split())
    assert "آذار/مارس 2026" in words and "تشرين الأول/أكتوبر" in words and "12 MARCH 2026" in words
    bilingual = (built / "en-ar" / "libraries.html").read_text(encoding="utf-8")
    assert "10 إلى 12 آذار/مارس 2026" in bilingual and "10-12 March 2026" in bilingual


def test_russian_dates_end_in_goda_as_united_nations_russian_documents_write_them(built: Path) -> None:
    html = (built / "ru" / "libraries.html").read_text(encoding="utf-8")
    assert '<p class="venue">Женева, 10–12 марта 2026 года</p>' in html
    assert "от 2 октября 2025 года, принимает" in html
    assert " г." not in html
    text = " ".join(_text(built / "ru" / "libraries.pdf").split())
    assert "Женева, 10–12 марта 2026 года" in text and "2 октября 2025 года" in text and "12 MARCH 2026" in text
    assert "10–12 марта 2026 года" in (built / "en-ru" / "libraries.html").read_text(encoding="utf-8")


def test_chinese_dates_and_punctuation_as_chinese_documents_write_them(built: Path) -> None:
    text = _text(built / "zh" / "libraries.pdf")
    assert "日内瓦，2026年3月10日至12日" in text
    assert "“阅读是一项权利”" in text
    html = (built / "zh" / "libraries.html").read_text(encoding="utf-8")
    assert ":lang(zh), :lang(zh) * { font-style: normal !important; }" in html, "no italics in Chinese"


def test_french_and_russian_quotation_marks(built: Path) -> None:
    assert "«\u202fla lecture est un droit\u202f»" in (built / "fr" / "libraries.html").read_text(encoding="utf-8")
    assert "«чтение — это право»" in (built / "ru" / "libraries.html").read_text(encoding="utf-8")


def test_bilingual_arabic_beside_english(built: Path) -> None:
    html = (built / "en-ar" / "libraries.html").read_text(encoding="utf-8")
    assert '<td lang="en" dir="ltr" class="cell">' in html and '<td lang="ar" dir="rtl" class="cell">' in html
    fonts = _fonts(built / "en-ar" / "libraries.pdf")
    assert "Amiri" in fonts and "Noto-Serif" in fonts


def test_language_switch_names_each_language_in_its_own_script(built: Path) -> None:
    html = (built / "en" / "libraries.html").read_text(encoding="utf-8")
    for code, name in (("ar", "العربية"), ("zh", "中文"), ("ru", "русский"), ("fr", "français"), ("es", "español")):
        assert f'hreflang="{code}" lang="{code}">{name}</a>' in html
    assert {"fonts/amiri.ttf", "fonts/noto-serif-sc.otf"} <= {p.relative_to(built).as_posix() for p in built.rglob("*")}


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.stem)
def test_the_numbering_check_covers_six_languages(case: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", SIX / "content")
    target, expected = bad_case(case)
    shutil.copyfile(case, project / target)
    run = cli(project, "check")
    assert run.status == 1
    assert run.lines == expected


def test_a_character_no_font_of_its_language_covers_is_a_problem_at_its_unit(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", SIX / "content")
    arabic = project / "content" / "ar" / "libraries.yaml"
    arabic.write_text(arabic.read_text(encoding="utf-8").replace("عدد قرائها؛", "عدد قرائها ✓ 中؛"), encoding="utf-8")
    run = cli(project, "build", "--language", "ar", "--format", "pdf")
    assert run.status == 3
    assert run.lines == [
        "content/ar/libraries.yaml:54: item II.A.1.b.i has '✓' (U+2713 CHECK MARK), '中' (U+4E2D CJK UNIFIED "
        "IDEOGRAPH-4E2D), which no font of Arabic covers (Amiri, Noto Serif)"]
    assert not (project / "output" / "ar").exists()


def test_an_arabic_first_bilingual_edition_runs_right_to_left(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", SIX / "content")
    for path in (project / "content").glob("*/libraries.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("\ntitle: ", "\ncolumns: [ar, en]\ntitle: "), encoding="utf-8")
    run = cli(project, "build", "--format", "html")
    assert run.status == 0, run.err
    html = (project / "output" / "ar-en" / "libraries.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html, "the columns run right to left: Arabic on the right"
    assert html.index('<td lang="ar" dir="rtl" class="cell">') < html.index('<td lang="en" dir="ltr" class="cell">')


@pytest.mark.parametrize("language, name", [("ar", "Arabic"), ("zh", "Chinese"), ("ru", "Russian")])
def test_arabic_chinese_and_russian_print_the_distribution_lines_in_english(built: Path, language: str, name: str) -> None:
    """As United Nations documents in these languages do (masthead_locale: en_GB): Distr., the date
    of issue, the language of the version and Original in English, left to right even in Arabic."""
    html = (built / language / "libraries.html").read_text(encoding="utf-8")
    assert '<p class="distribution" lang="en" dir="ltr">Distr.: General</p>' in html
    assert '<p class="distribution issue-date" lang="en" dir="ltr">12 March 2026</p>' in html
    assert re.search(rf'<p class="language-lines" lang="en" dir="ltr">\s*<span class="language-line">{name}</span><br>\s*'
                     r'<span class="original-line">Original: English</span>', html)
    text = _text(built / language / "libraries.pdf")
    assert "12 MARCH 2026" in text and "ORIGINAL: ENGLISH" in text


def test_french_and_spanish_keep_their_own_distribution_lines(built: Path) -> None:
    assert '<span class="original-line">Original\u202f: anglais</span>' in (built / "fr" / "libraries.html").read_text(encoding="utf-8")
    assert '<span class="original-line">Original: inglés</span>' in (built / "es" / "libraries.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language, table, annex, region", [
    ("ar", "الجدول 1", "المرفق", "آسيا"), ("en", "Table 1", "Annex", "Africa"), ("es", "Cuadro 1", "Anexo", "África"),
    ("fr", "Tableau 1", "Annexe", "Afrique"), ("ru", "Таблица 1", "Приложение", "Африка"), ("zh", "表1", "附件", "非洲")])
def test_each_language_numbers_its_table_and_names_its_annex(built: Path, language: str, table: str, annex: str,
                                                           region: str) -> None:
    """The sample's table and annex in all six languages: the table's number in the language's words,
    its figures in the language's style, the annex alone on the last page under the language's name."""
    import pypdf

    pdf = built / language / "libraries.pdf"
    text = _text(pdf)
    assert table in text and region in text
    assert "1,200,000" in text or "1.200.000" in text or "1\u202f200\u202f000" in text or "1 200 000" in text
    last = pypdf.PdfReader(pdf).pages[-1].extract_text()
    assert annex in re.sub("[\u202a-\u202e]", "", last)
    assert table not in re.sub("[\u202a-\u202e]", "", last), "the annex starts a page of its own"


ARTICLE_WORDS = {"ar": ("المادة 1", "المادة 2"), "en": ("Article 1", "Article 2"), "es": ("Artículo 1", "Artículo 2"),
                 "fr": ("Article premier", "Article 2"), "ru": ("Статья 1", "Статья 2"), "zh": ("第一条", "第二条")}


def test_a_declaration_in_six_languages_with_the_bilingual_pairs_it_names(tmp_path: Path) -> None:
    """A declaration in articles (scheme convention) in the six languages, with `bilingual: [ar-en, zh-es]`:
    each language labels its articles in its own words, and exactly those two bilingual editions are made,
    each column in its language."""
    from editions.cli import main

    project = make_project(tmp_path / "project", SIX / "content")
    for code in LANGUAGES:
        folder = project / "content" / code
        shutil.rmtree(folder / "confirmed", ignore_errors=True)
        (folder / "libraries.yaml").unlink()
        first, second = ("一", "二") if code == "zh" else ("1", "2")
        (folder / "declaration.yaml").write_text(
            f"type: convention\nsymbol: DEC/1\nlanguage: {code}\noriginal: en\nkind: Declaration\ntitle: Declaration\n"
            f"organizations: [United Nations]\nplace: Paris\nadopted: 1948-12-10\nscheme: convention\n"
            f"bilingual: [ar-en, zh-es]\nbody:\n"
            f"  - article: {first}\n    body:\n      - text: One.\n  - article: {second}\n    body:\n      - text: Two.\n",
            encoding="utf-8")
    assert main(["build", "--root", str(project), "--format", "html"]) == 0
    output = project / "output"
    assert sorted(p.name for p in output.iterdir() if "-" in p.name) == ["ar-en", "zh-es"]
    for code, words in ARTICLE_WORDS.items():
        html = (output / code / "declaration.html").read_text(encoding="utf-8")
        assert all(f'<span class="label">{word}</span>' in html for word in words), code
    pair = (output / "ar-en" / "declaration.html").read_text(encoding="utf-8")
    assert '<div class="cell" lang="ar" dir="rtl">' in pair and '<div class="cell" lang="en" dir="ltr">' in pair
    assert pair.index('lang="ar" dir="rtl"') < pair.index('lang="en" dir="ltr"'), "Arabic is the first column"


def test_a_bilingual_pair_naming_a_missing_language_is_a_problem(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", SIX / "content")
    for code in LANGUAGES:
        path = project / "content" / code / "libraries.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "bilingual: [ar-en, zh-de, ar]\ntitle:", 1),
                        encoding="utf-8")
    run = cli(project, "check")
    assert run.status == 1
    assert run.lines[0].endswith("bilingual lists pairs of two languages, first column first, as in ar-en; not 'ar'"), run.lines
