"""Diagrams of chapter 10, gated cells.

lstm_cell: one LSTM step (Hochreiter and Schmidhuber 1997, with the forget
gate of Gers et al. 2000), drawn in the style of Olah (2015). The cell state
c runs along the top in the accent colour: it is changed only by one
elementwise product (the forget gate) and one sum (the new content), which
is why a gradient can travel along it. The inputs h_{t-1} and x_t run along
two lines at the bottom, each feeding every gate box.
gru_cell: one GRU step (Cho et al. 2014, the reset gate applied before the
recurrent matrix product, Keras's reset_after=False), the state h along the top.

Boxes are layers (a sigmoid or tanh of an affine map of x_t and h_{t-1});
small circles are elementwise operations.
"""

from matplotlib.patches import Circle, FancyBboxPatch

from diagrams.style import (
    ACCENT,
    FAINT,
    HIDDEN,
    INK,
    INPUT,
    arrow,
    box,
    canvas,
    label,
    node,
)

RADIUS = 0.36  # state and input nodes
OP = 0.15  # elementwise-operation circles
GATE_W, TANH_W, BOX_H = 0.52, 0.7, 0.42
Y_X, Y_H, Y_BOX, Y_MID, Y_TOP = 1.0, 1.5, 2.45, 3.25, 4.0  # rows
GATE = "#F0E442"  # yellow (Okabe-Ito): the gate and candidate layers
FRAME = "#F4F4F4"


def _frame(ax, x0, x1, y0, y1):
    """The cell: a faint rounded rectangle behind everything."""
    ax.add_patch(
        FancyBboxPatch(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            boxstyle="round,pad=0.02,rounding_size=0.2",
            facecolor=FRAME,
            edgecolor=FAINT,
            lw=1.0,
            zorder=0,
        )
    )


