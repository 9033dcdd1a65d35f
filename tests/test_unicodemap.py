"""Arabic copied out of a PDF letter for letter (editions/render/unicodemap.py): a passage of the
Universal Declaration of Human Rights and of resolutions, set in Amiri, read back by pdftotext and pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

PASSAGE = (
    "يولد جميع الناس أحرارا متساوين في الكرامة والحقوق وقد وهبوا عقلا وضميرا وعليهم أن يعامل بعضهم بعضا بروح الإخاء",
    "لكل إنسان حق التمتع بجميع الحقوق والحريات الواردة في هذا الإعلان دون أي تمييز كالتمييز بسبب العنصر أو اللون "
    "أو الجنس أو اللغة أو الدين أو الرأي السياسي",
    "لكل فرد الحق في الحياة والحرية وفي الأمان على شخصه لا يجوز استرقاق أحد أو استعباده ويحظر الاسترقاق وتجارة "
    "الرقيق بكافة أوضاعهما",
    "إن الجمعية العامة إذ تشير إلى قراراتها السابقة وإذ تلاحظ مع القلق تقرير الأمين العام تطلب إلى الدول الأعضاء "
    "أن تتخذ التدابير اللازمة وتقرر أن تبقي المسألة قيد نظرها",
    "المجلس الاقتصادي والاجتماعي مجلس الأمن محكمة العدل الدولية الميثاق المتحدة الإنمائي للمرأة والطفل مجموعة",
)
INVISIBLE = "[\u200c-\u200f\u202a-\u202e]"     # directional marks, the joiner a joining stroke copies as


@pytest.fixture(scope="module", params=["normal", "bold"])
def pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from editions.render.pdf import render_pdf

    paragraphs = "".join(f"<p>{text}</p>" for text in PASSAGE)
    html = (f'<html lang="ar" dir="rtl"><head><style>body {{ font: {request.param} 14pt "Amiri"; }} '
            f"p {{ text-align: justify; }}</style></head><body>{paragraphs}</body></html>")
    folder = tmp_path_factory.mktemp("arabic")
    path = folder / "passage.pdf"
    path.write_bytes(render_pdf(html, folder, "passage", 0, families=("Amiri", "Noto Serif")))
    return path


def test_no_letter_is_lost_or_doubled(pdf: Path) -> None:
    """pdftotext copies every letter once, in order (before the mend: "ا ناس" for "الناس", "اللكتب")."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert re.sub(rf"\s|{INVISIBLE}", "", text) == re.sub(r"\s", "", "".join(PASSAGE))


def test_every_word_is_whole(pdf: Path) -> None:
    """Every word whole, as pypdf reads it. Not checked with pdftotext, which splits the words Amiri
    kerns after a waw ("و الحريات": a gap of 0.125 em; poppler starts a word at 0.1, docs/pdf-quality.md)."""
    import pypdf

    words = set(" ".join(PASSAGE).split())
    read = set(re.sub(INVISIBLE, "", "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)).split())
    assert words <= read
