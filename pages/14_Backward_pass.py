"""Lab · The backward pass, node by node: a tiny network, ŷ − y carried down step by step."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import mlp as latex
from sce_ui.models import backward as model
from sce_ui.widgets import IN_URL

st.set_page_config(page_title="Lab · The backward pass, node by node", layout="wide")
sidebar()


def move(delta: int) -> None:
    """Step the backward pass: the step is a bound widget's value, so it lives in the URL."""
    st.session_state["bp_step"] = min(
        max(st.session_state.get("bp_step", 0) + delta, 0), model.STEPS
    )


def network_ui() -> model.Tiny:
    left, right = st.columns(2)
    batch = left.radio(
        "Points in the batch B", model.BATCHES, 1, horizontal=True, key="bp_batch", **IN_URL
    )
    activation = left.radio(
        "Activation f", core.ACTIVATIONS, horizontal=True, key="bp_activation", **IN_URL
    )
    seed = right.number_input(
        "Seed of the points and weights", 0, 10**6, 0, key="bp_seed", **IN_URL
    )
    return model.tiny(int(batch), activation, int(seed))


def step_ui() -> int:
    back, forward, again = st.columns(3)
    back.button("◀ Back one node", key="bp_back", on_click=move, args=(-1,), shortcut="B")
    forward.button(
        "Next node ▶", key="bp_next", on_click=move, args=(1,), type="primary", shortcut="N"
    )
    again.button("Start over", key="bp_again", on_click=move, args=(-model.STEPS,))
    return st.slider(
        "Backward step (keys: N next, B back; or the arrow keys on this slider)",
        0,
        model.STEPS,
        0,
        key="bp_step",
        **IN_URL,
    )


def draw_graph(t: model.Tiny, step: int) -> None:
    rows, done = model.node_rows(t, step), model.reached(step)
    current = list(model.BACKWARD[step - 1]) if step else []
    dot = figures.backward_graph(model.NODES, model.EDGES, rows, current, done)
    names = ", ".join(model.LABELS[key] for key in done) or "none yet"
    st.graphviz_chart(dot, width="stretch", alt=f"Computational graph; gradients reached: {names}")
    st.markdown(f"**Step {step} of {model.STEPS}.** {model.SENTENCES[step]}")
    sign = model.step_relation(t, step)
    st.latex(latex.step_formula(step, t.values, t.grads, t.slope, t.Y, t.activation, sign))
    if sign != "=":
        st.caption("≈: the shown numbers are rounded; the result is computed from the exact ones.")
        with st.expander("The result unrounded"):
            st.latex(latex.matrix(t.grads[model.BACKWARD[step - 1][0]], digits=12))
    st.caption("Every node as text, rows of a matrix separated by ; (on a phone it scrolls):")
    st.table(tables.text_table(rows))


def draw_entry(t: model.Tiny) -> None:
    st.subheader("One entry of dW = Aᵀ dZ, worked out")
    choice = st.selectbox("Entry of the weight gradient", model.entries(), key="bp_entry", **IN_URL)
    st.latex(latex.entry_formula(model.entry(t, choice)))
    st.caption(
        "k runs over the points of the batch: each point adds its input to the weight times "
        "the error that reached the weight's output. That sum over k is the matrix product."
    )


def draw_vjp(t: model.Tiny) -> None:
    st.subheader("Why no framework builds the softmax Jacobian")
    st.markdown(
        "Step 3 carried g = ∂L/∂ŷ through softmax. The Jacobian J = diag(ŷ) − ŷŷᵀ is "
        "symmetric, so Jg = ŷ ⊙ g − ŷ⟨g, ŷ⟩: the vector–Jacobian product needs one inner "
        "product, never the K × K matrix. For the first point of the batch:"
    )
    st.latex(latex.vjp_formula(model.vjp(t)))
    st.markdown("Both give the first row of dZ₂ above. Their cost per example:")
    st.table(tables.text_table(model.cost_rows()))
    st.caption(
        "With a vocabulary of 50 000 words as classes, J would hold 2.5 billion numbers per "
        "example; the product with ŷ − y needs none of them."
    )


st.title("Lab · The backward pass, node by node")
st.markdown(
    "A network with 2 features, one hidden layer of 3 units and 3 classes, on a batch of 2 "
    "or 3 points. The forward pass fills every node with a value; the backward pass starts "
    "at the loss and hands each node its gradient, one node at a time, with these numbers."
)
tiny = network_ui()
step = step_ui()
draw_graph(tiny, step)
draw_entry(tiny)
draw_vjp(tiny)
st.caption("A link to this page keeps the batch, the activation, the seed, the step and the entry.")
nav.step_links(__file__)
