"""The softmax step's notices for the link values of its nudge and shift controls."""

from __future__ import annotations

from collections.abc import Mapping

from ..widgets import class_option, url_notice


def control_notices(
    link: Mapping[str, list[str]], n: int, chosen: int, delta: float, c: float, reach: float
) -> list[str | None]:
    """A notice for each of the nudged logit, the nudge δ (within ±``reach``) and the shift c
    that the link held but its control did not take.

    >>> control_notices({"softmax_delta": ["4"]}, 3, 1, 1.0, 5.0, 3.0)[1]
    '`softmax_delta=4` (the nudge must be a number from -3 to 3)'
    """
    reach_text = f"a number from {-reach:g} to {reach:g}"
    return [
        url_notice(link, "softmax_j", chosen, f"a class 1 to {n}", class_option),
        url_notice(link, "softmax_delta", delta, f"the nudge must be {reach_text}"),
        url_notice(link, "softmax_shift", c, "c must be a number from -10 to 10"),
    ]
