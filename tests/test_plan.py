"""The incremental build: render only what changed, and say why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def rendered(out: str) -> list[str]:
    return sorted(line.split()[1].removeprefix("output/") for line in out.splitlines() if line.startswith("rendered output/"))


def snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    folder = project / "output"
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*.*") if p.suffix in (".html", ".pdf")}


@pytest.fixture
def built(sample: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    assert rendered(run.out) == ["en-es/sample.html", "en/sample.html", "es/sample.html"]
    return sample


def test_a_build_with_nothing_changed_renders_nothing_and_says_so(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(built)
    run = cli(built, "build", "--format", "html")
    assert run.status == 0
    assert run.out.startswith("nothing to rebuild: 3 files up to date")
    assert snapshot(built) == before


def test_a_build_with_nothing_to_do_starts_no_pdf_worker(built: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Workers cost a WeasyPrint import each (about a second): not for a build that renders nothing."""
    import editions.render.workers

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(editions.render.workers, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(editions.render.workers, "_forking", refused)     # nor the fork server they come from
    os.utime(built / "content" / "en" / "sample.yaml")     # past the stamp: the plan compares contents
    run = cli(built, "build", "--format", "html", "--jobs", "2")
    assert (run.status, run.err) == (0, "")
    assert run.out.startswith("nothing to rebuild: 3 files up to date")
    for args in (["--format", "html", "--force"], ["--format", "html", "--format", "pdf", "--jobs", "1", "--force"]):
        assert cli(built, "build", *args).status == 0, args     # no PDF asked, or one process


def test_the_fork_server_starts_first_when_every_pdf_will_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its import of WeasyPrint is what the first PDF waits for: started before the content is read."""
    import editions.render.workers as workers

    started: list[bool] = []
    monkeypatch.setattr(workers, "_forking", lambda: started.append(True))
    (tmp_path / "output").mkdir()
    workers.prestart(2, ("html", "pdf"), False, tmp_path / "output")      # a first build
    workers.prestart(2, ("pdf",), True, tmp_path / "output")              # a forced build
    assert started == [True, True]
    (tmp_path / "output" / ".state.json").write_text("{}")
    workers.prestart(2, ("html", "pdf"), False, tmp_path / "output")      # the plan decides what renders
    workers.prestart(1, ("pdf",), True, tmp_path / "output")              # one process: no workers
    workers.prestart(2, ("html",), True, tmp_path / "output")             # no PDF
    assert started == [True, True]


def test_a_changed_spanish_paragraph_rebuilds_only_what_contains_it(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    spanish = built / "content" / "es" / "sample.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("La capacitación.", "La formación."), encoding="utf-8")
    before = snapshot(built)
    run = cli(built, "build", "--format", "html")
    assert run.status == 0, run.err
    assert rendered(run.out) == ["en-es/sample.html", "es/sample.html"]
    assert "rendered output/es/sample.html (changed: content/es/sample.yaml)" in run.out
    assert snapshot(built)["en/sample.html"] == before["en/sample.html"]


# A project file every document depends on, and a line added to it that changes no text.
SHARED_INPUTS = {
    "template": ("templates/edition.css", "\n/* darker rules */\n"),
    "kind": ("kinds/conference-paper.yaml", "# the conference's days are shared\n"),
    "numeral system": ("numerals/arabic-ordinal.yaml", "# reviewed\n"),
}


@pytest.mark.parametrize("input_", SHARED_INPUTS)
def test_a_changed_template_kind_or_numeral_system_rebuilds_every_document(built: Path, cli, input_: str) -> None:  # type: ignore[no-untyped-def]
    name, added = SHARED_INPUTS[input_]
    changed = built / name
    changed.write_text(changed.read_text(encoding="utf-8") + added, encoding="utf-8")
    run = cli(built, "build", "--format", "html")
    assert rendered(run.out) == ["en-es/sample.html", "en/sample.html", "es/sample.html"]
    assert f"(changed: {name})" in run.out


def test_a_missing_or_altered_output_is_rendered_again(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    original = (built / "output" / "en" / "sample.html").read_bytes()
    (built / "output" / "en" / "sample.html").write_text("tampered")
    (built / "output" / "es" / "sample.html").unlink()
    run = cli(built, "build", "--format", "html")
    assert "rendered output/en/sample.html (file altered since the last build)" in run.out
    assert "rendered output/es/sample.html (file missing)" in run.out
    assert (built / "output" / "en" / "sample.html").read_bytes() == original


def test_force_renders_everything_identically(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    before = {name: data for name, (data, _) in snapshot(built).items()}
    run = cli(built, "build", "--format", "html", "--force")
    assert rendered(run.out) == ["en-es/sample.html", "en/sample.html", "es/sample.html"]
    assert {name: data for name, (data, _) in snapshot(built).items()} == before


def test_a_selection_keeps_the_record_of_the_other_outputs(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert rendered(cli(built, "build", "--format", "html", "--language", "es", "--force").out) == ["es/sample.html"]
    assert cli(built, "build", "--format", "html").out.startswith("nothing to rebuild")
