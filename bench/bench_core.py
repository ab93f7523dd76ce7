"""Speed of the core against references measured in the same run.

Prints ratios, never absolute targets: each figure divides ``sce_core``'s median
time by a reference timed moments before on the same array.

- ``softmax`` and ``log_softmax`` on a (1000, 1000) float64 batch, against
  ``scipy.special.softmax`` / ``log_softmax`` (target: ratio <= 0.8 for softmax) and
  against a bare ``np.exp`` over the same array (the floor of any softmax).
- ``logits_grad`` (``ŷ - y`` in O(n)) against forming the Jacobian and multiplying by
  ``dL/dŷ`` (O(n²)), for n = 10, 1000 and 4096.

Run: ``python bench/bench_core.py``
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

import numpy as np
import scipy.special

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sce_core as core


def median_ms(func, repeat: int = 30) -> float:
    func()
    return 1e3 * float(np.median(timeit.repeat(func, number=1, repeat=repeat)))


def via_jacobian(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dx = J^T dL/dŷ with the Jacobian formed explicitly: the long way round."""
    y_hat = core.softmax(x)
    return core.softmax_jacobian(x).T @ core.cross_entropy_grad(y_hat, y)


def main() -> None:
    rng = np.random.default_rng(0)
    batch = rng.normal(scale=3.0, size=(1000, 1000))
    print("softmax / log_softmax on a (1000, 1000) float64 batch (median of 30 runs)")
    print(
        f"{'function':<12} {'sce_core ms':>12} {'scipy ms':>10} {'np.exp ms':>10} "
        f"{'/ scipy':>8} {'/ np.exp':>9}"
    )
    for name, ours, theirs in [
        ("softmax", core.softmax, scipy.special.softmax),
        ("log_softmax", core.log_softmax, scipy.special.log_softmax),
    ]:
        t_exp = median_ms(lambda: np.exp(batch))
        t_ref = median_ms(lambda theirs=theirs: theirs(batch, axis=-1))
        t_own = median_ms(lambda ours=ours: ours(batch))
        print(
            f"{name:<12} {t_own:>12.2f} {t_ref:>10.2f} {t_exp:>10.2f} "
            f"{t_own / t_ref:>8.2f} {t_own / t_exp:>9.2f}"
        )

    print("\nlogits_grad against forming J and multiplying (median of 30 runs)")
    print(f"{'n':>6} {'logits_grad ms':>15} {'J-multiply ms':>14} {'ratio':>8}")
    for n in (10, 1000, 4096):
        x = rng.normal(size=n)
        y = np.zeros(n)
        y[0] = 1.0
        np.testing.assert_allclose(core.logits_grad(x, y), via_jacobian(x, y), atol=1e-12)
        repeat = 30 if n < 4096 else 10
        t_grad = median_ms(lambda x=x, y=y: core.logits_grad(x, y), repeat)
        t_jac = median_ms(lambda x=x, y=y: via_jacobian(x, y), repeat)
        print(f"{n:>6} {t_grad:>15.4f} {t_jac:>14.4f} {t_grad / t_jac:>8.4f}")


if __name__ == "__main__":
    main()
