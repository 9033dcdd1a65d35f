"""Bad inputs as named files: each gives exactly the lines a user would see.

Each file under tests/bad/ replaces one file of the sample project (``# target:``)
and lists the expected messages (``# expect:``), in the order they are printed. A case may
name another sample to start from (``# project: tests/samples``, whose content it copies),
and the status it expects when not 1 (``# status: 3``, a catalog's problem). Catalogs are
``.po`` cases, whose ``#`` lines are comments to gettext too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, bad_case, make_project

CASES = sorted([*(ROOT / "tests" / "bad").glob("*/*.yaml"), *(ROOT / "tests" / "bad").glob("*/*.po")])
ON_SAMPLE = [case for case in CASES if "# project: " not in case.read_text(encoding="utf-8") and case.suffix == ".yaml"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bad_input_is_reported_exactly(case: Path, sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    target, expected = bad_case(case)
    sample = _project(case, sample)
    shutil.copyfile(case, sample / target)
    run = cli(sample, "check")
    assert run.status == _status(case)
    assert run.lines == expected


@pytest.mark.parametrize("case", ON_SAMPLE[:3] + ON_SAMPLE[-3:], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_failed_build_leaves_output_untouched(case: Path, sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    output = sample / "output"
    (output / "en").mkdir(parents=True)
    (output / "en" / "sample.html").write_text("previous edition")
    target, _ = bad_case(case)
    shutil.copyfile(case, sample / target)
    run = cli(sample, "build", "--format", "html")
    assert run.status == 1
    assert (output / "en" / "sample.html").read_text() == "previous edition"
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == ["en", "en/sample.html"]


def _project(case: Path, sample: Path) -> Path:
    """The sample project a case starts from: tests/sample's, unless it names another (``# project:``)."""
    for line in case.read_text(encoding="utf-8").splitlines():
        if line.startswith("# project: "):
            return make_project(sample.parent / "other", ROOT / line.removeprefix("# project: ") / "content")
    return sample


def _status(case: Path) -> int:
    """The status a case expects: 1, a content problem, unless it says otherwise (``# status: 3``)."""
    for line in case.read_text(encoding="utf-8").splitlines():
        if line.startswith("# status: "):
            return int(line.removeprefix("# status: "))
    return 1
