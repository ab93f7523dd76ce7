r"""The loss differentiated by sympy: a third route to ∂L/∂x that shares no code with sce_core.

sympy writes the loss of ``n`` logits straight from the definitions, softmax
``ŷᵢ = e^{xᵢ/T} / Σₖ e^{xₖ/T}`` followed by cross-entropy ``-Σ yᵢ log ŷᵢ`` or squared
error ``Σ (ŷᵢ - yᵢ)²``, and differentiates it. The labels ``y`` and the temperature
``T`` stay symbols, so one derivation per ``(n, loss)`` serves every setting; it takes
about a second for n = 10 and is cached.

The derivatives are then evaluated with mpmath at enough decimal digits that nothing in
them overflows, underflows or cancels: ``e^{x/T}`` is exact to the last digit shown even
where float64 would give ``1 - 1 = 0``. That makes these values the reference the
float64 formula and the central differences are measured against.
"""

from __future__ import annotations

import math
import threading
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

LOSSES = ("cross_entropy", "squared_error")
"""The losses this module can differentiate; the same names as ``sce_core.LOSS_KINDS``."""

N_MAX = 10
_GUARD_DIGITS = 30
# mpmath keeps its precision in one global context; sessions run in threads.
_PRECISION = threading.Lock()


def _symbols(n: int) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Symbol, ...], sp.Symbol]:
    x = sp.symbols(f"x1:{n + 1}", real=True)
    y = sp.symbols(f"y1:{n + 1}", real=True)
    return x, y, sp.Symbol("T", positive=True)


def _check(n: int, loss: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= N_MAX:
        raise ValueError(f"n must be a whole number from 2 to {N_MAX}, got {n!r}")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")


def loss_expression(n: int, loss: str = "cross_entropy") -> sp.Expr:
    """The loss of ``n`` logits as a sympy expression in ``x1..xn``, ``y1..yn`` and ``T``.

    >>> loss_expression(2)
    -y1*log(exp(x1/T)/(exp(x1/T) + exp(x2/T))) - y2*log(exp(x2/T)/(exp(x1/T) + exp(x2/T)))
    """
    _check(n, loss)
    x, y, t = _symbols(n)
    total = sp.Add(*(sp.exp(xk / t) for xk in x))
    y_hat = [sp.exp(xi / t) / total for xi in x]
    if loss == "cross_entropy":
        return -sp.Add(*(yi * sp.log(pi) for yi, pi in zip(y, y_hat, strict=True)))
    return sp.Add(*((pi - yi) ** 2 for yi, pi in zip(y, y_hat, strict=True)))


@lru_cache(maxsize=2 * (N_MAX - 1))
def _derivation(n: int, loss: str):
    """sympy's ∂L/∂x for ``n`` and ``loss``, compiled for mpmath: the slow part, done once.

    The logarithm of a quotient is split (``expand_log``) before differentiating, which
    keeps the cross-entropy's derivative short; the value is the same.
    """
    x, y, t = _symbols(n)
    expression = sp.expand_log(loss_expression(n, loss), force=True)
    grad = [sp.diff(expression, xj) for xj in x]
    return sp.lambdify((x, y, t), grad, modules="mpmath", cse=True)


def _inputs(x, y, temperature) -> tuple[np.ndarray, np.ndarray, float]:
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    if xs.ndim != 1 or not 2 <= xs.size <= N_MAX or not np.isfinite(xs).all():
        raise ValueError(f"x must be 2 to {N_MAX} finite logits, got {xs.tolist()}")
    if ys.shape != xs.shape or not np.isfinite(ys).all():
        raise ValueError(f"y must be {xs.size} finite labels, got {ys.tolist()}")
    t = float(temperature)
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    return xs, ys, t


def _digits(xs: np.ndarray, t: float) -> int:
    """Decimal digits that survive the smallest ``ŷ ~ e^{-(max x - min x)/T}`` subtracted from 1."""
    spread = float(xs.max() - xs.min()) / t
    return _GUARD_DIGITS + math.ceil(spread / math.log(10))


def gradient(x, y, temperature: float = 1.0, loss: str = "cross_entropy") -> np.ndarray:
    """sympy's ∂L/∂x evaluated at logits ``x`` and labels ``y``, rounded once to float64.

    Parameters
    ----------
    x : array_like, shape (n,)
        2 to 10 finite logits.
    y : array_like, shape (n,)
        Labels (one-hot or soft).
    temperature : float
        T > 0.
    loss : {"cross_entropy", "squared_error"}

    Raises
    ------
    ValueError
        For logits, labels, a temperature or a loss it cannot take.

    Examples
    --------
    >>> gradient([0.0, 0.0], [1.0, 0.0]).tolist()
    [-0.5, 0.5]
    >>> gradient([10.0, -10.0], [1.0, 0.0], temperature=0.1).tolist()  # float64 gives -0.0
    [-1.3838965267367528e-86, 1.3838965267367528e-86]
    """
    xs, ys, t = _inputs(x, y, temperature)
    _check(xs.size, loss)
    grad = _derivation(xs.size, loss)
    with _PRECISION, mpmath.workdps(_digits(xs, t)):
        values = grad([mpmath.mpf(v) for v in xs], [mpmath.mpf(v) for v in ys], mpmath.mpf(t))
        return np.array([float(v) for v in values])


def _terms(expression: sp.Expr) -> tuple[str, ...]:
    """The terms of a sum in sympy's printing order, each as sympy's LaTeX with its sign."""
    return tuple(sp.latex(term) for term in expression.as_ordered_terms())


@lru_cache(maxsize=64)
def derivative_latex(
    n: int, label: int, j: int, loss: str = "cross_entropy"
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    r"""sympy's own LaTeX for L and for ∂L/∂xⱼ, with a one-hot label at class ``label``.

    ``label`` and ``j`` are 1-based. The sum ``Σₖ e^{xₖ/T}`` is written ``S`` so the
    result stays short; everything else is as sympy prints it. Each is returned as the
    terms of its sum (one term if it is not a sum), ready to be broken over lines.

    >>> derivative_latex(2, 1, 1)[1]
    ('- \\frac{1}{T}', '\\frac{e^{\\frac{x_{1}}{T}}}{S T}')
    """
    _check(n, loss)
    if not (1 <= label <= n and 1 <= j <= n):
        raise ValueError(f"label and j must be classes 1 to {n}, got {label} and {j}")
    x, y, t = _symbols(n)
    one_hot = {yi: int(k == label) for k, yi in enumerate(y, start=1)}
    expression = loss_expression(n, loss).subs(one_hot)
    derivative = sp.diff(sp.expand_log(expression, force=True), x[j - 1])
    total = sp.Add(*(sp.exp(xk / t) for xk in x))
    s = sp.Symbol("S", positive=True)
    return _terms(expression.subs(total, s)), _terms(derivative.subs(total, s))
