"""Lab · Self-check: questions drawn from a seed, on your numbers or fresh ones, worked through."""

import streamlit as st

import sce_core as core
from sce_ui import nav
from sce_ui.controls import sidebar
from sce_ui.latex import quiz as quiz_tex
from sce_ui.models import MAX_SEED
from sce_ui.models import quiz as quiz_model
from sce_ui.ui import quiz as quiz_ui
from sce_ui.widgets import IN_URL, formula, link_values, warn_ignored, whole_number_input

st.set_page_config(page_title="Lab · Self-check", layout="wide")
setting = sidebar()

ANY, KIND_NAMES = quiz_tex.ANY, quiz_tex.KIND_NAMES
st.session_state.setdefault("quiz_results", {})


def choices_ui() -> tuple[bool, str, int]:
    link = link_values(("quiz_mine", "quiz_kind", "quiz_seed"))
    left, middle, right = st.columns([2, 2, 1])
    mine = left.toggle(
        "Ask about my numbers",
        value=True,
        key="quiz_mine",
        help="On: the sidebar's logits and true class. Off: a fresh example of 3 or 4 "
        "logits, drawn from the seed.",
        **IN_URL,
    )
    choice = middle.selectbox(
        "Kind of question", tuple(KIND_NAMES), format_func=KIND_NAMES.get, key="quiz_kind", **IN_URL
    )
    seed = whole_number_input(right, "Question seed", 0, MAX_SEED, 0, key="quiz_seed")
    warn_ignored(quiz_ui.choice_notices(link, mine, choice, seed))
    return mine, choice, int(seed)


def answer_ui(question: core.Question) -> quiz_model.Attempt | None:
    """The answer box; the checked attempt once Check is pressed with a number in it."""
    with st.form("quiz_form", border=False):
        typed = st.text_input(
            "Your answer",
            key="quiz_answer",
            max_chars=60,
            placeholder="a number, such as 0.25, -1, 1/4 or 2.5e-3",
            **IN_URL,
        )
        submitted = st.form_submit_button("Check my answer", key="quiz_check", type="primary")
    st.caption(quiz_tex.tolerance_text(question.rtol))
    if not submitted:
        return None
    return quiz_ui.checked(question, typed)


def draw_feedback(
    question: core.Question, text: quiz_tex.QuizText, tried: quiz_model.Attempt
) -> None:
    right, message = quiz_model.feedback(question, text, tried)
    (st.success if right else st.error)(
        message, icon=":material/check:" if right else ":material/close:"
    )
    st.markdown("**Worked answer**")
    for line in text.solution:
        formula(line)
    st.caption("Each question counts once, by its last answer: a retry replaces the verdict.")


st.title("Lab · Self-check")
st.markdown(
    "Test yourself on what the steps derived: Jacobian entries, chain-rule terms, the signs "
    "and sizes of ∂L/∂x with one-hot or soft labels, at a temperature or over a batch, and "
    "the loss. Work it out on paper, type a number, and the worked answer appears. Each "
    "question comes from a seed, so the same link brings the same question."
)
mine, choice, seed = choices_ui()
score = st.container()
question, reason = quiz_model.question(
    seed,
    core.QUESTION_KINDS if choice == ANY else (choice,),
    *((setting.logits, setting.true_index) if mine else (None, None)),
)
st.subheader(f"Question {seed + 1}")
results = st.session_state["quiz_results"]
if question is None:
    st.info(
        f"No question of this kind fits your numbers ({quiz_model.markdown_text(reason)}). Add a "
        "class in the sidebar, pick another kind, or switch off “Ask about my numbers” for a "
        "fresh example.",
        icon=":material/info:",
    )
else:
    text = quiz_tex.quiz_text(question)
    st.markdown(quiz_model.markdown_text(text.prompt))
    st.latex(text.prompt_latex)
    tried = answer_ui(question)
    if tried is not None:
        quiz_model.record(results, question, tried)
        st.session_state[f"quiz_last|{quiz_model.question_key(question)}"] = tried
    last = st.session_state.get(f"quiz_last|{quiz_model.question_key(question)}")
    if last is not None:
        draw_feedback(question, text, last)

st.button("New question", key="quiz_new", on_click=quiz_ui.new_question, type="secondary")
first, second = score.columns(2)
first.metric("Answered this session", quiz_model.tally(results)[0])
second.metric("Correct (by last answer)", quiz_model.score_text(results))

nav.step_links(__file__)
