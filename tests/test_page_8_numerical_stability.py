"""Lab page, numerical stability, run headless: failures named, log-sum-exp, T at its extremes."""

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui.fmt import num, tex
from tests.app_checks import EDGE_QUERIES, only_formula, open_checked

PAGE = "pages/8_Numerical_stability.py"
WORDS = {
    "overflow (inf)": "overflow",
    "underflow (0)": "underflow",
    "nan": "not a number",
    "-inf": "log of 0",
}
NAIVE_Y_HAT = "naive ŷᵢ = e^xᵢ / Σe^x"
STABLE_Y_HAT = "stable ŷᵢ"


@pytest.fixture
def open_page():
    """The page inside the app, with keyword arguments as URL query parameters."""
    return partial(open_checked, PAGE, "Lab · Numerical stability", 60)


def row(at: AppTest, name: str) -> list[str]:
    return list(at.table[0].value.loc[name])


def named(values) -> list[str]:
    """What a cell must say: the value, then the failure's word if there is one."""
    out = []
    for v, status in zip(values, core.float_report(values), strict=True):
        word = WORDS.get(str(status))
        if word is None:
            out.append(num(v))
        else:
            out.append(("0" if v == 0 else str(float(v))) + " · " + word)
    return out


def expect_table(at: AppTest, x, dtype=np.float64) -> None:
    """The naive and the stable softmax rows match :mod:`sce_core` for logits ``x``."""
    naive = core.naive_softmax(x, dtype)
    stable = core.softmax(np.asarray(x, dtype=dtype))
    assert row(at, NAIVE_Y_HAT) == named(naive)
    assert row(at, STABLE_Y_HAT) == ["0 · underflow" if v == 0 else num(v) for v in stable]


def test_defaults_overflow_the_naive_way_and_not_the_stable_one(open_page):
    at = open_page()
    x = [1000.0, 1001.0, 1002.0]
    assert row(at, "naive e^xᵢ") == ["inf · overflow"] * 3
    assert row(at, NAIVE_Y_HAT) == ["nan · not a number"] * 3
    assert row(at, "naive log ŷᵢ") == ["nan · not a number"] * 3
    expect_table(at, x)
    assert r"\log \infty = \infty" in only_formula(at, r"e^{1000} + e^{1001}")
    steps = only_formula(at, r"m &= \max_k x_k")
    assert r"m &= \max_k x_k = 1002" in steps
    assert f"= 1002 + 0.408 = {tex(core.logsumexp(x))}" in steps
    assert tex(core.log_softmax(x)[0]) in steps


@pytest.mark.parametrize(
    ("preset", "x"),
    [
        ("−1000, 0, 1000", [-1000.0, 0.0, 1000.0]),
        ("−1000, −1001, −1002", [-1000.0, -1001.0, -1002.0]),
        ("90, 91, 92", [90.0, 91.0, 92.0]),
        ("2, 1, 0.1", [2.0, 1.0, 0.1]),
    ],
)
def test_each_preset_fills_the_logits_and_names_what_fails(open_page, preset, x):
    at = open_page()
    at.button(key=f"stab_preset_{preset}").click().run()
    assert not at.exception
    assert [at.number_input(key=f"stab_x{k}").value for k in (1, 2, 3)] == x
    expect_table(at, x)
    log_rows = row(at, "naive log ŷᵢ")
    assert log_rows == named(core.naive_log_softmax(x))


def test_spread_logits_show_underflow_and_the_exact_stable_log(open_page):
    at = open_page()
    at.button(key="stab_preset_−1000, 0, 1000").click().run()
    assert row(at, "naive e^xᵢ") == ["0 · underflow", "1.000", "inf · overflow"]
    assert row(at, "naive log ŷᵢ") == ["-inf · log of 0", "-inf · log of 0", "nan · not a number"]
    stable_log = row(at, "stable log ŷᵢ = xᵢ − m − log Σe^(x − m)")
    assert stable_log == [num(v) if v else "0" for v in core.log_softmax([-1000.0, 0.0, 1000.0])]


