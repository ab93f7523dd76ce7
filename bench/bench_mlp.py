"""The network's hand-written backward pass against autograd, and a spiral trained to 95%.

Two measures of ``sce_core.mlp``:

1. ``mlp_loss_and_grads`` against ``autograd`` (a dev-only dependency) computing the same
   loss and gradients for a (1000, 2) batch through two hidden layers of 64: the median
   CPU time of each in the same run, and their ratio. The gradients are compared first. Both
   spend most of their time in the same eight matrix products, timed alone as a floor;
   one BLAS thread (unless OPENBLAS_NUM_THREADS says otherwise), because on a busy
   machine OpenBLAS threads spin and make every product many times slower.
2. ``mlp_train`` with its defaults on 3 spirals of 300 points and two hidden layers of 32:
   the wall time and the training accuracy reached.

Run as ``python bench/bench_mlp.py`` (``--help`` for the sizes).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import statistics
import sys
import time
from pathlib import Path

import autograd
import autograd.numpy as anp
import numpy as np
from autograd.scipy.special import logsumexp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_core import make_spirals, mlp_init, mlp_loss_and_grads, mlp_train


def _autograd_loss(params, X, labels):
    n_layers = len(params) // 2
    A = X
    for k in range(1, n_layers + 1):
        Z = anp.dot(A, params[f"W{k}"]) + params[f"b{k}"]
        A = anp.maximum(Z, 0.0) if k < n_layers else Z
    return -anp.mean(A[np.arange(labels.size), labels] - logsumexp(A, axis=1))


_autograd_value_and_grad = autograd.value_and_grad(_autograd_loss)


def median_seconds(call, repeats: int) -> float:
    """Median CPU time of ``call``: on a shared machine wall time also counts waiting for a core."""
    call()  # warm up
    times = []
    for _ in range(repeats):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return statistics.median(times)


def matrix_products(params, X, labels):
    """Only the eight matrix products any backward pass of this network needs, for a floor."""
    A0 = X
    A1 = A0 @ params["W1"]
    A2 = A1 @ params["W2"]
    dZ = A2 @ params["W3"]
    dW3, dA2 = A2.T @ dZ, dZ @ params["W3"].T
    dW2, dA1 = A1.T @ dA2, dA2 @ params["W2"].T
    return dW3, dW2, A0.T @ dA1


def gradients(batch: int, width: int, repeats: int) -> None:
    rng = np.random.default_rng(0)
    X, labels = rng.standard_normal((batch, 2)), rng.integers(0, 3, batch)
    params = mlp_init((2, width, width, 3), seed=0)
    loss, grads = mlp_loss_and_grads(params, X, labels)
    ag_loss, ag_grads = _autograd_value_and_grad(params, X, labels)
    worst = max(
        float(np.max(np.abs(grads[k] - ag_grads[k])) / np.max(np.abs(ag_grads[k]))) for k in grads
    )
    print(f"gradients of a ({batch}, 2) batch, hidden layers ({width}, {width}), relu")
    print(f"  loss {loss:.12f} vs autograd {float(ag_loss):.12f}; worst relative gap {worst:.1e}")
    ours = median_seconds(lambda: mlp_loss_and_grads(params, X, labels), repeats)
    theirs = median_seconds(lambda: _autograd_value_and_grad(params, X, labels), repeats)
    floor = median_seconds(lambda: matrix_products(params, X, labels), repeats)
    print(f"  median CPU time of {repeats} calls each")
    print(f"  the 8 matrix products alone {floor * 1e3:8.3f} ms (a floor for both)")
    print(f"  mlp_loss_and_grads          {ours * 1e3:8.3f} ms")
    print(f"  autograd                    {theirs * 1e3:8.3f} ms")
    print(f"  ratio autograd / mlp_loss_and_grads: {theirs / ours:.2f}x (target >= 5x)")
    print(
        f"  ratio autograd / the products alone: {theirs / floor:.2f}x (the most any could reach)"
    )


def spirals(points: int, width: int) -> None:
    X, labels = make_spirals(points, n_classes=3, seed=0)
    start, cpu = time.perf_counter(), time.process_time()
    result = mlp_train(X, labels, 3, hidden=(width, width))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    accuracy = result.accuracy_history
    first = int(np.argmax(accuracy >= 0.95)) if (accuracy >= 0.95).any() else None
    print(f"training 3 spirals of {points} points, hidden layers ({width}, {width}), defaults")
    print(
        f"  {result.epochs_run} epochs in {seconds:.2f} s wall, {cpu:.2f} s CPU "
        "(target <= ~10 s); "
        f"training accuracy {accuracy[-1]:.1%} (target >= 95%), "
        f"first at 95% after {first} epochs"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--points", type=int, default=300)
    parser.add_argument("--spiral-width", type=int, default=32)
    args = parser.parse_args(argv)
    gradients(args.batch, args.width, args.repeats)
    spirals(args.points, args.spiral_width)


if __name__ == "__main__":
    main()
