"""Text tables: the digits shown, and the cues that tell the Jacobian's cases apart."""

import numpy as np

import sce_core as core
from sce_ui import palette, tables


def test_class_table_rows_follow_the_classes():
    table = tables.class_table([2.0, 1.0, 0.1], [1.0, 0.0, 0.0])
    assert table["class i"] == ["1", "2", "3"]
    assert table["ŷᵢ"] == ["0.659", "0.242", "0.099"]
    assert table["∂L/∂ŷᵢ = −yᵢ/ŷᵢ"] == ["-1.517", "0.000", "0.000"]
    assert table["∂L/∂xᵢ = ŷᵢ − yᵢ"] == ["-0.341", "0.242", "0.099"]


def test_matrix_table_marks_and_outlines_the_diagonal_only():
    jac = core.softmax_jacobian([2.0, 1.0, 0.1])
    styled = tables.matrix_table(jac, zmax=0.25)
    assert styled.data.iloc[0, 0] == "◆ 0.225" and styled.data.iloc[0, 1] == "● -0.160"
    styled._compute()
    border = f"3px solid {palette.SAME}"
    for (i, j), css in styled.ctx.items():
        props = dict(css)
        assert (props.get("border") == border) == (i == j)
        assert props["background-color"].startswith("rgba(")


def test_matrix_table_fill_grows_with_the_value_and_keeps_its_sign():
    styled = tables.matrix_table(np.array([[0.25, -0.125], [0.0, -1.0]]), zmax=0.25)
    styled._compute()
    fill = {cell: dict(css)["background-color"] for cell, css in styled.ctx.items()}
    assert fill[(0, 0)] == "rgba(240, 228, 66, 1.00)"  # positive: yellow, full
    assert fill[(0, 1)] == "rgba(204, 121, 167, 0.50)"  # negative: purple, half
    assert fill[(1, 1)] == "rgba(204, 121, 167, 1.00)"  # beyond zmax: saturated
