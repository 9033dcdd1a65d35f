"""The worst inputs a content contributor or a package sender can give: time and peak memory.

    .venv/bin/python bench/hostile.py                    # every case, 100 KB to 800 KB
    .venv/bin/python bench/hostile.py --sizes 100,200 --cases "**,*a"
    .venv/bin/python bench/hostile.py --cases "" --bombs 64,256,1024    # verify only

Each inline case is text of the given size made of one pathological pattern
(tests/test_inline.py parses or refuses each at 400 KB). Its time is the best
of --repeat runs; its peak memory is what Python allocated at most while
parsing, measured by tracemalloc in a separate run (tracing slows the parse).
Figures, not a test: the growth from one size to the next should be about 2 x,
the text's growth (docs/performance.md, "Worst-case inputs").

Each verify case is a package whose one PDF is a run of zeros (--bombs, in MiB)
that its manifest declares 1,000 bytes long: the zip bomb verify must refuse
without inflating it; and a package of 10,001 empty entries.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editions.read.inline import InlineError, parse, render_text  # noqa: E402
from editions.write.package import MANIFEST, verify  # noqa: E402

NESTED = '*"*"*"*"x"*"*"*"* '     # the space: two stars side by side are strong emphasis
# name: the text of about ``size`` characters
INLINE: dict[str, Callable[[int], str]] = {
    "**": lambda size: "**" * (size // 2),
    "*a": lambda size: "*a" * (size // 2),
    "* unmatched": lambda size: "*" * (size + 1),
    "nested 8": lambda size: NESTED * (size // len(NESTED)),
    '""': lambda size: '""' * (size // 2),
    "\\": lambda size: "\\" * size,
    "{ref:A}": lambda size: "{ref:A}" * (size // 7),
    "{ref:A.A.…}": lambda size: "{ref:" + "A." * (size // 2) + "A}",
    "{ unclosed": lambda size: "{ref:" + "A" * size,
    "[": lambda size: "[" * size,
    "~": lambda size: "~" * size,
    "{br}": lambda size: "{br}" * (size // 4),
    "***a* **": lambda size: "***a* **" * (size // 8),
    # rendered, not parsed: the pattern that keeps document symbols whole (editions/read/inline.py)
    "render A/": lambda size: "A/" * (size // 2),
    "render A.": lambda size: "A." * (size // 2),
    "render A/1 ": lambda size: "A/1 " * (size // 4),
}


def bomb(archive: Path, mib: int) -> Path:
    entry = {"path": "en/x.pdf", "sha256": hashlib.sha256(bytes(1000)).hexdigest(), "size": 1000}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as opened:
        opened.writestr(MANIFEST, json.dumps({"files": [entry]}))
        with opened.open("en/x.pdf", "w") as member:
            for _ in range(mib):
                member.write(bytes(2**20))
    return archive


def many(archive: Path, entries: int) -> Path:
    with zipfile.ZipFile(archive, "w") as opened:
        opened.writestr(MANIFEST, json.dumps({"files": []}))
        for number in range(entries - 1):
            opened.writestr(f"en/{number}.html", b"")
    return archive


def measured(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best seconds of ``repeat`` runs, then the peak MiB of one traced run."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    try:
        work()
        return best, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def verify_cases(bombs: list[int], repeat: int) -> None:
    print("\n| verify case | archive | outcome | ms | peak MiB |\n|---|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        archives = [(f"zip bomb, {mib} MiB of zeros", bomb(Path(folder) / f"bomb-{mib}.zip", mib)) for mib in bombs]
        archives.append(("10,001 entries", many(Path(folder) / "many.zip", 10_001)))
        for name, archive in archives:
            problems = verify(archive)
            seconds, peak = measured(functools.partial(verify, archive), repeat)
            said = problems[0].message if problems else "verified"
            print(f"| {name} | {archive.stat().st_size // 1024} KiB | {said} | {seconds * 1000:.1f} | {peak:.1f} |", flush=True)


def outcome(text: str, name: str = "") -> str:
    if name.startswith("render"):
        return f"{render_text(text).count('document-symbol')} symbols"
    try:
        return f"{len(parse(text))} runs"
    except InlineError:
        return "refused"


def seconds(text: str, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        outcome(text, name)
        best = min(best, time.perf_counter() - started)
    return best


def peak_mib(text: str, name: str) -> float:
    tracemalloc.start()
    try:
        outcome(text, name)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,200,400,800", help="text sizes in KB (1,000 characters)")
    parser.add_argument("--cases", default=",".join(INLINE), help="inline cases, comma-separated")
    parser.add_argument("--bombs", default="64,256,1024", help="zip bombs for verify, MiB of zeros (empty: none)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) * 1000 for size in args.sizes.split(",")]
    cases = list(filter(None, args.cases.split(",")))
    if cases:
        print("| inline case | size | outcome | seconds | peak MiB |\n|---|---:|---|---:|---:|")
    for name in cases:
        for size in sizes:
            text = INLINE[name](size)
            print(f"| `{name}` | {size // 1000} KB | {outcome(text, name)} | {seconds(text, name, args.repeat):.3f} | {peak_mib(text, name):.1f} |",
                  flush=True)
    if args.bombs:
        verify_cases([int(mib) for mib in args.bombs.split(",")], args.repeat)


if __name__ == "__main__":
    main()
