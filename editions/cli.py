"""The command line: ``python build.py [build|check] [options]``.

It parses arguments, calls the pipeline and turns every EditionError into one
``path:line: message`` line per problem on standard error and its exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_OK, EXIT_RENDER, EXIT_USAGE, EditionError

if TYPE_CHECKING:
    from .pipeline import BuildOptions, Report
    from .project import Project, Selection
    from .stamp import Inputs
    from .workers import RenderPool

FORMATS = ("html", "pdf")


COMMANDS = {
    "build": "check, then render what changed under output/ (the default)",
    "check": "run the checks alone, rendering nothing",
    "confirm": "record that the selected translations were reviewed against their original (--unit: only those units)",
    "publish": "keep the current content of the selected documents as the published text of their latest version",
    "package": "build, then write every edition into one zip with a manifest of checksums, in the output folder",
    "verify": "check a received package against its manifest: python build.py verify ARCHIVE",
}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build.py",
        description="Build the official editions of every document, after checking that all languages keep identical numbering.",
        epilog="commands: " + "; ".join(f"{name}: {text}" for name, text in COMMANDS.items()),
    )
    main.add_argument("command", nargs="?", default="build", choices=tuple(COMMANDS), metavar="command",
                      help=", ".join(COMMANDS))
    main.add_argument("target", nargs="?", default=None, metavar="ARCHIVE", help="with verify: the package to check")
    main.add_argument("-d", "--document", action="append", default=[], metavar="NAME",
                      help="only this document (file name without .yaml); repeatable")
    main.add_argument("-l", "--language", action="append", default=[], metavar="CODE",
                      help="only the editions in this language; repeatable")
    main.add_argument("-f", "--format", action="append", default=[], choices=FORMATS,
                      help="only this format; repeatable")
    main.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                      help="PDF renders run at once (default: one per core)")
    main.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    main.add_argument("-o", "--output", type=Path, default=None, metavar="DIR",
                      help="where editions are written (default: output/ in the project)")
    main.add_argument("--force", action="store_true", help="render every selected output, changed or not")
    main.add_argument("--marked", action="store_true",
                      help="build the marked editions of the latest revisions (changes since the previous version) instead")
    main.add_argument("--strict", action="store_true", help="fail (status 1) when a translation is behind its original")
    main.add_argument("--unit", action="append", default=[], metavar="ID",
                      help="with confirm: only this unit (e.g. III.A.4, (masthead), (document)); repeatable")
    main.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        print("build.py: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if (args.command == "verify") != (args.target is not None):
        print("build.py: verify takes one ARCHIVE, and no other command takes one", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "package" and (args.document or args.language or args.format):
        print("build.py: package takes every edition; -d, -l and -f do not apply", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args)
    except EditionError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return error.status
    except Exception as error:  # noqa: BLE001 - the user sees one line, unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"build.py: internal error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return EXIT_RENDER


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.command == "verify":
        return _verify(Path(args.target))    # a recipient has the archive, not the project
    root = args.root.resolve()
    if args.command == "build" and not args.force and _nothing_changed(args, root, started):
        return EXIT_OK     # known from the stamp alone, before the heavy imports
    if args.command in ("build", "package"):
        from .workers import prestart

        prestart(args.jobs or os.cpu_count() or 1, tuple(args.format or FORMATS), args.force, _output(args, root))
    from .project import collector_paused

    if args.command in ("check", "confirm", "publish"):
        with collector_paused():    # they only load and compare: no reference cycles to collect
            return _command(args, started)
    return _command(args, started)


def _command(args: argparse.Namespace, started: float) -> int:
    from .project import Selection, gather

    root = args.root.resolve()
    selection = Selection(frozenset(args.document), frozenset(args.language))
    if args.command in ("build", "package"):
        from .pipeline import early_pool
        from .stamp import inputs

        before = inputs(root)   # before anything is read: a file changed meanwhile makes the next build look
        with early_pool(_options(args, root, selection, args.marked)) as pool:
            return _checked(args, gather(root, selection), selection, started, (pool, before))
    return _checked(args, gather(root, selection), selection, started, None)


def _nothing_changed(args: argparse.Namespace, root: Path, started: float) -> bool:
    """Nothing the last build read has changed (editions/stamp.py): repeat its warnings and say so."""
    from .stamp import unchanged

    same = unchanged(root, _output(args, root), _request(args, root))
    if same is None or (args.strict and same[1]):
        return False
    count, warnings = same
    for line in warnings:
        print(line, file=sys.stderr)
    print(f"nothing to rebuild: {_count(count, 'file')} up to date ({time.perf_counter() - started:.2f} s)")
    return True


def _output(args: argparse.Namespace, root: Path) -> Path:
    return (args.output or root / "output").resolve()


def _request(args: argparse.Namespace, root: Path) -> dict[str, object]:
    return {"root": str(root), "documents": sorted(args.document), "languages": sorted(args.language),
            "formats": sorted(args.format or FORMATS), "marked": bool(args.marked)}


Building = tuple["RenderPool", "Inputs"]     # the PDF workers, and the inputs as they were before reading


def _checked(args: argparse.Namespace, project: Project, selection: Selection, started: float,
             building: Building | None) -> int:
    if args.command == "confirm":
        return _confirm(project, selection, args.unit)
    if args.command == "publish":
        return _publish(project, selection)
    from .errors import raise_if_any

    if any(doc.meta.amendments for doc in project.editions(selection)):
        from .corrigendum import check_amendments  # with Babel's dates and catalogs: only when there is one

        raise_if_any(check_amendments(project, selection))
    warnings = _behind(project, selection, args.strict)
    if args.command == "check":
        count = len(project.editions(selection))
        behind_note = f"; {_count(len(warnings), 'part')} of translations behind their original" if warnings else ""
        print(f"checked {_count(count, 'edition')} of {_count(len(project.documents), 'document')}: "
              f"numbering identical in every language{behind_note} ({time.perf_counter() - started:.2f} s)")
        return EXIT_OK
    assert building is not None
    pool, before = building
    if args.command == "package":
        return _package(args, project, selection, started, pool)
    options, report = _build(args, project, selection, started, pool)
    from .site import SITE_FILES
    from .stamp import write

    outputs = [*(item.relative for item in report.written), *report.up_to_date]
    write(options.output, _request(args, project.root), before, outputs, [*SITE_FILES], warnings)
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents``: messages to the user are in English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _behind(project: Project, selection: Selection, strict: bool) -> list[str]:
    """Report translations behind their original (the lines printed); with --strict, stop the command."""
    from .tracking import behind

    problems = behind(project, selection)
    if problems and strict:
        raise EditionError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    return [str(problem) for problem in problems]


def _confirm(project: Project, selection: Selection, units: list[str]) -> int:
    from .tracking import confirm

    for path, count in confirm(project, selection, units):
        print(f"confirmed {count} parts in {_shown(path, project.root)}")
    return EXIT_OK


def _publish(project: Project, selection: Selection) -> int:
    from .amendments import publish

    for path in publish(project.root, project.editions(selection)):
        print(f"published {_shown(path, project.root)}")
    return EXIT_OK


def _options(args: argparse.Namespace, root: Path, selection: Selection, marked: bool) -> BuildOptions:
    from .pipeline import BuildOptions

    return BuildOptions(
        root=root,
        output=_output(args, root),
        selection=selection,
        formats=frozenset(args.format or FORMATS),
        force=args.force,
        marked=marked,
        **({"jobs": args.jobs} if args.jobs else {}),
    )


def _build(args: argparse.Namespace, project: Project, selection: Selection, started: float,
           pool: RenderPool | None, marked: bool | None = None) -> tuple[BuildOptions, Report]:
    from .pipeline import build

    root = project.root
    options = _options(args, root, selection, args.marked if marked is None else marked)
    report = build(options, project, pool)
    seconds = time.perf_counter() - started
    if not report.written:
        print(f"nothing to rebuild: {_count(len(report.up_to_date), 'file')} up to date ({seconds:.2f} s)")
        return options, report
    for item in report.written:
        print(f"rendered {_shown(options.output / item.relative, root)} ({item.reason})")
    print(f"rendered {_count(len(report.written), 'file')}, {len(report.up_to_date)} up to date, in {seconds:.1f} s")
    return options, report


def _package(args: argparse.Namespace, project: Project, selection: Selection, started: float,
             pool: RenderPool | None) -> int:
    """Bring every edition up to date (the marked ones too, if a revision has any), then package them."""
    import hashlib

    from .package import write_package

    revised = any(a.kind == "revision" for doc in project.editions(selection) for a in doc.meta.amendments)
    for marked in (False, True) if revised else (False,):
        _build(args, project, selection, started, pool, marked)
    output = _output(args, project.root)
    archive = write_package(project, output, output)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    print(f"packaged {_shown(archive, project.root)} (sha256 {digest})")
    return EXIT_OK


def _verify(archive: Path) -> int:
    from .package import verify

    problems = verify(archive)
    if problems:
        raise EditionError(problems)
    print(f"verified {archive}: every file matches its manifest")
    return EXIT_OK


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
