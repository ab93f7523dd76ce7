"""Lab · Self-check: questions drawn from a seed, on your numbers or fresh ones, worked through."""

import streamlit as st

import sce_core as core
from sce_ui import nav
from sce_ui.controls import sidebar

st.set_page_config(page_title="Lab · Self-check", layout="wide")
setting = sidebar()

ANY = "any"
KIND_NAMES = {
    ANY: "Any kind (a new kind each time)",
    "jacobian_entry": "An entry of the softmax Jacobian",
    "gradient_sign": "The sign of a gradient component",
    "largest_push": "The logit one step moves most",
    "loss_value": "The value of the loss",
}
for key, start in (("quiz_seed", 0), ("quiz_answered", 0), ("quiz_correct", 0)):
    st.session_state.setdefault(key, start)
st.session_state.setdefault("quiz_results", {})


def new_question() -> None:
    st.session_state["quiz_seed"] += 1
    st.session_state["quiz_answer"] = ""


def draw(seed: int, choice: str, mine: bool) -> tuple[core.Question | None, str | None]:
    """The chosen kind, or for "any" the seed's kind and, if it cannot fit, the next that can."""
    kinds = core.QUESTION_KINDS if choice == ANY else (choice,)
    logits, label = (setting.logits, setting.true_index) if mine else (None, None)
    reason = None
    for step in range(len(kinds)):
        kind = kinds[(seed + step) % len(kinds)]
        try:
            return core.make_question(kind, seed, logits, label), None
        except ValueError as err:
            reason = str(err)
    return None, reason


def markdown_text(text: str) -> str:
    """Plain text shown through st.markdown without markdown or math taking it over."""
    for ch in "\\_*$`[]":
        text = text.replace(ch, "\\" + ch)
    return text


st.title("Lab · Self-check")
st.markdown(
    "Test yourself on what the steps derived: Jacobian entries, the signs and sizes of "
    "∂L/∂x, and the loss. Work it out on paper, type a number, and the worked answer "
    "appears. Each question comes from a seed, so the same seed brings the same question."
)
left, right = st.columns(2)
mine = left.toggle(
    "Ask about my numbers (the sidebar's logits and true class)",
    value=True,
    key="quiz_mine",
    help="Off: a fresh example of 3 or 4 logits, drawn from the seed.",
)
choice = right.selectbox(
    "Kind of question", tuple(KIND_NAMES), format_func=KIND_NAMES.get, key="quiz_kind"
)
score = st.container()

seed = st.session_state["quiz_seed"]
question, reason = draw(seed, choice, mine)
st.subheader(f"Question {seed + 1}")
if question is None:
    st.info(
        f"No question of this kind fits your numbers ({markdown_text(reason)}). Add a class "
        "in the sidebar, pick another kind, or switch off “Ask about my numbers” for a "
        "fresh example.",
        icon="ℹ️",
    )
else:
    st.markdown(markdown_text(question.prompt))
    st.latex(question.prompt_latex)
    with st.form("quiz_form", border=False):
        typed = st.text_input(
            "Your answer", key="quiz_answer", placeholder="a number, such as 0.25, -1 or 1/4"
        )
        submitted = st.form_submit_button("Check my answer", key="quiz_check", type="primary")
    if question.tolerance:
        st.caption(f"A number counts as right within ±{question.tolerance:g} of the answer.")
    results = st.session_state["quiz_results"]
    asked = f"{question.kind}|{question.prompt}"
    if submitted:
        try:
            right_answer = core.check_answer(question, typed)
        except ValueError as err:
            st.warning(f"{markdown_text(str(err))} Nothing was counted; try again.", icon="✏️")
        else:
            if asked not in results:
                st.session_state["quiz_answered"] += 1
                st.session_state["quiz_correct"] += int(right_answer)
            results[asked] = (typed.strip(), right_answer)
    if asked in results:
        typed_before, was_right = results[asked]
        answer = markdown_text(question.answer_text)
        if was_right:
            st.success(f"Right: {answer}.", icon="✅")
        else:
            st.error(f"Not quite: you answered {markdown_text(typed_before)}; it is {answer}.")
        st.markdown("**Worked answer**")
        for line in question.solution:
            st.latex(line)
        st.caption("Each question counts once: another try on it does not change the score.")

st.button("New question", key="quiz_new", on_click=new_question, type="secondary")
answered, correct = st.session_state["quiz_answered"], st.session_state["quiz_correct"]
first, second = score.columns(2)
first.metric("Answered this session", answered)
second.metric("Correct", f"{correct} of {answered}" if answered else "0")

nav.step_links(__file__)
