"""Text tables: the digits shown, and the cues that tell the Jacobian's cases apart."""

import numpy as np
import pandas as pd

import sce_core as core
from sce_ui import palette, tables


def test_class_table_rows_follow_the_classes():
    table = tables.class_table([2.0, 1.0, 0.1], [1.0, 0.0, 0.0]).data
    assert list(table["class i"]) == ["1", "2", "3"]
    assert list(table["ŷᵢ"]) == ["0.659", "0.242", "0.0986"]
    assert list(table["yᵢ"]) == ["1", "0", "0"]
    assert list(table["∂L/∂ŷᵢ = −yᵢ/ŷᵢ"]) == ["-1.517", "0", "0"]
    assert list(table["∂L/∂xᵢ = ŷᵢ − yᵢ"]) == ["-0.341", "0.242", "0.0986"]


def _cell_css(styled, column: str) -> list[str]:
    styled._compute()
    k = list(styled.data.columns).index(column)
    return ["; ".join(f"{p}: {v}" for p, v in styled.ctx[(i, k)]) for i in range(len(styled.data))]


def test_class_table_draws_y_hat_y_and_the_gradient_as_bars_under_the_numbers():
    styled = tables.class_table([2.0, 1.0, 0.1], [1.0, 0.0, 0.0])
    y_hat = _cell_css(styled, tables.Y_HAT_HEADER)
    # ŷ: solid sky blue from 0 to ŷ_i.
    assert f"{palette.Y_HAT} 0.0%, {palette.Y_HAT} 65.9%, transparent 65.9%" in y_hat[0]
    assert f"{palette.Y_HAT} 9.9%, transparent 9.9%" in y_hat[2]
    # y: green hatching, uncovered up to y_i.
    y = _cell_css(styled, tables.Y_HEADER)
    assert palette.Y in y[0] and "transparent 100.0%, white 100.0%" in y[0]
    assert "transparent 0.0%, white 0.0%" in y[1]
    # ŷ - y: orange from the middle, leftwards when negative.
    grad = _cell_css(styled, tables.GRAD_HEADER)
    assert f"transparent 33.0%, {palette.GRAD} 33.0%, {palette.GRAD} 50.0%" in grad[0]
    assert f"transparent 50.0%, {palette.GRAD} 50.0%, {palette.GRAD} 62.1%" in grad[1]
    # The other columns stay plain, and every bar keeps to the foot of its cell.
    assert _cell_css(styled, "logit xᵢ") == ["", "", ""]
    assert all("background-size: 100% 0.45em" in css for css in y_hat + y + grad)
    assert styled.caption.startswith("Bars under the numbers")


def test_matrix_table_takes_an_optional_caption():
    jac = core.softmax_jacobian([2.0, 1.0, 0.1])
    assert tables.matrix_table(jac, zmax=0.25).caption is None
    assert tables.matrix_table(jac, zmax=0.25, caption="Rows i").caption == "Rows i"


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


def test_tables_never_break_a_number_across_lines():
    # A narrow screen would otherwise split "-7.906e-10" after its "e-". Streamlit puts
    # each cell's text in a paragraph of its own, so the rule is on that paragraph.
    x = [10.0, -10.0, 3.0]
    matrix = tables.matrix_table(core.softmax_jacobian(x), zmax=0.25)
    assert "e-" in matrix.data.iloc[1, 2]
    for styled in (tables.class_table(x, [0.0, 1.0, 0.0]), matrix):
        assert {"selector": "td p", "props": [("white-space", "nowrap")]} in styled.table_styles


def test_matrix_table_rings_the_selected_cell_and_dashes_a_column():
    terms = core.chain_rule_terms([2.0, 1.0, 0.1], [0.0, 1.0, 0.0])
    styled = tables.matrix_table(terms, zmax=1.0, selected=(1, 2), column=2)
    styled._compute()
    css = {cell: dict(props) for cell, props in styled.ctx.items()}
    ringed = [cell for cell, props in css.items() if "outline" in props]
    assert ringed == [(1, 2)] and css[(1, 2)]["outline"] == f"3px solid {palette.INK}"
    dashed = sorted(cell for cell, props in css.items() if "dashed" in props.get("border-left", ""))
    assert dashed == [(0, 2), (1, 2), (2, 2)]
    # The diagonal cell of that column keeps its whole vermillion border: declared last,
    # the shorthand overrides the dashes in the browser.
    assert css[(2, 2)]["border"] == f"3px solid {palette.SAME}"
    assert list(styled.ctx[(2, 2)])[-1] == ("border", f"3px solid {palette.SAME}")


def test_matrix_table_without_a_choice_rings_and_dashes_nothing():
    styled = tables.matrix_table(core.softmax_jacobian([0.0, 1.0]), zmax=0.25)
    styled._compute()
    assert not any(
        "outline" in dict(props) or "border-left" in dict(props) for props in styled.ctx.values()
    )


def test_text_table_hides_the_index_of_columns_and_keeps_a_frames_own():
    from_columns = tables.text_table({"j": ["1", "2"], "value": ["-2.060e-09", "0.500"]})
    html = from_columns.to_html()
    assert "-2.060e-09" in html and "row_heading" not in html
    frame = pd.DataFrame({"class 1": ["inf"]}, index=pd.Index(["naive"], name="quantity"))
    assert "naive" in tables.text_table(frame).to_html()
    nowrap = {"selector": "td p", "props": [("white-space", "nowrap")]}
    assert nowrap in from_columns.table_styles and nowrap in tables.text_table(frame).table_styles


def _sticky_selectors(styled) -> list[str]:
    return [
        rule["selector"] for rule in styled.table_styles if ("position", "sticky") in rule["props"]
    ]


def test_a_wide_table_keeps_its_row_labels_in_view():
    # The index of a frame, or the first column of a table of columns, names the rows.
    frame = pd.DataFrame({"class 1": ["inf"]}, index=pd.Index(["naive"], name="quantity"))
    assert _sticky_selectors(tables.text_table(frame)) == [
        "th.row_heading, th.index_name, th.blank"
    ]
    matrix = tables.matrix_table(np.eye(10), zmax=1.0)
    assert "th.row_heading" in _sticky_selectors(matrix)[0]
    assert _sticky_selectors(tables.text_table({"j": ["1"], "v": ["2"]})) == ["td.col0, th.col0"]
    assert _sticky_selectors(tables.class_table([2.0, 1.0], [1.0, 0.0])) == ["td.col0, th.col0"]
    # The sticky cells are opaque, so the columns scrolling under them stay unreadable.
    html = tables.text_table(frame).to_html()
    assert "position: sticky" in html and "background-color: white" in html


def test_table_text_is_held_as_python_strings():
    """Streamlit writes each display value of a styled table into a copy of its frame;
    into pandas' default pyarrow strings that took twice as long a slider move."""
    from streamlit.elements.lib.pandas_styler_utils import _use_display_values

    styled = tables.class_table([2.0, 1.0, 0.1], [1.0, 0.0, 0.0])
    shown = _use_display_values(styled.data, styled._translate(False, False))
    for frame in (styled.data, shown):
        for column in frame.columns:
            assert isinstance(frame[column].dtype, pd.StringDtype), column
            assert frame[column].dtype.storage == "python", column
