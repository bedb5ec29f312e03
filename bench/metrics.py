"""Figures of merit of the site: build time, page weights, render time.

    python bench/metrics.py              # build into a temporary folder
    python bench/metrics.py --html DIR   # measure an existing build
    python bench/metrics.py --json       # machine-readable

Page weight = the page's HTML plus the images it shows; the assets every page
shares (theme, MathJax, search index, _sources) are reported once, apart.
Target: no page over 2 MB. Render time = headless Chromium, fresh context,
from navigation to MathJax typeset and every image loaded, for the intro page
(median of 3). bench/benchmark.py calls measure().
"""

import argparse
import json
import pathlib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
import sitetools  # noqa: E402

PAGE_LIMIT = 2 * 1024 * 1024


def render_seconds(html_dir, page="intro.html", runs=3):
    """Median seconds for Chromium to show page fully (None without Chromium)."""
    if sitetools.chromium_problem():
        return None
    from playwright.sync_api import sync_playwright

    times = []
    with sitetools.serve(html_dir) as base, sync_playwright() as pw:
        browser = sitetools.launch(pw)
        for _ in range(runs):
            blocked = []
            context = sitetools.offline_context(browser, blocked)
            tab = context.new_page()
            start = time.perf_counter()
            tab.goto(base + page, wait_until="load")
            sitetools.wait_for_page(tab)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return statistics.median(times)


def measure(html_dir=None):
    """A dict of the figures; builds the site first when html_dir is None."""
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        if html_dir is None:
            rc, seconds, log, html_dir = sitetools.build_site(tmp)
            if rc != 0:
                raise SystemExit(f"build failed (exit {rc}):\n{log[-3000:]}")
            result["build_seconds"] = round(seconds, 1)
        html_dir = pathlib.Path(html_dir)
        weights = sitetools.page_weights(html_dir)
        shared = sum(
            sitetools.tree_size(html_dir / d) for d in sitetools.SHARED if (html_dir / d).exists()
        )
        result.update(
            site_bytes=sitetools.tree_size(html_dir),
            shared_asset_bytes=shared,
            page_bytes=weights,
            largest_page=max(weights, key=weights.get),
            pages_over_2MB=[p for p, b in weights.items() if b > PAGE_LIMIT],
        )
        render = render_seconds(html_dir)
        result["intro_render_seconds"] = None if render is None else round(render, 2)
    return result


def _mb(n):
    return f"{n / 1024 / 1024:7.2f} MB"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", help="measure this build instead of building")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    result = measure(args.html)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if "build_seconds" in result:
        flag = "ok" if result["build_seconds"] <= 60 else "OVER"
        print(
            f"site build (jupyter-book -W -n, fresh): {result['build_seconds']:.1f} s"
            f"  (target <= 60 s: {flag})"
        )
    print(f"site total:             {_mb(result['site_bytes'])}")
    print(f"shared theme assets:    {_mb(result['shared_asset_bytes'])}  (incl. MathJax)")
    print("page weights (HTML + its images):")
    toc = [f"{d}.html" for d in sitetools.toc_docnames()]
    for page in toc + sorted(set(result["page_bytes"]) - set(toc)):
        if page in result["page_bytes"]:
            flag = "  OVER 2 MB" if page in result["pages_over_2MB"] else ""
            print(f"  {_mb(result['page_bytes'][page])}  {page}{flag}")
    render = result["intro_render_seconds"]
    print(
        "intro page render (Chromium, median of 3): "
        + ("n/a (no Chromium)" if render is None else f"{render:.2f} s")
    )


if __name__ == "__main__":
    main()
