"""Diagrams of chapter 1, the concepts of recurrent neural networks.

ffn_vs_rnn: a feed-forward network beside a recurrent one (a loop on h).
rnn_unrolled: the recurrent loop folded, and unrolled over t = 1..3.
chain_vs_tree: a chain and a binary tree built from one combining function g.
rnn_types: one-to-one, one-to-many, many-to-one, many-to-many aligned and
encoder-decoder, in the boxes-in-columns style of Karpathy (2015).
"""

from matplotlib.patches import FancyArrowPatch

from diagrams.style import (
    ACCENT,
    FAINT,
    HIDDEN,
    INK,
    INPUT,
    OUTPUT,
    arrow,
    box,
    canvas,
    label,
    node,
)

RADIUS = 0.32


def _self_loop(ax, centre, text, radius=RADIUS):
    """A loop leaving a node on its right and coming back into it: the recurrence."""
    x, y = centre
    start, end = (x + 0.6 * radius, y + 0.8 * radius), (x + 0.6 * radius, y - 0.8 * radius)
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=14,
            color=ACCENT,
            lw=1.6,
            connectionstyle="arc3,rad=-2.6",
            zorder=2,
        )
    )
    label(ax, (x + radius + 0.72, y), text, color=ACCENT, ha="left")


def _column(ax, x, y_in, y_hid, y_out, names, shrink=RADIUS):
    """x -> h -> y drawn bottom to top, with W_xh and W_hy on the two arrows."""
    x_name, h_name, y_name = names
    arrow(ax, (x, y_in), (x, y_hid), shrink=shrink)
    arrow(ax, (x, y_hid), (x, y_out), shrink=shrink)
    label(ax, (x, (y_in + y_hid) / 2), "$W_{xh}$")
    label(ax, (x, (y_hid + y_out) / 2), "$W_{hy}$")
    node(ax, (x, y_in), x_name, INPUT, radius=RADIUS)
    node(ax, (x, y_hid), h_name, HIDDEN, radius=RADIUS)
    node(ax, (x, y_out), y_name, OUTPUT, radius=RADIUS)


def draw_ffn_vs_rnn():
    """Feed-forward (left) and recurrent (right): the same column, plus a loop."""
    fig, ax = canvas(8.0, 4.2)
    names = ("$\\mathbf{x}_t$", "$\\mathbf{h}_t$", "$\\mathbf{y}_t$")
    _column(ax, 2.0, 0.9, 2.15, 3.4, names)
    _column(ax, 5.6, 0.9, 2.15, 3.4, names)
    _self_loop(ax, (5.6, 2.15), "$W_{hh}$")
    ax.text(
        6.64, 1.85, "$\\mathbf{h}_{t-1}$ fed back", ha="left", va="top", color=ACCENT, fontsize=10
    )
    ax.text(
        2.0,
        0.3,
        "feed-forward: $\\mathbf{y}_t$ depends on $\\mathbf{x}_t$ only",
        ha="center",
        va="center",
    )
    ax.text(
        5.6,
        0.3,
        "recurrent: $\\mathbf{y}_t$ depends on $\\mathbf{x}_1, \\dots, \\mathbf{x}_t$",
        ha="center",
        va="center",
    )
    ax.plot([3.75, 3.75], [0.7, 3.9], color=FAINT, lw=0.8, ls=":")
    return fig


