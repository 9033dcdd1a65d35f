"""Numbering schemes, numeral systems, labels per language and level, citations, and the
sample document of every shipped scheme built to HTML and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, make_project

from editions.build import BuildOptions, build
from editions.errors import EditionError
from editions.read.model import LabelStyle
from editions.read.numerals import STYLES, LookAlikeError, NumeralError, format_numeral, parse_numeral
from editions.read.schemes import load_scheme

SAMPLES = ROOT / "tests" / "samples"
SHIPPED = sorted(path.stem for path in (ROOT / "schemes").glob("*.yaml"))


@pytest.mark.parametrize("style", STYLES)
def test_every_numeral_parses_back_to_its_number(style: str) -> None:
    for number in (*range(1, 21), 28, 29, 57, 99, 104):
        try:
            written = format_numeral(style, number)
        except IndexError:      # circled and parenthesised forms stop at 50 and 20
            continue
        assert parse_numeral(style, written) == number


@pytest.mark.parametrize(("style", "numerals"), [
    ("cyrillic", "а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я аа бб"),
    ("abjad", "أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ أأ"),
    ("chinese", "一 二 三 四 五 六 七 八 九 十 十一 十二"),
    ("arabic-indic", "١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ١٠ ١١ ١٢"),
    ("lower-alpha", "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb"),
])
def test_letters_and_digits_in_their_conventional_order(style: str, numerals: str) -> None:
    written = numerals.split()
    assert [format_numeral(style, n) for n in range(1, len(written) + 1)] == written


def test_chinese_tens_and_hundreds() -> None:
    assert [format_numeral("chinese", n) for n in (20, 21, 100, 101, 110, 111, 1000, 1001)] == \
        ["二十", "二十一", "一百", "一百零一", "一百一十", "一百一十一", "一千", "一千零一"]


@pytest.mark.parametrize(("style", "written", "message"), [
    ("lower-alpha", "а", "'а' is the Cyrillic letter а; this level's labels use Latin letters"),
    ("cyrillic", "a", "'a' is the Latin letter a; this level's labels use Cyrillic letters"),
    ("arabic", "١", "'١' is the Arabic-Indic digit ١; this level's labels use arabic numbers"),
    ("lower-roman", "іі", "'іі' has the Cyrillic letter і; this level's labels use lower-case roman numerals"),
])
def test_a_look_alike_is_named(style: str, written: str, message: str) -> None:
    with pytest.raises(LookAlikeError, match=re.escape(message)):
        parse_numeral(style, written)


@pytest.mark.parametrize(("style", "written"), [("lower-alpha", "ab"), ("chinese", "一十"), ("cyrillic", "й"),
                                                 ("arabic-indic", "٠١"), ("circled", "⑴")])
def test_only_canonical_numerals_parse(style: str, written: str) -> None:
    with pytest.raises(NumeralError):
        parse_numeral(style, written)


def test_labels_with_words_special_forms_and_compounds() -> None:
    french = LabelStyle("article", "Article {}", "arabic", "article {}", ((1, "premier"),))
    assert [french.format(n) for n in (1, 2)] == ["Article premier", "Article 2"]
    assert french.parse("Article premier") == (1, "")
    assert french.parse("2") == (2, "")          # a label's words may be left out in content
    russian = LabelStyle("subparagraph", "{})", "cyrillic")
    assert (russian.format(3), russian.parse("в)")) == ("в)", (3, ""))
    chinese = LabelStyle("article", "第{}条", "chinese")
    assert (chinese.format(12), chinese.parse("第十二条")) == ("第十二条", (12, ""))
    target = LabelStyle("means", "{}", "lower-alpha", compound="{parent}.{}")
    assert (target.format(2, "17"), target.parse("17.b")) == ("17.b", (2, "17"))
    nested = LabelStyle("clause", "{}", "arabic", compound="{parent}({})")
    assert nested.parse("3(a)(1)") == (1, "3(a)")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_schemes_load(name: str) -> None:
    scheme = load_scheme(ROOT, name)
    assert scheme.levels and all(level.numerals in STYLES for level in scheme.levels)


def test_a_project_adds_a_scheme_with_a_file(tmp_path: Path) -> None:
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "rules.yaml").write_text(
        "levels:\n  - key: rule\n    numerals: arabic\n    carries: text\n"
        "  - key: clause\n    numerals: circled\n    carries: text\n    numbering: rule\n", encoding="utf-8")
    scheme = load_scheme(tmp_path, "rules")
    assert [(level.key, level.under, level.numbering) for level in scheme.levels] == \
        [("rule", ("document",), "restart"), ("clause", ("rule",), "rule")]


def test_a_missing_scheme_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EditionError) as raised:
        load_scheme(tmp_path, "treaty")
    assert [str(p) for p in raised.value.problems] == ["schemes/treaty.yaml:1: no scheme 'treaty': schemes/treaty.yaml is missing"]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("samples") / "project", SAMPLES / "content")
    output = root / "output"
    build(BuildOptions(root=root, output=output, formats=frozenset({"html", "pdf"}), jobs=1))
    return output


def pdf_text(path: Path) -> str:
    """The PDF's text, words hyphenated at a line's end joined again."""
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)
    return text.replace("\u2010 ", "")


@pytest.mark.parametrize(("document", "en", "es"), [
    ("report", "paragraph 2 (b) (ii)", "párrafo 2 b) ii)"),
    ("resolution", "paragraph 2 (b)", "párrafo 2 b)"),
    ("convention", "article 2, paragraph 1", "artículo 2, párrafo 1"),
    ("legal-code", "section 1 (b) (1) (A) (ii)", "sección 1 b) 1) A) ii)"),
    ("goals", "target 1.2", "meta 1.2"),
])
def test_each_sample_prints_citations_in_its_language(samples: Path, document: str, en: str, es: str) -> None:
    for code, cited in (("en", en), ("es", es)):
        assert cited in (samples / code / f"{document}.html").read_text(encoding="utf-8")
        assert cited in pdf_text(samples / code / f"{document}.pdf")


def test_headings_labels_and_identities_follow_the_scheme(samples: Path) -> None:
    convention = (samples / "es" / "convention.html").read_text(encoding="utf-8")
    assert re.search(r'<section class="article" id="3">\s*<h3 class="article-heading centred"><span class="label">Artículo 3</span>'
                     r'<span class="heading-title">Numeración', convention)     # centred: on lines of their own
    goals = (samples / "en" / "goals.html").read_text(encoding="utf-8")
    assert '<div class="unit means indent-0" id="1.a">' in goals and '<span class="label">1.a </span>' in goals
    report = (samples / "en" / "report.html").read_text(encoding="utf-8")
    assert 'id="3"' in report and 'href="#2.b.ii"' in report    # paragraphs run through: identity is the number
    assert "ARTÍCULO 3" in pdf_text(samples / "es" / "convention.pdf").upper()
    rules = (samples / "en" / "legal-code.html").read_text(encoding="utf-8")
    assert '<span class="label" style="width: auto">Section 1. </span>Scope' in rules   # wider than the label box


def test_language_settings_give_words_numerals_and_special_forms(tmp_path: Path) -> None:
    from editions.read.languages import load_language
    folder = tmp_path / "content" / "fr"
    folder.mkdir(parents=True)
    (folder / "language.yaml").write_text(
        'locale: fr\nlabels:\n  paragraph: "{}."\nschemes:\n  convention:\n'
        '    article: {label: "Article {}", cite: "article {}", special: {1: premier}}\n'
        '    subparagraph: {label: "{})", numerals: cyrillic}\n'
        'quotes: ["« ", " »"]\nday_range: "{start}-{end}"\n', encoding="utf-8")
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "convention.yaml").write_bytes((ROOT / "schemes" / "convention.yaml").read_bytes())
    french = load_language(folder, tmp_path)
    scheme = load_scheme(tmp_path, "convention")
    article = french.style(scheme, scheme.by_key["article"])
    assert (article.format(1), article.format(2), article.cite) == ("Article premier", "Article 2", "article {}")
    assert french.style(scheme, scheme.by_key["subparagraph"]).format(2) == "б)"
    assert french.style(scheme, scheme.by_key["paragraph"]).format(3) == "3."      # from labels:, every scheme
    assert french.style(scheme, scheme.by_key["chapter"]).format(4) == "IV."       # the scheme's own label


def test_translations_must_share_their_original_scheme(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "project", SAMPLES / "content")
    (root / "schemes" / "targets.yaml").write_bytes((root / "schemes" / "goals.yaml").read_bytes())
    spanish = root / "content" / "es" / "goals.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("scheme: goals", "scheme: targets"), encoding="utf-8")
    run = cli(root, "check")
    assert run.lines == ["content/es/goals.yaml:14: scheme is targets here; the English original has goals "
                         "(content/en/goals.yaml:14)"]


def test_an_edited_scheme_rebuilds_what_uses_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "project", SAMPLES / "content")
    assert cli(root, "build", "--format", "html").status == 0
    scheme = root / "schemes" / "goals.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    run = cli(root, "build", "--format", "html")
    assert run.status == 0 and "changed: schemes/goals.yaml" in run.out + run.err
