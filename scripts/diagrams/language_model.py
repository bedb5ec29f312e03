"""Diagrams of chapter 8, a character-level language model.

char_lm_unrolled: training. The network reads the text one character per step
(inputs at the bottom) and predicts the next character at every step; the
targets (top) are the same text shifted one step to the left.
char_lm_sampling: generation. One character primes the network; each sampled
character is fed back as the next input (the one-to-many pattern).
"""

from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path

from diagrams.style import (
    ACCENT,
    FAINT,
    HIDDEN,
    INK,
    INPUT,
    LOSS,
    OUTPUT,
    arrow,
    box,
    canvas,
    label,
    node,
)

RADIUS = 0.32
CHAR = 0.5  # side of a character box


def _char(ax, xy, char, color, edge=INK):
    """A square box holding one character of the text, in a typewriter font."""
    box(ax, xy, "", color, width=CHAR, height=CHAR)
    ax.text(
        *xy,
        char,
        ha="center",
        va="center",
        family="DejaVu Sans Mono",
        fontsize=15,
        zorder=4,
        color=edge,
    )


def draw_char_lm_unrolled():
    """Five training steps on "The Ze": inputs T, h, e, space, Z; targets shifted."""
    fig, ax = canvas(9.7, 6.0)
    inputs, targets = ["T", "h", "e", "␣", "Z"], ["h", "e", "␣", "Z", "e"]
    x_h0, x_1, dx = 0.6, 1.95, 1.35
    y_x, y_h, y_p, y_d = 1.1, 2.55, 3.95, 5.25
    previous = (x_h0, y_h)
    for t, (c_in, c_out) in enumerate(zip(inputs, targets), start=1):
        cx = x_1 + (t - 1) * dx
        arrow(ax, (cx, y_x), (cx, y_h), shrink=RADIUS)
        arrow(ax, previous, (cx, y_h), color=ACCENT, shrink=RADIUS)
        arrow(ax, (cx, y_h), (cx, y_p), shrink=RADIUS)
        arrow(ax, (cx, y_d), (cx, y_p), color=LOSS, shrink=RADIUS, linestyle="--")
        _char(ax, (cx, y_x), c_in, INPUT)
        _char(ax, (cx, y_d), c_out, "white", edge=LOSS)
        node(ax, (cx, y_h), rf"$\mathbf{{h}}_{t}$", HIDDEN, radius=RADIUS)
        node(ax, (cx, y_p), rf"$\mathbf{{p}}_{t}$", OUTPUT, radius=RADIUS)
        ax.text(cx, y_x - 0.5, f"$t = {t}$", ha="center", va="top", color=FAINT)
        previous = (cx, y_h)
    node(ax, (x_h0, y_h), r"$\mathbf{h}_0$", HIDDEN, radius=RADIUS)
    c1 = x_1
    label(ax, ((x_h0 + c1) / 2, y_h), "$W_{hh}$", color=ACCENT)
    label(ax, (c1, (y_x + y_h) / 2), "$W_{xh}$")
    label(ax, (c1, (y_h + y_p) / 2), "$W_{hy}$")
    label(
        ax, (c1 - 0.2, (y_p + y_d) / 2), r"$L_1 = -\log p_{1,d_1}$", color=LOSS, ha="right"
    )  # left of column 1, clear of column 2's dashed arrow
    right = x_1 + 4 * dx + 0.55
    ax.text(
        right,
        y_x,
        "inputs $\\mathbf{x}_t$:\nthe text, one-hot",
        ha="left",
        va="center",
        fontsize=11,
    )
    ax.text(
        right,
        y_d,
        "targets $d_t$:\nthe same text,\nshifted by one",
        ha="left",
        va="center",
        fontsize=11,
        color=LOSS,
    )
    ax.text(
        right,
        y_p,
        "$\\mathbf{p}_t = \\mathrm{softmax}(\\mathbf{y}_t)$",
        ha="left",
        va="center",
        fontsize=11,
    )
    return fig


def _elbow(ax, points, color):
    """A dashed arrow along the straight segments joining `points` (corners)."""
    codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    ax.add_patch(
        FancyArrowPatch(
            path=Path(points, codes),
            arrowstyle="-|>",
            mutation_scale=14,
            color=color,
            lw=1.4,
            linestyle="--",
            zorder=2,
        )
    )


def draw_char_lm_sampling():
    """Generation from one character: each sample becomes the next input."""
    fig, ax = canvas(9.5, 5.6)
    samples = ["o", "n", "␣", "i"]
    x_h0, x_1, dx = 0.6, 1.95, 1.6
    y_x, y_h, y_p, y_s = 1.0, 2.4, 3.7, 4.9
    previous = (x_h0, y_h)
    for t, c_out in enumerate(samples, start=1):
        cx = x_1 + (t - 1) * dx
        arrow(ax, (cx, y_x), (cx, y_h), shrink=RADIUS)
        arrow(ax, previous, (cx, y_h), color=ACCENT, shrink=RADIUS)
        arrow(ax, (cx, y_h), (cx, y_p), shrink=RADIUS)
        arrow(ax, (cx, y_p), (cx, y_s), shrink=RADIUS)
        if t < len(samples):  # feed the sample back as the next input, down the
            lane = cx + dx / 2  # empty lane between two columns: it crosses no node
            _elbow(
                ax,
                [(cx + CHAR / 2, y_s), (lane, y_s), (lane, y_x), (cx + dx - CHAR / 2 - 0.04, y_x)],
                OUTPUT,
            )
        if t == 1:
            _char(ax, (cx, y_x), "N", INPUT)  # the one given character
        else:  # the model's own character, in the colour of the generated text
            _char(ax, (cx, y_x), samples[t - 2], "white", edge=OUTPUT)
        _char(ax, (cx, y_s), c_out, "white", edge=OUTPUT)
        node(ax, (cx, y_h), rf"$\mathbf{{h}}_{t}$", HIDDEN, radius=RADIUS)
        node(ax, (cx, y_p), rf"$\mathbf{{p}}_{t}$", OUTPUT, radius=RADIUS)
        previous = (cx, y_h)
    node(ax, (x_h0, y_h), r"$\mathbf{h}_0$", HIDDEN, radius=RADIUS)
    label(ax, (x_1, (y_p + y_s) / 2), "sample", fontsize=10)
    right = x_1 + 3 * dx + 0.5
    ax.text(
        right,
        y_x,
        "one given\ncharacter, then\nthe model's own",
        ha="left",
        va="center",
        fontsize=11,
    )
    ax.text(
        right,
        y_p,
        "$\\mathrm{softmax}(\\mathbf{y}_t / \\tau)$",
        ha="left",
        va="center",
        fontsize=11,
    )
    ax.text(right, y_s, "generated text", ha="left", va="center", fontsize=11, color=OUTPUT)
    ax.text(
        x_1 + 1.5 * dx,
        0.25,
        "each sampled character is fed back as the next input",
        ha="center",
        va="center",
        color=FAINT,
        fontsize=11,
    )
    return fig


FIGURES = {
    "char_lm_unrolled": draw_char_lm_unrolled,
    "char_lm_sampling": draw_char_lm_sampling,
}
