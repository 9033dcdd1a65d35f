"""A build with nothing to do is known from output/.state.json, and only then."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

ENGLISH = Path("content") / "en" / "sample.yaml"


@pytest.fixture
def built(sample: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    assert (sample / "output" / ".state.json").is_file()
    return sample


def test_nothing_changed_is_known_without_loading_the_content(built: Path) -> None:
    code = ("import sys; from editions.cli import main; status = main(sys.argv[1:]); "
            "print(status, sorted(m for m in ('yaml', 'jinja2', 'babel', 'weasyprint') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code, "build", "--format", "html", "--root", str(built)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.startswith("nothing to rebuild: 3 files up to date")
    assert run.stdout.splitlines()[-1] == "0 []"


def test_a_file_touched_but_not_changed_is_compared_and_still_nothing_is_rendered(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    os.utime(built / ENGLISH)
    run = cli(built, "build", "--format", "html")
    assert (run.status, run.out.split(" (")[0]) == (0, "nothing to rebuild: 3 files up to date")


def test_a_change_after_the_stamp_is_built(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = built / ENGLISH
    stat = english.stat()
    english.write_text(english.read_text(encoding="utf-8").replace("An unnumbered opening", "A plain opening"), encoding="utf-8")
    os.utime(english, ns=(stat.st_atime_ns, stat.st_mtime_ns))   # even with its old modification time
    run = cli(built, "build", "--format", "html")
    assert "rendered output/en/sample.html (changed: content/en/sample.yaml)" in run.out


def test_a_different_request_or_force_is_not_answered_from_the_stamp(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(built, "build", "--format", "html", "--language", "en").out.startswith("nothing to rebuild: 1 file up to date")
    assert cli(built, "build", "--format", "html", "--force").out.count("rendered output/") == 3


def test_a_deleted_index_is_written_again(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (built / "output" / "index.html").unlink()
    assert cli(built, "build", "--format", "html").status == 0
    assert (built / "output" / "index.html").is_file()


def test_warnings_are_repeated_and_strict_still_fails(built: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = built / ENGLISH
    english.write_text(english.read_text(encoding="utf-8").replace("An unnumbered opening", "A plain opening"), encoding="utf-8")
    first = cli(built, "build", "--format", "html")
    assert first.status == 0 and first.lines
    again = cli(built, "build", "--format", "html")
    assert again.out.startswith("nothing to rebuild") and again.lines == first.lines
    strict = cli(built, "build", "--format", "html", "--strict")
    assert strict.status == 1 and strict.lines == first.lines


def test_library_versions_are_those_importlib_metadata_reads() -> None:
    """The fingerprints read versions from the dist-info folders' names; they must agree.

    A folder's name holds the version normalised (PEP 440): fontpkg-amiri's
    metadata says 1.002, its folder 1.2, the same version.
    """
    from importlib import metadata

    from packaging.version import Version

    from editions.libraries import LIBRARIES, PDF_LIBRARIES, library_version

    for name in (*LIBRARIES, *PDF_LIBRARIES, "editions", "Jinja2", "PyYAML", "fontpkg_noto_serif"):
        assert Version(library_version(name)) == Version(metadata.version(name)), name
    assert library_version("no-such-distribution") == "absent"
