"""Lab · The backward pass, node by node: a tiny network, ŷ − y carried down step by step."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import mlp as mlp_tex
from sce_ui.models import MAX_SEED
from sce_ui.models import backward as backward_model
from sce_ui.ui import backward as backward_ui
from sce_ui.widgets import IN_URL, formula, link_values, warn_ignored, whole_number_input

st.set_page_config(page_title="Lab · The backward pass, node by node", layout="wide")
sidebar()


def network_ui() -> backward_model.Tiny:
    link = link_values(("bp_batch", "bp_activation", "bp_seed"))
    left, right = st.columns(2)
    batch = left.radio(
        "Points in the batch B",
        backward_model.BATCHES,
        1,
        horizontal=True,
        key="bp_batch",
        **IN_URL,
    )
    activation = left.radio(
        "Activation f", core.ACTIVATIONS, horizontal=True, key="bp_activation", **IN_URL
    )
    seed = whole_number_input(
        right, "Seed of the points and weights", 0, MAX_SEED, 0, key="bp_seed"
    )
    warn_ignored(backward_ui.network_notices(link, batch, activation, seed))
    return backward_model.tiny(int(batch), activation, int(seed))


def step_ui() -> int:
    # Once the session holds a step, the URL only echoes it, a button's step behind.
    link = {} if "bp_step" in st.session_state else link_values(("bp_step",))
    back, forward, again = st.columns(3)
    move = backward_ui.move
    back.button("◀ Back one node", key="bp_back", on_click=move, args=(-1,), shortcut="B")
    forward.button(
        "Next node ▶", key="bp_next", on_click=move, args=(1,), type="primary", shortcut="N"
    )
    again.button("Start over", key="bp_again", on_click=move, args=(-backward_model.STEPS,))
    step = st.slider(
        "Backward step (keys: N next, B back; or the arrow keys on this slider)",
        0,
        backward_model.STEPS,
        0,
        key="bp_step",
        **IN_URL,
    )
    warn_ignored([backward_ui.notice(link, "bp_step", step)])
    return step


def draw_graph(t: backward_model.Tiny, step: int) -> None:
    rows, done = backward_model.node_rows(t, step), backward_model.reached(step)
    current = list(backward_model.BACKWARD[step - 1]) if step else []
    dot = figures.backward_graph(backward_model.NODES, backward_model.EDGES, rows, current, done)
    names = ", ".join(backward_model.LABELS[key] for key in done) or "none yet"
    st.graphviz_chart(dot, width="stretch", alt=f"Computational graph; gradients reached: {names}")
    st.markdown(f"**Step {step} of {backward_model.STEPS}.** {backward_model.SENTENCES[step]}")
    terms = backward_model.step_terms(t, step)
    formula(mlp_tex.step_formula(step, t.values, t.grads, t.slope, t.Y, t.activation, terms))
    if backward_model.step_relation(t, step) != "=":
        st.caption("≈: the shown numbers are rounded; hover the formula for more digits.")
    st.caption("Every node as text, rows of a matrix separated by ; (on a phone it scrolls):")
    st.table(tables.text_table(rows))


def draw_entry(t: backward_model.Tiny) -> None:
    st.subheader("One entry of dW = Aᵀ dZ, worked out")
    link = link_values(("bp_entry",))
    choice = st.selectbox(
        "Entry of the weight gradient", backward_model.entries(), key="bp_entry", **IN_URL
    )
    warn_ignored([backward_ui.notice(link, "bp_entry", choice, str)])
    formula(mlp_tex.entry_formula(backward_model.entry(t, choice)))
    st.caption(
        "k runs over the points of the batch: each point adds its input to the weight times "
        "the error that reached the weight's output. That sum over k is the matrix product."
    )


def draw_vjp(t: backward_model.Tiny) -> None:
    st.subheader("Why no framework builds the softmax Jacobian")
    st.markdown(
        "Step 3 carried g = ∂L/∂ŷ through softmax. The Jacobian J = diag(ŷ) − ŷŷᵀ is "
        "symmetric, so Jg = ŷ ⊙ g − ŷ⟨g, ŷ⟩: the vector–Jacobian product needs one inner "
        "product, never the K × K matrix. For the first point of the batch:"
    )
    formula(mlp_tex.vjp_formula(backward_model.vjp(t)))
    st.markdown("Both give the first row of dZ₂ above. Their cost per example:")
    st.table(tables.text_table(backward_model.cost_rows()))
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
