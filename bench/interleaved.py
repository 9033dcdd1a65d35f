"""Full build against WeasyPrint alone, measured in alternation: ratios that survive a noisy machine.

    .venv/bin/python bench/interleaved.py                 # DSC/1 and gen-50, 5 rounds
    .venv/bin/python bench/interleaved.py --sizes 500 --no-dsc --rounds 3

bench/run.py measures each stage a few times in a row; on a shared machine
whose speed drifts by 20 % within minutes, two stages measured minutes apart
can differ by that much for no reason of their own. Here each round runs, one
after the other, the full build with one process, the WeasyPrint API with one
process (same print HTML, same options), the full build with all cores and
the API with all cores; the ratios are taken within each round, and the
median and the spread of the rounds are printed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import CORES, build_command, prepare, print_html, run, weasyprint_api  # noqa: E402


def rounds(size: int | None, count: int, work: Path) -> dict[str, list[float]]:
    project = prepare(work, size)
    files, _ = print_html(project)
    out = project.root / "bench-interleaved"
    seconds: dict[str, list[float]] = {"full1": [], "api1": [], "fullN": [], "apiN": []}
    for _ in range(count):
        for stage in seconds:
            jobs = 1 if stage.endswith("1") else CORES
            if stage.startswith("full"):
                done = run(build_command(project, ["--jobs", str(jobs), "--force"]))
            else:
                shutil.rmtree(out, ignore_errors=True)
                done = weasyprint_api(files, out, jobs)
            if not done.ok:
                sys.exit(f"{project.label} {stage} failed: {done.stderr.strip()[-300:]}")
            seconds[stage].append(done.seconds)
        print(f"  {project.label}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in seconds.items()), file=sys.stderr)
    return {"label": project.label, **seconds}  # type: ignore[dict-item]


def summary(result: dict) -> str:  # type: ignore[type-arg]
    def ratios(a: str, b: str) -> list[float]:
        return [x / y for x, y in zip(result[a], result[b], strict=True)]

    cells = [result["label"], str(len(result["full1"]))]
    for a, b in (("full1", "api1"), ("fullN", "apiN"), ("full1", "fullN"), ("api1", "apiN")):
        values = ratios(a, b)
        cells.append(f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50", help="generated paragraphs per language, comma-separated (default 50)")
    parser.add_argument("--no-dsc", action="store_true", help="leave out DSC/1")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/perf/interleaved"))
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    sizes: list[int | None] = [None] * (not options.no_dsc) + [int(s) for s in options.sizes.split(",") if s]
    results = [rounds(size, options.rounds, options.work) for size in sizes]
    n = CORES
    print(f"| document | rounds | full ÷ API, 1 process | full ÷ API, {n} processes | full: {n} cores ÷ 1 "
          f"(speed-up) | API: {n} cores ÷ 1 (speed-up) |")
    print("|---|---|---|---|---|---|")
    for result in results:
        print(summary(result))
    print("\nMedian of the rounds, (lowest–highest); full: 1 ÷ N is the time with one process over the time with N.")


if __name__ == "__main__":
    main()
