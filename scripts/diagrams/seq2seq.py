"""Diagrams of chapter 9, the encoder-decoder.

encoder_decoder: an encoder RNN unrolled over three source digits (inputs, no
outputs), whose last state h_T is handed to a decoder RNN as its initial state
s_0; the decoder is unrolled with teacher forcing (inputs <start>, d_1, d_2;
targets d_1, d_2, d_3, the source reversed); dotted arrows, routed between the
columns, carry each target digit to the next step's input. A dashed arrow in the
loss colour shows the one place where the gradient crosses from the decoder to
the encoder.
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
    canvas,
    label,
    node,
)

RADIUS = 0.3
DX = 1.15  # distance between time-step columns
X_H0 = 0.6  # the encoder's initial state
ENCODER = [1.75 + DX * k for k in range(3)]  # columns of x_1..x_3, h_1..h_3
DECODER = [5.85 + DX * k for k in range(3)]  # columns of u_t, s_t, y_t
Y_DIGIT_IN, Y_IN, Y_STATE, Y_OUT, Y_DIGIT_OUT = 1.15, 1.8, 3.3, 4.8, 5.45
SOURCE = ["5", "2", "9"]
TARGET = SOURCE[::-1]
START = r"$\langle\mathrm{start}\rangle$"


def draw_encoder_decoder():
    """Encoder over the source, h_T handed over as s_0, decoder with teacher forcing."""
    fig, ax = canvas(9.0, 6.6)
    # Encoder: x_t -> h_t, chained by W_hh from h_0; no outputs.
    previous = (X_H0, Y_STATE)
    for t, x in enumerate(ENCODER, start=1):
        arrow(ax, (x, Y_IN), (x, Y_STATE), shrink=RADIUS)
        arrow(ax, previous, (x, Y_STATE), shrink=RADIUS)
        node(ax, (x, Y_IN), rf"$\mathbf{{x}}_{t}$", INPUT, radius=RADIUS)
        node(ax, (x, Y_STATE), rf"$\mathbf{{h}}_{t}$", HIDDEN, radius=RADIUS)
        ax.text(x, Y_DIGIT_IN, SOURCE[t - 1], ha="center", va="center", fontsize=14)
        previous = (x, Y_STATE)
    node(ax, (X_H0, Y_STATE), r"$\mathbf{h}_0$", HIDDEN, radius=RADIUS)
    label(ax, (ENCODER[0] - 0.02, (Y_IN + Y_STATE) / 2), "$W_{xh}$")
    label(ax, ((X_H0 + ENCODER[0]) / 2, Y_STATE + 0.02), "$W_{hh}$")

    # The hand-over: h_T becomes the decoder's initial state s_0.
    h_T, s_1 = (ENCODER[-1], Y_STATE), (DECODER[0], Y_STATE)
    arrow(ax, h_T, s_1, color=ACCENT, lw=2.4, shrink=RADIUS)
    label(
        ax,
        ((h_T[0] + s_1[0]) / 2, Y_STATE + 0.38),
        r"context $\mathbf{s}_0 = \mathbf{h}_T$",
        color=ACCENT,
    )
    label(ax, ((h_T[0] + s_1[0]) / 2, Y_STATE + 0.02), "$W_{ss}$", color=ACCENT)
    arrow(ax, s_1, h_T, color=LOSS, shrink=RADIUS, rad=-0.45, linestyle="--")
    label(
        ax,
        ((h_T[0] + s_1[0]) / 2, Y_STATE - 0.78),
        r"$\partial L/\partial\mathbf{h}_T = \partial L/\partial\mathbf{s}_0$",
        color=LOSS,
    )

    # Decoder: u_t -> s_t -> y_t, chained by W_ss; inputs are the previous targets.
    inputs = [START] + TARGET[:-1]
    for t, x in enumerate(DECODER, start=1):
        arrow(ax, (x, Y_IN), (x, Y_STATE), shrink=RADIUS)
        arrow(ax, (x, Y_STATE), (x, Y_OUT), shrink=RADIUS)
        if t > 1:
            arrow(ax, (x - DX, Y_STATE), (x, Y_STATE), shrink=RADIUS)
        node(ax, (x, Y_IN), rf"$\mathbf{{u}}_{t}$", INPUT, radius=RADIUS)
        node(ax, (x, Y_STATE), rf"$\mathbf{{s}}_{t}$", HIDDEN, radius=RADIUS)
        node(ax, (x, Y_OUT), rf"$\mathbf{{y}}_{t}$", OUTPUT, radius=RADIUS)
        ax.text(
            x,
            Y_DIGIT_IN,
            inputs[t - 1],
            ha="center",
            va="center",
            fontsize=14 if t > 1 else 11,
            color=INK if t == 1 else FAINT,
        )
        ax.text(x, Y_DIGIT_OUT, TARGET[t - 1], ha="center", va="center", fontsize=14)
    label(ax, (DECODER[0] - 0.02, (Y_IN + Y_STATE) / 2), "$W_{us}$")
    label(ax, (DECODER[0] - 0.02, (Y_STATE + Y_OUT) / 2), "$W_{sy}$")
    # Teacher forcing: each target digit is the next step's input. The dotted
    # arrow runs down the gap between two columns, clear of the circles.
    corner = 0.18  # how far the rounded corners reach
    for t in range(2):
        gap = DECODER[t] + DX / 2  # midway between columns t and t + 1
        path = Path(
            [
                (DECODER[t] + 0.17, Y_DIGIT_OUT),
                (gap, Y_DIGIT_OUT),
                (gap, Y_DIGIT_OUT - corner),
                (gap, Y_DIGIT_IN + corner),
                (gap, Y_DIGIT_IN),
                (DECODER[t + 1] - 0.17, Y_DIGIT_IN),
            ],
            [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.LINETO, Path.CURVE3, Path.CURVE3],
        )
        ax.add_patch(
            FancyArrowPatch(
                path=path,
                arrowstyle="-|>",
                mutation_scale=10,
                color=FAINT,
                lw=0.9,
                linestyle=":",
                zorder=1,
            )
        )

    # Titles, a separator, and what the rows hold.
    middle = (ENCODER[-1] + DECODER[0]) / 2
    ax.plot([middle, middle], [0.2, Y_STATE - 0.55], color=FAINT, lw=0.8, ls=":")
    ax.plot([middle, middle], [Y_STATE + 0.6, Y_DIGIT_OUT - 0.35], color=FAINT, lw=0.8, ls=":")
    ax.text(
        (X_H0 + ENCODER[-1]) / 2,
        6.25,
        "encoder: reads the source, emits nothing",
        ha="center",
        va="center",
    )
    ax.text(
        (DECODER[0] + DECODER[-1]) / 2,
        6.25,
        "decoder: writes the source reversed",
        ha="center",
        va="center",
    )
    ax.text(X_H0, Y_DIGIT_IN, "source", ha="center", va="center", color=FAINT, fontsize=10)
    ax.text(
        DECODER[0] - 0.4,
        Y_DIGIT_OUT,
        "targets $d_t$",
        ha="right",
        va="center",
        color=FAINT,
        fontsize=10,
    )
    ax.text(
        (DECODER[0] + DECODER[-1]) / 2,
        0.4,
        r"input $\mathbf{u}_t$: $\langle\mathrm{start}\rangle$, then the"
        "\nprevious target (teacher forcing)",
        ha="center",
        va="center",
        color=FAINT,
        fontsize=10,
    )
    ax.text(
        (X_H0 + ENCODER[-1]) / 2,
        0.4,
        "input $\\mathbf{x}_t$: the source\ndigits, one-hot",
        ha="center",
        va="center",
        color=FAINT,
        fontsize=10,
    )
    return fig


FIGURES = {"encoder_decoder": draw_encoder_decoder}
