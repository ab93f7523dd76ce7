"""Lab · Descend on your logits run headless: the run, its table, and what the page says of it."""

import json
import re

import numpy as np
import pytest

import sce_core as core
from sce_ui import nav
from sce_ui.fmt import num
from sce_ui.latex.descend import vector_text
from sce_ui.models.descend import MODE_NAMES
from tests.app_checks import chart_specs, each_section, open_checked, open_section

PAGE = "pages/12_Descend_on_your_logits.py"
TITLE = "Lab · Descend on your logits"
KEY, SECTIONS = nav.sections_of(PAGE)


def findings(at) -> str:
    return " ".join(m.value for m in at.markdown if m.value.startswith("- "))


def steps_table(at):
    """The table of every step: opens its section."""
    return open_section(at, PAGE, "Every step").table[0].value


def table_losses(at) -> list[float]:
    return [float(v) for v in steps_table(at)["L"] if v != "…"]


def test_a_small_step_size_lowers_the_loss_at_every_step():
    at = open_checked(PAGE, TITLE, gd_lr="0.1", gd_count="10")
    assert "No step overshoots" in findings(at)
    assert "overshoots:" not in findings(at)
    losses = table_losses(at)
    assert len(losses) == 11
    assert np.all(np.diff(losses) < 0)
    want = core.gradient_descent_path([2.0, 1.0, 0.1], [1, 0, 0], 0.1, 10)[1]
    np.testing.assert_allclose(losses, want, atol=6e-4)


def test_a_large_step_size_is_said_to_overshoot():
    at = open_checked(PAGE, TITLE, gd_lr="30.0", gd_smooth="0.2")
    text = findings(at)
    assert "η = 30" in text and "overshoots: step 1" in text
    assert "the loss rose at" in text
    assert "above 4/Σy = 4" in text


def test_one_hot_targets_cannot_overshoot_and_are_reached_only_in_the_limit():
    at = open_checked(PAGE, TITLE, gd_lr="100.0")
    text = findings(at)
    assert "with a one-hot target none can" in text
    assert "reached only in the limit" in text
    assert "The largest push goes to the true class 1" in text


def test_smoothing_makes_the_target_reachable():
    at = open_checked(PAGE, TITLE, gd_smooth="0.1")
    text = findings(at)
    assert "ε = 0.1" in text and "finite logits reach it" in text
    target = vector_text(core.smooth_labels([1, 0, 0], 0.1))
    captions = open_section(at, PAGE, "Every step").caption
    assert f"Target y = {target}" in " ".join(c.value for c in captions)


def test_one_press_per_step_and_the_count_in_the_link():
    at = open_checked(PAGE, TITLE, gd_mode=MODE_NAMES["press"], gd_steps="3")
    assert at.number_input(key="gd_steps").value == 3
    assert steps_table(at)["step"].tolist() == ["0", "1", "2", "3"]
    at.button(key="gd_step").click().run()  # the section stays open
    assert not at.exception
    assert at.number_input(key="gd_steps").value == 4
    assert at.table[0].value["step"].tolist()[-1] == "4"
    assert r"x^{(4)}" in open_section(at, PAGE, "The update").latex[1].value
    at.button(key="gd_reset").click().run()
    assert "Take a step" in findings(at)
    assert steps_table(at)["step"].tolist() == ["0"]


def test_a_long_run_shows_both_ends_of_its_table():
    at = open_checked(PAGE, TITLE, gd_count="500")
    steps = steps_table(at)["step"].tolist()
    assert steps[:2] == ["0", "1"] and steps[-1] == "500"
    assert any(re.fullmatch(r"… \d+ steps …", s) for s in steps)


@pytest.mark.parametrize(
    "query",
    [
        {"n": "10", "x1": "10", "x2": "-10", "label": "2", "gd_lr": "100.0", "gd_count": "500"},
        {"n": "2", "gd_i": "2", "gd_j": "2"},
        {"gd_lr": "nan", "gd_count": "-4", "gd_steps": "1e9", "gd_mode": "x"},
    ],
)
def test_extreme_and_broken_settings_run(query):
    at = open_checked(PAGE, TITLE, **query)
    assert findings(at)
    for label in SECTIONS[1:]:
        open_section(at, PAGE, label)
    assert at.table


def counts(at) -> tuple[int, int]:
    """How many tables and charts the page shows."""
    return len(at.table), len(chart_specs(at))


def test_each_section_draws_only_its_own():
    at = open_checked(PAGE, TITLE, gd_count="10")
    assert at.session_state[KEY] == SECTIONS[0]
    drawn = each_section(
        at,
        PAGE,
        lambda opened: (
            len(opened.table),
            len(chart_specs(opened)),
            bool(findings(opened)),
        ),
    )
    # The update and what it does; the path and the loss; the table of every step.
    assert drawn == {
        "The update": (0, 0, True),
        "Path and loss": (0, 2, False),
        "Every step": (1, 0, False),
    }


def test_the_curves_are_written_out_beside_their_chart():
    """The chart of the loss and the gradient's size is read without seeing it: both ends
    of both curves are in the caption under it (the table is in another section)."""
    at = open_checked(PAGE, TITLE, gd_count="10", **{KEY: "Path and loss"})
    run = core.descent_report([2.0, 1.0, 0.1], [1.0, 0.0, 0.0], 1.0, 10)
    captions = [c.value for c in at.main.caption]
    assert (
        f"Loss L: {num(run.losses[0])} at step 0, {num(run.losses[-1])} at step 10." in captions[-1]
    )
    assert f"{num(run.grad_norms[-1])} at step 10." in captions[-1]


def test_a_link_opens_a_section_and_a_wrong_one_is_named():
    at = open_checked(PAGE, TITLE, **{KEY: "Every step", "gd_count": "10"})
    assert at.session_state[KEY] == "Every step" and not at.warning
    assert len(at.table[0].value) == 11
    at = open_checked(PAGE, TITLE, **{KEY: "Every steps"})
    assert at.session_state[KEY] == SECTIONS[0]
    assert f"`{KEY}=Every steps` (a section: {', '.join(SECTIONS)})" in at.warning[0].value


def test_a_small_move_of_the_start_sends_the_surface_unchanged():
    """The surface's window ends on whole numbers, so a press on x1 moves the path over a
    surface that stays put, sent as before. A move that takes the path past a whole number
    widens the window."""
    at = open_checked(PAGE, TITLE, **{KEY: "Path and loss"})
    before = chart_specs(at)["chart_surface"]
    at.sidebar.slider(key="x1").set_value(2.1).run()
    after = chart_specs(at)["chart_surface"]
    assert after["traces"][0] == before["traces"][0]  # the contours
    assert after["traces"][1] != before["traces"][1]  # the path
    at.sidebar.slider(key="x1").set_value(6.0).run()
    moved = json.loads(chart_specs(at)["chart_surface"]["layout"])["xaxis"]["range"]
    assert moved[1] > json.loads(before["layout"])["xaxis"]["range"][1]
