"""Diagrams of chapter 5, backpropagation through time.

bptt_unrolled: the Elman network unrolled for T = 3. Forward edges are drawn in
ink and labelled with their weight matrices; the gradient flows backward along
dashed edges in the loss colour, so dL/dh_t visibly arrives at h_t from two
places, from y_t and from h_{t+1} (only from y_3 at the last step).
"""

from diagrams.style import (
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

RADIUS = 0.34
X_H0, X_STEP, DX = 0.9, 2.75, 2.25  # h_0's column, step 1's column, column spacing
Y_X, Y_H, Y_Y, Y_L = 1.15, 2.7, 4.25, 5.6  # rows: input, hidden, output, loss


def _column(t):
    return X_STEP + (t - 1) * DX


def draw_bptt_unrolled():
    """The network unrolled over three steps, forward and backward edges."""
    fig, ax = canvas(8.7, 6.15)
    h_prev = (X_H0, Y_H)
    node(ax, h_prev, r"$\mathbf{h}_0$", HIDDEN, radius=RADIUS)
    for t in (1, 2, 3):
        cx = _column(t)
        x_t, h_t, y_t, L_t = (cx, Y_X), (cx, Y_H), (cx, Y_Y), (cx, Y_L)
        # Forward pass, in ink.
        arrow(ax, x_t, h_t, shrink=RADIUS)
        arrow(ax, h_prev, h_t, shrink=RADIUS)
        arrow(ax, h_t, y_t, shrink=RADIUS)
        arrow(ax, y_t, L_t, shrink=RADIUS)
        label(ax, (cx - 0.05, (Y_X + Y_H) / 2), r"$W_{xh}$")
        label(ax, ((h_prev[0] + cx) / 2, Y_H + 0.05), r"$W_{hh}$")
        label(ax, (cx - 0.05, (Y_H + Y_Y) / 2), r"$W_{hy}$")
        # The target enters the loss from the left.
        ax.text(cx - 0.95, Y_L, rf"$\mathbf{{d}}_{t}$", ha="center", va="center", color=FAINT)
        arrow(ax, (cx - 0.8, Y_L), (cx - 0.35, Y_L), color=FAINT, shrink=0.0, lw=1.0)
        # Backward pass: dashed, in the loss colour, beside the forward edges.
        arrow(ax, L_t, y_t, color=LOSS, shrink=RADIUS, rad=-0.45, linestyle="--")
        arrow(ax, y_t, h_t, color=LOSS, shrink=RADIUS, rad=-0.45, linestyle="--")
        if t < 3:
            arrow(ax, (cx + DX, Y_H), h_t, color=LOSS, shrink=RADIUS, rad=-0.35, linestyle="--")
        node(ax, x_t, rf"$\mathbf{{x}}_{t}$", INPUT, radius=RADIUS)
        node(ax, h_t, rf"$\mathbf{{h}}_{t}$", HIDDEN, radius=RADIUS)
        node(ax, y_t, rf"$\mathbf{{y}}_{t}$", OUTPUT, radius=RADIUS)
        box(ax, L_t, rf"$L_{t}$", "white", width=0.7, height=0.5)
        ax.text(cx, Y_X - 0.55, f"$t = {t}$", ha="center", va="top", color=FAINT)
        h_prev = h_t

    # Name the two gradients that meet at h_2, and the single one at h_3.
    c2, c3 = _column(2), _column(3)
    label(
        ax,
        (c2 + 0.62, (Y_H + Y_Y) / 2),
        r"$W_{hy}^{\top}\,\partial L/\partial\mathbf{y}_2$",
        color=LOSS,
        ha="left",
    )
    label(
        ax,
        ((c2 + c3) / 2, Y_H - 0.72),
        r"$W_{hh}^{\top}\,\partial L/\partial\mathbf{a}_3$",
        color=LOSS,
    )
    label(ax, (c2 + 0.55, (Y_Y + Y_L) / 2), r"$\mathbf{y}_2-\mathbf{d}_2$", color=LOSS, ha="left")
    label(ax, (c3 + 0.42, Y_H), "only from\n$\\mathbf{y}_3$", color=LOSS, ha="left")

    ax.text(X_H0, Y_L + 0.05, r"$L = L_1 + L_2 + L_3$", ha="center", va="center")
    # Legend.
    y0 = 0.35
    arrow(ax, (0.4, y0), (1.2, y0), shrink=0.0)
    ax.text(1.35, y0, "forward pass", ha="left", va="center")
    arrow(ax, (3.6, y0), (4.4, y0), color=LOSS, shrink=0.0, linestyle="--")
    ax.text(4.55, y0, "gradient flowing back (backward pass)", ha="left", va="center", color=INK)
    return fig


FIGURES = {"bptt_unrolled": draw_bptt_unrolled}
