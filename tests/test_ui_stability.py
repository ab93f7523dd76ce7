"""The stability page's helpers: the notices for its link values."""

from sce_ui.ui import stability as stability_ui

START = [1000.0, 1001.0, 1002.0]


def test_no_notice_for_a_link_without_the_logits_or_with_what_the_controls_show():
    assert stability_ui.logit_notices({}, START, "float64") == [None] * 4
    link = {"stab_x1": ["1e3"], "stab_x3": ["1002"], "stab_dtype": ["float32"]}
    assert stability_ui.logit_notices(link, START, "float32") == [None] * 4
    assert stability_ui.temperature_notices({"stab_T": ["0.5"]}, 0.5, 2) == [None, None]


def test_each_value_the_controls_did_not_take_is_named_with_its_rule():
    link = {"stab_x2": ["1e6"], "stab_dtype": ["float16"]}
    assert stability_ui.logit_notices(link, START, "float64") == [
        None,
        "`stab_x2=1e6` (a logit of this lab must be a number from -1100 to 1100)",
        None,
        "`stab_dtype=float16` (the precision must be float64 or float32)",
    ]
    notes = stability_ui.temperature_notices({"stab_T": ["20"], "stab_label": ["4"]}, 1.0, 1)
    assert notes == [
        "`stab_T=20` (T must be a number from 0.05 to 10)",
        "`stab_label=4` (the true class must be 1, 2 or 3)",
    ]
