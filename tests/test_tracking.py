"""Translations that fell behind their original, and confirming them after review."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, make_project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_dsc1_translation_is_confirmed(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(ROOT, "check", "--strict")
    assert run.status == 0, run.err
    assert run.err == ""


def test_a_changed_original_unit_is_reported_at_the_translation(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(sample / "content" / "en" / "sample.yaml", "text: Training.", "text: Training of officials.")
    run = cli(sample, "check")
    assert run.status == 0
    assert run.lines == ["content/es/sample.yaml:48: subparagraph II.A.2.b changed in the English original since this translation was confirmed"]
    strict = cli(sample, "check", "--strict")
    assert strict.status == 1 and strict.lines == run.lines


def test_strict_build_writes_nothing(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(sample / "content" / "en" / "sample.yaml", "A closing unnumbered paragraph.", "A closing paragraph.")
    run = cli(sample, "build", "--format", "html", "--strict")
    assert run.status == 1
    assert run.lines == ["content/es/sample.yaml:29: subsection II.A changed in the English original since this translation was confirmed"]
    assert not (sample / "output").exists()
    assert cli(sample, "build", "--format", "html").status == 0    # warns, and builds


def test_confirming_one_unit_clears_only_that_unit(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / "content" / "en" / "sample.yaml"
    edit(english, "text: Training.", "text: Training of officials.")
    edit(english, "title: Scope", "title: Scope of the seminar")
    assert len(cli(sample, "check").lines) == 2
    run = cli(sample, "confirm", "--unit", "II.A.2.b")
    assert run.status == 0 and run.out == "confirmed 1 parts in content/es/confirmed/sample.yaml\n"
    assert cli(sample, "check").lines == ["content/es/sample.yaml:16: section I changed in the English original since this translation was confirmed"]
    cli(sample, "confirm")
    assert cli(sample, "check", "--strict").err == ""


def test_masthead_and_new_units_are_tracked(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / "content" / "en" / "sample.yaml"
    edit(english, "venue: Santiago, Chile", "venue: Santiago de Chile")
    record = sample / "content" / "es" / "confirmed" / "sample.yaml"
    edit(record, "  I.2: ", "  I.9: ")
    assert cli(sample, "check").lines == [
        "content/es/sample.yaml:5: the masthead changed in the English original since this translation was confirmed",
        "content/es/sample.yaml:24: paragraph I.2 is new in the English original since this translation was confirmed",
    ]


def test_a_translation_never_confirmed_says_how_to_confirm(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (sample / "content" / "es" / "confirmed" / "sample.yaml").unlink()
    assert cli(sample, "check").lines == [
        "content/es/sample.yaml:1: no part of this translation has been confirmed yet: after review, run "
        "python build.py confirm -d sample -l es"
    ]


def test_confirming_an_unknown_unit_is_an_error(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(sample, "confirm", "--unit", "IX.Z")
    assert run.status == 1 and run.lines == ["content/en/sample.yaml:1: no unit IX.Z in sample"]


def test_diff_shows_what_changed_in_the_original_word_by_word(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / "content" / "en" / "sample.yaml"
    edit(english, "text: criminal law;", "text: criminal and penal law;")
    edit(english, "title: Findings", "title: Main findings")
    edit(english, "A closing unnumbered paragraph. It cites", "A closing paragraph. It quotes")
    run = cli(sample, "check", "--diff")
    assert run.status == 0
    assert run.err.splitlines() == [
        "content/es/sample.yaml:26: section II changed in the English original since this translation was confirmed",
        "    [-Findings-]{+Main findings+}",
        "content/es/sample.yaml:29: subsection II.A changed in the English original since this translation was confirmed",
        "    A closing [-unnumbered-] paragraph. It [-cites-]{+quotes+} resolution A/RES/73/195 in **strong** words,"
        "{br}on a line of its own, and No.~5.",
        "content/es/sample.yaml:44: item II.A.2.a.i changed in the English original since this translation was confirmed",
        "    criminal {+and penal+} law;",
    ]
    cli(sample, "confirm")
    assert cli(sample, "check", "--diff").err == ""


def test_diff_of_a_new_part_and_of_a_record_without_texts(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record = sample / "content" / "es" / "confirmed" / "sample.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("texts:")].replace("  I.2: ", "  I.9: "), encoding="utf-8")   # a record of before texts
    edit(sample / "content" / "en" / "sample.yaml", "text: Training.", "text: Training of officials.")
    assert cli(sample, "check", "--diff").err.splitlines() == [
        "content/es/sample.yaml:24: paragraph I.2 is new in the English original since this translation was confirmed",
        "    {+A paragraph with <b>markup</b> & an ampersand, shown as text.+}",
        "content/es/sample.yaml:48: subparagraph II.A.2.b changed in the English original since this translation was confirmed",
        "    (the record keeps no text of what was confirmed; it will from the next confirm)",
    ]


def test_the_record_keeps_the_original_text_as_written(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cli(sample, "confirm")
    record = (sample / "content" / "es" / "confirmed" / "sample.yaml").read_text(encoding="utf-8")
    assert "  II.A.2.a.i: criminal law;\n" in record
    assert ("  II.A: |-\n    First findings\n    A closing unnumbered paragraph. It cites resolution A/RES/73/195"
            " in **strong** words,{br}on a line of its own, and No.~5.\n") in record


def test_diff_goes_with_check_alone(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(sample, "build", "--diff")
    assert run.status == 2 and run.err == "build.py: --diff goes with check alone\n"


def test_strict_diff_fails_and_shows_what_changed(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(sample / "content" / "en" / "sample.yaml", "text: criminal law;", "text: criminal and penal law;")
    run = cli(sample, "check", "--diff", "--strict")
    assert run.status == 1 and run.out == ""
    assert run.lines == [
        "content/es/sample.yaml:44: item II.A.2.a.i changed in the English original since this translation was confirmed",
        "    criminal {+and penal+} law;",
    ]


def test_a_changed_footnote_marks_the_unit_that_calls_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", ROOT / "tests" / "kinds" / "content")
    assert cli(project, "confirm", "-d", "report", "-l", "en").status == 0
    edit(project / "content" / "es" / "report.yaml", "Cifras al", "Cifras provisionales al")
    run = cli(project, "check", "-d", "report")
    assert [line for line in run.lines if "report" in line] == [
        "content/en/report.yaml:25: paragraph II.1 changed in the Spanish original since this translation was confirmed"]
