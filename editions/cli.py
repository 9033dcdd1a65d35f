"""The command line: ``python build.py [build|check] [options]``.

It parses arguments, calls the pipeline and turns every EditionError into one
``path:line: message`` line per problem on standard error and its exit status.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_CONTENT, EXIT_INTERRUPTED, EXIT_OK, EXIT_RENDER, EXIT_USAGE, EditionError, shown
from .files import shown as relative

if TYPE_CHECKING:
    from .build import BuildOptions
    from .read.model import Selection
    from .read.project import Project

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
    main.add_argument("--diff", action="store_true",
                      help="with check: under each part behind its original, what changed in the original since it was "
                           "confirmed, word by word ([-old-]{+new+})")
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
    if args.diff and args.command != "check":
        print("build.py: --diff goes with check alone", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "package" and (args.document or args.language or args.format):
        print("build.py: package takes every edition; -d, -l and -f do not apply", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, time.perf_counter())
    except EditionError as error:
        if args.debug and error.__cause__ is not None:
            traceback.print_exception(error.__cause__)
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        print("build.py: interrupted; every output is as it was or complete", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the user sees one line, unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"build.py: internal error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return EXIT_RENDER


def _run(args: argparse.Namespace, started: float) -> int:
    if args.command == "verify":
        return _verify(Path(args.target))    # a recipient has the archive, not the project
    options = _options(args, args.root.resolve())
    if args.command == "build":
        return _build(options, started)
    if args.command == "package":
        return _package(options, started)
    from .build import check
    from .read.project import collector_paused

    with collector_paused():    # they only load and compare: no reference cycles to collect
        checked = check(options.root, options.selection, args.strict and args.command == "check" and not args.diff)
    if args.command == "confirm":
        return _confirm(checked.project, options.selection, args.unit)
    if args.command == "publish":
        return _publish(checked.project, options.selection)
    if args.diff:
        _print_changes(checked.project, options.selection)
        if args.strict and checked.warnings:
            return EXIT_CONTENT     # as --strict without --diff, the lines shown with what changed
    else:
        _print_warnings(checked.warnings)
    count = len(checked.project.editions(options.selection))
    behind = f"; {_count(len(checked.warnings), 'part')} of translations behind their original" if checked.warnings else ""
    print(f"checked {_count(count, 'edition')} of {_count(len(checked.project.documents), 'document')}: "
          f"numbering identical in every language{behind} ({time.perf_counter() - started:.2f} s)")
    return EXIT_OK


def _options(args: argparse.Namespace, root: Path) -> BuildOptions:
    from .build import BuildOptions
    from .read.model import Selection

    return BuildOptions(
        root=root,
        output=(args.output or root / "output").resolve(),
        selection=Selection(frozenset(args.document), frozenset(args.language)),
        formats=frozenset(args.format or FORMATS),
        force=args.force,
        marked=args.marked,
        strict=args.strict,
        **({"jobs": args.jobs} if args.jobs else {}),
    )


def _build(options: BuildOptions, started: float) -> int:
    from .build import build

    report = build(options)
    _print_warnings(report.warnings)
    seconds = time.perf_counter() - started
    if not report.written:
        print(f"nothing to rebuild: {_count(len(report.up_to_date), 'file')} up to date ({seconds:.2f} s)")
        return EXIT_OK
    for item in report.written:
        print(f"rendered {_shown(options.output / item.path, options.root)} ({shown(item.reason)})")
    print(f"rendered {_count(len(report.written), 'file')}, {len(report.up_to_date)} up to date, in {seconds:.1f} s")
    return EXIT_OK


def _print_warnings(warnings: Sequence[object]) -> None:
    for warning in warnings:
        print(warning, file=sys.stderr)


def _print_changes(project: Project, selection: Selection) -> None:
    """Each part behind its original, then the original's changed lines, indented."""
    from .check.tracking import changes

    for part in changes(project, selection):
        print(part.problem, file=sys.stderr)
        for line in part.diff():
            print(f"    {shown(line)}", file=sys.stderr)


def _count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents``: messages to the user are in English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _confirm(project: Project, selection: Selection, units: list[str]) -> int:
    from .write.records import confirm

    for path, count in confirm(project, selection, units):
        print(f"confirmed {count} parts in {_shown(path, project.root)}")
    return EXIT_OK


def _publish(project: Project, selection: Selection) -> int:
    from .write.records import publish

    for path in publish(project.root, project.editions(selection)):
        print(f"published {_shown(path, project.root)}")
    return EXIT_OK


def _package(options: BuildOptions, started: float) -> int:
    """Bring every edition up to date (the marked ones too, if a revision has any), then package them."""
    import dataclasses
    import hashlib

    from .build import check
    from .write.package import write_package

    _build(options, started)
    project = check(options.root, options.selection, whole=True).project
    if any(a.kind == "revision" for doc in project.editions(options.selection) for a in doc.meta.amendments):
        _build(dataclasses.replace(options, marked=True), started)
    archive = write_package(project, options.output, options.output)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    print(f"packaged {_shown(archive, options.root)} (sha256 {digest})")
    return EXIT_OK


def _verify(archive: Path) -> int:
    from .write.package import verify

    problems = verify(archive)
    if problems:
        raise EditionError(problems)
    print(f"verified {shown(str(archive))}: every file matches its manifest")
    return EXIT_OK


def _shown(path: Path, root: Path) -> str:
    """A path as printed: from the project's root where it lies inside, hidden characters written out."""
    return shown(relative(path, root))
