"""Print the whole book to one PDF with the system Chromium (`make pdf`).

    python scripts/build_pdf.py SINGLEHTML_DIR OUT.pdf

SINGLEHTML_DIR is jupyter-book's one-page build of the book
(`jupyter-book build . --builder singlehtml`). The page is served on 127.0.0.1,
opened in Debian's /usr/bin/chromium through Playwright (no other address is
reachable, nothing is downloaded), and printed once MathJax has typeset every
equation and every image has loaded. Before printing, a table of contents of
the chapters (with their numbers and links) is put after the title, every
solution dropdown is opened, and the site's navigation is hidden; each chapter
starts on a new page. Chromium writes the PDF with bookmarks (its outline) and
working internal links: the contents, {numref} and {eq} references, citations.

Why this route and not jupyter-book's LaTeX builder: see CONTRIBUTING.md.
"""

import contextlib
import functools
import http.server
import os
import pathlib
import sys
import threading
import urllib.parse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer,
.bd-footer-article, .bd-footer-content, .prev-next-area, .header-article-items,
.bd-header-article, a.headerlink, .skip-link, .toggle-hidden, button { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: none !important; padding: 0 !important; }
.bd-page-width { max-width: none !important; }
article.bd-article { padding: 0 !important; }
section.print-chapter { break-before: page; }
nav.print-toc { break-before: page; break-after: page; }
nav.print-toc ol { list-style: none; padding-left: 0; font-size: 1.05rem; }
nav.print-toc li { margin: 0.35em 0; }
nav.print-toc a { text-decoration: none; color: inherit; }
figure, .cell_output img, div.math { break-inside: avoid; }
details.sd-dropdown > summary { font-weight: bold; }
"""

PREPARE_JS = """
async () => {
  const t0 = Date.now();
  while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
    if (Date.now() - t0 > 30000) throw new Error('MathJax did not start');
    await new Promise(r => setTimeout(r, 50));
  }
  await MathJax.startup.promise;
  for (const img of document.images) { img.loading = 'eager'; }
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); })));
  const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
    .map(i => i.getAttribute('src'));
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const article = document.querySelector('article.bd-article') || document.body;
  // One-page builds mark where each document starts: <span id="document-NAME">.
  // Each document after the title page starts a page and gets a line in the
  // contents, with its number ("4. The backward pass").
  const nav = document.createElement('nav');
  nav.className = 'print-toc';
  nav.innerHTML = '<h2>Contents</h2><ol></ol>';
  let chapters = 0;
  for (const mark of article.querySelectorAll('span[id^="document-"]')) {
    let section = mark.nextElementSibling;
    while (section && section.tagName !== 'SECTION') section = section.nextElementSibling;
    const heading = section && section.querySelector('h1, h2');
    if (!heading) continue;
    section.classList.add('print-chapter');
    const a = document.createElement('a');
    a.href = '#' + section.id;
    a.textContent = [...heading.childNodes].filter(n => !(n.classList &&
      n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim();
    const li = document.createElement('li');
    li.appendChild(a);
    nav.querySelector('ol').appendChild(li);
    chapters += 1;
  }
  const title = article.querySelector('h1');
  if (title) title.after(nav); else article.prepend(nav);
  const raw = [...article.querySelectorAll('.math')].filter(m => !m.querySelector('mjx-container'))
    .length;
  return {broken, chapters, untypeset: raw};
}
"""


@contextlib.contextmanager
def serve(directory):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(singlehtml, out, page="intro.html"):
    """Print singlehtml/page to out; return what was found on the page."""
    from playwright.sync_api import sync_playwright

    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with serve(singlehtml) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context()
        blocked = []

        def route(r):
            host = urllib.parse.urlsplit(r.request.url).hostname
            if host in ("127.0.0.1", "localhost") or r.request.url.startswith("data:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        tab.goto(base + page, wait_until="load")
        tab.add_style_tag(content=PRINT_CSS)
        found = tab.evaluate(PREPARE_JS)
        if found["broken"] or found["untypeset"] or blocked:
            browser.close()
            raise SystemExit(
                f"not printing: broken images {found['broken']}, "
                f"{found['untypeset']} untypeset equations, blocked {blocked}"
            )
        tab.emulate_media(media="print")
        tab.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template='<div style="font-size:8px;width:100%;text-align:center">'
            '<span class="pageNumber"></span></div>',
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
        browser.close()
    return found


def main(argv):
    singlehtml, out = argv
    found = print_pdf(pathlib.Path(singlehtml), pathlib.Path(out))
    print(f"wrote {out}: contents and {found['chapters']} chapters")


if __name__ == "__main__":
    main(sys.argv[1:])
