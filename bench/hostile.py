"""The worst inputs a content contributor or a package sender can give: time and peak memory.

    .venv/bin/python bench/hostile.py                    # every case, 100 KB to 800 KB
    .venv/bin/python bench/hostile.py --sizes 100,200 --cases "**,*a"

Each inline case is text of the given size made of one pathological pattern
(tests/test_inline.py parses or refuses each at 400 KB). Its time is the best
of --repeat runs; its peak memory is what Python allocated at most while
parsing, measured by tracemalloc in a separate run (tracing slows the parse).
Figures, not a test: the growth from one size to the next should be about 2 x,
the text's growth (docs/performance.md, "Worst-case inputs").
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editions.inline import InlineError, parse  # noqa: E402

NESTED = '*"*"*"*"x"*"*"*"*'
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
}


def outcome(text: str) -> str:
    try:
        return f"{len(parse(text))} runs"
    except InlineError:
        return "refused"


def seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        outcome(text)
        best = min(best, time.perf_counter() - started)
    return best


def peak_mib(text: str) -> float:
    tracemalloc.start()
    try:
        outcome(text)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,200,400,800", help="text sizes in KB (1,000 characters)")
    parser.add_argument("--cases", default=",".join(INLINE), help="inline cases, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) * 1000 for size in args.sizes.split(",")]
    print("| inline case | size | outcome | seconds | peak MiB |\n|---|---:|---|---:|---:|")
    for name in args.cases.split(","):
        for size in sizes:
            text = INLINE[name](size)
            print(f"| `{name}` | {size // 1000} KB | {outcome(text)} | {seconds(text, args.repeat):.3f} | {peak_mib(text):.1f} |",
                  flush=True)


if __name__ == "__main__":
    main()
