"""Time one BPTT training step: the book's hand-derived backward pass vs Keras.

Chapter 5 (notebooks/05_bptt.ipynb) derives backpropagation through time by hand
and writes it as `bptt`, a batched function of TensorFlow ops. This script times a
full training step (forward, backward, SGD update) built on that function and
compiled with tf.function, side by side with the step a Keras user would write: a
SimpleRNN + Dense model whose gradients come from tf.GradientTape, also compiled
with tf.function. Both use the same shapes, float32, the same loss
L = sum over batch and time of 1/2 ||y_t - d_t||^2, and plain SGD.

The notebook cannot be imported, so the few functions needed are repeated here.

    .venv/bin/python bench/bench_bptt_step.py            # default shapes
    .venv/bin/python bench/bench_bptt_step.py --repeats 9

It prints the median time per step of each and the ratio book / keras.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def rnn_forward(params, x, h_0):
    """Hidden states h (B, T, H) and outputs y (B, T, O) of the Elman network."""
    W_xh, W_hh, b_h, W_hy, b_y = params
    x_proj = tf.einsum("btd,hd->bth", x, W_xh) + b_h  # W_xh x_t + b_h, every t
    h_t, hs = h_0, []
    for t in range(x.shape[1]):
        h_t = tf.tanh(x_proj[:, t] + tf.matmul(h_t, W_hh, transpose_b=True))
        hs.append(h_t)
    h = tf.stack(hs, axis=1)
    y = tf.einsum("bth,oh->bto", h, W_hy) + b_y
    return h, y


def bptt(params, x, h_0, d):
    """Loss and the gradients (dW_xh, dW_hh, db_h, dW_hy, db_y), by hand."""
    W_xh, W_hh, b_h, W_hy, b_y = params
    h, y = rnn_forward(params, x, h_0)
    dy = y - d
    dh_from_y = tf.einsum("bto,oh->bth", dy, W_hy)
    dh_next = tf.zeros_like(h_0)  # dL/dh_t arriving from step t + 1
    da = [None] * x.shape[1]
    for t in reversed(range(x.shape[1])):
        dh_t = dh_from_y[:, t] + dh_next
        da[t] = dh_t * (1.0 - h[:, t] ** 2)
        dh_next = tf.matmul(da[t], W_hh)  # W_hh^T da_t, one row per sequence
    da = tf.stack(da, axis=1)
    h_prev = tf.concat([h_0[:, None], h[:, :-1]], axis=1)
    grads = (
        tf.einsum("bth,btd->hd", da, x),
        tf.einsum("bth,btk->hk", da, h_prev),
        tf.reduce_sum(da, axis=[0, 1]),
        tf.einsum("bto,bth->oh", dy, h),
        tf.reduce_sum(dy, axis=[0, 1]),
    )
    return 0.5 * tf.reduce_sum(dy**2), grads


def make_data(B, T, D, H, O, seed=0):
    rng = np.random.default_rng(seed)
    x = tf.constant(rng.normal(size=(B, T, D)), tf.float32)
    d = tf.constant(rng.normal(size=(B, T, O)), tf.float32)
    scale = 1.0 / np.sqrt(H)
    params = [
        rng.normal(scale=scale, size=(H, D)),
        rng.normal(scale=scale, size=(H, H)),
        np.zeros(H),
        rng.normal(scale=scale, size=(O, H)),
        np.zeros(O),
    ]
    return x, d, [np.asarray(p, np.float32) for p in params]


def book_step_fn(params, lr):
    variables = [tf.Variable(p) for p in params]

    @tf.function
    def step(x, d):
        h_0 = tf.zeros((x.shape[0], variables[1].shape[0]), x.dtype)
        loss, grads = bptt(variables, x, h_0, d)
        for v, g in zip(variables, grads):
            v.assign_sub(lr * g)
        return loss

    return step


def keras_step_fn(params, lr, T, D):
    W_xh, W_hh, b_h, W_hy, b_y = params
    model = keras.Sequential(
        [
            keras.Input((T, D)),
            keras.layers.SimpleRNN(W_hh.shape[0], activation="tanh", return_sequences=True),
            keras.layers.Dense(W_hy.shape[0]),
        ]
    )
    model.layers[0].set_weights([W_xh.T, W_hh.T, b_h])  # Keras: row vectors
    model.layers[1].set_weights([W_hy.T, b_y])
    optimizer = keras.optimizers.SGD(learning_rate=lr)

    @tf.function
    def step(x, d):
        with tf.GradientTape() as tape:
            y = model(x, training=True)
            loss = 0.5 * tf.reduce_sum((y - d) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    return step


def seconds_per_step(step, x, d, steps):
    start = time.perf_counter()
    for _ in range(steps):
        loss = step(x, d)
    loss.numpy()  # wait for the last step to finish
    return (time.perf_counter() - start) / steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--time", type=int, default=50)
    parser.add_argument("--input", type=int, default=8)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--output", type=int, default=1)
    parser.add_argument("--steps", type=int, default=20, help="steps per repeat")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(0)
    B, T, D, H, O = args.batch, args.time, args.input, args.hidden, args.output
    x, d, params = make_data(B, T, D, H, O)
    lr = 1e-3
    steps = {"book": book_step_fn(params, lr), "keras": keras_step_fn(params, lr, T, D)}

    # Same weights, same data: the first losses must agree before timing anything.
    first = {name: float(step(x, d)) for name, step in steps.items()}
    np.testing.assert_allclose(first["book"], first["keras"], rtol=1e-4)
    for step in steps.values():
        seconds_per_step(step, x, d, args.warmup)

    times = {name: [] for name in steps}
    for _ in range(args.repeats):  # interleaved, so load changes hit both alike
        for name, step in steps.items():
            times[name].append(seconds_per_step(step, x, d, args.steps))
    median = {name: statistics.median(t) for name, t in times.items()}
    print(f"shapes: batch {B}, time {T}, input {D}, hidden {H}, output {O}, float32")
    print(
        f"median of {args.repeats} repeats x {args.steps} steps, after {args.warmup} warm-up steps"
    )
    for name in steps:
        print(f"{name:>6}: {1e3 * median[name]:8.3f} ms per step")
    print(f"ratio book/keras: {median['book'] / median['keras']:.2f}")


if __name__ == "__main__":
    main()
