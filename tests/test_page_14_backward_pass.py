"""Lab · The backward pass headless: stepping node by node, the numbers of sce_core, the VJP."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import figures
from sce_ui.fmt import num, tex
from sce_ui.latex import mlp as latex
from sce_ui.models import backward as model
from tests.app_checks import open_checked

PAGE = "pages/14_Backward_pass.py"
TITLE = "Lab · The backward pass, node by node"


def expected(batch=3, activation="relu", seed=0):
    """The tiny network computed straight from sce_core, apart from the page's model."""
    X, labels = core.make_blobs(3, 3, seed=seed)
    X, labels = X[:batch], labels[:batch]
    params = core.mlp_init((2, 3, 3), seed=seed, activation=activation)
    return params, X, labels, core.mlp_backward_trace(params, X, labels, activation)


def gradient_column(at) -> list[str]:
    return list(at.table[0].value["gradient ∂L/∂node"])


def test_defaults_show_the_forward_pass_and_no_gradient_yet():
    at = open_checked(PAGE, TITLE)
    assert at.slider(key="bp_step").value == 0
    params, X, labels, _ = expected()
    loss, _ = core.mlp_loss_and_grads(params, X, labels)
    assert any(f"= {tex(loss)}" in formula.value for formula in at.latex)
    column = gradient_column(at)
    assert column.count("not reached yet") == len(model.NODES) - 1
    assert column[0] == "data: none needed"


def test_next_walks_down_the_graph_one_node_at_a_time():
    at = open_checked(PAGE, TITLE)
    for step in range(1, model.STEPS + 1):
        at.button(key="bp_next").click().run()
        assert not at.exception
        assert at.slider(key="bp_step").value == step
        column = gradient_column(at)
        reached = [node.label for node, g in zip(model.NODES, column, strict=True) if g[0] != "n"]
        assert len(reached) == 1 + len(model.reached(step))  # X says "data: none needed"
        assert at.markdown[1].value.startswith(f"**Step {step} of {model.STEPS}.**")
    at.button(key="bp_next").click().run()
    assert at.slider(key="bp_step").value == model.STEPS
    at.button(key="bp_back").click().run()
    assert at.slider(key="bp_step").value == model.STEPS - 1
    at.button(key="bp_again").click().run()
    assert at.slider(key="bp_step").value == 0


def test_a_link_opens_at_its_step_with_the_numbers_of_sce_core():
    at = open_checked(PAGE, TITLE, bp_step="3", bp_batch="2", bp_activation="tanh")
    _, _, _, trace = expected(2, "tanh")
    (formula,) = [f.value for f in at.latex if "dZ_2 =" in f.value]
    assert latex.matrix(trace["dZ2"]) in formula
    column = dict(zip(at.table[0].value["node"], gradient_column(at), strict=True))
    assert column["Z₂"] == "; ".join("  ".join(num(v) for v in row) for row in trace["dZ2"])
    assert column["W₂"] == "not reached yet"


def test_the_chosen_entry_is_worked_out_from_the_shown_numbers():
    at = open_checked(PAGE, TITLE, bp_entry="W1[2, 3]")
    _, X, _, trace = expected()
    (formula,) = [f.value for f in at.latex if "dW_1[2,3]" in f.value]
    for k in range(3):
        assert f"{num(X[k, 1]).lstrip('-')}" in formula
    assert formula.rstrip("$\n").endswith(f"{tex(trace['W1'][1, 2])}\\end{{gathered}}")


def test_vjp_section_shows_both_products_equal():
    at = open_checked(PAGE, TITLE)
    _, _, _, trace = expected()
    (formula,) = [f.value for f in at.latex if "J g" in f.value]
    assert formula.count(latex.matrix(trace["dZ2"][0])) == 2
    table = at.table[1].value
    assert table["J·g: operations"].iloc[0] == "27"


# The display model, the LaTeX writers and the DOT builder ---------------------------------


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
def test_tiny_network_values_and_gradients_match_sce_core(activation):
    t = model.tiny(2, activation, 5)
    _, X, _, trace = expected(2, activation, 5)
    np.testing.assert_array_equal(t.values["X"], X)
    np.testing.assert_array_equal(t.grads["Z1"], trace["dZ1"])
    np.testing.assert_array_equal(t.grads["W1"], trace["W1"])
    keys = {node.key for node in model.NODES}
    assert set(t.values) == keys and set(t.grads) == keys - {"X"}


def test_every_backward_step_is_consistent_or_says_approximately():
    for seed in range(5):
        t = model.tiny(3, "tanh", seed)
        for step in range(model.STEPS + 1):
            sign = model.step_relation(t, step)
            assert sign in ("=", r"\approx")
            body = latex.step_formula(step, t.values, t.grads, t.slope, t.Y, t.activation, sign)
            assert body.startswith(r"\begin{gathered}") or step == 1


def test_relation_recomputes_from_the_shown_numbers():
    assert model.relation(np.array([0.1234]), np.array([0.1234])) == "="
    assert model.relation(np.array([0.1236]), np.array([0.1234])) == r"\approx"


def test_entry_sums_the_batch():
    t = model.tiny(3, "relu", 1)
    e = model.entry(t, "W2[3, 2]")
    assert (e.i, e.j) == (2, 1)
    np.testing.assert_allclose(np.sum(e.below * e.error), e.value, rtol=1e-12)
    np.testing.assert_array_equal(e.below, t.values["A1"][:, 2])
    assert len(model.entries()) == 3 * 3 + 2 * 3
    body = latex.entry_formula(e)
    assert body.count(r"\cdot") == 3 and tex(e.value) in body


def test_vjp_model_agrees_with_the_full_jacobian():
    p = model.vjp(model.tiny(3, "relu", 2), point=1)
    np.testing.assert_allclose(p.vjp, p.full, atol=1e-15)
    np.testing.assert_allclose(p.jacobian, p.jacobian.T, atol=0)
    assert p.inner == pytest.approx(float(np.dot(p.g, p.y_hat)))
    rows = model.cost_rows((3, 50_000))
    assert rows["memory of J"][1] == model._count(50_000**2)


def test_graph_marks_reached_and_current_nodes():
    t = model.tiny(2, "relu", 0)
    rows = model.node_rows(t, 4)
    dot = figures.backward_graph(model.NODES, model.EDGES, rows, ["W2", "b2"], model.reached(4))
    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert dot.count("◀ now") == 2 and dot.count("∂ reached") == 5
    assert "W1 -> Z1;" in dot and "Z2 -> W2 [style=dashed" in dot
    assert "Z1 -> X [" not in dot  # X is data: no gradient flows into it
    assert num(t.values["L"]) in dot


def test_a_rounded_result_has_its_unrounded_value_a_click_away():
    at = open_checked(PAGE, TITLE, bp_step="4")
    _, _, _, trace = expected()
    (formula,) = [f.value for f in at.latex if "dW_2 = A_1" in f.value]
    t = model.tiny(3, "relu", 0)
    assert model.step_relation(t, 4) == r"\approx"  # at the defaults the rounding shows
    assert r"\approx" in formula
    assert any(latex.matrix(trace["W2"], digits=12) in f.value for f in at.latex)
