"""The PyTorch lab's notices for its link values, and its parses that fall back with a warning."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ..models import frameworks as frameworks_model
from ..widgets import url_notice


def option_notices(
    link: Mapping[str, list[str]], targets: str, reduction: str, smoothing: float, ignore: int
) -> list[str | None]:
    """A notice for each of the targets, the reduction, ε and ignore_index that the link
    held but its control did not take.

    >>> option_notices({"pt_reduction": ["median"]}, "index", "mean", 0.0, -100)[1]
    '`pt_reduction=median` (reduction must be mean, sum, none)'
    """
    rules = frameworks_model.LINK_RULES
    return [
        url_notice(link, "pt_targets", targets, rules["pt_targets"], str),
        url_notice(link, "pt_reduction", reduction, rules["pt_reduction"], str),
        url_notice(link, "pt_smoothing", smoothing, rules["pt_smoothing"]),
        url_notice(link, "pt_ignore", ignore, rules["pt_ignore"]),
    ]


def weight_or_none(text: str, n: int) -> tuple[float, ...] | None:
    """:func:`~sce_ui.models.frameworks.parse_weight`, or None with a warning saying why."""
    try:
        return frameworks_model.parse_weight(text, n)
    except ValueError as exc:
        st.warning(f"The weight is left out: {exc}.", icon=":material/warning:")
        return None


def batch_and_report(text: str, setting, options: frameworks_model.Options):
    """The batch of the sidebar's row and the rows in ``text``, and its loss and gradient;
    ``(None, None)`` with a warning saying why if it cannot be computed."""
    try:
        batch = frameworks_model.parse_batch(text, setting.logits, setting.label, options)
        return batch, frameworks_model.report(batch, options)
    except ValueError as exc:
        st.warning(f"This batch cannot be computed: {exc}.", icon=":material/warning:")
        return None, None
