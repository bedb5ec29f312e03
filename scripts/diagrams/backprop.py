"""Backward-pass diagrams of the 2-2-2 network (chapter 4, after Mazur 2015).

backprop_w5: the one path from E_total back to w5, each chain-rule factor
labelled on its edge with its formula and its value.
backprop_w1: the two paths from E_total back to w1, through o1 and through o2,
joining at out_h1, each factor labelled.

Forward edges are faint; the backward (gradient) edges are drawn in the loss
colour and point from the error towards the weight. The values are computed
here from the network's initial parameters, as in the notebook.
"""

import numpy as np

from diagrams.style import (
    BIAS,
    FAINT,
    HIDDEN,
    INK,
    LOSS,
    OUTPUT,
    arrow,
    box,
    canvas,
    label,
)

# The network of Mazur (2015): inputs, targets, weights w1..w8, shared biases.
I1, I2 = 0.05, 0.10
TARGET_O1, TARGET_O2 = 0.01, 0.99
W = {1: 0.15, 2: 0.20, 3: 0.25, 4: 0.30, 5: 0.40, 6: 0.45, 7: 0.50, 8: 0.55}
B1, B2 = 0.35, 0.60


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _factors():
    """Every factor the two diagrams show, from one forward and backward pass."""
    out_h1 = _sigmoid(W[1] * I1 + W[2] * I2 + B1)
    out_h2 = _sigmoid(W[3] * I1 + W[4] * I2 + B1)
    out_o1 = _sigmoid(W[5] * out_h1 + W[6] * out_h2 + B2)
    out_o2 = _sigmoid(W[7] * out_h1 + W[8] * out_h2 + B2)
    dE_dout_o1 = out_o1 - TARGET_O1
    dout_o1_dnet_o1 = out_o1 * (1 - out_o1)
    delta_o1 = dE_dout_o1 * dout_o1_dnet_o1
    delta_o2 = (out_o2 - TARGET_O2) * out_o2 * (1 - out_o2)
    return {
        "out_h1": out_h1,
        "dE_dout_o1": dE_dout_o1,
        "dout_o1_dnet_o1": dout_o1_dnet_o1,
        "dE_dw5": delta_o1 * out_h1,
        "delta_o1": delta_o1,
        "delta_o2": delta_o2,
        "dE_dout_h1": delta_o1 * W[5] + delta_o2 * W[7],
        "dout_h1_dnet_h1": out_h1 * (1 - out_h1),
        "dE_dw1": (delta_o1 * W[5] + delta_o2 * W[7]) * out_h1 * (1 - out_h1) * I1,
    }


def _forward(ax, start, end, shrink=0.32):
    """A faint forward edge (the computation that the gradient runs back along)."""
    arrow(ax, start, end, color=FAINT, lw=1.0, shrink=shrink)


def _backward(ax, start, end, rad, shrink=0.36):
    """A backward edge in the loss colour, curved away from the forward edge."""
    arrow(ax, start, end, color=LOSS, lw=1.8, shrink=shrink, rad=rad)


def _factor(ax, xy, symbol, value):
    """An edge label: the factor's symbol on one line, its value on the next."""
    label(ax, xy, f"{symbol}\n{value}", color=INK, fontsize=11, linespacing=1.5)


def draw_backprop_w5():
    """E_total <- out_o1 <- net_o1 <- w5, one chain-rule factor per edge."""
    f = _factors()
    fig, ax = canvas(7.0, 2.65)
    y = 0.95
    w5, net_o1, out_o1, e_total = (0.4, y), (2.45, y), (4.5, y), (6.55, y)
    for a, b in [(w5, net_o1), (net_o1, out_o1), (out_o1, e_total)]:
        _forward(ax, a, b, shrink=0.42)
        _backward(ax, b, a, rad=0.45, shrink=0.42)
    box(ax, w5, "$w_5$", BIAS, width=0.6, height=0.45)
    box(ax, net_o1, "$net_{o1}$", OUTPUT, width=0.8, height=0.45)
    box(ax, out_o1, "$out_{o1}$", OUTPUT, width=0.8, height=0.45)
    box(ax, e_total, "$E_{total}$", LOSS, width=0.8, height=0.45)
    y_label = y + 1.15
    _factor(
        ax,
        (5.52, y_label),
        r"$\partial E_{total}/\partial out_{o1}$",
        r"$= out_{o1} - target_{o1}$" + "\n"
        rf"$\approx {f['dE_dout_o1']:.6f}$",
    )
    _factor(
        ax,
        (3.47, y_label),
        r"$\partial out_{o1}/\partial net_{o1}$",
        r"$= out_{o1}(1 - out_{o1})$" + "\n"
        rf"$\approx {f['dout_o1_dnet_o1']:.6f}$",
    )
    _factor(
        ax,
        (1.42, y_label),
        r"$\partial net_{o1}/\partial w_5$",
        r"$= out_{h1}$" + "\n" rf"$\approx {f['out_h1']:.6f}$",
    )
    ax.text(
        3.5,
        0.25,
        r"$\partial E_{total}/\partial w_5$ = the product of the"
        rf" three factors $\approx {f['dE_dw5']:.7f}$",
        ha="center",
        va="center",
        color=LOSS,
        fontsize=11,
    )
    return fig


