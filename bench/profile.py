"""Where the time of a build goes: a sampling profile, summarised.

    .venv/bin/pip install py-spy          # once
    .venv/bin/python bench/profile.py     # full --jobs 1 build of gen-500, check of gen-5000

Generates the documents with bench/generate.py in a scratch folder (default
/tmp/perf/profile), records each command with py-spy (speedscope files next to
them: open at https://www.speedscope.app/) and prints, per command, the share
of samples per stage of the pipeline and the functions with the most samples,
by own time and including callees. Time spent in C (libyaml, Pango,
HarfBuzz, zlib) is counted in the Python function that called it. Without
py-spy, or when it cannot attach, cProfile is used instead and says so.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import BUILD, Project, prepare  # noqa: E402

PY_SPY = Path(sys.executable).parent / "py-spy"
# Stages, by the file of the innermost frame of a sample that belongs to one
# (the first match in this order wins for that frame).
STAGES = (
    ("import modules", ("<frozen importlib._bootstrap", "importlib/")),
    ("read and compose YAML", ("editions/read/yamlsource.py", "/yaml/")),
    ("model: schema, labels, inline markup", ("editions/read/loader.py", "editions/read/schema.py", "editions/read/inline.py",
                                              "editions/read/numerals.py", "editions/read/languages.py", "editions/read/model.py")),
    ("numbering check", ("editions/check/numbering.py", "editions/check/sequence.py")),
    ("translations and amendments", ("editions/check/tracking.py", "editions/read/amendments.py", "editions/diff")),
    ("plan: outputs and fingerprints", ("editions/plan/outputs.py", "editions/plan/state.py", "editions/render/pages.py")),
    ("HTML: Jinja templates", ("editions/render/html.py", "editions/render/bilingual.py", "editions/render/localise.py", "/jinja2/",
                               "/markupsafe/", "/babel/")),
    ("WeasyPrint: parse HTML", ("/tinyhtml5/", "/html5lib/", "weasyprint/html.py", "weasyprint/__init__.py")),
    ("WeasyPrint: CSS cascade", ("weasyprint/css/", "/cssselect2/", "/tinycss2/")),
    ("WeasyPrint: box tree", ("weasyprint/formatting_structure/",)),
    ("WeasyPrint: text shaping and line breaking (Pango)", ("weasyprint/text/", "/pyphen/")),
    ("WeasyPrint: layout", ("weasyprint/layout/",)),
    ("WeasyPrint: draw", ("weasyprint/draw/", "weasyprint/stacking.py", "weasyprint/matrix.py")),
    ("WeasyPrint: PDF, fonts, compression", ("weasyprint/pdf/", "/pydyf/", "/fontTools/", "weasyprint/document.py")),
    ("write outputs", ("editions/build.py", "editions/files.py")),
    ("other Python", ("",)),
)


def stage_of(files: list[str]) -> str:
    """The stage of a sample, from its frames' files, innermost last."""
    if any("importlib" in f for f in files):
        return STAGES[0][0]
    for file in reversed(files):
        for name, parts in STAGES[1:-1]:
            if any(part in file for part in parts):
                return name
    return STAGES[-1][0]


def short(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def summarise_speedscope(path: Path, top: int) -> str:
    data = json.loads(path.read_text())
    frames = data["shared"]["frames"]
    own: collections.Counter[str] = collections.Counter()
    within: collections.Counter[str] = collections.Counter()
    stages: collections.Counter[str] = collections.Counter()
    total = 0.0
    for profile in data["profiles"]:
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            total += weight
            names = [f"{frames[i]['name']} ({short(frames[i].get('file', '?'))})" for i in stack]
            if names:
                own[names[-1]] += weight
            for name in set(names):
                within[name] += weight
            stages[stage_of([frames[i].get("file", "") for i in stack])] += weight
    return _report(total, stages, own, within, top, "py-spy samples")


def summarise_cprofile(path: Path, top: int) -> str:
    import pstats
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    own: collections.Counter[str] = collections.Counter()
    within: collections.Counter[str] = collections.Counter()
    stages: collections.Counter[str] = collections.Counter()
    for (file, _line, name), (_, _, tottime, cumtime, _) in stats.items():
        key = f"{name} ({short(file)})"
        own[key] += tottime
        within[key] = max(within[key], cumtime)
        stages[stage_of([file])] += tottime
    total = sum(own.values())
    return _report(total, stages, own, within, top, "cProfile (deterministic, slows Python code down)")


def _report(total: float, stages: collections.Counter[str], own: collections.Counter[str],
            within: collections.Counter[str], top: int, how: str) -> str:
    lines = [f"{how}: {total:.1f} s sampled", "", "| stage | share |", "|---|---|"]
    lines += [f"| {name} | {value / total:.1%} |" for name, value in stages.most_common() if value / total >= 0.005]
    lines += ["", "| function (own time) | share |", "|---|---|"]
    lines += [f"| `{name}` | {value / total:.1%} |" for name, value in own.most_common(top)]
    lines += ["", "| function (including callees) | share |", "|---|---|"]
    lines += [f"| `{name}` | {value / total:.1%} |" for name, value in within.most_common(top * 2)]
    return "\n".join(lines)


def profile(command: list[str], out: Path, rate: int, top: int) -> str:
    """Record ``command`` with py-spy, else with cProfile; the summary."""
    speedscope = out.with_suffix(".speedscope.json")
    if PY_SPY.exists() or shutil.which("py-spy"):
        spy = str(PY_SPY) if PY_SPY.exists() else "py-spy"
        done = subprocess.run([spy, "record", "--rate", str(rate), "--format", "speedscope", "-o", str(speedscope),
                               "--", *command], capture_output=True, text=True)
        if done.returncode == 0 and speedscope.exists():
            return f"profile: {speedscope}\n\n" + summarise_speedscope(speedscope, top)
        print(f"py-spy failed ({done.returncode}): {done.stderr.strip()[-300:]}; using cProfile", file=sys.stderr)
    stats = out.with_suffix(".prof")
    wrapped = [command[0], "-m", "cProfile", "-o", str(stats), *command[1:]]
    subprocess.run(wrapped, capture_output=True, text=True)
    return f"profile: {stats} (py-spy unavailable: cProfile)\n\n" + summarise_cprofile(stats, top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/perf/profile"))
    parser.add_argument("--build-size", type=int, default=500, help="paragraphs of the document built in full (0: skip)")
    parser.add_argument("--check-size", type=int, default=5000, help="paragraphs of the document checked (0: skip)")
    parser.add_argument("--rate", type=int, default=200, help="py-spy samples per second")
    parser.add_argument("--top", type=int, default=15)
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    build = [sys.executable, str(BUILD)]
    if options.build_size:
        project: Project = prepare(options.work, options.build_size)
        print(f"## build.py --jobs 1 --force, {project.label}\n")
        print(profile([*build, "--jobs", "1", "--force", "--root", str(project.root)],
                      options.work / f"build-{project.name}", options.rate, options.top))
        print()
    if options.check_size:
        project = prepare(options.work, options.check_size)
        print(f"## build.py check, {project.label}\n")
        print(profile([*build, "check", "--root", str(project.root)], options.work / f"check-{project.name}",
                      options.rate, options.top))


if __name__ == "__main__":
    main()
