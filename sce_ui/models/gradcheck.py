"""The gradient-check lab's numbers: three routes to ∂L/∂x, their agreement, and h.

The formula comes from :mod:`sce_core` (``(ŷ − y)/T`` for cross-entropy, the whole chain
rule for squared error), the central differences from :func:`sce_core.numerical_grad`
applied to the loss itself, and the reference from sympy (:mod:`sce_ui.symbolic`),
evaluated with more digits than a float holds. :func:`gradient_check` and
:func:`error_curve` gather those numbers for the page, :func:`verdict` judges them, and
:func:`comparison_table` is the page's table. ``j`` arguments are 0-based.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

import sce_core as core

from .. import symbolic
from ..fmt import num, significant, typed
from .simplification import agreeing_digits

EPS = float(np.finfo(np.float64).eps)
"""Machine epsilon of float64: the relative rounding error of one operation, about 2.2e-16."""

H_STEPS = (*(float(f"{m}e{k}") for k in range(-16, 0) for m in (1, 2, 5)), 1.0)
"""The steps h the page offers: 1, 2, 5 in every decade from 1e-16 to 1."""

DEFAULT_H = 1e-5

TEMPERATURES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)

SWEEP = np.geomspace(1e-16, 1.0, 41)
"""The steps of the error curve: 2.5 to a decade over the range the page offers."""

LOSS_NAMES = {"cross_entropy": "Cross-entropy", "squared_error": "Squared error on ŷ"}

PASS, ROUGH = 1e-7, 1e-4
"""Relative errors below PASS: the gradients agree; up to ROUGH: roughly; above: they do not."""

_FULL = 17
"""Significant digits that identify a float64."""


def h_label(h: float) -> str:
    """A step as the control shows it: ``1e-5``, ``0.002``, ``1``.

    >>> h_label(1e-5), h_label(2e-16), h_label(0.002), h_label(1.0)
    ('1e-5', '2e-16', '0.002', '1')
    """
    return typed(h)


def _check_loss(loss: str) -> str:
    if loss not in LOSS_NAMES:
        raise ValueError(f"loss must be one of {tuple(LOSS_NAMES)}, got {loss!r}")
    return loss


def loss_function(y, temperature: float, loss: str) -> Callable[[np.ndarray], float]:
    """L as a function of the logits alone, for :func:`sce_core.numerical_grad`."""
    if _check_loss(loss) == "cross_entropy":
        return lambda z: core.cross_entropy_from_logits(z, y, temperature)
    return lambda z: core.squared_error(core.softmax(z, temperature=temperature), y)


def formula_gradient(x, y, temperature: float, loss: str) -> np.ndarray:
    """The derived gradient: ``(ŷ − y)/T`` for cross-entropy, ``Jᵀ 2(ŷ − y)`` for squared error."""
    if _check_loss(loss) == "cross_entropy":
        return core.logits_grad(x, y, temperature)
    return core.squared_error_logits_grad(x, y, temperature)


class GradientCheck(NamedTuple):
    """∂L/∂x by every route at one point, with the step ``h`` of the central differences."""

    loss: str
    h: float
    value: float
    """L(x)."""
    y_hat: np.ndarray
    formula: np.ndarray
    """From the derived formula (sce_core)."""
    reference: np.ndarray
    """sympy's derivative, exact to the last digit of a float."""
    shortcut: np.ndarray
    """(ŷ − y)/T: the gradient if the loss were cross-entropy."""
    central: np.ndarray | None
    """Central differences, or None if h is too small for some logit."""
    problem: str | None
    """Why there are no central differences, in words."""


def too_small_message(x, h: float) -> str | None:
    """Words for the failure of central differences when x ± h rounds back to x, else None."""
    for k, v in enumerate(np.asarray(x, float), start=1):
        if v + h == v - h:
            return (
                f"h = {h_label(h)} is too small for x{k} = {typed(v)}: in float64, x{k} + h and "
                f"x{k} − h both round back to {typed(v)} (neighbouring floats there are "
                f"{num(np.spacing(abs(v)))} apart), so the difference quotient would be 0/0. "
                f"Take a larger h, or bring x{k} closer to 0, where floats lie closer together."
            )
    return None


