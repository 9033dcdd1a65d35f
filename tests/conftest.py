"""Shared helpers: a throw-away copy of a project, and running the command line."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from editions.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "sample"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` of a project file with ``new``; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def publish_and_amend(project: Path, document: str, version: str, issued: str, entry: str) -> None:
    """Keep ``document`` as published ``version`` (published/<document>/<version>/), then list ``entry``
    among its amendments in English and Spanish, after its ``date: issued``."""
    published = project / "published" / document / version
    published.mkdir(parents=True, exist_ok=True)
    for language in ("en", "es"):
        shutil.copyfile(project / "content" / language / f"{document}.yaml", published / f"{language}.yaml")
        edit(project / "content" / language / f"{document}.yaml", f"date: {issued}\n", f"date: {issued}\namendments:\n{entry}")


def make_project(destination: Path, content: Path = SAMPLE / "content") -> Path:
    """A project at ``destination``: the given content with the real templates and catalogs."""
    shutil.copytree(content, destination / "content")
    shutil.copytree(ROOT / "templates", destination / "templates")
    shutil.copytree(ROOT / "schemes", destination / "schemes")
    shutil.copytree(ROOT / "numerals", destination / "numerals")
    shutil.copytree(ROOT / "kinds", destination / "kinds")
    shutil.copytree(ROOT / "locales", destination / "locales")
    return destination


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``build.py`` in-process on a project; returns status and output."""

    def run(root: Path, *args: str) -> Run:
        status = main([*args, "--root", str(root)])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def bad_case(path: Path) -> tuple[str, list[str]]:
    """The file a bad case replaces (``# target:``) and the lines it expects (``# expect:``)."""
    target, expected = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# target: "):
            target = line.removeprefix("# target: ")
        elif line.startswith("# expect: "):
            expected.append(line.removeprefix("# expect: "))
    assert target and expected, f"{path.name} must declare # target: and # expect:"
    return target, expected
