"""Lab · The backward pass headless: stepping node by node, the numbers of sce_core, the VJP."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import arithmetic as ar
from sce_ui import figures
from sce_ui.fmt import num, significant_tex, tex
from sce_ui.latex import mlp as mlp_tex
from sce_ui.models import backward as backward_model
from tests.app_checks import open_checked

PAGE = "pages/14_Backward_pass.py"
TITLE = "Lab · The backward pass, node by node"


def expected(batch=3, activation="relu", seed=0):
    """The tiny network computed straight from sce_core, apart from the page's backward_model."""
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
    assert column.count("not reached yet") == len(backward_model.NODES) - 1
    assert column[0] == "data: none needed"


def test_next_walks_down_the_graph_one_node_at_a_time():
    at = open_checked(PAGE, TITLE)
    for step in range(1, backward_model.STEPS + 1):
        at.button(key="bp_next").click().run()
        assert not at.exception
        assert at.slider(key="bp_step").value == step
        column = gradient_column(at)
        reached = [
            node.label for node, g in zip(backward_model.NODES, column, strict=True) if g[0] != "n"
        ]
        assert len(reached) == 1 + len(backward_model.reached(step))  # X says "data: none needed"
        assert at.markdown[1].value.startswith(f"**Step {step} of {backward_model.STEPS}.**")
    at.button(key="bp_next").click().run()
    assert at.slider(key="bp_step").value == backward_model.STEPS
    at.button(key="bp_back").click().run()
    assert at.slider(key="bp_step").value == backward_model.STEPS - 1
    at.button(key="bp_again").click().run()
    assert at.slider(key="bp_step").value == 0


def test_a_link_opens_at_its_step_with_the_numbers_of_sce_core():
    at = open_checked(PAGE, TITLE, bp_step="3", bp_batch="2", bp_activation="tanh")
    _, _, _, trace = expected(2, "tanh")
    (formula,) = [f.value for f in at.latex if "dZ_2 =" in f.value]
    assert mlp_tex.matrix(trace["dZ2"]) in formula
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
    assert formula.count(mlp_tex.matrix(trace["dZ2"][0])) == 2
    table = at.table[1].value
    assert table["J·g: operations"].iloc[0] == "27"


# The display model, the LaTeX writers and the DOT builder ---------------------------------


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
def test_tiny_network_values_and_gradients_match_sce_core(activation):
    t = backward_model.tiny(2, activation, 5)
    _, X, _, trace = expected(2, activation, 5)
    np.testing.assert_array_equal(t.values["X"], X)
    np.testing.assert_array_equal(t.grads["Z1"], trace["dZ1"])
    np.testing.assert_array_equal(t.grads["W1"], trace["W1"])
    keys = {node.key for node in backward_model.NODES}
    assert set(t.values) == keys and set(t.grads) == keys - {"X"}


def test_every_backward_step_is_consistent_or_says_approximately():
    for seed in range(5):
        t = backward_model.tiny(3, "tanh", seed)
        for step in range(backward_model.STEPS + 1):
            sign = backward_model.step_relation(t, step)
            assert sign in ("=", r"\approx")
            terms = backward_model.step_terms(t, step)
            body = mlp_tex.step_formula(step, t.values, t.grads, t.slope, t.Y, t.activation, terms)
            assert body.startswith(r"\begin{gathered}") or step == 1
            assert (f"{sign} " in body) or step < 2
            # each term, computed from the unrounded operands, is the entry it stands for
            np.testing.assert_allclose(
                [term.value for term, _ in terms], [value for _, value in terms], atol=1e-15
            )


def test_relation_recomputes_from_the_shown_numbers():
    def shown(value):
        return ar.times(ar.number(value), ar.exact(1))

    assert ar.relation(shown(0.1234), 0.1234) == "="
    assert ar.relation(shown(0.1236), 0.1234) == r"\approx"


def test_entry_sums_the_batch():
    t = backward_model.tiny(3, "relu", 1)
    e = backward_model.entry(t, "W2[3, 2]")
    assert (e.i, e.j) == (2, 1)
    np.testing.assert_allclose(np.sum(e.below * e.error), e.value, rtol=1e-12)
    np.testing.assert_array_equal(e.below, t.values["A1"][:, 2])
    assert len(backward_model.entries()) == 3 * 3 + 2 * 3
    body = mlp_tex.entry_formula(e)
    assert body.count(r"\cdot") == 3 and tex(e.value) in body


