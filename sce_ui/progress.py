"""The learner's way through the derivation: steps visited, predictions made and right.

Kept in ``st.session_state`` only, for the session: nothing is stored on the server
beyond it, and a new tab starts afresh. A question counts once per set of numbers, by
its last answer, so checking again after a right answer cannot add to the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from . import nav

_STATE = "progress"


@dataclass(frozen=True)
class Summary:
    """What the sidebar says: steps visited of all steps, predictions made and right."""

    visited: tuple[str, ...]
    """The visited steps' titles, in reading order."""
    steps: int
    made: int
    right: int

    def lines(self) -> list[str]:
        """The summary as short lines of text, as the sidebar draws them."""
        made = "1 prediction" if self.made == 1 else f"{self.made} predictions"
        return [
            f"Steps visited: {len(self.visited)} of {self.steps}",
            f"{made} made, {self.right} right" if self.made else "No prediction made yet",
        ]


def summarize(visited, answers: dict[str, bool]) -> Summary:
    """A :class:`Summary` from the visited page files and the right/wrong of each question."""
    names = {Path(page).name for page in visited}
    steps = [(path, title) for path, title in nav.STEPS if path != "app.py"]
    seen = tuple(title for path, title in steps if Path(path).name in names)
    return Summary(seen, len(steps), len(answers), sum(bool(v) for v in answers.values()))


def _state() -> dict:
    return st.session_state.setdefault(_STATE, {"visited": [], "answers": {}})


def visit(page_file: str) -> None:
    """Note that the learner opened the step in ``page_file`` (a page passes ``__file__``)."""
    visited = _state()["visited"]
    name = Path(page_file).name
    if name not in visited:
        visited.append(name)


def record(question: str, right: bool) -> None:
    """Note the last answer to ``question`` (a key that changes with the numbers)."""
    _state()["answers"][question] = bool(right)


def current() -> Summary:
    """The learner's progress so far in this session."""
    state = _state()
    return summarize(state["visited"], state["answers"])


def sidebar() -> None:
    """Draw the progress summary (call it inside ``with st.sidebar``)."""
    summary = current()
    st.caption("Your progress (this session only)")
    st.progress(len(summary.visited) / summary.steps, text=" · ".join(summary.lines()))
