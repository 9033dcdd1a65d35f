"""What a proposed change to editions/ would save, measured without editing it.

    .venv/bin/python bench/variants.py                 # every variant
    .venv/bin/python bench/variants.py order inline    # some

Each variant is a small patch applied, in the build process only, before
``build.py`` runs (the same command line otherwise), to the functions named in
docs/performance.md. The build is run alternately as it is and patched
(--repeat times each, best of), in separate output folders, and the outputs
are compared byte for byte: a variant that changes an output says so.
Projects are generated with bench/generate.py under --work (default
/tmp/perf/variants); the 5,000-paragraph check runs with the size limit raised.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import CORES, fastest, prepare, run, snapshot  # noqa: E402

SHIM = """
import sys
sys.path.insert(0, {root!r})
import editions.yamlsource
editions.yamlsource.MAX_FILE_BYTES = 1 << 30
{patch}
from editions.cli import main
sys.argv[0] = "build.py"
sys.exit(main(sys.argv[1:]))
"""

# The PDFs handed to the worker pool longest first (largest print HTML first), so
# that the bilingual edition does not start last, alone, on one core.
ORDER = """
import editions.pipeline as pipeline
_real_render_pdfs = pipeline._render_pdfs
def _longest_first(root, pages, jobs):
    return _real_render_pdfs(root, sorted(pages, key=lambda page: -len(page[1])), jobs)
pipeline._render_pdfs = _longest_first
"""

# Lay the PDF out once: when the print HTML is obviously longer than the table of
# contents threshold, the first layout already has the contents shown; the second
# render_pdf asks for is then the same one (returned from a cache). The output must
# stay byte-identical, which the comparison of outputs checks.
ONE_LAYOUT = """
import editions.pipeline as _pipeline
_real_render_one = _pipeline._render_one
_applied = []
def _render_one_laid_out_once(task):      # WeasyPrint is patched where it is imported: in the renderer
    if not _applied:
        _applied.append(True)
        _one_layout()
    return _real_render_one(task)
_pipeline._render_one = _render_one_laid_out_once
def _one_layout():
    import re
    import weasyprint
    import editions.pdf as pdf
    real_render, real_init, done = weasyprint.HTML.render, weasyprint.HTML.__init__, {}
    characters_per_page = 6000      # generous: a page of the editions holds about 3,500
    def render(self, stylesheets=None, **options):
        if id(self) in done:
            return done.pop(id(self))
        if len(re.sub(r"<[^>]*>", "", self._bench_html)) > characters_per_page * 3 * 12:
            shown = weasyprint.CSS(string=pdf.CONTENTS_SHOWN, font_config=options.get("font_config"))
            done[id(self)] = real_render(self, stylesheets=[*(stylesheets or []), shown], **options)
            return done[id(self)]
        return real_render(self, stylesheets=stylesheets, **options)
    def init(self, *args, string=None, **kwargs):
        self._bench_html = string or ""
        real_init(self, *args, string=string, **kwargs)
    weasyprint.HTML.__init__ = init
    weasyprint.HTML.render = render
"""

# Inline markup parsed by jumping from one special character to the next with a
# regular expression, instead of one character at a time; the same results.
INLINE = """
import re
import editions.inline as inline
from editions.model import Inline
_SPECIAL = re.compile(r'[\\\\*"{]')
def _parse(text, start, closing, depth):
    if depth > inline.MAX_NESTING:
        raise inline.InlineError(f"emphasis and quotations are nested more than {inline.MAX_NESTING} deep")
    runs, plain, i, end = [], [], start, len(text)
    while i < end:
        found = _SPECIAL.search(text, i)
        if found is None:
            plain.append(text[i:])
            i = end
            break
        at = found.start()
        if at > i:
            plain.append(text[i:at])
        char, i = text[at], at
        if char == "\\\\" and i + 1 < end:
            plain.append(text[i + 1])
            i += 2
        elif char == closing:
            return inline._flush(runs, plain), i + 1
        elif char in inline.DELIMITERS and char not in inline._open_stack(closing):
            inline._flush(runs, plain)
            children, i = _parse(text, i + 1, char, depth + 1)
            runs.append(Inline(inline.DELIMITERS[char], children=children))
        elif char == "{":
            inline._flush(runs, plain)
            field, i = inline._field(text, i)
            runs.append(field)
        else:
            plain.append(char)
            i += 1
    if closing is not None:
        marker = "emphasis *" if closing == "*" else 'quotation "'
        raise inline.InlineError(f"{marker} opened but never closed in: {inline._excerpt(text, start - 1)}")
    return inline._flush(runs, plain), i
