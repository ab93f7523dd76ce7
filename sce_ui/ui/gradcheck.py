"""The gradient-check lab's notices for its link values, its cached error curve, its asides."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from .. import figures, symbolic
from ..latex import gradcheck as gradcheck_tex
from ..models import gradcheck as gradcheck_model
from ..widgets import url_notice


@st.cache_data(max_entries=64, show_spinner=False)
def error_curve(logits, labels, temperature, loss, reference) -> gradcheck_model.ErrorCurve:
    """The sweep over h depends on everything but h: moving h alone reuses it."""
    return gradcheck_model.error_curve(logits, labels, temperature, loss, reference)


def control_notices(
    link: Mapping[str, list[str]], loss: str, temperature: float, h: float
) -> list[str | None]:
    """A notice for each of the loss, T and h that the link held but its control did not take.

    >>> control_notices({"gc_t": ["3"]}, "cross_entropy", 1.0, 1e-5)
    [None, "`gc_t=3` (T must be one of the slider's values)", None]
    """
    return [
        url_notice(
            link,
            "gc_loss",
            loss,
            "the loss must be one of the two shown",
            gradcheck_model.LOSS_NAMES.get,
        ),
        url_notice(link, "gc_t", temperature, "T must be one of the slider's values", str),
        url_notice(link, "gc_h", h, "h must be one of the slider's steps", gradcheck_model.h_label),
    ]


def draw_sympy(setting, loss: str, chosen: int) -> None:
    """An expander with the loss sympy built and its derivative by ``x_chosen`` (1-based)."""
    label, j = setting.label, chosen - 1
    title = f"What sympy differentiated (n = {setting.n}, true class {label}, ∂L/∂x{chosen})"
    with st.expander(title):
        loss_terms, derivative_terms = symbolic.derivative_latex(setting.n, label, chosen, loss)
        st.latex(gradcheck_tex.sympy_lines(loss_terms, derivative_terms, j))
        st.caption(
            "sympy builds L from the definitions of softmax and the loss, differentiates it "
            "with its own rules, and prints the result; S stands for the sum in the softmax."
        )


def error_figure(check: gradcheck_model.GradientCheck, curve: gradcheck_model.ErrorCurve, h: float):
    """The V of :func:`sce_ui.figures.finite_difference_error` for ``curve``, marked at ``h``
    with the largest error of ``check``'s central differences."""
    largest = gradcheck_model.largest_error(check)
    return figures.finite_difference_error(
        curve.steps, curve.errors, curve.truncation, curve.roundoff, h, largest, curve.best_h
    )
