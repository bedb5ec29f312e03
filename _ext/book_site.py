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

It also turns each diagram into a numbered figure. A notebook carries its
diagrams inside itself, so that they show wherever it is opened alone (Colab,
GitHub, VS Code, JupyterLab): `![alt text](data:image/png;base64,... "Caption.")`,
a PNG whose "Title" text chunk names the diagram (scripts/embed_diagrams.py
writes these; `![alt](../images/stem.svg "Caption.")` is read the same way). On
the site, a paragraph that holds only such an image becomes a figure that shows
the committed SVG, images/stem.svg, with that caption (inline `$...$` in it is
typeset as math), numbered per chapter ("Figure 4.1") and labelled "fig-" + the
stem with hyphens for underscores, so the text cites images/backprop_w5.svg as
{numref}`fig-backprop-w5`. The picture links to the SVG itself, so that a reader
on a phone can open a diagram full size with one tap. MyST-NB does not render
cell attachments (executablebooks/MyST-NB#492) and Colab ignores them, which is
why the notebooks embed a data URI instead.

It also adds static/book_site.css, which hides the theme's top bar on wide
screens, where it only repeats the sidebar's search box.
"""

import base64
import io
import os
import pathlib
import re

import PIL.Image
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

_BIBLIO_ENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # The same script registered twice (as filename None and "").
        attributes = getattr(script, "attributes", {}) or {}
        key = (
            str(getattr(script, "filename", script) or ""),
            tuple(sorted((k, str(v)) for k, v in attributes.items())),
        )
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def _fix_bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = _BIBLIO_ENTRY.sub(r'\1 role="listitem"', body)


_PNG_DATA = "data:image/png;base64,"


def png_title(data):
    """The "Title" text chunk of PNG bytes (the diagram's stem), or None."""
    try:
        with PIL.Image.open(io.BytesIO(data)) as image:
            return image.text.get("Title") if image.format == "PNG" else None
    except PIL.UnidentifiedImageError:
        return None


def diagram_stem(uri):
    """The stem of the diagram an image URI shows, or None if it is no diagram."""
    if uri.startswith(_PNG_DATA):
        try:
            return png_title(base64.b64decode(uri[len(_PNG_DATA) :], validate=True))
        except ValueError:
            return None
    path = pathlib.PurePosixPath(uri)
    if "images" in path.parts and path.suffix == ".svg":
        return path.stem
    return None


def caption_nodes(title):
    """Caption children: text, with every `$...$` span as inline math."""
    parts = title.split("$")
    if len(parts) % 2 == 0:  # an unpaired $: keep the text as it is
        return [nodes.Text(title)]
    children = []
    for i, part in enumerate(parts):
        if not part:
            continue
        children.append(nodes.math(part, part) if i % 2 else nodes.Text(part))
    return children


class DiagramsAsFigures(SphinxTransform):
    """A paragraph holding only a diagram becomes a numbered figure of its SVG."""

    default_priority = 400  # before Sphinx collects images, labels and numbers

    def apply(self):
        for paragraph in list(self.document.findall(nodes.paragraph)):
            children = [
                c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())
            ]
            if len(children) != 1 or not isinstance(children[0], nodes.image):
                continue
            image = children[0]
            stem = diagram_stem(image["uri"])
            if stem is None or not image.get("title"):
                continue
            svg = pathlib.Path(self.env.srcdir) / "images" / f"{stem}.svg"
            if not svg.is_file():
                logger.warning(
                    f"diagram {stem!r} has no images/{stem}.svg (run `make figures`)",
                    location=paragraph,
                )
                continue
            docdir = os.path.dirname(self.env.doc2path(self.env.docname))
            image = image.deepcopy()
            image["uri"] = pathlib.Path(os.path.relpath(svg, docdir)).as_posix()
            image.attributes.pop("candidates", None)
            title = image.attributes.pop("title")  # the caption; no TeX in a tooltip
            figure = nodes.figure("", image, nodes.caption("", "", *caption_nodes(title)))
            figure["names"].append("fig-" + stem.replace("_", "-"))
            self.document.note_explicit_target(figure, figure)
            paragraph.replace_self(figure)


# A figure's picture becomes a link to the image itself (full size on a phone).
_FIGURE_IMG = re.compile(r'(<figure\b[^>]*>\s*)(<img\b[^>]*?\bsrc="([^"]+\.svg)"[^>]*>)')


def _link_figures(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and "<figure" in body:
        context["body"] = _FIGURE_IMG.sub(
            r'\1<a class="reference internal image-reference diagram-link" href="\3">'
            r"\2</a>",
            body,
        )


def _add_static(app):
    app.config.html_static_path.append(str(pathlib.Path(__file__).parent / "static"))


def setup(app):
    app.add_transform(DiagramsAsFigures)
    app.connect("builder-inited", _add_static)
    app.add_css_file("book_site.css")
    # Run late, after the theme and sphinx-thebe have filled the context.
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _fix_bibliography_roles, priority=900)
    app.connect("html-page-context", _link_figures, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
