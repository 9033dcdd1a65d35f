"""Which unnumbered block is missing: the one really dropped, named in both files."""

from __future__ import annotations

from pathlib import Path

PREAMBLE_EN = """  - text: An unnumbered opening paragraph with *emphasis* and a "quotation".
  - text: "*Recalling* its resolution 73/195 of {date:2018-12-19}, adopted by {number:152} votes to 5,"
  - text: "*Noting* the report of the Secretary-General,"
  - text: "*Convinced* that migration is a source of prosperity, innovation and sustainable development in our world,"
"""
PREAMBLE_ES = """  - text: Un párrafo inicial sin número, con *énfasis* y una "cita".
  - text: "*Recordando* su resolución 73/195, de {date:2018-12-19}, aprobada por {number:152} votos contra 5,"
  - text: "*Convencida* de que la migración es una fuente de prosperidad, innovación y desarrollo sostenible en nuestro mundo,"
"""


def replace_line(path: Path, start: str, lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines(keepends=True) if line.startswith(start))
    path.write_text(text.replace(old, lines), encoding="utf-8")


def test_a_paragraph_dropped_from_the_preamble_is_reported_where_it_was(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    replace_line(sample / "content" / "en" / "sample.yaml", "  - text: An unnumbered", PREAMBLE_EN)
    replace_line(sample / "content" / "es" / "sample.yaml", "  - text: Un párrafo inicial", PREAMBLE_ES)
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == [
        "content/en/sample.yaml:17: a text block has no counterpart in the Spanish translation (which has 6 blocks in "
        "the document, content/es/sample.yaml:1); it belongs after the text block at line 16",
    ]
