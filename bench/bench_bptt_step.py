"""Time one BPTT training step: the book's hand-derived backward pass vs Keras.

Chapter 5 (notebooks/05_bptt.ipynb) derives backpropagation through time by hand
and writes it as `bptt`, a batched function of TensorFlow ops. This script times a
full training step (forward, backward, SGD update) built on that function and
compiled with tf.function, side by side with the step a Keras user would write: a
SimpleRNN + Dense model whose gradients come from tf.GradientTape, also compiled
with tf.function. Both use the same shapes, float32, the same loss
L = sum over batch and time of 1/2 ||y_t - d_t||^2, and plain SGD.

The functions come from chapter 5's code cells tagged `shared`, run as they are.

    .venv/bin/python bench/bench_bptt_step.py            # default shapes
    .venv/bin/python bench/bench_bptt_step.py --repeats 9

It prints the median time per step of each and the ratio book / keras.
"""

import argparse
import json
import os
import pathlib
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

CHAPTER_5 = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "05_bptt.ipynb"


def chapter_5_functions():
    """`bptt` and the functions it calls, run from chapter 5's cells tagged `shared`.

    The notebook is the one source of this code (tests/test_shared_code.py keeps
    later chapters' copies equal to it), so the benchmark times exactly what the
    book teaches.
    """
    notebook = json.loads(CHAPTER_5.read_text(encoding="utf-8"))
    namespace = {"np": np, "tf": tf}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and "shared" in cell["metadata"].get("tags", []):
            exec("".join(cell["source"]), namespace)
    return namespace


bptt = chapter_5_functions()["bptt"]


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
        loss, grads, _ = bptt(variables, x, d)
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
