"""The softmax page's helpers: the notices for its nudge and shift controls' link values."""

from sce_ui.ui import softmax as softmax_ui


def test_no_notice_for_a_link_without_the_controls_or_with_what_they_show():
    assert softmax_ui.control_notices({}, 3, 1, 1.0, 5.0, 3.0) == [None] * 3
    link = {"softmax_j": ["j = 2"], "softmax_delta": ["-2.50"], "softmax_shift": ["-7.5"]}
    assert softmax_ui.control_notices(link, 3, 2, -2.5, -7.5, 3.0) == [None] * 3


def test_each_value_the_controls_did_not_take_is_named_with_its_rule():
    link = {"softmax_j": ["j = 9"], "softmax_delta": ["4"], "softmax_shift": ["11"]}
    assert softmax_ui.control_notices(link, 3, 1, 1.0, 5.0, 3.0) == [
        "`softmax_j=j = 9` (a class 1 to 3)",
        "`softmax_delta=4` (the nudge must be a number from -3 to 3)",
        "`softmax_shift=11` (c must be a number from -10 to 10)",
    ]
    wider = softmax_ui.control_notices({"softmax_delta": ["9"]}, 3, 1, 1.0, 5.0, 2.5)
    assert wider[1] == "`softmax_delta=9` (the nudge must be a number from -2.5 to 2.5)"