def draw_backprop_w1():
    """E_total back to w1 along two paths, through o1 and o2, joining at out_h1."""
    f = _factors()
    fig, ax = canvas(7.2, 4.7)
    y_mid, y_top, y_bot = 2.35, 3.95, 0.75
    w1, net_h1, out_h1 = (0.35, y_mid), (1.75, y_mid), (3.2, y_mid)
    net_o1, net_o2, e_total = (5.0, y_top), (5.0, y_bot), (6.75, y_mid)
    edges = [
        (w1, net_h1),
        (net_h1, out_h1),
        (out_h1, net_o1),
        (out_h1, net_o2),
        (net_o1, e_total),
        (net_o2, e_total),
    ]
    for a, b in edges:
        _forward(ax, a, b, shrink=0.4)
    for a, b, rad in [
        (w1, net_h1, 0.6),
        (net_h1, out_h1, 0.6),
        (out_h1, net_o1, -0.3),
        (out_h1, net_o2, 0.3),
        (net_o1, e_total, -0.3),
        (net_o2, e_total, 0.3),
    ]:
        _backward(ax, b, a, rad=rad, shrink=0.4)
    box(ax, w1, "$w_1$", BIAS, width=0.55, height=0.45)
    box(ax, net_h1, "$net_{h1}$", HIDDEN, width=0.8, height=0.45)
    box(ax, out_h1, "$out_{h1}$", HIDDEN, width=0.8, height=0.45)
    box(ax, net_o1, "$net_{o1}$", OUTPUT, width=0.8, height=0.45)
    box(ax, net_o2, "$net_{o2}$", OUTPUT, width=0.8, height=0.45)
    box(ax, e_total, "$E_{total}$", LOSS, width=0.8, height=0.45)
    _factor(
        ax,
        (6.45, 3.95),
        r"$\delta_{o1}$" + "\n"
        r"$= \partial E_{total}/\partial net_{o1}$",
        rf"$\approx {f['delta_o1']:.6f}$",
    )
    _factor(
        ax,
        (6.45, 0.75),
        r"$\delta_{o2}$" + "\n"
        r"$= \partial E_{total}/\partial net_{o2}$",
        rf"$\approx {{{f['delta_o2']:.6f}}}$",
    )
    _factor(ax, (3.55, 4.2), r"$\partial net_{o1}/\partial out_{h1}$", rf"$= w_5 = {W[5]:.2f}$")
    _factor(ax, (3.55, 0.5), r"$\partial net_{o2}/\partial out_{h1}$", rf"$= w_7 = {W[7]:.2f}$")
    _factor(
        ax,
        (2.45, y_mid + 1.0),
        r"$\partial out_{h1}/\partial net_{h1}$",
        r"$= out_{h1}(1 - out_{h1})$" + "\n"
        rf"$\approx {f['dout_h1_dnet_h1']:.6f}$",
    )
    _factor(ax, (0.85, y_mid + 0.85), r"$\partial net_{h1}/\partial w_1$", rf"$= i_1 = {I1:.2f}$")
    ax.text(
        2.95,
        y_mid - 0.4,
        r"$\partial E_{total}/\partial out_{h1}$"
        "\n"
        r"$= \delta_{o1} w_5 + \delta_{o2} w_7$"
        "\n"
        rf"$\approx {f['dE_dout_h1']:.7f}$",
        ha="center",
        va="top",
        color=LOSS,
        fontsize=11,
        linespacing=1.5,
    )
    ax.text(
        1.35,
        0.45,
        r"$\partial E_{total}/\partial w_1 = \partial E_{total}/\partial out_{h1}$"
        "\n"
        r"$\times\ out_{h1}(1 - out_{h1}) \times i_1$"
        "\n"
        rf"$\approx {f['dE_dw1']:.9f}$",
        ha="center",
        va="center",
        color=LOSS,
        fontsize=11,
        linespacing=1.5,
    )
    return fig


FIGURES = {"backprop_w5": draw_backprop_w5, "backprop_w1": draw_backprop_w1}
