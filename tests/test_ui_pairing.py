"""The pairing page's helpers: its link notices and the caption of its loss surface."""

import numpy as np

from sce_ui import figures
from sce_ui.fmt import num, typed
from sce_ui.ui import pairing as pairing_ui


def test_no_notice_for_a_link_without_the_pair_or_with_what_the_controls_show():
    assert pairing_ui.pair_notices({}, 2.0, 1.0, 1) == [None] * 3
    link = {"pair_a": ["-3"], "pair_b": ["1e3"], "pair_label": ["2"]}
    assert pairing_ui.pair_notices(link, -3.0, 1000.0, 2) == [None] * 3


def test_each_value_of_the_pair_the_controls_did_not_take_is_named():
    link = {"pair_a": ["5000"], "pair_b": ["nan"], "pair_label": ["0"]}
    why = "a logit must be a number from -1000 to 1000"
    assert pairing_ui.pair_notices(link, 2.0, 1.0, 1) == [
        f"`pair_a=5000` ({why})",
        f"`pair_b=nan` ({why})",
        "`pair_label=0` (the true class must be 1 or 2)",
    ]


def test_surface_caption_names_its_range_the_point_and_the_held_logits():
    z = np.array([[0.25, 3.5], [1.0, 0.125]])
    two = pairing_ui.surface_caption("squared_error", [2.0, 1.0], z, 0.5)
    assert two.startswith(
        f"Squared error as x₁ and x₂ move: {num(0.125)} to {num(3.5)} over this square, "
        f"{num(0.5)} at your logits (◆)"
    )
    assert f"−{typed(figures.ARROW_SCALE)}·(∂L/∂x₁, ∂L/∂x₂)" in two
    four = pairing_ui.surface_caption("cross_entropy", [2.0, 1.0, 0.1, -3.0], z, 0.5)
    assert four.startswith("Cross-entropy as x₁ and x₂ move, with x3 = 0.1, x4 = -3 held: ")