@pytest.mark.parametrize(("batch", "activation", "seed"), [(3, "tanh", 7), (3, "relu", 0)])
def test_the_vjp_lines_say_equals_only_where_their_printed_numbers_give_the_result(
    batch, activation, seed
):
    """Batch 3, tanh, seed 7 read ŷ ⊙ (g − ⟨g, ŷ⟩) = [... 0.0860 ...] from 0.258 · 0.333,
    which is 0.0859; each line now says '≈' where any entry's printed digits miss."""
    p = backward_model.vjp(backward_model.tiny(batch, activation, seed))
    body = mlp_tex.vjp_formula(p)
    # The digits the formula prints (tex), read back from the same format in plain text.
    printed = [[float(num(v)) for v in np.ravel(a)] for a in (p.y_hat, p.g, p.jacobian)]
    y, g, jac = printed
    shift = float(num(-p.inner))
    lines = {
        "inner": ([sum(a * b for a, b in zip(g, y, strict=True))], [p.inner]),
        "vjp": ([b * (a + shift) for a, b in zip(g, y, strict=True)], p.vjp),
        "full": (
            [sum(jac[3 * i + k] * g[k] for k in range(3)) for i in range(3)],
            p.full,
        ),
    }
    rows = body.removeprefix(r"\begin{gathered}").removesuffix(r"\end{gathered}").split(" \\\\ ")
    relations = [
        rows[1].split(r"\rangle ")[1].split(" ")[0],
        rows[5].split(" ")[0],
        rows[-1].split(" ")[0],  # the Jacobian's rows come before it
    ]
    expected = [
        "=" if all(ar.agrees(r, tex(v)) for r, v in zip(done, values, strict=True)) else r"\approx"
        for done, values in lines.values()
    ]
    assert relations == expected, rows
    assert (body.help() is None) is all(rel == "=" for rel in expected)


def test_vjp_model_agrees_with_the_full_jacobian():
    p = backward_model.vjp(backward_model.tiny(3, "relu", 2), point=1)
    np.testing.assert_allclose(p.vjp, p.full, atol=1e-15)
    np.testing.assert_allclose(p.jacobian, p.jacobian.T, atol=0)
    assert p.inner == pytest.approx(float(np.dot(p.g, p.y_hat)))
    rows = backward_model.cost_rows((3, 50_000))
    assert rows["memory of J"][1] == backward_model._count(50_000**2)


def test_graph_marks_reached_and_current_nodes():
    t = backward_model.tiny(2, "relu", 0)
    rows = backward_model.node_rows(t, 4)
    dot = figures.backward_graph(
        backward_model.NODES, backward_model.EDGES, rows, ["W2", "b2"], backward_model.reached(4)
    )
    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert dot.count("◀ now") == 2 and dot.count("∂ reached") == 5
    assert "W1 -> Z1;" in dot and "Z2 -> W2 [style=dashed" in dot
    assert "Z1 -> X [" not in dot  # X is data: no gradient flows into it
    assert num(t.values["L"]) in dot


def test_a_rounded_result_has_its_unrounded_value_a_click_away():
    at = open_checked(PAGE, TITLE, bp_step="4")
    _, _, _, trace = expected()
    (formula,) = [f.value for f in at.latex if "dW_2 = A_1" in f.value]
    t = backward_model.tiny(3, "relu", 0)
    assert backward_model.step_relation(t, 4) == r"\approx"  # at the defaults the rounding shows
    assert r"\approx" in formula
    (help_text,) = [f.proto.help for f in at.latex if "dW_2 = A_1" in f.value]
    assert any(significant_tex(v, ar.MORE) in help_text for v in trace["W2"].ravel())


def test_a_link_the_controls_cannot_take_is_named_in_its_section():
    at = open_checked(PAGE, TITLE, n="2", bp_seed="-1", bp_batch="4", bp_step="9", bp_entry="zz")
    notices = [w.value for w in at.warning if "could not be used" in w.value]
    assert len(notices) == 3  # the network, the step, the entry
    assert "`bp_seed=-1`" in notices[0] and "`bp_batch=4`" in notices[0]
    assert "`bp_step=9`" in notices[1] and "`bp_entry=zz`" in notices[2]
    assert at.number_input(key="bp_seed").value == 0 and at.slider(key="bp_step").value == 0


def test_stepping_from_a_link_brings_no_notice():
    """The URL still holds the link's step while a button's new step runs: not a bad link."""
    at = open_checked(PAGE, TITLE, bp_step="2")
    for step in (3, 4):
        at.button(key="bp_next").click().run()
        assert at.slider(key="bp_step").value == step and not at.warning
