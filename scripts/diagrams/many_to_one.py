"""Diagram of chapter 7, many-to-one training.

many_to_one_unrolled: the Elman network unrolled over a window of T steps with a
single output y_T and a single loss L at the end. Forward edges are in ink; the
gradient flows back along dashed edges in the loss colour, from L to y_T to h_T
and then only through the recurrence, h_T to h_{T-1} to ... to h_1, because no
earlier step has an output or a loss of its own.
"""

from diagrams.style import (
    FAINT,
    HIDDEN,
    INPUT,
    LOSS,
    OUTPUT,
    arrow,
    box,
    canvas,
    label,
    node,
)

RADIUS = 0.34
X_H0, DX = 0.8, 1.55  # h_0's column and the spacing between columns
Y_X, Y_H, Y_Y, Y_L = 1.15, 2.7, 4.25, 5.6  # rows: input, hidden, output, loss
STEPS = ["0", "1", None, "T-1", "T"]  # None: the steps in between


def _shrink(t):
    """How far an arrow stops short of a column: a node's radius, or the dots."""
    return 0.3 if t is None else RADIUS


def draw_many_to_one_unrolled():
    """The unrolled network with one output and one loss, at step T."""
    fig, ax = canvas(9.3, 6.15)
    xs = [X_H0 + i * DX for i in range(len(STEPS))]
    for i, (cx, t) in enumerate(zip(xs, STEPS)):
        if i > 0:  # forward along the chain, and the gradient back along it
            prev = (xs[i - 1], Y_H)
            shrink = max(_shrink(t), _shrink(STEPS[i - 1]))
            arrow(ax, prev, (cx, Y_H), shrink=shrink)
            arrow(ax, (cx, Y_H), prev, color=LOSS, shrink=shrink, rad=-0.35, linestyle="--")
            if None not in (t, STEPS[i - 1]):
                label(ax, ((prev[0] + cx) / 2, Y_H + 0.05), r"$W_{hh}$")
        if t is None:
            for y in (Y_X, Y_H):
                ax.text(cx, y, r"$\cdots$", ha="center", va="center", fontsize=18)
            continue
        node(ax, (cx, Y_H), rf"$\mathbf{{h}}_{{{t}}}$", HIDDEN, radius=RADIUS)
        if t == "0":
            continue
        arrow(ax, (cx, Y_X), (cx, Y_H), shrink=RADIUS)
        label(ax, (cx - 0.05, (Y_X + Y_H) / 2), r"$W_{xh}$")
        node(ax, (cx, Y_X), rf"$\mathbf{{x}}_{{{t}}}$", INPUT, radius=RADIUS)
        ax.text(cx, Y_X - 0.55, f"$t = {t}$", ha="center", va="top", color=FAINT)
        if t != "T":
            ax.text(
                cx, Y_Y, "no output,\nno loss", ha="center", va="center", color=FAINT, fontsize=10
            )

    # The single output and the single loss, at step T.
    cT = xs[-1]
    y_T, L = (cT, Y_Y), (cT, Y_L)
    arrow(ax, (cT, Y_H), y_T, shrink=RADIUS)
    arrow(ax, y_T, L, shrink=RADIUS)
    arrow(ax, L, y_T, color=LOSS, shrink=RADIUS, rad=-0.45, linestyle="--")
    arrow(ax, y_T, (cT, Y_H), color=LOSS, shrink=RADIUS, rad=-0.45, linestyle="--")
    label(ax, (cT - 0.05, (Y_H + Y_Y) / 2), r"$W_{hy}$")
    node(ax, y_T, r"$\mathbf{y}_T$", OUTPUT, radius=RADIUS)
    box(ax, L, r"$L$", "white", width=0.7, height=0.5)
    ax.text(cT - 1.0, Y_L, r"$\mathbf{d}$", ha="center", va="center", color=FAINT)
    arrow(ax, (cT - 0.85, Y_L), (cT - 0.38, Y_L), color=FAINT, shrink=0.0, lw=1.0)

    # Name the gradients: at the output, at h_T, and the message between states.
    label(ax, (cT + 0.45, (Y_Y + Y_L) / 2), r"$\mathbf{y}_T-\mathbf{d}$", color=LOSS, ha="left")
    label(
        ax,
        (cT + 0.55, (Y_H + Y_Y) / 2),
        r"$W_{hy}^{\top}\,\partial L/\partial\mathbf{y}_T$",
        color=LOSS,
        ha="left",
    )
    label(
        ax,
        ((xs[3] + xs[4]) / 2 - 0.05, Y_H - 1.0),  # clear of the W_xh labels beside it
        r"$W_{hh}^{\top}\,\partial L/\partial\mathbf{a}_T$",
        color=LOSS,
    )

    ax.text(
        cT + 0.5,
        Y_L,
        r"$L = \frac{1}{2}\Vert\mathbf{y}_T-\mathbf{d}\Vert^2$",
        ha="left",
        va="center",
    )  # the loss, written out beside its box
    # Legend.
    y0 = 0.18  # below the "t = ..." labels, with a clear gap
    arrow(ax, (0.4, y0), (1.2, y0), shrink=0.0)
    ax.text(1.35, y0, "forward pass", ha="left", va="center")
    arrow(ax, (3.6, y0), (4.4, y0), color=LOSS, shrink=0.0, linestyle="--")
    ax.text(4.55, y0, "gradient flowing back (backward pass)", ha="left", va="center")
    return fig


FIGURES = {"many_to_one_unrolled": draw_many_to_one_unrolled}
