"""Embed every diagram in the notebooks that show it, as a PNG inside the markdown.

A notebook opened alone (Colab, GitHub's viewer, VS Code, JupyterLab with the
.ipynb copied into an empty folder) cannot read ../images/. So each diagram line

    ![alt text](../images/stem.svg "Caption.")

becomes

    ![alt text](data:image/png;base64,iVBORw0... "Caption.")

The PNG is drawn by the same function that draws images/stem.svg
(scripts/draw_diagrams.py), at 144 dpi, reduced to 64 colours, with its stem in
the PNG's "Title" text chunk. The book's Sphinx extension (_ext/book_site.py)
reads that stem and shows images/stem.svg on the site instead, as a numbered
figure "fig-stem". Running this again replaces each embedded PNG with a freshly
drawn one; tests/test_embedded_diagrams.py fails when a copy is stale.

Why not cell attachments (`attachment:stem.png`)? Colab ignores markdown cell
attachments (googlecolab/colabtools#3836), and it shows no SVG in markdown at all
(googlecolab/colabtools#2092); a PNG data URI is what Colab itself writes when an
image is pasted into a text cell, and JupyterLab, VS Code and GitHub show it too.

    python scripts/embed_diagrams.py                    # every notebook
    python scripts/embed_diagrams.py notebooks/04_*.ipynb
"""

import base64
import io
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "_ext"))

from book_site import png_title  # the site reads the stem the same way

DPI = 144
COLOURS = 64
DATA_PREFIX = "data:image/png;base64,"

# One diagram on a line of its own: ![alt](target "Caption.")
DIAGRAM_LINE = re.compile(
    r"^(?P<head>!\[[^\]]*\]\()(?P<target>\.\./images/[\w-]+\.svg|data:image/png;base64,"
    r'[A-Za-z0-9+/=]+)(?P<tail>(?:\s+"[^"]*")?\)\s*)$',
    re.M,
)


def stem_of(target):
    """The diagram a DIAGRAM_LINE target shows: images/<stem>.svg or the PNG's title."""
    if target.startswith(DATA_PREFIX):
        try:
            return png_title(base64.b64decode(target[len(DATA_PREFIX) :], validate=True))
        except ValueError:
            return None
    return pathlib.PurePosixPath(target).stem


def diagrams_in(text):
    """[(stem, target)] for every diagram line of a markdown text."""
    return [(stem_of(m["target"]), m["target"]) for m in DIAGRAM_LINE.finditer(text)]


def render_png(stem, fig):
    """PNG bytes of a diagram's figure: deterministic, small, stem in its Title."""
    import matplotlib.pyplot as plt
    from PIL import Image, PngImagePlugin

    from diagrams import style

    buffer = io.BytesIO()
    with plt.rc_context(style.RC):
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    plt.close(fig)
    image = (
        Image.open(buffer)
        .convert("RGB")
        .quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    )
    info = PngImagePlugin.PngInfo()
    info.add_text("Title", stem)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def draw_pngs():
    """{stem: PNG bytes} for every diagram the diagram script draws."""
    import draw_diagrams

    return {stem: render_png(stem, draw()) for stem, draw in draw_diagrams.all_figures()}


def embed_text(text, pngs):
    """The markdown text with every diagram line carrying its freshly drawn PNG."""

    def replace(match):
        stem = stem_of(match["target"])
        if stem not in pngs:
            raise SystemExit(f"no diagram named {stem!r} ({match['target'][:60]})")
        data = DATA_PREFIX + base64.b64encode(pngs[stem]).decode("ascii")
        return match["head"] + data + match["tail"]

    return DIAGRAM_LINE.sub(replace, text)


def embed(paths, pngs):
    """Rewrite the notebooks in place; return those that changed."""
    import nbformat

    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        dirty = False
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            new = embed_text(cell.source, pngs)
            if new != cell.source:
                cell.source, dirty = new, True
        if dirty:
            nbformat.write(nb, path)
            changed.append(path)
    return changed


def main(argv):
    paths = [pathlib.Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    pngs = draw_pngs()
    for path in embed(paths, pngs):
        print(f"embedded diagrams in {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
