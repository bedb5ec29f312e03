"""The built site as a reader meets it, in headless Chromium.

The site is the session's fresh build (conftest.built_site: the `make book`
command into a temporary --path-output, so it never races with a `make book` in
the work tree; tests/test_build.py checks it has no warnings), served on
127.0.0.1 by a thread, and opened in Debian's /usr/bin/chromium through Playwright. The browser
may reach nothing but that server: MathJax, fonts and scripts must all come from
the site itself. For every page of _toc.yml: no console errors, every image
loaded, math typeset (no raw TeX left), the launch buttons point at Binder and
Colab with the notebook's path, chapters link to the Notation page, solutions
sit in closed dropdowns that open, and axe-core finds no serious or critical
accessibility violation. Screenshots (first screen, and the full page as
*.full.png) go to _build/screenshots/ for review.

Every page is also opened as on a phone (390 x 844, touch): nothing may make the
page scroll sideways, a display equation wider than the column must scroll inside
its own box with a visible hint (a fade at the hidden edge) and never sit under
its number, and every diagram must be a link to its SVG (one tap opens it full
size). Those screenshots go to _build/screenshots/phone/.

Without Chromium the tests are skipped with the install command; with the
environment variable CI set they fail instead.
"""

import importlib.resources
import pathlib
import re
import shutil
import time

import pytest

from conftest import ROOT, sitetools, unavailable

pytestmark = pytest.mark.xdist_group("site")  # one build of the book, on one worker

DOCNAMES = sitetools.toc_docnames()
CHAPTERS = [d for d in DOCNAMES if d.startswith("notebooks/")]
SCREENSHOTS = ROOT / "_build" / "screenshots"
RAW_TEX = re.compile(r"\$\$|\\frac|\\begin\{|\\\(|\\\[|\\partial|\\mathbf")
A11Y_BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def site(built_site):
    """The session's fresh build (conftest.built_site, the `make book` command into
    a temporary --path-output); (returncode, log, html directory)."""
    html_dir, returncode, log = built_site
    if not (html_dir / "index.html").exists():
        pytest.fail(f"the build produced no site (exit {returncode}):\n{log[-4000:]}")
    return returncode, log, html_dir


