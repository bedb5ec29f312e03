"""Truncated BPTT in chunks: the state crosses chunk boundaries, the gradient does not.

Chapter 6 (vanishing and exploding gradients, clipping, truncated BPTT).
"""

from diagrams.style import (
    ACCENT,
    FAINT,
    FONT_SIZE,
    HIDDEN,
    INK,
    LOSS,
    arrow,
    canvas,
    label,
    node,
)

T, K = 8, 4  # time steps and chunk length (the chapter's example has 12 steps)
STEP = 0.85  # horizontal distance between states (inches)
GAP = 0.22  # extra room at each chunk boundary
RADIUS = 0.28
Y_H = 1.55  # the row of hidden states


def x_of(t):
    """Horizontal position of h_t (t = 0..T); boundaries add a small gap."""
    return 0.6 + t * STEP + max(t - 1, 0) // K * GAP


def draw_chunks():
    width = x_of(T) + 0.65
    fig, ax = canvas(width, 3.2)
    for t in range(T + 1):
        color = ACCENT if t % K == 0 and 0 < t < T else HIDDEN
        node(ax, (x_of(t), Y_H), rf"$\mathbf{{h}}_{{{t}}}$", color, radius=RADIUS, fontsize=12)
    for t in range(1, T + 1):  # forward: every state feeds the next one
        arrow(ax, (x_of(t - 1), Y_H), (x_of(t), Y_H), shrink=RADIUS + 0.02)
        if (t - 1) % K != 0:  # backward: only inside a chunk
            low = Y_H - RADIUS + 0.04  # leave from the lower rims of the nodes
            arrow(
                ax,
                (x_of(t) - 0.1, low),
                (x_of(t - 1) + 0.1, low),
                color=LOSS,
                rad=-0.8,
                shrink=0.03,
                linestyle="--",
            )
    for c in range(T // K):
        first, last = c * K + 1, (c + 1) * K
        middle = (x_of(first) + x_of(last)) / 2
        label(ax, (middle, 2.75), f"chunk {c + 1}: $t$ = {first} … {last}", fontsize=FONT_SIZE)
        if c > 0:  # the boundary between chunk c and chunk c + 1
            x_b = (x_of(first - 1) + x_of(first)) / 2
            ax.plot([x_b, x_b], [1.15, 2.3], color=FAINT, lw=1.2, ls=":", zorder=1)
            label(ax, (x_b, 0.95), "gradient\nstops", color=LOSS, fontsize=10)
    label(
        ax,
        (width / 2, 0.42),
        "solid: forward pass, exact across chunks     dashed: gradient inside a chunk",
        color=INK,
        fontsize=FONT_SIZE,
    )
    label(
        ax,
        (width / 2, 0.12),
        "blue: the state carried into the next chunk",
        color=INK,
        fontsize=FONT_SIZE,
    )
    return fig


FIGURES = {"truncation_chunks": draw_chunks}
