"""Cross-entropy, its derivative, and the chain rule that turns them into ``y_hat - y``.

Labels ``y`` need not be one-hot: any non-negative array of the logits' shape is a
valid target (soft labels, label smoothing). The derivation's last step uses
``sum_i y_i = 1``; :func:`logits_grad` keeps the general ``y_hat * sum(y) - y`` so
that step can be seen to matter.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_labels, as_probabilities, check_temperature
from .softmax import log_softmax, one_minus, softmax


def _scalar_or_rows(values: np.ndarray) -> np.ndarray | np.floating:
    """A numpy scalar for a 0-d result (one example), else the per-row array.

    Adding 0.0 turns the -0.0 of a negated zero loss into 0.0, so it never prints "-0".
    """
    values = values + 0.0
    return values[()] if values.ndim == 0 else values


def cross_entropy(y_hat, y) -> np.ndarray | np.floating:
    """Cross-entropy ("log loss") of probabilities: ``L = -sum_i y_i log y_hat_i``.

    Parameters
    ----------
    y_hat : array_like, shape (n,) or (B, n)
        Predicted probabilities, each in [0, 1].
    y : array_like, same shape
        Non-negative labels (one-hot or soft).

    Returns
    -------
    float or ndarray
        A scalar for ``(n,)``, one loss per row for ``(B, n)``. Terms with ``y_i = 0``
        count as 0 even where ``y_hat_i = 0``; a true class with ``y_hat_i = 0`` gives inf.

    Raises
    ------
    ValueError
        For probabilities outside [0, 1], negative or non-finite labels, or shapes that differ.

    Notes
    -----
    Prefer :func:`cross_entropy_from_logits` when the logits are known: it does not
    lose the digits that rounding ``y_hat`` to a float already lost.

    Examples
    --------
    >>> float(cross_entropy([0.5, 0.5], [1, 0]))  # log 2
    0.6931471805599453
    """
    p = as_probabilities(y_hat, "y_hat")
    lab = as_labels(y, p, "labels")
    with np.errstate(divide="ignore"):
        logs = np.log(p, out=np.zeros_like(p), where=lab > 0)
    return _scalar_or_rows(-np.sum(lab * logs, axis=-1))


def cross_entropy_from_logits(x, y, temperature: float = 1.0) -> np.ndarray | np.floating:
    """Cross-entropy of ``softmax(x / T)`` against labels ``y``, finite for every finite x.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    float or ndarray
        A scalar for ``(n,)``, one loss per row for ``(B, n)``.

    Notes
    -----
    ``L = -sum_i y_i log_softmax(x / T)_i``, never through ``log(softmax(x))``, which
    is ``-inf`` once a probability underflows.

    Examples
    --------
    >>> float(cross_entropy_from_logits([0.0, -1000.0], [0, 1]))
    1000.0
    """
    ls = log_softmax(x, temperature=temperature)
    lab = as_labels(y, ls, "labels")
    # A class more than ~1.8e308 below the top has log y_hat = -inf; with y = 0 its
    # term is 0 (as 0 log 0 is), not the nan of 0 * -inf.
    with np.errstate(invalid="ignore"):
        terms = np.where(lab > 0, lab * ls, 0.0)
    return _scalar_or_rows(-np.sum(terms, axis=-1))


def cross_entropy_grad(y_hat, y) -> np.ndarray:
    """Derivative of the cross-entropy with respect to the probabilities: ``-y_i / y_hat_i``.

    Parameters
    ----------
    y_hat : array_like, shape (n,) or (B, n)
        Probabilities in [0, 1].
    y : array_like, same shape
        Non-negative labels.

    Returns
    -------
    ndarray
        ``dL/dy_hat`` of the shape of ``y_hat``: 0 where ``y_i = 0``, ``-inf`` where
        ``y_i > 0`` and ``y_hat_i = 0``.

    Notes
    -----
    ``d(-y_i log y_hat_i)/d y_hat_i = -y_i / y_hat_i``, since ``d log u / du = 1/u``.

    Examples
    --------
    >>> cross_entropy_grad([0.25, 0.75], [0, 1])
    array([ 0.        , -1.33333333])
    """
    p = as_probabilities(y_hat, "y_hat")
    lab = as_labels(y, p, "labels")
    with np.errstate(divide="ignore"):
        return np.negative(np.divide(lab, p, out=np.zeros_like(p), where=lab > 0)) + 0.0


class ChainRuleParts(NamedTuple):
    """``dL/dx_j`` split as in the derivation: ``same + other = logits_grad``."""

    same: np.ndarray
    """The i = j term ``-y_j / y_hat_j * y_hat_j (1 - y_hat_j) = -y_j (1 - y_hat_j)``, over T."""
    other: np.ndarray
    """The i != j terms ``sum_{i!=j} (-y_i/y_hat_i)(-y_hat_i y_hat_j) = y_hat_j sum_{i!=j} y_i``."""


def _probabilities_and_labels(x, y, temperature):
    t = check_temperature(temperature)
    p = softmax(x, temperature=t)
    return p, as_labels(y, p, "labels"), t


def chain_rule_parts(x, y, temperature: float = 1.0) -> ChainRuleParts:
    """The two parts of ``dL/dx_j = sum_i dL/dy_hat_i * dy_hat_i/dx_j``: i = j and i != j.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    temperature : float, default 1.0
        T > 0; both parts are divided by T.

    Returns
    -------
    ChainRuleParts
        ``same`` and ``other``, each of the shape of ``x``.

    Notes
    -----
    Written in cancelled form: ``y_hat_i`` in ``-y_i / y_hat_i`` cancels against the
    ``y_hat_i`` of the Jacobian, so an underflowed ``y_hat_i = 0`` cannot make ``0/0``.

    Examples
    --------
    >>> chain_rule_parts([0.0, 0.0], [1, 0])
    ChainRuleParts(same=array([-0.5,  0. ]), other=array([0. , 0.5]))
    """
    p, lab, t = _probabilities_and_labels(x, y, temperature)
    rest = np.sum(lab, axis=-1, keepdims=True) - lab
    # 0.0 - lab, not -lab: a class with y_j = 0 shows a term of 0, not -0.
    return ChainRuleParts(same=(0.0 - lab) * one_minus(p) / t, other=p * rest / t)


def chain_rule_terms(x, y, temperature: float = 1.0) -> np.ndarray:
    """Every term of the chain rule: ``T[..., i, j] = dL/dy_hat_i * dy_hat_i/dx_j``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    ndarray, shape (n, n) or (B, n, n)
        Summing over i (axis -2) gives :func:`logits_grad`.

    Notes
    -----
    In cancelled form, ``T[i, i] = -y_i (1 - y_hat_i) / T`` and ``T[i, j] = y_i y_hat_j / T``
    for i != j, finite even where ``y_hat_i`` underflows to 0.

    Examples
    --------
    >>> chain_rule_terms([0.0, 0.0], [1, 0])
    array([[-0.5,  0.5],
           [ 0. ,  0. ]])
    """
    p, lab, t = _probabilities_and_labels(x, y, temperature)
    terms = np.multiply(lab[..., :, None], p[..., None, :])
    terms /= t
    np.einsum("...ii->...i", terms)[...] = (0.0 - lab) * one_minus(p) / t
    return terms


def logits_grad(x, y, temperature: float = 1.0) -> np.ndarray:
    """Gradient of the cross-entropy with respect to the logits: ``(y_hat * sum(y) - y) / T``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    ndarray
        ``dL/dx`` of the shape of ``x``: ``y_hat - y`` for labels summing to 1 at T = 1.

    Notes
    -----
    The sum of :func:`chain_rule_parts`: ``y_hat_j sum_{i != j} y_i - y_j (1 - y_hat_j)``
    ``= y_hat_j sum_i y_i - y_j``. The step ``sum_i y_i = 1`` turns it into ``y_hat_j - y_j``.
    ``1 - y_hat_j`` is taken accurately, so a confident correct prediction keeps its
    tiny gradient to full relative precision.

    Examples
    --------
    >>> logits_grad([0.0, 0.0], [1, 0])
    array([-0.5,  0.5])
    >>> logits_grad([0.0, 0.0], [1, 1])  # soft labels summing to 2: no longer y_hat - y
    array([0., 0.])
    """
    same, other = chain_rule_parts(x, y, temperature)
    return same + other