def gradient_check(x, y, temperature: float, loss: str, h: float) -> GradientCheck:
    """The formula, central differences with step ``h``, and sympy, at logits ``x``."""
    f = loss_function(y, temperature, loss)
    try:
        central, problem = core.numerical_grad(f, x, h), None
    except ValueError as err:
        central = None
        problem = too_small_message(x, h) or f"Central differences failed: {err}."
    return GradientCheck(
        loss=loss,
        h=h,
        value=float(f(np.asarray(x, float))),
        y_hat=core.softmax(x, temperature=temperature),
        formula=formula_gradient(x, y, temperature, loss),
        reference=symbolic.gradient(x, y, temperature, loss),
        shortcut=core.logits_grad(x, y, temperature),
        central=central,
        problem=problem,
    )


def largest_error(check: GradientCheck) -> float | None:
    """``max_j |central_j − sympy_j|``, the error the chart shows at the learner's h."""
    if check.central is None:
        return None
    return float(np.max(np.abs(check.central - check.reference)))


def roundoff_floor(check: GradientCheck) -> float:
    """``ε|L|/h``: the size of rounding error in a central difference at this step."""
    return EPS * abs(check.value) / check.h


class Verdict(NamedTuple):
    level: str
    """"success", "info" or "warning": how the page shows it."""
    text: str


def verdict(check: GradientCheck, best_h: float | None) -> Verdict | None:
    """Do the central differences confirm sympy's gradient? None if there are none.

    Judged on the whole vector: rounding adds about ``ε|L|/h`` to every component, so a
    component far smaller than the rest carries a large relative error at any h, and
    one of them alone would fail every check. Such components are named instead.
    """
    if check.central is None:
        return None
    total = core.vector_error(check.central, check.reference)
    size = f"Relative error of the whole gradient, ‖central − sympy‖ / ‖sympy‖: {_rel(total)}"
    if total <= PASS:
        text = f"{size}, below {typed(PASS)}: the check passes."
        rel = core.relative_error(check.central, check.reference)
        worst = int(np.argmax(rel))
        if rel[worst] > PASS:
            text += (
                f" One component at a time, the smallest fare worse (class {worst + 1}, "
                f"with ∂L/∂x{worst + 1} = {num(check.reference[worst])}, is off by "
                f"{num(rel[worst])}): rounding adds about ε|L|/h = {num(roundoff_floor(check))} "
                "to every component, which weighs most on the smallest."
            )
        return Verdict("success", text)
    if best_h is not None:
        larger = check.h > best_h
        cause = (
            f"{'truncation' if larger else 'round-off'}: h is "
            f"{'above' if larger else 'below'} the best step, about {num(best_h)}"
        )
    else:
        cause = "truncation: h is large" if check.h >= 1e-4 else "round-off: h is small"
    level = "info" if total <= ROUGH else "warning"
    return Verdict(level, f"{size}, too large for a pass. The cause is {cause}.")


class ErrorCurve(NamedTuple):
    """The central difference's error against h, and the two terms that explain it."""

    steps: np.ndarray
    errors: np.ndarray
    """``max_j |central_j − sympy_j|`` per step; NaN where h is too small for some logit."""
    truncation: float
    """a in ``a h²``: ``max_j |∂³L/∂xⱼ³| / 6``."""
    roundoff: float
    """b in ``b / h``: ``ε |L|``."""
    best_h: float | None
    """The h where ``a h² + b/h`` is smallest, if that lies in (0, 1]."""


def third_derivatives(x, y, temperature: float, loss: str) -> np.ndarray:
    """``∂³L/∂xⱼ³`` for every j, as a second difference of the formula's gradient.

    The step ``δ = 10⁻³ T`` follows the scale on which softmax changes; the estimate's own
    errors (``δ²`` from truncation, ``ε/δ²`` from rounding) stay near 1e-7 of ``1/T³``,
    plenty for drawing an asymptote. A value within the rounding noise of the second
    difference is returned as 0 (:func:`sce_core.third_derivatives`): the ``h²`` term
    then vanishes (ŷ = 1/2 for two equal logits, for instance) and the next one, ``h⁴``,
    is too small to matter here.

    >>> third_derivatives([0.0, 0.0], [1.0, 0.0], 1.0, "cross_entropy").tolist()
    [0.0, 0.0]
    """
    return core.third_derivatives(
        lambda z: formula_gradient(z, y, temperature, loss), x, 1e-3 * temperature
    )


def error_curve(x, y, temperature: float, loss: str, reference) -> ErrorCurve:
    """Sweep h over :data:`SWEEP` and measure the error of central differences against sympy."""
    f = loss_function(y, temperature, loss)
    errors = np.full(SWEEP.size, np.nan)
    for k, h in enumerate(SWEEP):
        with contextlib.suppress(ValueError):  # h too small for some logit: no point
            errors[k] = np.max(np.abs(core.numerical_grad(f, x, h) - reference))
    a = float(np.max(np.abs(third_derivatives(x, y, temperature, loss)))) / 6
    b = EPS * abs(float(f(np.asarray(x, float))))
    best = (b / (2 * a)) ** (1 / 3) if a > 0 and b > 0 else None
    return ErrorCurve(SWEEP, errors, a, b, best if best is not None and best <= 1 else None)


