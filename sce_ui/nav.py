"""The reading order of the pages and the links that step through it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from . import history

STEPS = (
    ("app.py", "Overview"),
    ("pages/1_Softmax.py", "Step 1 · Softmax"),
    ("pages/2_Cross_entropy.py", "Step 2 · Cross-entropy"),
    ("pages/3_Softmax_derivative.py", "Step 3 · Derivative of softmax"),
    ("pages/4_Cross_entropy_derivative.py", "Step 4 · Derivative of cross-entropy"),
    ("pages/5_Chain_rule.py", "Step 5 · Chain rule"),
    ("pages/6_Simplification.py", "Step 6 · Simplification"),
)
LABS = (
    ("pages/7_Why_this_pairing.py", "Lab · Why softmax with cross-entropy"),
    ("pages/16_Prediction_minus_target.py", "Lab · Prediction minus target"),
    ("pages/8_Numerical_stability.py", "Lab · Numerical stability"),
    ("pages/9_Gradient_check.py", "Lab · Gradient check"),
    ("pages/12_Descend_on_your_logits.py", "Lab · Descend on your logits"),
    ("pages/10_Train_from_scratch.py", "Lab · Train from scratch"),
    ("pages/13_Network_from_scratch.py", "Lab · Network from scratch"),
    ("pages/14_Backward_pass.py", "Lab · The backward pass, node by node"),
    ("pages/15_In_PyTorch.py", "Lab · In PyTorch"),
    ("pages/11_Self_check.py", "Lab · Self-check"),
)
ORDER = STEPS + LABS
SECTIONS = {
    "pages/7_Why_this_pairing.py": (
        "pair_view",
        ("Your numbers", "Surface and push", "Two classes"),
    ),
    "pages/16_Prediction_minus_target.py": (
        "cp_view",
        ("Your pair", "Every pair", "Convexity", "Surfaces"),
    ),
    "pages/9_Gradient_check.py": (
        "gc_view",
        ("Formula", "Central differences", "Three routes", "Choosing h"),
    ),
    "pages/12_Descend_on_your_logits.py": (
        "gd_view",
        ("The update", "Path and loss", "Every step"),
    ),
    "pages/15_In_PyTorch.py": ("pt_view", ("Loss", "Gradient", "PyTorch code", "Classic bugs")),
}
"""The labs drawn one section at a time (:func:`sce_ui.widgets.sections`), in reading
order: the URL key of the open section, and the sections' labels, the first open by
default. A section's label is its value in a link, so renaming one breaks the links that
name it."""
_ROOT = Path(__file__).resolve().parents[1]


def existing(pages: tuple[tuple[str, str], ...] = ORDER) -> list[tuple[str, str]]:
    """The pages of ``pages`` whose file exists, in reading order."""
    return [(path, title) for path, title in pages if (_ROOT / path).exists()]


def sections_of(current_file: str) -> tuple[str, tuple[str, ...]]:
    """The URL key and the section labels of the page ``current_file`` (its ``__file__``)."""
    return SECTIONS[ORDER[_index(current_file)][0]]


def _index(current_file: str) -> int:
    name = Path(current_file).name
    for i, (path, _) in enumerate(ORDER):
        if Path(path).name == name:
            return i
    raise ValueError(f"current_file must be one of the app's pages, got {current_file!r}")


def neighbours(current_file: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The previous and the next existing page of ``current_file`` in reading order."""
    here = _index(current_file)
    present = set(dict(existing()))
    before = [p for p in ORDER[:here] if p[0] in present]
    after = [p for p in ORDER[here + 1 :] if p[0] in present]
    return (before[-1] if before else None, after[0] if after else None)


def sidebar_menu() -> None:
    """The list of pages, in reading order, grouped as the derivation and the labs."""
    for heading, pages in (("The derivation", STEPS), ("Labs", LABS)):
        present = existing(pages)
        if present:
            st.caption(heading)
            for path, title in present:
                st.page_link(path, label=title)


def step_links(current_file: str) -> None:
    """Links to the previous and the next step, at the foot of a page; the page's state
    is then one the learner had (:func:`history.remember`)."""
    previous, following = neighbours(current_file)
    st.divider()
    left, right = st.columns(2)
    if previous:
        back = f"Back: {previous[1]}"
        left.page_link(previous[0], label=back, icon=":material/arrow_back:")
    if following:
        right.page_link(
            following[0], label=f"Next: {following[1]}", icon=":material/arrow_forward:"
        )
    history.remember()