def draw_rnn_unrolled():
    """The loop folded (left) and unrolled over t = 1, 2, 3 (right)."""
    fig, ax = canvas(10.0, 4.2)
    y_in, y_hid, y_out = 0.9, 2.15, 3.4
    names = ("$\\mathbf{x}_t$", "$\\mathbf{h}_t$", "$\\mathbf{y}_t$")
    _column(ax, 1.0, y_in, y_hid, y_out, names)
    _self_loop(ax, (1.0, y_hid), "$W_{hh}$")
    ax.annotate(
        "",
        xy=(3.35, y_hid),
        xytext=(2.55, y_hid),
        arrowprops=dict(arrowstyle="-|>", color=FAINT, lw=2.2, mutation_scale=18),
    )
    ax.text(2.95, y_hid + 0.3, "unroll", ha="center", va="bottom", color=FAINT)

    h_0 = (4.0, y_hid)
    columns = [5.7, 7.35, 9.0]
    previous = h_0
    for t, x in enumerate(columns, start=1):
        arrow(ax, previous, (x, y_hid), color=ACCENT, shrink=RADIUS)
        label(ax, ((previous[0] + x) / 2, y_hid), "$W_{hh}$", color=ACCENT)
        _column(
            ax,
            x,
            y_in,
            y_hid,
            y_out,
            (f"$\\mathbf{{x}}_{t}$", f"$\\mathbf{{h}}_{t}$", f"$\\mathbf{{y}}_{t}$"),
        )
        ax.text(x, 0.25, f"$t = {t}$", ha="center", va="center", color=FAINT)
        previous = (x, y_hid)
    node(ax, h_0, "$\\mathbf{h}_0$", HIDDEN, radius=RADIUS)
    ax.text(h_0[0], y_hid - 0.55, "initial\nstate", ha="center", va="top", color=FAINT)
    ax.text(
        7.35,
        3.95,
        "the same $W_{xh}$, $W_{hh}$, $W_{hy}$ at every step",
        ha="center",
        va="center",
        color=FAINT,
    )
    return fig


def _g(ax, xy, size=0.5):
    box(ax, xy, "$g$", HIDDEN, width=size, height=size)


def draw_chain_vs_tree():
    """A chain (left) and a balanced binary tree (right) sharing one function g."""
    fig, ax = canvas(10.0, 4.0)
    y_leaf = 0.75
    # Chain: h_0 and x_1..x_4 feed four g boxes in a row, like an unrolled RNN.
    xs = [1.4, 2.6, 3.8, 5.0]
    y_chain = 2.3
    h_0 = (0.45, y_chain)
    previous = h_0
    for t, x in enumerate(xs, start=1):
        arrow(ax, previous, (x, y_chain), color=ACCENT, shrink=0.3)
        arrow(ax, (x, y_leaf), (x, y_chain), shrink=0.3)
        node(ax, (x, y_leaf), f"$\\mathbf{{x}}_{t}$", INPUT, radius=0.28)
        previous = (x, y_chain)
    for t, x in enumerate(xs, start=1):
        _g(ax, (x, y_chain))
        ax.text(
            x + 0.1, y_chain + 0.33, f"$\\mathbf{{h}}_{t}$", ha="left", va="bottom", fontsize=11
        )
    node(ax, h_0, "$\\mathbf{h}_0$", HIDDEN, radius=0.28)
    ax.text(2.7, 3.65, "chain (recurrent network)", ha="center", va="center")
    ax.text(2.7, 0.15, "depth grows like $T$", ha="center", va="center", color=FAINT)
    ax.plot([5.8, 5.8], [0.3, 3.8], color=FAINT, lw=0.8, ls=":")

    # Tree: ((x_1 x_2) (x_3 x_4)).
    leaves = [6.5, 7.4, 8.5, 9.4]
    left, right = (6.95, 1.85), (8.95, 1.85)
    root = (7.95, 2.9)
    for leaf, parent in zip(leaves, [left, left, right, right]):
        arrow(ax, (leaf, y_leaf), parent, shrink=0.3)
    for child in (left, right):
        arrow(ax, child, root, color=ACCENT, shrink=0.3)
    for t, x in enumerate(leaves, start=1):
        node(ax, (x, y_leaf), f"$\\mathbf{{x}}_{t}$", INPUT, radius=0.28)
    for xy in (left, right, root):
        _g(ax, xy)
    ax.text(root[0] + 0.4, root[1], "$\\mathbf{p}$", ha="left", va="center", fontsize=11)
    ax.text(7.95, 3.65, "tree (recursive network)", ha="center", va="center")
    ax.text(7.95, 0.15, "depth grows like $\\log_2 T$", ha="center", va="center", color=FAINT)
    return fig


