"""The pairing lab's notices for its link values, and the caption of its loss surface."""

from __future__ import annotations

from collections.abc import Mapping

from .. import figures
from ..fmt import num, typed
from ..models import pairing as pairing_model
from ..widgets import url_notice


def pair_notices(link: Mapping[str, list[str]], a: float, b: float, label: int) -> list[str | None]:
    """A notice for each of the page's own logits a, b and true class that the link held
    but its control did not take.

    >>> pair_notices({"pair_label": ["3"]}, 2.0, 1.0, 1)
    [None, None, '`pair_label=3` (the true class must be 1 or 2)']
    """
    limit = pairing_model.PAIR_LIMIT
    why = f"a logit must be a number from {-limit:g} to {limit:g}"
    return [
        url_notice(link, "pair_a", a, why),
        url_notice(link, "pair_b", b, why),
        url_notice(link, "pair_label", label, "the true class must be 1 or 2", str),
    ]


def surface_caption(kind: str, x, z, loss: float) -> str:
    """What the loss surface of ``kind`` over x₁ and x₂ shows: its range ``z`` over the
    square, ``loss`` at the learner's logits ``x``, and the downhill arrow."""
    name = pairing_model.LOSS_NAMES[kind]
    fixed = ", ".join(f"x{i} = {typed(v)}" for i, v in enumerate(x[2:], start=3))
    return (
        f"{name} as x₁ and x₂ move{f', with {fixed} held' if fixed else ''}: "
        f"{num(z.min())} to {num(z.max())} over this square, {num(loss)} at your "
        "logits (◆); contour labels give its value. The orange arrow is the downhill step "
        f"−{typed(figures.ARROW_SCALE)}·(∂L/∂x₁, ∂L/∂x₂). Cross-entropy rises steadily where "
        "the "
        "true class loses, so its slope never dies; squared error flattens there into a "
        "plateau, capped at 2."
    )
