"""Nothing read or written outside the project, and the slips of a hurried user said in one line each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ENGLISH = Path("content") / "en" / "sample.yaml"


@pytest.fixture
def confirmed(sample: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    """The sample with its record of confirmed translations written by ``confirm``."""
    assert cli(sample, "confirm").status == 0
    return sample


def test_publish_does_not_write_through_a_symbolic_link(sample: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    snapshot = sample / "published" / "sample" / "TST-7" / "en.yaml"
    snapshot.parent.mkdir(parents=True)
    snapshot.symlink_to(victim)
    run = cli(sample, "publish", "-l", "en")
    assert run.status == 1
    assert run.lines == ["published/sample/TST-7/en.yaml:1: is a symbolic link: it is not written through"]
    assert victim.read_text() == "precious"


def test_confirm_does_not_create_a_file_through_a_dangling_link(confirmed: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record = confirmed / "content" / "es" / "confirmed" / "sample.yaml"
    record.unlink()
    record.symlink_to(tmp_path / "created-elsewhere.yaml")
    run = cli(confirmed, "confirm")
    assert run.status == 1
    assert run.lines == ["content/es/confirmed/sample.yaml:1: is a symbolic link: it is not written through"]
    assert not (tmp_path / "created-elsewhere.yaml").exists()


def test_a_language_file_linked_from_outside_is_not_read(sample: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "secret.yaml"
    outside.write_text((sample / "content" / "es" / "language.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    settings = sample / "content" / "es" / "language.yaml"
    settings.unlink()
    settings.symlink_to(outside)
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == ["content/es/language.yaml:1: a symbolic link to a file outside the project is not read"]


def test_a_record_linked_from_outside_is_not_read(confirmed: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record = confirmed / "content" / "es" / "confirmed" / "sample.yaml"
    outside = tmp_path / "record.yaml"
    outside.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")
    record.unlink()
    record.symlink_to(outside)
    run = cli(confirmed, "check")
    assert run.status == 1
    assert run.lines == ["content/es/confirmed/sample.yaml:1: a symbolic link to a file outside the project is not read"]


@pytest.mark.parametrize("folder", ["templates", "content", "content/en", ".", ".."])
def test_an_output_folder_among_the_sources_is_refused(sample: Path, cli, folder: str) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.relative_to(sample.parent).as_posix() for p in sample.parent.rglob("*"))
    run = cli(sample, "build", "-f", "html", "-o", str(sample / folder))
    assert run.status == 2
    assert len(run.lines) == 1 and run.lines[0].endswith(
        ":1: the output folder holds or lies among the project's sources (content/, templates/, locales/, published/, "
        "schemes/...): choose another, such as output/")
    assert sorted(p.relative_to(sample.parent).as_posix() for p in sample.parent.rglob("*")) == before


def test_a_content_file_with_another_extension_is_reported(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (sample / "content" / "en" / "second.yml").write_text("symbol: X\n", encoding="utf-8")
    (sample / "content" / "en" / ".second.yaml.swp").write_bytes(b"\0")     # an editor's, hidden: left alone
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == ["content/en/second.yml:1: not read: content files are YAML files named <document>.yaml"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_raw_line_separator_is_refused_at_its_line(sample: Path, cli, separator: str) -> None:  # type: ignore[no-untyped-def]
    english = sample / ENGLISH
    text = english.read_text(encoding="utf-8").replace("Sample report", f"Sample{separator}report")
    english.write_text(text, encoding="utf-8")
    line = text[: text.index(separator)].count("\n") + 1
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == [f"content/en/sample.yaml:{line}: line separator U+{ord(separator):04X} is not allowed in content "
                         "files: YAML would count it as a new line and shift every line number after it; use a space or a real line break"]


def test_a_page_count_in_other_digits_is_a_problem_not_a_crash(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / ENGLISH
    english.write_text(english.read_text(encoding="utf-8").replace("distribution: General", 'distribution: General\ncontents_after_pages: "²"'),
                       encoding="utf-8")
    run = cli(sample, "check")
    assert run.status == 1
    assert [line.split(": ", 1)[1] for line in run.lines] == ["contents_after_pages must be a whole number of pages"]


def test_check_finds_a_translation_naming_a_placeholder_its_template_lacks(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    catalog = sample / "locales" / "es" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8").replace('"Edición bilingüe, %(first)s e %(second)s"', '"Edición bilingüe, %(primero)s e %(second)s"')
    catalog.write_text(text, encoding="utf-8")
    line = text[: text.index("%(primero)s")].count("\n") + 1
    run = cli(sample, "check")
    assert run.status == 3
    assert run.lines == [f"locales/es/LC_MESSAGES/messages.po:{line}: the translation of 'Bilingual edition, %(first)s and "
                         "%(second)s' names %(primero)s, which the template does not give (it gives: %(first)s, %(second)s)"]


def test_an_edit_inside_a_linked_language_folder_is_seen(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A language folder may be a symbolic link within the project: it is read, and watched, like any other."""
    (sample / "content" / "es").rename(sample / "spanish")
    (sample / "content" / "es").symlink_to(Path("..") / "spanish")
    assert cli(sample, "build", "-f", "html").status == 0
    spanish = sample / "spanish" / "sample.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("La capacitación.", "La formación."), encoding="utf-8")
    run = cli(sample, "build", "-f", "html")
    assert "rendered output/es/sample.html (changed: content/es/sample.yaml)" in run.out


def test_a_symbolic_link_loop_in_the_content_ends(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    os.symlink("..", sample / "content" / "en" / "loop")
    assert cli(sample, "build", "-f", "html").status == 0
    assert cli(sample, "build", "-f", "html").out.startswith("nothing to rebuild")


def test_a_number_too_long_to_format_is_a_problem_of_its_text(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / ENGLISH
    text = english.read_text(encoding="utf-8").replace("{number:1250000}", "{number:12345678901234567890123456}")
    english.write_text(text, encoding="utf-8")
    run = cli(sample, "check")
    assert run.status == 1
    assert [line.split(": ", 1)[1] for line in run.lines] == [
        "in the text of paragraph I.1: {number:12345678901234567890123456} is not a valid number (at most 15 digits, and 6 after the point)"]


def test_a_catalog_linked_from_outside_is_not_read(sample: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    catalog = sample / "locales" / "es" / "LC_MESSAGES" / "messages.po"
    outside = tmp_path / "messages.po"
    outside.write_bytes(catalog.read_bytes())
    catalog.unlink()
    catalog.symlink_to(outside)
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == ["locales/es/LC_MESSAGES/messages.po:1: a symbolic link to a file outside the project is not read"]


def test_a_document_name_with_terminal_escapes_is_printed_written_out(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    name = "note\x1b[32mok"
    (sample / "content" / "en" / f"{name}.yaml").write_text((sample / ENGLISH).read_text(encoding="utf-8").replace(
        "symbol: TST/7", "symbol: TST/9"), encoding="utf-8")
    run = cli(sample, "build", "-f", "html", "-l", "en")
    assert run.status == 0, run.err
    assert "\x1b" not in run.out + run.err
    assert "rendered output/en/note\\x1b[32mok.html (new)" in run.out
