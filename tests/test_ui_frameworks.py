"""The In PyTorch page's helpers: its link notices and its parses that fall back."""

from types import SimpleNamespace

import numpy as np

from sce_ui.models import frameworks as frameworks_model
from sce_ui.ui import frameworks as frameworks_ui

SETTING = SimpleNamespace(logits=(2.0, 1.0, 0.1), label=1)
OPTIONS = frameworks_model.Options("index", None, -100)


def test_no_notice_for_a_link_without_the_options_or_with_what_they_show():
    assert frameworks_ui.option_notices({}, "index", "mean", 0.0, -100) == [None] * 4
    link = {"pt_targets": ["probabilities"], "pt_smoothing": ["0.30"], "pt_ignore": ["2"]}
    assert frameworks_ui.option_notices(link, "probabilities", "mean", 0.3, 2) == [None] * 4


def test_each_value_the_options_did_not_take_is_named_with_its_rule():
    link = {"pt_targets": ["logits"], "pt_smoothing": ["2"], "pt_ignore": ["1e9"]}
    assert frameworks_ui.option_notices(link, "index", "mean", 0.0, -100) == [
        "`pt_targets=logits` (the targets must be index or probabilities)",
        None,
        "`pt_smoothing=2` (ε must be a number from 0 to 1)",
        "`pt_ignore=1e9` (ignore_index must be a whole number -100 to 9)",
    ]


def test_a_weight_that_cannot_be_used_is_left_out():
    assert frameworks_ui.weight_or_none("1, 2, 0.5", 3) == (1.0, 2.0, 0.5)
    assert frameworks_ui.weight_or_none("", 3) is None
    assert frameworks_ui.weight_or_none("1, 2", 3) is None
    assert frameworks_ui.weight_or_none("bad", 3) is None


def test_a_batch_that_cannot_be_computed_gives_neither_batch_nor_report():
    batch, rep = frameworks_ui.batch_and_report(frameworks_model.DEFAULT_ROWS, SETTING, OPTIONS)
    want = frameworks_model.parse_batch(frameworks_model.DEFAULT_ROWS, SETTING.logits, 1, OPTIONS)
    np.testing.assert_array_equal(batch.logits, want.logits)
    np.testing.assert_allclose(rep.loss, frameworks_model.report(want, OPTIONS).loss, rtol=0)
    assert frameworks_ui.batch_and_report("garbage", SETTING, OPTIONS) == (None, None)
