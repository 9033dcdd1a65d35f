"""The web edition in a real browser: Debian's Chromium driven by Playwright.

Every page loads with no console error and no failed request, from disk and
from a static server; the language switch lands on the same unit; axe-core
finds no serious or critical accessibility violation. ``scripts/setup``
installs Chromium (Debian), Playwright (PyPI) and axe-core (npm).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, sync_playwright

from editions.build import BuildOptions, build

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["index.html", "en/dsc-1.html", "es/dsc-1.html", "es-en/dsc-1.html", "en/dsc-1-corr1.html"]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web") / "output"
    build(BuildOptions(root=ROOT, output=folder))
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(output: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def visit(page: Page, url: str) -> tuple[list[str], list[str]]:
    """Console errors and requests that failed or left the site, while ``url`` loads."""
    errors: list[str] = []
    bad: list[str] = []
    base = url.rsplit("/", 2)[0]
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: bad.append(f"failed {request.url}"))
    page.on("request", lambda request: None if request.url.startswith(base.split("/output")[0]) or request.url.startswith("data:")
            else bad.append(f"left the site: {request.url}"))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    return errors, bad


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_cleanly_from_disk(browser: Browser, output: Path, name: str) -> None:
    page = browser.new_page()
    errors, bad = visit(page, (output / name).as_uri())
    assert (errors, bad) == ([], [])
    assert page.evaluate("document.fonts.check('12px \"Noto Serif\"')")
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_cleanly_from_a_static_server(browser: Browser, server: str, name: str) -> None:
    page = browser.new_page()
    errors, bad = visit(page, server + name)
    assert (errors, bad) == ([], [])
    page.close()


def test_index_lists_every_edition_in_both_languages(browser: Browser, output: Path) -> None:
    page = browser.new_page()
    page.goto((output / "index.html").as_uri())
    for language in ("en", "es"):
        section = page.locator(f"section[lang={language}]")
        hrefs = section.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert set(hrefs) >= {"en/dsc-1.html", "en/dsc-1.pdf", "es/dsc-1.pdf", "es-en/dsc-1.pdf", "en/dsc-1-corr1.pdf"}
    assert "6 pages" in page.locator("section[lang=en]").inner_text()
    assert "6 páginas" in page.locator("section[lang=es]").inner_text()
    page.close()


def switch_language(browser: Browser, start: Path, identity: str, language: str, height: int = 300) -> Page:
    """Open ``start`` scrolled to the unit ``identity`` and follow its link to ``language``: the page it lands on."""
    page = browser.new_page(viewport={"width": 1000, "height": height})
    page.goto(start.as_uri())
    page.evaluate(f"document.getElementById('{identity}').scrollIntoView(); window.dispatchEvent(new Event('scroll'))")
    page.click(f"nav.languages a[hreflang={language}]")
    page.wait_for_load_state("load")
    return page


def test_language_switch_lands_on_the_same_unit(browser: Browser, output: Path) -> None:
    page = switch_language(browser, output / "en" / "dsc-1.html", "III.A.5", "es", height=800)
    assert page.url.endswith("/es/dsc-1.html#III.A.5")
    assert page.evaluate("Math.abs(document.getElementById('III.A.5').getBoundingClientRect().top) < 80")
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(browser: Browser, output: Path, name: str) -> None:
    page = browser.new_page()
    page.goto((output / name).as_uri())
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.impact])")
    assert [v for v in violations if v[1] in ("serious", "critical")] == []
    page.close()


def test_landmarks_skip_link_and_alternates(browser: Browser, output: Path) -> None:
    page = browser.new_page()
    page.goto((output / "es" / "dsc-1.html").as_uri())
    assert page.locator("header.masthead, main#text, nav.languages").count() == 3
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Ir al texto"
    assert page.locator('link[rel=alternate][hreflang=en]').get_attribute("href") == "../en/dsc-1.html"
    page.close()


SIX_PAGES = ["ar/libraries.html", "zh/libraries.html", "en-ar/libraries.html", "index.html"]


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six-language sample's web edition (tests/samples/six)."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("six") / "project", ROOT / "tests" / "samples" / "six" / "content")
    build(BuildOptions(root=project, output=project / "output", formats=frozenset({"html"})))
    return project / "output"


@pytest.mark.parametrize("name", SIX_PAGES)
def test_arabic_and_chinese_pages_load_cleanly_and_accessibly(browser: Browser, six: Path, name: str) -> None:
    page = browser.new_page()
    errors, bad = visit(page, (six / name).as_uri())
    assert (errors, bad) == ([], [])
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.impact])")
    assert [v for v in violations if v[1] in ("serious", "critical")] == []
    page.close()


def test_arabic_page_runs_right_to_left_in_its_own_type(browser: Browser, six: Path) -> None:
    page = browser.new_page()
    visit(page, (six / "ar" / "libraries.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert page.evaluate("document.fonts.check('12px Amiri', 'مكتبة')")
    label = page.locator("[id='I.1'] .label").bounding_box()
    text = page.locator("[id='I.1'] .unit-text").bounding_box()
    assert label is not None and text is not None
    assert label["x"] + label["width"] > text["x"] + text["width"] - 2, "the label hangs at the right"
    page.close()


def test_chinese_page_is_set_in_the_chinese_face(browser: Browser, six: Path) -> None:
    page = browser.new_page()
    visit(page, (six / "zh" / "libraries.html").as_uri())
    assert page.evaluate("document.fonts.check('12px \"Noto Serif CJK SC\"', '图书馆')")
    assert page.evaluate("getComputedStyle(document.querySelector('em')).fontStyle") == "normal"
    page.close()


def test_language_switch_from_arabic_lands_on_the_same_unit(browser: Browser, six: Path) -> None:
    page = switch_language(browser, six / "ar" / "libraries.html", "II.A.1", "zh")
    assert page.url.endswith("/zh/libraries.html#II.A.1")
    page.close()


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kinds sample's web edition: a report with two annexes (tests/kinds)."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("kinds") / "project", ROOT / "tests" / "kinds" / "content")
    build(BuildOptions(root=project, output=project / "output", formats=frozenset({"html"})))
    return project / "output"


def test_language_switch_in_an_annex_lands_on_the_same_unit_of_the_annex(browser: Browser, kinds: Path) -> None:
    page = switch_language(browser, kinds / "en" / "report.html", "annex-I.2", "es")
    assert page.url.endswith("/es/report.html#annex-I.2")
    page.close()


@pytest.mark.parametrize("name", ["en/report.html", "es-en/report.html", "en/resolution.html"])
def test_annexes_load_cleanly_and_accessibly(browser: Browser, kinds: Path, name: str) -> None:
    page = browser.new_page()
    errors, bad = visit(page, (kinds / name).as_uri())
    assert (errors, bad) == ([], [])
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.impact])")
    assert [v for v in violations if v[1] in ("serious", "critical")] == []
    page.close()