def _value(v: float) -> str:
    return significant(v, 10)


def _rel(v: float) -> str:
    return num(v)


TABLE_NOTE = (
    "Relative errors are |a − b| / max(|a|, |b|) against sympy, whose value is computed "
    "with more digits than a float holds and then rounded once."
)
"""What the relative errors of :func:`comparison_table` measure, and against what."""


def comparison_table(check: GradientCheck) -> dict[str, list[str]]:
    """One row per class: every route's ∂L/∂xⱼ to 10 digits and its relative error to sympy."""
    n = check.reference.size
    missing = ["—"] * n
    central = missing if check.central is None else [_value(v) for v in check.central]
    central_rel = (
        missing
        if check.central is None
        else [_rel(v) for v in core.relative_error(check.central, check.reference)]
    )
    table = {
        "class j": [str(k) for k in range(1, n + 1)],
        "formula": [_value(v) for v in check.formula],
        f"central diff. (h = {h_label(check.h)})": central,
        "sympy": [_value(v) for v in check.reference],
        "rel. error, formula": [
            _rel(v) for v in core.relative_error(check.formula, check.reference)
        ],
        "rel. error, central diff.": central_rel,
    }
    if check.loss == "squared_error":
        table["(ŷⱼ − yⱼ)/T"] = [_value(v) for v in check.shortcut]
        table["rel. error, (ŷ − y)/T"] = [
            _rel(v) for v in core.relative_error(check.shortcut, check.reference)
        ]
    return table


class CentralDifference(NamedTuple):
    """One component's central difference, as :func:`sce_core.numerical_grad` takes it."""

    up: float
    """L(x + h eⱼ)."""
    down: float
    """L(x − h eⱼ)."""
    step: float
    """(xⱼ + h) − (xⱼ − h) in float64: the divisor actually used."""
    value: float


def central_difference(x, y, temperature: float, loss: str, h: float, j: int) -> CentralDifference:
    """The two losses and the step behind component ``j`` (0-based) of the central difference."""
    f = loss_function(y, temperature, loss)
    point = np.asarray(x, float).copy()
    centre = point[j]
    up, down = centre + h, centre - h
    point[j] = up
    f_up = float(f(point))
    point[j] = down
    f_down = float(f(point))
    return CentralDifference(f_up, f_down, up - down, (f_up - f_down) / (up - down))


def shared_digits(parts: CentralDifference) -> int:
    """How many leading digits L(x + h eⱼ) and L(x − h eⱼ) share: those cancel in the difference."""
    return agreeing_digits(parts.up, parts.down)


def cancellation_caption(parts: CentralDifference) -> str:
    """What the subtraction of the central difference cancels, and what it leaves."""
    shared = shared_digits(parts)
    return (
        f"The two losses share their first {shared} of 17 significant digits. Those cancel "
        f"in the subtraction, so the quotient keeps only about {max(17 - shared, 0)} "
        "meaningful digits: that loss is the round-off error, and it grows as h shrinks."
    )


def error_caption(curve: ErrorCurve) -> str:
    """Where the constants of :func:`error_model` come from, and what the chart shows."""
    parts = [
        f"Constants at your logits: a = max_j |∂³L/∂xⱼ³| / 6 = {num(curve.truncation)} and "
        f"b = ε|L| = {num(curve.roundoff)}, with ε = {num(EPS)}."
    ]
    if curve.truncation == 0:
        parts.append(
            "Here ∂³L/∂xⱼ³ is 0 for every j, so the h² term vanishes and the error stays "
            "small right up to h = 1."
        )
    elif curve.best_h is not None:
        parts.append(
            f"The two terms balance at h ≈ {num(curve.best_h)}. The measured errors scatter "
            "around the round-off line: rounding errors are real but not systematic."
        )
    if np.isnan(curve.errors).any():
        parts.append(
            "In the shaded band h is smaller than the gap between neighbouring floats at "
            "some xⱼ, so x ± h rounds back to x and there is no difference to take."
        )
    missing = np.sum(curve.errors == 0)
    if missing:
        parts.append(
            f"At {missing} of the {curve.steps.size} steps the central difference was exact "
            "to every digit; a log axis has no place for 0, so those points are missing."
        )
    return " ".join(parts)
