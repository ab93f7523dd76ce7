"""The In PyTorch lab's display model: parsing the batch, the tables and the verdicts."""

from __future__ import annotations

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.models import frameworks as frameworks_model
from tests.arithmetic_checks import significant_digits

FIRST = (2.0, 1.0, 0.1)


def parse(text, targets="index", ignore=-100, first=FIRST, label=1):
    return frameworks_model.parse_batch(
        text, first, label, frameworks_model.Options(targets, None, ignore)
    )


def test_the_default_batch_is_the_sidebar_row_then_two_rows():
    b = parse(frameworks_model.DEFAULT_ROWS)
    np.testing.assert_array_equal(b.logits, [FIRST, [0.5, 2.5, -1], [1, 0, 3]])
    assert b.target.tolist() == [0, 1, -100] and b.notes == ()


def test_rows_are_fitted_to_n_with_a_note():
    b = parse("1, 2 : 0; 1, 2, 3, 4 : 1")
    np.testing.assert_array_equal(b.logits[1:], [[1, 2, 0], [1, 2, 3]])
    assert b.notes == (
        "row 1 had 2 logits for n = 3: padded with 0, as the sidebar's x4…x10 start at 0",
        "row 2 had 4 logits for n = 3: cut",
    )


def test_probability_rows_take_an_index_or_a_distribution():
    b = parse("0, 0, 0 : 2; 1, 1, 1 : 0.2, 0.3, 0.1; 0, 0, 0 : -100", "probabilities", label=2)
    np.testing.assert_array_equal(b.target, [[0, 1, 0], [0, 0, 1], [0.2, 0.3, 0.1]])
    assert b.notes == ("row 3 (ignore_index) left out: probability targets have none",)
    assert len(b.logits) == 3


def test_masked_logits_are_read():
    assert np.isneginf(parse("1, -inf, 0 : 0").logits[1, 1])


@pytest.mark.parametrize(
    ("text", "targets", "match"),
    [
        ("", "index", "needs 1 to 5 rows besides yours, got 0"),
        ("1, 2, 3", "index", "row 1 must read 'logits : target'"),
        ("1, 2, 3 : 0 : 1", "index", "row 1 must read"),
        ("1, x, 3 : 0", "index", "a logit of row 1 must be a number, got 'x'"),
        ("1, inf, 3 : 0", "index", r"must lie in \[−100, 100\] or be -inf"),
        ("1, 2, 3 : 0, 1, 0", "index", "must be one whole class index"),
        ("1, 2, 3 : 5", "probabilities", "must be a class 0 to 2, got 5"),
        ("1, 2, 3 : 0.5, 0.5", "probabilities", "needs 3 probabilities, got 2"),
        ("1, 2, 3 : a", "index", "the target of row 1 must be a number"),
    ],
)
def test_bad_rows(text, targets, match):
    with pytest.raises(ValueError, match=match):
        parse(text, targets)


@pytest.mark.parametrize(
    ("text", "match"),
    [("1, 2", "one number per class, n = 3, got 2"), ("1, nan, 2", "must be a number, got nan"),
     ("1, -1, 2", "finite number ≥ 0"), ("1, inf, 2", "finite number ≥ 0")],
)  # fmt: skip
def test_bad_weights(text, match):
    with pytest.raises(ValueError, match=match):
        frameworks_model.parse_weight(text, 3)


