"""Step 4 · Derivative of cross-entropy, in words that hold for the learner's numbers."""

from __future__ import annotations

from ..fmt import num

SMALL = 0.1
"""A true-class probability at or below this makes −1/ŷ a large factor (10 or more)."""


def cancellation_caption(y_hat_true: float, label: int) -> str:
    """What the product −1/ŷ · ŷ(1 − ŷ) of the true class ``label`` (1-based) is made of at
    ``y_hat_true``: a large factor times a small one only where ŷ is small.

    >>> cancellation_caption(0.05, 2).startswith("A large factor, −1/ŷ2 = -20.000,")
    True
    >>> cancellation_caption(0.659, 1).startswith("Here −1/ŷ1 = -1.517 is not large")
    True
    """
    p = float(y_hat_true)
    factor, other = num(-1.0 / p), num(p * (1.0 - p))
    if p <= SMALL:
        head = (
            f"A large factor, −1/ŷ{label} = {factor}, times a small one, "
            f"ŷ{label}(1 − ŷ{label}) = {other}"
        )
    else:
        head = (
            f"Here −1/ŷ{label} = {factor} is not large, since ŷ{label} is not small; as "
            f"ŷ{label} → 0 it grows without limit while ŷ{label}(1 − ŷ{label}) shrinks as fast"
        )
    return f"{head}: the product is always between −1 and 0. Steps 5 and 6 do this for every term."
