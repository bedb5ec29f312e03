"""Shared helpers for the reader's side of the book: build, serve, browse, check.

Used by the tests and bench/metrics.py. Nothing here touches
the network: the site is served from 127.0.0.1 and the browser is Debian's
/usr/bin/chromium driven by Playwright (which never downloads a browser here).
"""

import contextlib
import csv
import functools
import html.parser
import http.server
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install Chromium with `sudo apt-get install chromium chromium-driver` "
    "(Debian/Ubuntu; the test drives /usr/bin/chromium, or set CHROMIUM=/path)"
)
# Directories of the built site that every page shares (theme, MathJax, search
# index, downloadable sources): excluded from the per-page weight.
SHARED = ("_static", "_sphinx_design_static", "_sources", "_panels_static")


def load_config():
    """The book's _config.yml as a dict."""
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def toc_docnames():
    """Every document of _toc.yml in reading order (root first)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(str(pathlib.PurePosixPath(entry["file"]).with_suffix("")))
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return names


def source_of(docname):
    """The repository file a docname comes from (.ipynb or .md)."""
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(docname)


def expected_launch_links(docname):
    """Binder and Colab URLs for a notebook page, derived from _config.yml."""
    cfg = load_config()
    url = cfg["repository"]["url"].rstrip("/")
    branch = cfg["repository"].get("branch", "main")
    org, repo = url.split("/")[-2:]
    path = source_of(docname).relative_to(ROOT).as_posix()
    binder = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    colab = cfg["launch_buttons"]["colab_url"].rstrip("/")
    return {
        "binder": f"{binder}/v2/gh/{org}/{repo}/{branch}?urlpath=lab/tree/{path}",
        "colab": f"{colab}/github/{org}/{repo}/blob/{branch}/{path}",
    }


def expected_repository_links(docname):
    """Repository, edit and issue button URLs (prefixes) for a page."""
    cfg = load_config()["repository"]
    url, branch = cfg["url"].rstrip("/"), cfg.get("branch", "main")
    path = source_of(docname).relative_to(ROOT).as_posix()
    return {"repository": url, "edit": f"{url}/edit/{branch}/{path}", "issue": f"{url}/issues/new?"}


def build_site(path_output, strict=True):
    """Build the book as `make book` does, into path_output/_build/html.

    Returns (returncode, seconds, log text, html directory).
    """
    jb = pathlib.Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "-n", "--keep-going", "--path-output", str(path_output)]
    if strict:
        cmd.insert(4, "-W")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    html_dir = pathlib.Path(path_output) / "_build" / "html"
    return proc.returncode, seconds, proc.stdout + proc.stderr, html_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve directory on 127.0.0.1 (a free port) in a thread; yield base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_problem():
    """None if Playwright and Chromium are usable, else why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is missing: `.venv/bin/pip install -r requirements.txt`"
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}"
    return None


def launch(playwright):
    """Debian's Chromium, headless, with no background network traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def offline_context(browser, blocked, **kwargs):
    """A browser context that only reaches 127.0.0.1; other URLs go to blocked."""
    context = browser.new_context(**kwargs)

    def route(r):
        url = r.request.url
        host = urllib.parse.urlsplit(url).hostname
        if host in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    return context


# JavaScript run in the page once it has loaded: waits for MathJax (when the
# page has math) and for every image, then reports what a reader would see.
WAIT_FOR_PAGE_JS = """
async () => {
  const hasMath = document.querySelector('.math, div.math, span.math') !== null;
  if (hasMath) {
    const t0 = Date.now();
    while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
      if (Date.now() - t0 > 20000) break;
      await new Promise(r => setTimeout(r, 50));
    }
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      await MathJax.startup.promise;
    }
  }
  for (const img of document.images) { img.loading = 'eager'; }
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); })));
  return hasMath;
}
"""


def wait_for_page(page):
    """Wait until MathJax has typeset and every image has loaded."""
    return page.evaluate(WAIT_FOR_PAGE_JS)


# ---------------------------------------------------------------------------
# Internal link check of a built site: links, images, scripts and #anchors.


class _Collector(html.parser.HTMLParser):
    LINK_ATTRS = {
        "a": "href",
        "link": "href",
        "img": "src",
        "script": "src",
        "source": "src",
        "iframe": "src",
        "embed": "src",
        "object": "data",
        "video": "src",
        "audio": "src",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (tag, url, line)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        attr = self.LINK_ATTRS.get(tag)
        if attr and attrs.get(attr) is not None:
            self.links.append((tag, attrs[attr], self.getpos()[0]))
        if tag == "img" and attrs.get("srcset"):
            for part in attrs["srcset"].split(","):
                if part.strip():
                    self.links.append((tag, part.split()[0], self.getpos()[0]))


def _parse(path):
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


# Files `make pdf` adds to the built site after the HTML build.
BUILT_LATER = {"understanding-rnns.pdf"}


# linkchecker (Debian's package) checks the site offline: every file a page links
# to or shows, and every #anchor in another page (AnchorCheck).
LINKCHECKER_CONFIG = """[checking]
threads=4
[filtering]
checkextern=0
[AnchorCheck]
"""


def check_links(html_dir):
    """Every broken internal link, image or anchor in html_dir, found by linkchecker."""
    html_dir = pathlib.Path(html_dir).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        # Run as root, linkchecker drops to user `nobody`, who must read the copy.
        site = pathlib.Path(tmp) / "site"
        shutil.copytree(html_dir, site)
        for path in [pathlib.Path(tmp), site, *site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        config = pathlib.Path(tmp) / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG)
        pages = sorted(
            str(p) for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in SHARED
        )
        ignore = [f"--ignore-url={re.escape(name)}$" for name in BUILT_LATER]
        proc = subprocess.run(
            ["linkchecker", f"--config={config}", "--no-status", "-o", "csv", *ignore, *pages],
            capture_output=True,
            text=True,
        )
    rows = csv.DictReader(
        (line for line in proc.stdout.splitlines() if not line.startswith("#")), delimiter=";"
    )
    problems = []
    for row in rows:
        where = f"{row['parentname'].replace(site.as_uri(), '')}:{row['line']}"
        if row["valid"] != "True":
            problems.append(f"{where}: {row['urlname']} not found ({row['result']})")
        elif "Anchor" in row["warningstring"]:
            problems.append(f"{where}: {row['urlname']}: {row['warningstring']}")
    if proc.returncode not in (0, 1) or not pages:
        problems.append(f"linkchecker failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return problems


# ---------------------------------------------------------------------------
# Page weights.


def page_weights(html_dir):
    """{page: bytes} for each HTML page: its own HTML plus the images it shows.

    Shared assets (theme, MathJax, search index, _sources) are not counted.
    """
    html_dir = pathlib.Path(html_dir).resolve()
    weights = {}
    for page in sorted(html_dir.rglob("*.html")):
        rel = page.relative_to(html_dir)
        if rel.parts[0] in SHARED:
            continue
        total = page.stat().st_size
        seen = set()
        for tag, url, _ in _parse(page).links:
            if tag != "img" or urllib.parse.urlsplit(url).scheme:
                continue
            target = (page.parent / urllib.parse.unquote(urllib.parse.urlsplit(url).path)).resolve()
            if target.is_file() and target not in seen:
                seen.add(target)
                total += target.stat().st_size
        weights[rel.as_posix()] = total
    return weights


def tree_size(path):
    return sum(p.stat().st_size for p in pathlib.Path(path).rglob("*") if p.is_file())