def test_tables_show_sce_cores_numbers():
    b = parse(frameworks_model.DEFAULT_ROWS)
    options = frameworks_model.Options(weight=(1.0, 2.0, 0.5), label_smoothing=0.1)
    rep = frameworks_model.report(b, options)
    rows = frameworks_model.row_table(b, rep, options)
    assert rows["row"] == ["0", "1", "2"] and rows["target"] == ["0", "1", "-100 (ignored)"]
    assert rows["Σq"] == [num(v) for v in rep.target.q.sum(axis=1)]
    assert rows["Σq"][2] == num(0.0)
    grads = frameworks_model.gradient_table(rep)
    expected = core.cross_entropy_loss_grad(b.logits, b.target, **options.kwargs())
    assert grads["∂loss/∂x = (ŷ·Σq − q)/D"][0] == "(" + ", ".join(map(num, expected[0])) + ")"
    assert grads["plain ŷ − y"][2] == "— (ignored)"


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (frameworks_model.Options(), "The mean divides by D = 2.000, not by B = 3."),
        (frameworks_model.Options(weight=(1.0, 2.0, 0.5)), "Σq is no longer 1"),
        (frameworks_model.Options(label_smoothing=0.2), "ε = 0.200"),
        (frameworks_model.Options(reduction="sum"), "B = 3 times the mean's"),
    ],
)
def test_verdicts_name_what_breaks_sum_q_one(options, says):
    b = parse(frameworks_model.DEFAULT_ROWS)
    assert any(
        says in v
        for v in frameworks_model.verdicts(b, frameworks_model.report(b, options), options)
    )


def test_no_option_is_the_derivations_gradient():
    b = parse("0, 1, 2 : 2")
    (verdict,) = frameworks_model.verdicts(
        b, frameworks_model.report(b, frameworks_model.Options()), frameworks_model.Options()
    )
    assert verdict.startswith("Every Σq is 1 and D = B = 2")
    weighted = frameworks_model.Options(weight=(1.0, 1.0, 1.0))
    assert frameworks_model.verdicts(b, frameworks_model.report(b, weighted), weighted) == [verdict]


def test_bug_tables():
    twice = core.softmax_twice([3.5, 6.0, 4.0], 1)
    t = frameworks_model.twice_table(twice)
    assert t["target seen"][1] == "(" + ", ".join(map(num, twice.y_hat_twice)) + ")"
    step = frameworks_model.step_table(core.sign_flipped_step([2.0, 1.0, 0.1], 0))
    assert step["verdict"][2].startswith("climbs")
    d = frameworks_model.divided_table(core.mean_divided_twice(np.zeros((4, 3)), [0] * 4))
    assert d["step with learning rate η"] == ["η", "η/4, silently"]
    assert "no probability rounds to 0" in frameworks_model.log_caption(
        core.log_of_softmax([0.0, 0.0])
    )
    assert "rounds class 3 to 0" in frameworks_model.log_caption(
        core.log_of_softmax([2.0, 1.0, 0.1])
    )


@pytest.mark.parametrize(
    "x", [[2.0, 1.0, 0.1], [10.0, -10.0, *[0.0] * 8], [10.0, -10.0], [-10.0, 10.0, 10.0]]
)
def test_the_sign_flipped_step_shows_the_loss_fall_and_rise_in_its_printed_numbers(x):
    """The table says the right step descends and the flipped one climbs; its printed losses
    must say so too, at the extremes where three digits printed 3.68e-4 three times."""
    texts = frameworks_model.step_table(core.sign_flipped_step(x, 0))["loss"]
    before, right, flipped = (float(text) for text in texts)
    assert right < before < flipped, texts
    assert min(map(significant_digits, texts)) >= 3, texts


@pytest.mark.parametrize(("n", "label", "masked"), [(3, 1, 2), (3, 3, 1), (2, 2, 0)])
def test_the_masked_class_is_never_the_true_one(n, label, masked):
    from sce_ui.controls import Setting

    assert frameworks_model.masked_class(Setting((0.0,) * n, label)) == masked


def test_ten_classes_go_on_to_a_second_table_row():
    b = parse("0 : 0", first=(1.0,) * 10)
    table = frameworks_model.gradient_table(frameworks_model.report(b, frameworks_model.Options()))
    tenth = num(0.1)
    assert table["ŷ"][:2] == ["(" + ", ".join([tenth] * 5) + ",", ", ".join([tenth] * 5) + ")"]
    assert table["row"] == ["0", "", "1", ""]
    assert all(len(column) == 4 for column in table.values())