def _op(ax, xy, text):
    """A small circle for an elementwise operation: a product or a sum."""
    ax.add_patch(Circle(xy, OP, facecolor="white", edgecolor=INK, lw=1.2, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=11, zorder=4)


def _state(ax, xy, text, color, fontsize=12):
    """A state or input node; the cell state is white with a thick blue rim."""
    if color == ACCENT:
        node(ax, xy, text, "white", radius=RADIUS, fontsize=fontsize)
        ax.add_patch(Circle(xy, RADIUS, facecolor="none", edgecolor=ACCENT, lw=2.6, zorder=3))
    else:
        node(ax, xy, text, color, radius=RADIUS, fontsize=fontsize)


def _state_path(ax, x_from, x_times, x_plus, x_to, color):
    """The thick state line along the top: into a product, a sum, then out."""
    _line(ax, (x_from + RADIUS, Y_TOP), (x_times - OP, Y_TOP), color, lw=2.6)
    _line(ax, (x_times + OP, Y_TOP), (x_plus - OP, Y_TOP), color, lw=2.6)
    arrow(ax, (x_plus + OP, Y_TOP), (x_to - RADIUS, Y_TOP), color=color, lw=2.6, shrink=0.0)


def _line(ax, start, end, color, lw=1.4):
    """A plain line without an arrow head (a bus or a branch)."""
    ax.plot(
        [start[0], end[0]], [start[1], end[1]], color=color, lw=lw, zorder=2, solid_capstyle="butt"
    )


def _dot(ax, xy, color):
    """A junction: the line splits here."""
    ax.add_patch(Circle(xy, 0.045, facecolor=color, edgecolor=color, zorder=3))


def _layer(ax, x, text, width=GATE_W):
    """A gate or candidate layer at column x, fed from the h and x lines below."""
    bottom = Y_BOX - BOX_H / 2
    arrow(ax, (x - 0.1, Y_H), (x - 0.1, bottom), color=HIDDEN, shrink=0.0)
    arrow(ax, (x + 0.1, Y_X), (x + 0.1, bottom), color=INPUT, shrink=0.0)
    _dot(ax, (x - 0.1, Y_H), HIDDEN)
    _dot(ax, (x + 0.1, Y_X), INPUT)
    box(ax, (x, Y_BOX), text, GATE, width=width, height=BOX_H, fontsize=12)


def _canvas(width):
    """A canvas 4.75 units high plus a margin below y = 0, where x_t's node ends."""
    fig, ax = canvas(width, 4.75 + 0.15)
    ax.set_ylim(-0.15, 4.75)
    return fig, ax


def _note(ax, xy, text):
    """A line of explanation under the cell."""
    label(ax, xy, text, fontsize=10, ha="left")


def draw_lstm_cell():
    """c_{t-1}, h_{t-1}, x_t in; c_t, h_t out; four layers, three products, a sum."""
    fig, ax = _canvas(7.9)
    x_f, x_i, x_c, x_o, x_out = 2.4, 3.3, 4.15, 5.1, 6.0
    _frame(ax, 1.1, 6.75, 0.72, 4.45)
    # The cell state: the straight path along the top.
    c_prev, c_t = (0.5, Y_TOP), (7.4, Y_TOP)
    _state_path(ax, c_prev[0], x_f, x_c, c_t[0], ACCENT)
    # The inputs: h_{t-1} and x_t run along two lines under the gates.
    h_prev, x_in = (0.5, Y_H), (1.65, 0.32)
    _line(ax, (h_prev[0] + RADIUS, Y_H), (x_o - 0.1, Y_H), HIDDEN)
    _line(ax, (x_in[0], x_in[1] + RADIUS), (x_in[0], Y_X), INPUT)
    _line(ax, (x_in[0], Y_X), (x_o + 0.1, Y_X), INPUT)
    for x, text in [(x_f, r"$\sigma$"), (x_i, r"$\sigma$"), (x_o, r"$\sigma$")]:
        _layer(ax, x, text)
    _layer(ax, x_c, r"$\tanh$", width=TANH_W)
    top = Y_BOX + BOX_H / 2
    # Forget: f_t multiplies c_{t-1}.
    arrow(ax, (x_f, top), (x_f, Y_TOP - OP), shrink=0.0)
    _op(ax, (x_f, Y_TOP), r"$\odot$")
    label(ax, (x_f - 0.25, 3.3), r"$\mathbf{f}_t$")
    # Input: i_t times the candidate, added to the cell.
    arrow(ax, (x_i + 0.12, top), (x_c - OP * 0.8, Y_MID - OP * 0.6), shrink=0.0)
    arrow(ax, (x_c, top), (x_c, Y_MID - OP), shrink=0.0)
    _op(ax, (x_c, Y_MID), r"$\odot$")
    arrow(ax, (x_c, Y_MID + OP), (x_c, Y_TOP - OP), shrink=0.0)
    _op(ax, (x_c, Y_TOP), "+")
    label(ax, (x_i - 0.05, 3.05), r"$\mathbf{i}_t$")
    label(ax, (x_c + 0.3, 2.93), r"$\tilde{\mathbf{c}}_t$")
    # Output: h_t = o_t * tanh(c_t).
    _dot(ax, (x_out, Y_TOP), ACCENT)
    arrow(ax, (x_out, Y_TOP), (x_out, Y_MID + 0.17), color=ACCENT, shrink=0.0)
    box(ax, (x_out, Y_MID), r"$\tanh$", "white", width=0.62, height=0.34, fontsize=11)
    arrow(ax, (x_out, Y_MID - 0.17), (x_out, Y_BOX + OP), shrink=0.0)
    arrow(ax, (x_o + GATE_W / 2, Y_BOX), (x_out - OP, Y_BOX), shrink=0.0)
    _op(ax, (x_out, Y_BOX), r"$\odot$")
    label(ax, ((x_o + x_out) / 2 - 0.02, Y_BOX + 0.2), r"$\mathbf{o}_t$")
    h_t = (7.4, Y_BOX)
    arrow(ax, (x_out + OP, Y_BOX), (h_t[0] - RADIUS, Y_BOX), shrink=0.0)
    # The states and the input.
    _state(ax, c_prev, r"$\mathbf{c}_{t-1}$", ACCENT, fontsize=11)
    _state(ax, c_t, r"$\mathbf{c}_t$", ACCENT)
    _state(ax, h_prev, r"$\mathbf{h}_{t-1}$", HIDDEN, fontsize=11)
    _state(ax, h_t, r"$\mathbf{h}_t$", HIDDEN)
    _state(ax, x_in, r"$\mathbf{x}_t$", INPUT)
    _note(
        ax,
        (2.2, 0.32),
        r"box $g \in \{i, f, c, o\}$:  $\sigma$ or $\tanh$ of"
        r" $W_{xg}\mathbf{x}_t + W_{hg}\mathbf{h}_{t-1} + \mathbf{b}_g$",
    )
    return fig


def draw_gru_cell():
    """h_{t-1}, x_t in; h_t out; two gates, a candidate, 1 - z, products, a sum."""
    fig, ax = _canvas(6.9)
    x_z, x_r, x_rh, x_c, x_one = 2.1, 3.1, 3.9, 4.75, 3.45
    x_branch = 1.2
    _frame(ax, 0.95, 5.75, 0.72, 4.45)
    # The state: h_{t-1} along the top, mixed with the candidate into h_t.
    h_prev, h_t = (0.45, Y_TOP), (6.4, Y_TOP)
    _state_path(ax, h_prev[0], x_z, x_c, h_t[0], HIDDEN)
    # h_{t-1} also branches down to feed the gates; x_t comes in from below.
    x_in = (1.6, 0.32)
    _dot(ax, (x_branch, Y_TOP), HIDDEN)
    _line(ax, (x_branch, Y_TOP), (x_branch, Y_H), HIDDEN)
    _line(ax, (x_branch, Y_H), (x_rh, Y_H), HIDDEN)
    _line(ax, (x_in[0], x_in[1] + RADIUS), (x_in[0], Y_X), INPUT)
    _line(ax, (x_in[0], Y_X), (x_c + 0.1, Y_X), INPUT)
    _layer(ax, x_z, r"$\sigma$")
    _layer(ax, x_r, r"$\sigma$")
    # The candidate reads x_t and r_t * h_{t-1} (not h_{t-1} itself).
    bottom = Y_BOX - BOX_H / 2
    arrow(ax, (x_c + 0.1, Y_X), (x_c + 0.1, bottom), color=INPUT, shrink=0.0)
    _dot(ax, (x_c + 0.1, Y_X), INPUT)
    box(ax, (x_c, Y_BOX), r"$\tanh$", GATE, width=TANH_W, height=BOX_H, fontsize=12)
    # Reset: r_t multiplies h_{t-1} before the candidate's matrix product.
    arrow(ax, (x_rh, Y_H), (x_rh, Y_BOX - OP), color=HIDDEN, shrink=0.0)
    _dot(ax, (x_rh, Y_H), HIDDEN)
    arrow(ax, (x_r + GATE_W / 2, Y_BOX), (x_rh - OP, Y_BOX), shrink=0.0)
    _op(ax, (x_rh, Y_BOX), r"$\odot$")
    arrow(ax, (x_rh + OP, Y_BOX), (x_c - TANH_W / 2, Y_BOX), shrink=0.0)
    label(ax, ((x_r + x_rh) / 2 + 0.02, Y_BOX + 0.2), r"$\mathbf{r}_t$")
    # Update: z_t keeps h_{t-1}; 1 - z_t admits the candidate.
    top = Y_BOX + BOX_H / 2
    arrow(ax, (x_z, top), (x_z, Y_TOP - OP), shrink=0.0)
    _op(ax, (x_z, Y_TOP), r"$\odot$")
    label(ax, (x_z - 0.25, 2.95), r"$\mathbf{z}_t$")
    _dot(ax, (x_z, Y_MID), INK)
    arrow(ax, (x_z, Y_MID), (x_one - 0.2, Y_MID), shrink=0.0)
    ax.add_patch(Circle((x_one, Y_MID), 0.2, facecolor="white", edgecolor=INK, lw=1.2, zorder=3))
    ax.text(x_one, Y_MID, r"$1-$", ha="center", va="center", fontsize=10, zorder=4)
    arrow(ax, (x_one + 0.2, Y_MID), (x_c - OP, Y_MID), shrink=0.0)
    _op(ax, (x_c, Y_MID), r"$\odot$")
    arrow(ax, (x_c, top), (x_c, Y_MID - OP), shrink=0.0)
    label(ax, (x_c + 0.3, 2.93), r"$\tilde{\mathbf{h}}_t$")
    arrow(ax, (x_c, Y_MID + OP), (x_c, Y_TOP - OP), shrink=0.0)
    _op(ax, (x_c, Y_TOP), "+")
    _state(ax, h_prev, r"$\mathbf{h}_{t-1}$", HIDDEN, fontsize=11)
    _state(ax, h_t, r"$\mathbf{h}_t$", HIDDEN)
    _state(ax, x_in, r"$\mathbf{x}_t$", INPUT)
    _note(
        ax,
        (2.15, 0.42),
        r"$\sigma$ box $g \in \{z, r\}$:  "
        r"$\sigma(W_{xg}\mathbf{x}_t + W_{hg}\mathbf{h}_{t-1} + \mathbf{b}_g)$",
    )
    _note(
        ax,
        (2.15, 0.12),
        r"$\tanh$ box:  $\tanh(W_{xh}\mathbf{x}_t + W_{hh}"
        r"(\mathbf{r}_t \odot \mathbf{h}_{t-1}) + \mathbf{b}_h)$",
    )
    return fig


FIGURES = {"lstm_cell": draw_lstm_cell, "gru_cell": draw_gru_cell}
