"""The learner's setting and the page order."""

import numpy as np
import pytest

from sce_ui import nav
from sce_ui.controls import DEFAULT_SETTING, PRESETS, Setting


def test_setting_is_one_hot_at_the_one_based_label():
    s = Setting((0.5, -1.0, 2.0, 0.0), 3)
    assert s.n == 4 and s.true_index == 2
    np.testing.assert_array_equal(s.y, [0, 0, 1, 0])
    np.testing.assert_array_equal(s.x, [0.5, -1.0, 2.0, 0.0])


def test_presets_are_valid_settings():
    for preset in (*PRESETS, DEFAULT_SETTING):
        setting = getattr(preset, "setting", preset)
        assert 2 <= setting.n <= 10 and 1 <= setting.label <= setting.n


def test_neighbours_follow_the_reading_order():
    previous, _ = nav.neighbours("pages/1_Softmax.py")
    assert previous == ("app.py", "Overview")
    with pytest.raises(ValueError, match="current_file"):
        nav.neighbours("pages/nope.py")