@pytest.fixture(scope="module")
def browser():
    problem = sitetools.chromium_problem()
    if problem:
        unavailable(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = sitetools.launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(site):
    with sitetools.serve(site[2]) as url:
        yield url


def _visit(browser, url, screenshot=None):
    """Open url; return what a reader would meet there."""
    blocked, console, failed = [], [], []
    context = sitetools.offline_context(browser, blocked, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} (HTTP {r.status})"))
    clock = [time.perf_counter()]

    def lap(name):
        clock.append(time.perf_counter())
        timings[name] = round(clock[-1] - clock[-2], 2)

    timings = {}
    page.goto(url, wait_until="load")
    lap("load")
    has_math = sitetools.wait_for_page(page)
    record = page.evaluate(
        """() => {
        const article = document.querySelector('article.bd-article') || document.body;
        const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
        const maths = [...article.querySelectorAll('.math')];
        const prose = article.cloneNode(true);  // the text without code and outputs
        prose.querySelectorAll('pre, code, .highlight').forEach(e => e.remove());
        return {
          text: prose.textContent,
          broken_images: [...document.images]
              .filter(i => !(i.complete && i.naturalWidth > 0))
              .map(i => i.getAttribute('src')),
          untypeset: maths.filter(m => !m.querySelector('mjx-container'))
              .map(m => m.textContent.slice(0, 80)),
          math_errors: [...article.querySelectorAll('mjx-merror, [data-mjx-error]')]
              .map(e => e.getAttribute('data-mjx-error') || e.textContent),
          links: links,
          article_links: [...article.querySelectorAll('a[href]')]
              .map(a => a.getAttribute('href')),
          headings: [...article.querySelectorAll('h2')].map(h => h.textContent),
          dropdowns: article.querySelectorAll('details.sd-dropdown').length,
          dropdowns_open: article.querySelectorAll('details.sd-dropdown[open]').length,
        };
        }"""
    )
    record["has_math"] = has_math
    record["equations"] = page.evaluate(PHONE_JS)["equations"]
    lap("inspect")
    if record["dropdowns"]:
        first = page.locator("article details.sd-dropdown summary").first
        first.click()
        record["dropdown_opens"] = page.evaluate(
            """() => { const d = document.querySelector('article details.sd-dropdown');
            const body = d.querySelector('.sd-summary-content, .sd-card-body');
            return d.open && body !== null && body.getBoundingClientRect().height > 0; }"""
        )
        first.click()
    lap("dropdown")
    axe_js = importlib.resources.files("axe_playwright_python") / "axe.min.js"
    page.add_script_tag(content=axe_js.read_text(encoding="utf-8"))
    record["axe"] = page.evaluate(
        """async () => {
        const r = await axe.run(document, {resultTypes: ['violations'], preload: false});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    lap("axe")
    if screenshot:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot))  # the first screen, as a reader lands
        page.screenshot(path=str(screenshot.with_suffix(".full.png")), full_page=True)
    lap("screenshot")
    record.update(console=console, failed=failed, blocked=blocked, timings=timings)
    context.close()
    return record


@pytest.fixture(scope="module")
def pages(browser, base_url):
    """One visit per page of the table of contents, shared by the checks below."""
    visited = {}
    for docname in DOCNAMES:
        shot = SCREENSHOTS / (docname.replace("/", "__") + ".png")
        visited[docname] = _visit(browser, f"{base_url}{docname}.html", shot)
    return visited


PHONE = {"width": 390, "height": 844}

PHONE_JS = """() => {
  const de = document.documentElement;
  const overflowing = [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > de.clientWidth + 1)
    .filter(e => !e.parentElement.closest('mjx-container, .highlight, .cell_output, '
                                         + '.table-wrapper, .pst-scrollable-table-container'))
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`);
  const equations = [...document.querySelectorAll('div.math')].map(m => {
    const c = m.querySelector('mjx-container'); const n = m.querySelector('.eqno');
    if (!c) return null;
    const cr = c.getBoundingClientRect(); const s = getComputedStyle(c);
    const nr = n ? n.getBoundingClientRect() : null;
    return {id: m.id || m.textContent.slice(0, 40),
            overflows: c.scrollWidth > c.clientWidth + 1,
            scrolls: ['auto', 'scroll'].includes(s.overflowX),
            hint: /gradient/.test(s.backgroundImage),
            under_number: nr !== null && nr.left < cr.right && nr.right > cr.left
                          && nr.top < cr.bottom && nr.bottom > cr.top};
  }).filter(Boolean);
  const figures = [...document.querySelectorAll('article figure img')].map(i => ({
    src: i.getAttribute('src'),
    link: i.closest('a') ? i.closest('a').getAttribute('href') : null}));
  return {page_width: de.scrollWidth, viewport: de.clientWidth, overflowing,
          equations, figures};
}"""


@pytest.fixture(scope="module")
def phone_pages(browser, base_url):
    """Every page at 390 x 844 with touch, as a phone shows it."""
    visited = {}
    for docname in DOCNAMES:
        context = sitetools.offline_context(
            browser, [], viewport=PHONE, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{base_url}{docname}.html", wait_until="load")
        sitetools.wait_for_page(page)
        visited[docname] = page.evaluate(PHONE_JS)
        shot = SCREENSHOTS / "phone" / (docname.replace("/", "__") + ".png")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
        page.screenshot(path=str(shot.with_suffix(".full.png")), full_page=True)
        context.close()
    return visited


@pytest.mark.parametrize("docname", DOCNAMES)
def test_phone_page_never_scrolls_sideways(phone_pages, docname):
    page = phone_pages[docname]
    assert page["page_width"] <= page["viewport"], (
        f"the page is {page['page_width'] - page['viewport']} px wider than a 390 px "
        f"phone; first elements past the edge: {page['overflowing']}"
    )


@pytest.mark.parametrize("docname", DOCNAMES)
def test_phone_equations_scroll_visibly_and_clear_their_number(phone_pages, docname):
    for eq in phone_pages[docname]["equations"]:
        assert not eq["under_number"], f"{eq['id']}: the equation runs under its number"
        if eq["overflows"]:
            assert eq["scrolls"], f"{eq['id']}: cut at the edge instead of scrolling"
            assert eq["hint"], f"{eq['id']}: scrolls with nothing to show that it does"


@pytest.mark.parametrize("docname", CHAPTERS)
def test_phone_diagrams_open_full_size(phone_pages, docname):
    for figure in phone_pages[docname]["figures"]:
        if figure["src"].endswith(".svg"):
            assert figure["link"] == figure["src"], f"{figure['src']} is not a link to itself"


def test_phone_screenshots_saved(phone_pages):
    for docname in DOCNAMES:
        shot = SCREENSHOTS / "phone" / (docname.replace("/", "__") + ".png")
        assert shot.stat().st_size > 1000, shot


@pytest.mark.parametrize("docname", DOCNAMES)
def test_desktop_equations_clear_their_number(pages, docname):
    for eq in pages[docname]["equations"]:
        assert not eq["under_number"], f"{eq['id']}: the equation runs under its number"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_loads_cleanly(pages, docname):
    page = pages[docname]
    assert not page["console"], f"console errors: {page['console']}"
    assert not page["failed"], f"failed requests: {page['failed']}"
    assert not page["blocked"], f"requests leaving 127.0.0.1: {page['blocked']}"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_image_loaded(pages, docname):
    assert not pages[docname]["broken_images"]


@pytest.mark.parametrize("docname", DOCNAMES)
def test_math_is_typeset(pages, docname):
    page = pages[docname]
    assert not page["untypeset"], f"math left to MathJax but not typeset: {page['untypeset']}"
    assert not page["math_errors"], f"MathJax errors: {page['math_errors']}"
    raw = sorted(set(RAW_TEX.findall(page["text"])))
    assert not raw, f"raw TeX visible in the text: {raw}"


def test_math_renderer_is_served_by_the_site(site, pages):
    """MathJax 3 is part of the site (no CDN) and typesets the Notation page."""
    html_dir = site[2]
    assert (html_dir / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert "_static/mathjax/tex-chtml.js" in (html_dir / "notation.html").read_text()
    assert pages["notation"]["has_math"] and not pages["notation"]["untypeset"]


@pytest.mark.parametrize("docname", CHAPTERS)
def test_launch_repository_and_download_buttons(pages, docname):
    expected = sitetools.expected_launch_links(docname)
    links = pages[docname]["links"]
    assert expected["binder"] in links, f"no Binder link {expected['binder']}"
    assert expected["colab"] in links, f"no Colab link {expected['colab']}"
    name = pathlib.PurePosixPath(docname).name
    assert any(link.endswith(f"_sources/{docname}.ipynb") for link in links), (
        f"no download link for {name}.ipynb"
    )
    repo = sitetools.expected_repository_links(docname)
    for kind, url in repo.items():
        assert any(link.startswith(url) for link in links), f"no {kind} button ({url})"


@pytest.mark.parametrize("docname", CHAPTERS)
def test_chapter_links_to_notation(pages, docname):
    hrefs = pages[docname]["article_links"]
    assert any(h.split("#")[0].endswith("notation.html") for h in hrefs), (
        "the chapter text never links to the Notation page ([Notation](../notation.md))"
    )


@pytest.mark.parametrize("docname", CHAPTERS)
def test_solutions_are_in_closed_dropdowns(pages, docname):
    page = pages[docname]
    assert any("Exercises" in h for h in page["headings"]), "no ## Exercises section"
    assert page["dropdowns"] >= 1, "no :::{dropdown} Solution block"
    assert page["dropdowns_open"] == 0, "a solution is shown open"
    assert page["dropdown_opens"], "clicking a solution dropdown does not open it"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_accessibility(pages, docname):
    bad = [v for v in pages[docname]["axe"] if v["impact"] in A11Y_BLOCKING]
    assert not bad, "axe-core violations:\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in bad
    )


def test_screenshots_saved(pages):
    for docname in DOCNAMES:
        shot = SCREENSHOTS / (docname.replace("/", "__") + ".png")
        assert shot.stat().st_size > 1000, shot


def test_search_finds_backpropagation_chapters(browser, base_url):
    blocked = []
    context = sitetools.offline_context(browser, blocked)
    page = context.new_page()
    page.goto(f"{base_url}search.html?q=backpropagation", wait_until="load")
    page.wait_for_function(
        """() => { const s = document.querySelector('#search-results .search-summary');
        return s && /Search finished|did not match/.test(s.textContent); }""",
        timeout=30_000,
    )
    hits = page.evaluate(
        "() => [...document.querySelectorAll('#search-results ul.search li a')]"
        ".map(a => a.getAttribute('href'))"
    )
    context.close()
    assert not blocked
    for chapter in ("notebooks/04_backward_pass", "notebooks/05_bptt"):
        assert any(h.split("?")[0].split("#")[0].endswith(f"{chapter}.html") for h in hits), (
            f"search for 'backpropagation' does not list {chapter}: {hits}"
        )


def test_internal_links(site):
    if shutil.which("linkchecker") is None:
        unavailable("linkchecker not found: sudo apt-get install linkchecker (Debian/Ubuntu)")
    problems = sitetools.check_links(site[2])
    assert not problems, "broken internal links:\n" + "\n".join(problems[:50])


def test_the_checks_can_fail(browser, tmp_path):
    if shutil.which("linkchecker") is None:
        unavailable("linkchecker not found: sudo apt-get install linkchecker (Debian/Ubuntu)")
    """A page with raw TeX, a missing image, a script error and an unlabelled
    button is caught by the same visit and link check the book's pages get."""
    (tmp_path / "bad.html").write_text(
        '<html><head><title>bad</title></head><body><article class="bd-article">'
        "<p>$$x$$ and \\frac{1}{2}</p><img src='missing.png' alt='gone'>"
        "<a href='nowhere.html'>x</a><a href='bad.html#no-such-anchor'>y</a>"
        "<button></button><script>throw new Error('boom')</script></article></body></html>"
    )
    with sitetools.serve(tmp_path) as url:
        record = _visit(browser, f"{url}bad.html")
    assert any("boom" in c for c in record["console"])
    assert any("missing.png" in f for f in record["failed"])
    assert record["broken_images"] == ["missing.png"]
    assert {"$$", "\\frac"} <= set(RAW_TEX.findall(record["text"]))
    impacts = {v["id"]: v["impact"] for v in record["axe"]}
    assert impacts.get("button-name") == "critical", impacts
    assert impacts.get("html-has-lang") == "serious", impacts
    problems = "\n".join(sitetools.check_links(tmp_path))
    assert "nowhere.html not found" in problems, problems
    assert "Anchor `no-such-anchor' (decoded: `no-such-anchor') not found" in problems, problems