STEP = 0.78  # distance between time-step columns in rnn_types
CELL = 0.44  # side of one box in rnn_types


def _unit(ax, xy, text, color, fontsize=10):
    width = CELL if len(text) < 4 else CELL + 0.2  # room for a label such as y_{t-1}
    box(ax, xy, text, color, width=width, height=CELL, fontsize=fontsize)


def _panel(ax, x0, y0, inputs, outputs, steps, title, example, names=None):
    """One panel: boxes x (bottom), h (middle), y (top) for `steps` columns.

    `inputs` and `outputs` are the step indices (0-based) that have an x or a y.
    """
    y_in, y_hid, y_out = y0, y0 + 0.85, y0 + 1.7
    xs = [x0 + STEP * k for k in range(steps)]
    names = names or {}
    for k, x in enumerate(xs):
        if k:
            arrow(ax, (xs[k - 1], y_hid), (x, y_hid), color=ACCENT, shrink=0.23)
        if k in inputs:
            arrow(ax, (x, y_in), (x, y_hid), shrink=0.23)
            text = names.get(("x", k), "$x$")
            _unit(ax, (x, y_in), text, INPUT, fontsize=10 if len(text) < 4 else 8)
        if k in outputs:
            arrow(ax, (x, y_hid), (x, y_out), shrink=0.23)
            _unit(ax, (x, y_out), names.get(("y", k), "$y$"), OUTPUT)
        _unit(ax, (x, y_hid), "$h$", HIDDEN)
    middle = (xs[0] + xs[-1]) / 2
    ax.text(middle, y_out + 0.45, title, ha="center", va="center")
    ax.text(middle, y_in - 0.45, example, ha="center", va="center", color=FAINT, fontsize=10)
    return xs


def draw_rnn_types():
    """The five input/output patterns of a recurrent network, in two rows."""
    fig, ax = canvas(9.6, 6.5)
    top, bottom = 4.0, 1.0
    _panel(ax, 0.8, top, [0], [0], 1, "one-to-one", "image class")
    _panel(ax, 2.5, top, [0], [0, 1, 2], 3, "one-to-many", "image caption")
    _panel(ax, 6.1, top, [0, 1, 2], [2], 3, "many-to-one", "sentiment of a text")
    _panel(ax, 0.8, bottom, [0, 1, 2], [0, 1, 2], 3, "many-to-many, aligned", "tag every word")
    previous = {("x", 3): "$y_{t-1}$", ("x", 4): "$y_{t-1}$"}
    xs = _panel(
        ax,
        4.5,
        bottom,
        [0, 1, 2, 3, 4],
        [3, 4],
        5,
        "many-to-many, encoder–decoder",
        "translate a sentence",
        previous,
    )
    ax.plot([xs[2] + STEP / 2] * 2, [bottom - 0.25, bottom + 1.95], color=FAINT, lw=0.8, ls=":")
    ax.text(xs[1], bottom + 1.7, "encoder", ha="center", va="center", color=FAINT, fontsize=10)
    ax.text(xs[4] + 0.35, bottom + 1.7, "decoder", ha="left", va="center", color=FAINT, fontsize=10)
    ax.plot([0.3, 9.3], [3.45, 3.45], color=FAINT, lw=0.6, ls=":")
    ax.text(
        9.3,
        0.15,
        "$x$ input,  $h$ hidden state,  $y$ output; each column is one time step",
        ha="right",
        va="center",
        fontsize=10,
        color=INK,
    )
    return fig


FIGURES = {
    "ffn_vs_rnn": draw_ffn_vs_rnn,
    "rnn_unrolled": draw_rnn_unrolled,
    "chain_vs_tree": draw_chain_vs_tree,
    "rnn_types": draw_rnn_types,
}
