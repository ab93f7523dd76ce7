"""The gradient-check page's helpers: its link notices and its error chart's inputs."""

import numpy as np
import pytest

from sce_ui.models import gradcheck as gradcheck_model
from sce_ui.ui import gradcheck as gradcheck_ui
from tests.test_models_gradcheck import X, Y


def test_no_notice_for_a_link_without_the_controls_or_with_what_they_show():
    assert gradcheck_ui.control_notices({}, "cross_entropy", 1.0, 1e-5) == [None, None, None]
    link = {"gc_loss": ["Squared error on ŷ"], "gc_t": ["0.5"], "gc_h": ["2e-8"]}
    assert gradcheck_ui.control_notices(link, "squared_error", 0.5, 2e-8) == [None] * 3


def test_each_value_the_controls_did_not_take_is_named_with_its_rule():
    link = {"gc_loss": ["hinge"], "gc_t": ["3"], "gc_h": ["1e-5", "0.3"]}
    assert gradcheck_ui.control_notices(link, "cross_entropy", 1.0, 1e-5) == [
        "`gc_loss=hinge` (the loss must be one of the two shown)",
        "`gc_t=3` (T must be one of the slider's values)",
        None,  # one of the link's values for h was taken
    ]
    moved = gradcheck_ui.control_notices({"gc_h": ["0.3"]}, "cross_entropy", 1.0, 1e-5)
    assert moved[2] == "`gc_h=0.3` (h must be one of the slider's steps)"


@pytest.mark.parametrize("h", [1e-5, 1e-16])
def test_error_figure_marks_the_largest_error_at_the_learners_h(h):
    check = gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", h)
    curve = gradcheck_model.error_curve(X, Y, 1.0, "cross_entropy", check.reference)
    fig = gradcheck_ui.error_figure(check, curve, h)
    by_name = {trace.name: trace for trace in fig.data if trace.name}
    measured = np.array(by_name["error, max over j of |central − sympy|"].y, float)
    np.testing.assert_array_equal(measured, curve.errors)
    your_h = next(trace for trace in fig.data if trace.mode and "text" in trace.mode)
    assert your_h.x[0] == h
    if check.central is None:
        assert your_h.text[0].endswith("too small for x")
    else:
        largest = max(abs(c - r) for c, r in zip(check.central, check.reference, strict=True))
        assert your_h.y[0] == largest