def test_float32_overflows_where_float64_does_not(open_page):
    at = open_page()
    at.button(key="stab_preset_90, 91, 92").click().run()
    assert row(at, "naive e^xᵢ") == ["1.22e39", "3.32e39", "9.02e39"]
    at.radio(key="stab_dtype").set_value("float32").run()
    assert not at.exception
    assert row(at, "naive e^xᵢ") == ["inf · overflow"] * 3
    expect_table(at, [90.0, 91.0, 92.0], np.float32)
    assert any("(float32)" in h.value for h in at.subheader)


def test_the_logits_and_the_temperature_at_their_extremes(open_page):
    at = open_page()
    for key, value in (("stab_x1", -1100.0), ("stab_x2", 1100.0), ("stab_x3", 0.0)):
        at.number_input(key=key).set_value(value)
    at.radio(key="stab_label").set_value(3)
    at.slider(key="stab_T").set_value(0.05).run()
    assert not at.exception
    x, y = np.array([-1100.0, 1100.0, 0.0]), np.array([0.0, 0.0, 1.0])
    expect_table(at, x)
    grad = core.logits_grad(x, y, 0.05)
    np.testing.assert_allclose(grad, [0.0, 20.0, -20.0], atol=1e-12)
    text = only_formula(at, r"\operatorname{softmax}(x / T)")
    loss = core.cross_entropy_from_logits(x, y, 0.05)
    assert f"= {tex(loss)}" in text and "22000.000" in text
    assert r"&= \frac{1.000 - 0}{0.05} = 20.000" in text
    assert r"&= \frac{0 - 1}{0.05} = -20.000" in text
    assert "nan" not in text.lower()

    at.slider(key="stab_T").set_value(10.0).run()
    assert not at.exception
    text = only_formula(at, r"\operatorname{softmax}(x / T)")
    y_hat = core.softmax(x, temperature=10.0)
    for g in core.logits_grad(x, y, 10.0):
        assert tex(g) in text
    assert f"= {tex(core.cross_entropy_from_logits(x, y, 10.0))}" in text
    assert num(y_hat[1]) in text


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_the_sidebar_setting_leaves_the_lab_logits_alone(open_page, edge):
    at = open_page(**edge.query)
    expect_table(at, [1000.0, 1001.0, 1002.0])


def test_the_temperature_flattens_the_probabilities_in_the_gradient(open_page):
    at = open_page()
    at.button(key="stab_preset_2, 1, 0.1").click()
    at.slider(key="stab_T").set_value(10.0).run()
    assert not at.exception
    x, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    y_hat = core.softmax(x, temperature=10.0)
    assert y_hat.max() < 0.4
    text = only_formula(at, r"\operatorname{softmax}(x / T)")
    for i, (p, g) in enumerate(zip(y_hat, core.logits_grad(x, y, 10.0), strict=True)):
        assert rf"\frac{{{num(p)} - {int(y[i])}}}{{10}} = {tex(g)}" in text


def test_a_link_sets_the_lab_and_names_what_it_ignored(open_page):
    at = open_page(stab_x1="5", stab_dtype="float32", stab_T="0.5", stab_label="2")
    assert at.number_input(key="stab_x1").value == 5.0
    assert at.radio(key="stab_dtype").value == "float32"
    assert (at.slider(key="stab_T").value, at.radio(key="stab_label").value) == (0.5, 2)
    expect_table(at, [5.0, 1001.0, 1002.0], np.float32)
    at = open_page(stab_x1="5000", stab_dtype="f16", stab_T="abc")
    notice = " ".join(w.value for w in at.warning)
    for part in ("`stab_x1=5000`", "`stab_dtype=f16`", "`stab_T=abc`"):
        assert part in notice
    expect_table(at, [1000.0, 1001.0, 1002.0])
