"""The self-check lab's notices for its link values, its answer check that warns, and the
callback of its New question button."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import sce_core as core

from ..latex import quiz as quiz_tex
from ..models import MAX_SEED
from ..models import quiz as quiz_model
from ..widgets import url_notice


def new_question() -> None:
    """The next seed, up to :data:`MAX_SEED`, with an empty answer box."""
    st.session_state["quiz_seed"] = min(int(st.session_state.get("quiz_seed", 0)) + 1, MAX_SEED)
    st.session_state["quiz_answer"] = ""


def choice_notices(
    link: Mapping[str, list[str]], mine: bool, choice: str, seed: int
) -> list[str | None]:
    """A notice for each of the toggle, the kind and the seed that the link held but its
    control did not take.

    >>> choice_notices({"quiz_seed": ["-3"]}, True, "any", 0)[2]
    '`quiz_seed=-3` (a whole number from 0 to 1000000)'
    """
    kind_names = quiz_tex.KIND_NAMES
    return [
        url_notice(link, "quiz_mine", mine, "the toggle is true or false"),
        url_notice(link, "quiz_kind", choice, "a kind from the list", kind_names.get),
        url_notice(link, "quiz_seed", seed, f"a whole number from 0 to {MAX_SEED}"),
    ]


def checked(question: core.Question, typed: str) -> quiz_model.Attempt | None:
    """:func:`~sce_ui.models.quiz.attempt`, or None with a warning if ``typed`` is not a number."""
    try:
        return quiz_model.attempt(question, typed)
    except ValueError as err:
        st.warning(
            f"{quiz_model.markdown_text(str(err))}. Nothing was counted; try again.",
            icon=":material/edit:",
        )
        return None
