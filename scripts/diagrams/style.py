"""The book's one visual style for diagrams, and small drawing helpers.

Every diagram is drawn on an axes whose data coordinates are "diagram units"
(1 unit = 1 inch at 100 % zoom), with the axes hidden. Labels use the Notation
page's symbols in matplotlib mathtext.
"""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

# One palette for the whole book (colour-blind safe, from the Okabe-Ito set).
INPUT = "#56B4E9"  # sky blue: inputs x, i
HIDDEN = "#E69F00"  # orange: hidden units h
OUTPUT = "#009E73"  # green: outputs y, o
BIAS = "#CCCCCC"  # grey: bias units
LOSS = "#D55E00"  # vermillion: errors, losses, gradients
ACCENT = "#0072B2"  # blue: highlighted paths
INK = "#222222"  # text and lines
FAINT = "#999999"  # de-emphasised lines

FONT_SIZE = 12

# Legibility (issue 10 item 7, issue 13 item 2): diagram text reads at no less than
# 80 % of body text at the column width. The site's text column is 672 px wide
# (7 inches at 96 px per inch) with 16 px body text, and a diagram wider than the
# column is scaled down to fit it, so its text shrinks by COLUMN_WIDTH / width.
# tests/test_diagrams.py measures the drawn SVGs against the same rule.
COLUMN_WIDTH = 7.0  # inches: 672 px
MIN_TEXT_PX = 0.8 * 16
MIN_FONT_SIZE = MIN_TEXT_PX * 72 / 96  # points, on a canvas no wider than the column


def min_font_size(width):
    """The smallest font size (points) that stays legible on a `width`-inch canvas."""
    size = MIN_FONT_SIZE * max(1.0, width / COLUMN_WIDTH)
    return math.ceil(size * 10 - 1e-9) / 10  # round up to 0.1 pt


def legible(fig):
    """Raise every text of `fig` to the canvas's smallest legible size; return `fig`.

    Sizes chosen in the diagrams set the hierarchy; this is the floor under them.
    draw_diagrams.all_figures() applies it to every diagram, for the SVG and the
    PNG copies alike.
    """
    floor = min_font_size(fig.get_figwidth())
    for text in fig.findobj(Text):
        if text.get_text() and text.get_fontsize() < floor:
            text.set_fontsize(floor)
    return fig


RC = {
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "path",  # text as paths: no font needed to view the SVG
    "svg.hashsalt": "understanding-rnns",  # fixed ids, so the file is stable
    "axes.edgecolor": INK,
    "text.color": INK,
}


def canvas(width, height):
    """A blank figure `width` x `height` inches whose data units are inches."""
    with plt.rc_context(RC):
        fig = plt.figure(figsize=(width, height))
        ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def node(ax, xy, label, color, radius=0.3, fontsize=FONT_SIZE):
    """A filled circle with a centred label (a neuron, a state, an input)."""
    ax.add_patch(Circle(xy, radius, facecolor=color, edgecolor=INK, lw=1.2, zorder=3))
    ax.text(*xy, label, ha="center", va="center", fontsize=fontsize, zorder=4)


def box(ax, xy, label, color, width=1.0, height=0.6, fontsize=FONT_SIZE):
    """A rounded rectangle centred on `xy` with a label (a layer, a cell, a loss)."""
    x, y = xy
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=color,
            edgecolor=INK,
            lw=1.2,
            zorder=3,
        )
    )
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax, start, end, color=INK, lw=1.4, shrink=0.32, rad=0.0, style="-|>", linestyle="-"):
    """An arrow from `start` to `end`, stopping `shrink` inches short of each end."""
    points_per_inch = 72
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle=style,
            mutation_scale=14,
            color=color,
            lw=lw,
            shrinkA=shrink * points_per_inch,
            shrinkB=shrink * points_per_inch,
            connectionstyle=f"arc3,rad={rad}",
            linestyle=linestyle,
            zorder=2,
        )
    )


def label(ax, xy, text, color=INK, fontsize=FONT_SIZE - 1, **kwargs):
    """Text on a white background, for labelling an edge."""
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    ax.text(
        *xy,
        text,
        color=color,
        fontsize=fontsize,
        zorder=5,
        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"),
        **kwargs,
    )


def save(fig, path):
    """Write `fig` as a deterministic SVG (fixed ids, no date) and close it."""
    with plt.rc_context(RC):
        fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
