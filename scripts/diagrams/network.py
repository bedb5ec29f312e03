"""Diagrams of the 2-2-2 network of chapters 2-4 (Mazur 2015) and of one neuron.

network_222: inputs i1, i2, hidden h1, h2, outputs o1, o2, the two bias units,
and every weight w1..w8 (and bias b1, b2) labelled on its edge, near its source.
neuron_h1: one neuron, h1, as a weighted sum followed by the sigmoid.
"""

from diagrams.style import (
    BIAS,
    FAINT,
    HIDDEN,
    INPUT,
    OUTPUT,
    arrow,
    box,
    canvas,
    label,
    node,
)

# The network's parameters, as in Mazur (2015); shown beside their symbols.
WEIGHTS = {1: 0.15, 2: 0.20, 3: 0.25, 4: 0.30, 5: 0.40, 6: 0.45, 7: 0.50, 8: 0.55}
B1, B2 = 0.35, 0.60

# Node centres in inches: three columns (input, hidden, output), two rows.
X_IN, X_HID, X_OUT = 1.0, 4.0, 7.0
Y_TOP, Y_BOT = 3.5, 1.7
RADIUS = 0.32


def _along(start, end, fraction):
    """The point `fraction` of the way from `start` to `end`."""
    (x0, y0), (x1, y1) = start, end
    return x0 + fraction * (x1 - x0), y0 + fraction * (y1 - y0)


def _layer(ax, sources, targets, names, fraction):
    """Arrows from every source to every target, each labelled near its source."""
    for (src, dst), name in zip([(s, t) for t in targets for s in sources], names):
        arrow(ax, src, dst, shrink=RADIUS)
        label(ax, _along(src, dst, fraction), name)


def draw_network_222():
    """The 2-2-2 network with every weight and both biases labelled."""
    fig, ax = canvas(8.2, 4.4)
    i1, i2 = (X_IN, Y_TOP), (X_IN, Y_BOT)
    h1, h2 = (X_HID, Y_TOP), (X_HID, Y_BOT)
    o1, o2 = (X_OUT, Y_TOP), (X_OUT, Y_BOT)
    bias_h, bias_o = (X_HID - 1.35, 0.45), (X_OUT - 1.35, 0.45)

    w = [f"$w_{k}={WEIGHTS[k]:.2f}$" for k in range(1, 9)]
    # Row order of W_xh and W_hy: h1 receives w1 (from i1) and w2 (from i2), ...
    _layer(ax, [i1, i2], [h1, h2], w[0:4], 0.3)
    _layer(ax, [h1, h2], [o1, o2], w[4:8], 0.3)
    for unit, targets, name in [
        (bias_h, (h1, h2), f"$b_1={B1:.2f}$"),
        (bias_o, (o1, o2), f"$b_2={B2:.2f}$"),
    ]:
        for target in targets:
            arrow(ax, unit, target, color=FAINT, shrink=RADIUS)
        node(ax, unit, "$1$", BIAS, radius=0.25)
        ax.text(
            unit[0] - 0.4,
            unit[1],
            f"bias unit\nweight {name}",
            ha="right",
            va="center",
            linespacing=1.4,
        )

    for xy, name, color in [
        (i1, "$i_1$", INPUT),
        (i2, "$i_2$", INPUT),
        (h1, "$h_1$", HIDDEN),
        (h2, "$h_2$", HIDDEN),
        (o1, "$o_1$", OUTPUT),
        (o2, "$o_2$", OUTPUT),
    ]:
        node(ax, xy, name, color, radius=RADIUS)
    for x, text in [(X_IN, "input layer"), (X_HID, "hidden layer"), (X_OUT, "output layer")]:
        ax.text(x, Y_TOP + 0.6, text, ha="center", va="bottom", color=FAINT)
    return fig


def draw_neuron_h1():
    """One neuron: inputs times weights, summed to net_h1, squashed to out_h1."""
    fig, ax = canvas(8.0, 2.8)
    inputs = [
        ((0.6, 2.3), "$i_1$", INPUT, "$w_1$"),
        ((0.6, 1.4), "$i_2$", INPUT, "$w_2$"),
        ((0.6, 0.5), "$1$", BIAS, "$b_1$"),
    ]
    total, squash, out = (3.0, 1.4), (5.2, 1.4), (7.2, 1.4)
    for xy, name, color, weight in inputs:
        arrow(ax, xy, total, shrink=0.45)
        node(ax, xy, name, color, radius=0.28)
        label(ax, _along(xy, total, 0.45), weight)
    box(ax, total, r"$\sum$", HIDDEN, width=0.8, height=0.8, fontsize=16)
    box(ax, squash, r"$\sigma$", HIDDEN, width=0.8, height=0.8, fontsize=16)
    arrow(ax, total, squash, shrink=0.42)
    arrow(ax, (squash[0] + 0.4, squash[1]), (out[0] - 0.75, out[1]), shrink=0.03)
    label(ax, _along(total, squash, 0.5), "$net_{h1}$")
    ax.text(out[0] - 0.65, out[1], r"$out_{h1} = \sigma(net_{h1})$", ha="left", va="center")
    ax.text(total[0], total[1] - 0.6, "$net_{h1} = w_1 i_1 + w_2 i_2 + b_1$", ha="center", va="top")
    ax.text(squash[0], squash[1] + 0.6, "sigmoid", ha="center", va="bottom", color=FAINT)
    ax.text(total[0], total[1] + 0.6, "weighted sum", ha="center", va="bottom", color=FAINT)
    return fig


FIGURES = {"network_222": draw_network_222, "neuron_h1": draw_neuron_h1}
