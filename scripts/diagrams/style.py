"""The book's one visual style for diagrams, and small drawing helpers.

Every diagram is drawn on an axes whose data coordinates are "diagram units"
(1 unit = 1 inch at 100 % zoom), with the axes hidden. Labels use the Notation
page's symbols in matplotlib mathtext.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

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