inline._parse = _parse
"""

# The YAML is parsed twice: once into events to refuse aliases, once composed.
# Without an anchor (&) in the text there can be no alias to expand, so the first
# pass is skipped (an alias without anchor still fails to compose; to keep its
# message, run the alias scan when composing fails).
YAML_ONCE = """
import editions.yamlsource as yamlsource
_real_refuse = yamlsource._refuse_aliases
def _refuse_aliases(shown, text):
    if "&" in text:
        _real_refuse(shown, text)
yamlsource._refuse_aliases = _refuse_aliases
"""

# A build with nothing to do imports WeasyPrint only for the font folder
# (site.site_files imports editions.pdf), and every Jinja environment extracts
# the templates' strings again with Babel (html.template_msgids). Here the font
# folder comes from importlib.resources alone and the extraction is cached.
NOOP = """
import functools
from importlib import resources
from pathlib import Path
import editions.html as _html
import editions.site as _site
_html.template_msgids = functools.cache(_html.template_msgids)
def _site_files(project, output):         # site.site_files, the font folder found without editions.pdf
    folder = Path(str(resources.files("fontpkg_noto_serif") / "files"))
    files = {f"fonts/{name}": (folder / source).read_bytes() for name, source in _site.FONTS.items()}
    files["index.html"] = _site._index(project, output).encode()
    return files
_site.site_files = _site_files
"""

VARIANTS = {
    # name: (what, paragraphs, build arguments, patch)
    "order": ("PDFs longest first in the worker pool (pipeline._render_pdfs)", 500,
              ["--jobs", str(CORES), "--force"], ORDER),
    "one-layout": ("one layout when the contents are certainly shown (pdf.render_pdf)", 500,
                   ["--jobs", "1", "--force", "-f", "pdf", "-l", "en"], ONE_LAYOUT),
    "inline": ("inline markup parsed with a regular expression (inline._parse)", 5000, ["check"], INLINE),
    "yaml-once": ("no alias scan without anchors (yamlsource._refuse_aliases)", 5000, ["check"], YAML_ONCE),
    "check-both": ("inline and yaml-once together", 5000, ["check"], INLINE + YAML_ONCE),
    "html-inline": ("inline and yaml-once: HTML editions", 500, ["-f", "html", "--force"], INLINE + YAML_ONCE),
    "noop": ("no-op build without WeasyPrint, template strings extracted once", 50, ["--jobs", str(CORES)], NOOP),
}
PREBUILT = {"noop"}     # built once, not timed, before the timed runs


def measure(name: str, work: Path, repeat: int) -> str:
    what, size, arguments, patch = VARIANTS[name]
    project = work / f"gen-{size}"
    if not project.is_dir():
        prepare(work, size)
    outputs = {}
    runs: dict[str, list] = {"as is": [], "patched": []}  # type: ignore[type-arg]
    if name in PREBUILT:
        for kind in ("as is", "patched"):
            output = work / f"out-{name}-{kind.replace(' ', '-')}"
            shutil.rmtree(output, ignore_errors=True)
            run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "-o", str(output)])
    for _ in range(repeat):
        for kind, code in (("as is", ""), ("patched", patch)):
            output = work / f"out-{name}-{kind.replace(' ', '-')}"
            command = [sys.executable, "-c", SHIM.format(root=str(ROOT), patch=code), *arguments,
                       "--root", str(project), *(["-o", str(output)] if arguments[0] != "check" else [])]
            done = run(command)
            runs[kind].append(done)
            print(f"  {name} {kind}: {done.seconds:.2f} s ({done.status}) {done.last_line()[:90]}", file=sys.stderr, flush=True)
            outputs[kind] = output
    before, after = fastest(runs["as is"]), fastest(runs["patched"])
    if not (before.ok and after.ok):
        return f"| {name} | {what} | gen-{size}: `build.py {' '.join(arguments)}` | failed | | | |"
    same = "–"
    if arguments[0] != "check":
        names = sorted(set(snapshot(outputs["as is"])) | set(snapshot(outputs["patched"])))
        differ = [n for n in names if not (outputs["as is"] / n).is_file() or not (outputs["patched"] / n).is_file()
                  or (outputs["as is"] / n).read_bytes() != (outputs["patched"] / n).read_bytes()]
        same = "identical" if not differ else "differ: " + ", ".join(differ)
        for output in outputs.values():
            shutil.rmtree(output, ignore_errors=True)
    return (f"| {name} | {what} | gen-{size}: `build.py {' '.join(arguments)}` | {before.seconds:.2f} | {after.seconds:.2f} | "
            f"{before.seconds / after.seconds:.2f}× | {same} |")


# What the renderer's options cost, on one print HTML, with the WeasyPrint API
# in a fresh process each time (seconds of render + write_pdf, import excluded).
OPTIONS = """
import sys, time, weasyprint
from editions.pdf import CONTENTS_SHOWN
html = open(sys.argv[1], encoding="utf-8").read()
options = {OPTIONS}
started = time.perf_counter()
document = weasyprint.HTML(string=html, base_url=sys.argv[1])
sheets = []        # the fonts' @font-face rules are in the HTML's <style> (bench/run.py print_html)
rendered = document.render(stylesheets=sheets, **options)
layouts = {LAYOUTS}
if layouts == 2:
    rendered = document.render(stylesheets=[*sheets, weasyprint.CSS(string=CONTENTS_SHOWN)], **options)
