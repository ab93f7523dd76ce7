"""Stability lab model: naive against stable in one dtype, every failure named."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui.models import stability as stability_model


def test_a_cell_names_its_failure_and_only_then():
    assert stability_model.cell(0.25, "ok") == "0.250"
    assert stability_model.cell(math.inf, "overflow (inf)") == "inf · overflow"
    assert stability_model.cell(0.0, "underflow (0)") == "0 · underflow"
    assert stability_model.cell(math.nan, "nan") == "nan · not a number"
    assert stability_model.cell(-math.inf, "-inf") == "-inf · log of 0"
    assert set(stability_model.STATUS_WORDS) == set(core.FLOAT_STATUSES)


def test_compare_keeps_the_dtype_and_agrees_with_the_core():
    c = stability_model.compare([90.0, 91.0, 92.0], "float32")
    assert c.x.dtype == np.float32 and c.softmax.dtype == np.float32
    assert np.isinf(c.exps).all() and math.isinf(c.total) and math.isinf(c.log_total)
    assert np.isnan(c.naive_softmax).all()
    np.testing.assert_allclose(c.softmax, core.softmax([0.0, 1.0, 2.0]), rtol=1e-6)
    c64 = stability_model.compare([90.0, 91.0, 92.0], "float64")
    np.testing.assert_allclose(c64.naive_softmax, c64.softmax, rtol=1e-14)
    assert c64.log_total == pytest.approx(float(core.logsumexp([90.0, 91.0, 92.0])), rel=1e-15)


def test_compare_refuses_an_unknown_dtype():
    with pytest.raises(ValueError, match="dtype must be one of float64, float32"):
        stability_model.compare([1.0, 2.0, 3.0], "float16")


def test_report_table_for_huge_logits_names_overflow_and_nan():
    c = stability_model.compare([1000.0, 1001.0, 1002.0], "float64")
    frame = stability_model.report_table(c)
    assert list(frame.columns) == ["class 1", "class 2", "class 3"]
    assert list(frame.loc["naive e^xᵢ"]) == ["inf · overflow"] * 3
    assert list(frame.loc["naive ŷᵢ = e^xᵢ / Σe^x"]) == ["nan · not a number"] * 3
    assert list(frame.loc["stable ŷᵢ"]) == ["0.0900", "0.245", "0.665"]
    assert list(frame.loc["stable log ŷᵢ = xᵢ − m − log Σe^(x − m)"]) == [
        "-2.408",
        "-1.408",
        "-0.408",
    ]


def test_report_table_for_spread_logits_names_every_failure_kind():
    c = stability_model.compare([-1000.0, 0.0, 1000.0], "float64")
    frame = stability_model.report_table(c)
    assert list(frame.loc["naive e^xᵢ"]) == ["0 · underflow", "1.000", "inf · overflow"]
    assert list(frame.loc["naive log ŷᵢ"]) == [
        "-inf · log of 0",
        "-inf · log of 0",
        "nan · not a number",
    ]
    # The stable log-softmax is exact where the probability itself underflows.
    assert list(frame.loc["stable log ŷᵢ = xᵢ − m − log Σe^(x − m)"]) == [
        "-2000.000",
        "-1000.000",
        "0",
    ]


def test_styled_tints_exactly_the_failed_cells():
    c = stability_model.compare([-1000.0, 0.0, 1000.0], "float64")
    frame = stability_model.report_table(c)
    html = stability_model.styled(frame).to_html()
    for status, tint in stability_model.STATUS_TINTS.items():
        if tint:
            assert tint.lower() in html.lower(), status
    tame = stability_model.styled(
        stability_model.report_table(stability_model.compare([2.0, 1.0, 0.1], "float64"))
    ).to_html()
    # The sticky row labels have a white background of their own; no cell is tinted.
    tints = [tint.lower() for tint in stability_model.STATUS_TINTS.values() if tint]
    assert tints and not any(tint in tame.lower() for tint in tints)


@pytest.mark.parametrize("label", [1, 2, 3])
def test_temperature_gradient_by_hand_at_a_thousand(label):
    x, temperature = np.array([1000.0, 1001.0, 1002.0]), 0.5
    g = stability_model.temperature_gradient(x, temperature, label)
    y = np.eye(3)[label - 1]
    # Softmax of x/T by hand: only the differences of the logits matter, e^(-4), e^(-2), 1.
    e = np.exp((x - x.max()) / temperature)
    p = e / e.sum()
    np.testing.assert_array_equal(g.y, y)
    np.testing.assert_allclose(g.y_hat, p, rtol=1e-14)
    np.testing.assert_allclose(g.grad, (p - y) / temperature, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(g.loss, -np.log(p[label - 1]), rtol=1e-13)


def test_the_presets_start_where_float64_overflows_and_fit_the_inputs():
    high, _ = core.exp_limits("float64")
    assert min(stability_model.DEFAULT) > high
    reach = max(abs(v) for values in stability_model.PRESETS.values() for v in values)
    assert 1000 < reach <= stability_model.LIMIT
