"""How one build travels through the package: the modules it enters and the module-to-module calls.

    python bench/calls.py [--root PROJECT] [build options...]

Runs the command line in this process (one job, so that the PDFs render here
too) under a profile hook and prints the editions modules entered, in the
order first entered, and each distinct call from one module into another.
A figure for docs/architecture.md, not a test.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = str(ROOT / "editions")


def module(frame: FrameType | None) -> str | None:
    """The editions module a frame runs in, as ``read/loader``; None outside the package."""
    name = frame.f_code.co_filename if frame else ""
    if not name.startswith(PACKAGE):
        return None
    return name[len(PACKAGE) + 1:].removesuffix(".py")


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from editions.cli import main as build

    entered: dict[str, None] = {}
    calls: set[tuple[str, str]] = set()

    def hook(frame: FrameType, event: str, arg: object) -> None:
        if event != "call":
            return
        callee = module(frame)
        if callee is None:
            return
        entered.setdefault(callee)
        caller = module(frame.f_back)
        if caller is not None and caller != callee:
            calls.add((caller, callee))

    with tempfile.TemporaryDirectory() as output:
        sys.setprofile(hook)
        try:
            status = build(["--force", "--jobs", "1", "-o", output, *argv])
        finally:
            sys.setprofile(None)
    print(f"status {status}; {len(entered)} modules entered; {len(calls)} distinct module-to-module calls")
    for name in entered:
        print(f"  {name}: calls {', '.join(sorted(c for a, c in calls if a == name)) or '-'}")


if __name__ == "__main__":
    main(sys.argv[1:])
