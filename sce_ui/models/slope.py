"""Step 1's slope view: a nudge of one logit beside the Jacobian's straight-line guess."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from .. import fmt

SWEEP_POINTS = 61
"""Nudges drawn in the gap chart, evenly from −reach to +reach."""


@dataclass(frozen=True)
class SlopeView:
    """The learner's nudge compared, and the gap of the nudged output over a sweep of δ."""

    table: dict[str, list[str]]
    """Columns for ``tables.text_table``: class, actual Δŷᵢ, Jᵢⱼδ and the gap, as text.

    A gap cell reads ``≈ …`` where the printed change and line give it only approximately
    (:func:`sce_ui.arithmetic.derived_cells`); :attr:`notes` redo those with more digits."""
    notes: list[str]
    deltas: np.ndarray
    gaps: np.ndarray
    """The gap Δŷⱼ − Jⱼⱼδ of the nudged output ŷⱼ at each of ``deltas``."""
    gap: float
    """The gap of ŷⱼ at the learner's δ."""


def slope_view(x, chosen: int, delta: float, reach: float) -> SlopeView:
    """Compare ``softmax(x + δ e_j) − softmax(x)`` with ``J[:, j] δ`` (``chosen`` is 1-based)."""
    j = chosen - 1
    step = core.nudge_linearisation(x, j, delta)
    deltas = np.linspace(-reach, reach, SWEEP_POINTS)
    sweep = core.nudge_linearisation(x, j, deltas)
    gaps, notes = ar.derived_cells(
        [
            ar.minus(ar.number(a), ar.number(b))
            for a, b in zip(step.actual, step.linear, strict=True)
        ],
        step.gap,
    )
    table = {
        "class i": [str(i) for i in range(1, step.actual.size + 1)],
        "actual Δŷᵢ": [fmt.num(v) for v in step.actual],
        "straight line Jᵢⱼ·δ": [fmt.num(v) for v in step.linear],
        "gap": gaps,
    }
    return SlopeView(table, notes, deltas, sweep.gap[:, j], float(step.gap[j]))
