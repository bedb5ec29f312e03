"""A small Sphinx extension for the book's site (loaded from _config.yml).

It fixes two things the stock jupyter-book 1 theme stack gets wrong, which the
browser test (tests/test_browser.py) would otherwise report on every page:

* Inline scripts added during the build (sphinx-thebe's configuration,
  togglebutton's selector) reach the page twice, once registered with filename
  None and once with "", so the second `const THEBE_JS_URL = ...` throws
  "Identifier 'THEBE_JS_URL' has already been declared" in the console.
  Identical scripts are dropped here.
* docutils marks each bibliography entry role="doc-biblioentry" inside a
  role="list" container; ARIA 1.2 deprecated that role and requires list
  children to be role="listitem" (axe-core: aria-required-children, critical).

It also turns each diagram into a numbered figure. A notebook embeds a diagram
as plain Markdown, `![alt text](../images/stem.svg "Caption.")`, because that is
what JupyterLab, Binder and the site all display. On the site, a paragraph that
holds only such an image becomes a figure with that caption, numbered per
chapter ("Figure 4.1") and labelled "fig-" + the file's stem with hyphens for
underscores, so the text cites images/backprop_w5.svg as {numref}`fig-backprop-w5`.

It also adds static/book_site.css, which hides the theme's top bar on wide
screens, where it only repeats the sidebar's search box.
"""

import pathlib
import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

_BIBLIO_ENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # The same script registered twice (as filename None and "").
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(getattr(script, "filename", script) or ""),
               tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def _fix_bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = _BIBLIO_ENTRY.sub(r'\1 role="listitem"', body)


class DiagramsAsFigures(SphinxTransform):
    """A paragraph holding only an image from images/ becomes a numbered figure."""

    default_priority = 400  # before Sphinx collects labels and figure numbers

    def apply(self):
        for paragraph in list(self.document.findall(nodes.paragraph)):
            children = [c for c in paragraph.children
                        if not (isinstance(c, nodes.Text) and not c.strip())]
            if len(children) != 1 or not isinstance(children[0], nodes.image):
                continue
            image = children[0]
            if "images/" not in image["uri"] or not image.get("title"):
                continue
            name = "fig-" + pathlib.PurePosixPath(image["uri"]).stem.replace("_", "-")
            figure = nodes.figure("", image.deepcopy(), nodes.caption("", image["title"]))
            figure["names"].append(name)
            self.document.note_explicit_target(figure, figure)
            paragraph.replace_self(figure)


def _add_static(app):
    app.config.html_static_path.append(str(pathlib.Path(__file__).parent / "static"))


def setup(app):
    app.add_transform(DiagramsAsFigures)
    app.connect("builder-inited", _add_static)
    app.add_css_file("book_site.css")
    # Run late, after the theme and sphinx-thebe have filled the context.
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _fix_bibliography_roles, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
