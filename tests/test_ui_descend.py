"""The descent page's helpers: the notices for its link values."""

from sce_ui.models import descend as descend_model
from sce_ui.ui import descend as descend_ui

FIXED, PRESS = descend_model.MODE_NAMES["fixed"], descend_model.MODE_NAMES["press"]


def test_no_notice_for_a_link_without_the_choices_or_with_what_the_controls_show():
    assert descend_ui.choice_notices({}, 3, 1.0, 0.0, "fixed", 20, 1, 2) == [None] * 6
    link = {"gd_lr": ["0.3"], "gd_smooth": ["0.1"], "gd_mode": [PRESS], "gd_steps": ["7.0"]}
    assert descend_ui.choice_notices(link, 3, 0.3, 0.1, "press", 7, 1, 2) == [None] * 6


def test_each_choice_the_controls_did_not_take_is_named_with_its_rule():
    link = {
        "gd_lr": ["7"],
        "gd_smooth": ["0.9"],
        "gd_mode": ["sometimes"],
        "gd_count": ["3"],
        "gd_i": ["j = 0"],
        "gd_j": ["j = 4"],
    }
    assert descend_ui.choice_notices(link, 3, 1.0, 0.0, "fixed", 20, 1, 2) == [
        "`gd_lr=7` (η must be one of the slider's values)",
        "`gd_smooth=0.9` (ε must be one of the slider's values)",
        "`gd_mode=sometimes` (the steps are fixed or pressed)",
        "`gd_count=3` (the number of steps must be one of the slider's values)",
        "`gd_i=j = 0` (a logit 1 to 3)",
        "`gd_j=j = 4` (a logit 1 to 3)",
    ]


def test_the_count_noticed_is_the_one_of_the_mode_shown():
    link = {"gd_count": ["3"], "gd_steps": ["1e9"]}
    fixed = descend_ui.choice_notices(link, 3, 1.0, 0.0, "fixed", 20, 1, 2)
    assert fixed[3] == "`gd_count=3` (the number of steps must be one of the slider's values)"
    pressed = descend_ui.choice_notices(link, 3, 1.0, 0.0, "press", 0, 1, 2)
    most = descend_model.MAX_PRESSED
    assert pressed[3] == f"`gd_steps=1e9` (the steps taken must be a whole number from 0 to {most})"
