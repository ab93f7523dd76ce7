"""Time per epoch of softmax regression: ``y_hat - y`` against the full softmax Jacobian.

Both loops do the same gradient descent (the tests check they agree to 1e-10); the only
difference is how ``dL/dlogits`` is computed: ``(y_hat - y) / B`` in O(B K), or
``J^T (-y / y_hat)`` with every (K, K) Jacobian formed, in O(B K^2).

Run as ``python bench/bench_train.py`` (``--help`` for the sizes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_core import make_blobs, train, train_with_full_jacobian


def seconds_per_epoch(fit, X, labels, n_classes: int, epochs: int, repeats: int) -> float:
    """Median over ``repeats`` runs of the wall time of one run, divided by its epochs."""
    fit(X, labels, n_classes, lr=0.5, epochs=2)  # warm up caches and lazy imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit(X, labels, n_classes, lr=0.5, epochs=epochs)
        times.append(time.perf_counter() - start)
        if result.status != "ok":
            raise RuntimeError(f"{fit.__name__} stopped early: {result.status}")
    return statistics.median(times) / epochs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--classes", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)

    X, labels = make_blobs(args.points, n_classes=args.classes, seed=0)
    print(
        f"softmax regression, {args.points} points, {args.classes} classes, "
        f"{args.epochs} epochs per run, median of {args.repeats} runs"
    )
    fast = seconds_per_epoch(train, X, labels, args.classes, args.epochs, args.repeats)
    slow = seconds_per_epoch(
        train_with_full_jacobian, X, labels, args.classes, args.epochs, args.repeats
    )
    print(f"  train (y_hat - y)            {fast * 1e6:9.1f} us/epoch")
    print(f"  train_with_full_jacobian     {slow * 1e6:9.1f} us/epoch")
    print(f"  ratio full Jacobian / y_hat - y: {slow / fast:.2f}x")


if __name__ == "__main__":
    main()
