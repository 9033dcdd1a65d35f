"""What a text states is compared across languages however each words it: numbers, dates,
references and document symbols, part by part (editions/check/values.py)."""

from __future__ import annotations

from pathlib import Path

ENGLISH = ("The seminar counted {number:1250000} visitors and met on\n"
           "          {date:2025-11-30}; see paragraph {ref:II.A.2} and item {ref:II.A.2.a.ii}.")
SPANISH = ("El seminario contó con {number:1250000} visitantes y se reunió el\n"
           "          {date:2025-11-30}; véanse el párrafo {ref:II.A.2} y el inciso {ref:II.A.2.a.ii}.")


def reworded(project: Path, language: str, old: str, new: str) -> None:
    path = project / "content" / language / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_values_in_another_order_or_cited_in_full_are_the_same(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    reworded(sample, "es", SPANISH, "Véanse el inciso {cite:II.A.2.a.ii} y el párrafo {ref:II.A.2}: el {date:2025-11-30}, "
                                    "{number:1250000.0} visitantes, sobre el VIH/SIDA.")
    run = cli(sample, "check")
    assert (run.status, run.lines) == (0, [])


def test_every_value_a_translation_changed_is_reported_in_one_line_per_part(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    reworded(sample, "es", SPANISH, SPANISH.replace("{number:1250000}", "{number:125000}").replace("{ref:II.A.2}", "{ref:II.A.1}"))
    reworded(sample, "es", "Cita la resolución A/RES/73/195", "Cita la resolución A/RES/73/159")
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == [
        "content/es/sample.yaml:20: paragraph I.1 has {number:125000}, {ref:II.A.1} here; the English original has "
        "{number:1250000}, {ref:II.A.2} there (content/en/sample.yaml:20)",
        "content/es/sample.yaml:50: subsection II.A has A/RES/73/159 here; the English original has A/RES/73/195 there "
        "(content/en/sample.yaml:50)",
    ]


def test_a_value_repeated_is_counted(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    reworded(sample, "es", SPANISH, SPANISH + " A/80/49, A/80/49.")
    run = cli(sample, "check")
    assert run.lines == [
        "content/es/sample.yaml:20: paragraph I.1 has A/80/49 (twice), which the English original lacks (content/en/sample.yaml:20)"]


def test_a_translation_with_a_numbering_problem_is_not_compared_for_values(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A paragraph renumbered would pair the wrong parts: its numbering is reported, alone."""
    reworded(sample, "es", "- paragraph: 2\n", "- paragraph: 3\n")
    reworded(sample, "es", SPANISH, SPANISH.replace("{number:1250000}", "{number:125000}"))
    run = cli(sample, "check")
    assert run.status == 1
    assert not any("{number:" in line for line in run.lines), run.lines


def test_a_part_whose_original_changed_since_it_was_confirmed_is_behind_not_wrong(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """An original amended (a figure corrected) before its translations are: the translation is behind,
    a warning, and the build goes on; the same figure changed in the translation alone is an error."""
    reworded(sample, "en", "{number:1250000}", "{number:1350000}")
    run = cli(sample, "check")
    assert (run.status, run.lines) == (0, ["content/es/sample.yaml:20: paragraph I.1 changed in the English original "
                                           "since this translation was confirmed"])
    reworded(sample, "en", "{number:1350000}", "{number:1250000}")
    reworded(sample, "es", "{number:1250000}", "{number:1350000}")
    run = cli(sample, "check")
    assert (run.status, run.lines) == (1, ["content/es/sample.yaml:20: paragraph I.1 has {number:1350000} here; the English "
                                           "original has {number:1250000} there (content/en/sample.yaml:20)"])