rendered.write_pdf(**options)
print(f"{{time.perf_counter() - started:.2f}} {{len(rendered.pages)}}")
"""
CONFIGURATIONS = (
    ("WeasyPrint defaults", {}, 1),
    ("pdf_variant pdf/a-2u", {"pdf_variant": "pdf/a-2u"}, 1),
    ("pdf_tags", {"pdf_tags": True}, 1),
    ("pdf/a-2u and tags", {"pdf_variant": "pdf/a-2u", "pdf_tags": True}, 1),
    ("pdf/a-2u and tags, laid out twice (contents)", {"pdf_variant": "pdf/a-2u", "pdf_tags": True}, 2),
)


def options_cost(work: Path, size: int, repeat: int) -> None:
    """The cost of each renderer option on the English print HTML of gen-<size>."""
    from bench.run import Project, print_html
    root = work / f"gen-{size}"
    if not root.is_dir():
        prepare(work, size)
    files, _ = print_html(Project(f"gen-{size}", f"gen-{size}", root, size))
    html = next(f for f in files if f.parent.name == "en")
    print(f"\nRenderer options, {html.relative_to(work)} (seconds of render and write_pdf, best of {repeat}):\n")
    print("| options | s | pages | × defaults |")
    print("|---|---|---|---|")
    base = None
    for what, options, layouts in CONFIGURATIONS:
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + OPTIONS.format(OPTIONS=repr(options), LAYOUTS=layouts)
        results = []
        for _ in range(repeat):
            done = run([sys.executable, "-c", code, str(html)])
            if not done.ok:
                print(f"| {what} | failed: {done.stderr.strip().splitlines()[-1:]} | | |")
                break
            results.append(done.stdout.split())
        if len(results) < repeat:
            continue
        seconds, pages = min((float(r[0]), r[1]) for r in results)
        base = base or seconds
        print(f"| {what} | {seconds:.1f} | {pages} | {seconds / base:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help=f"some of: {', '.join(VARIANTS)} (default: all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/perf/variants"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--options", type=int, metavar="PARAGRAPHS",
                        help="instead: the cost of each renderer option on gen-PARAGRAPHS's English print HTML")
    options = parser.parse_args()
    if options.options:
        options_cost(options.work, options.options, options.repeat)
        return
    unknown = set(options.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    options.work.mkdir(parents=True, exist_ok=True)
    print("| variant | change | measured on | s as is | s patched | speed-up | outputs |")
    print("|---|---|---|---|---|---|---|")
    for name in options.variants or VARIANTS:
        print(measure(name, options.work, options.repeat), flush=True)


if __name__ == "__main__":
    main()
