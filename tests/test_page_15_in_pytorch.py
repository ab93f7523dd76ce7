"""Lab · In PyTorch run headless: every option changes what is shown, always sce_core's numbers."""

from __future__ import annotations

import numpy as np
import pytest

import sce_core as core
from sce_ui import nav
from sce_ui.fmt import num, tex
from sce_ui.latex import frameworks as frameworks_tex
from tests.app_checks import each_section, only_formula, open_checked, open_section

PAGE = "pages/15_In_PyTorch.py"
TITLE = "Lab · In PyTorch"
KEY, SECTIONS = nav.sections_of(PAGE)
X = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [1.0, 0.0, 3.0]]
T = [0, 1, -100]


def section(at, label: str):
    return open_section(at, PAGE, label)


def snippet(at) -> str:
    """The PyTorch code: opens its section."""
    return section(at, "PyTorch code").code[0].value


def printed(at) -> str:
    """What the PyTorch code prints: opens its section."""
    return section(at, "PyTorch code").code[1].value


def expect_numbers(at, logits, target, **options):
    """The loss line, the tables and the printed output are sce_core's, to the shown digits."""
    parts = core.cross_entropy_parts(logits, target, **options)
    assert printed(at) == frameworks_tex.printed(parts.loss, parts.grad)
    reduction = options.get("reduction", "mean")
    marker = r"\text{loss} = " if reduction != "mean" else r"\text{loss} &= (" + tex(parts.rows[0])
    line = only_formula(section(at, "Loss"), marker)
    assert all(tex(v) in line for v in parts.rows)
    if reduction == "mean":
        assert tex(parts.numerator) in line and tex(parts.target.divisor) in line
    rows = at.table[0].value
    grads = section(at, "Gradient").table[0].value
    assert list(rows["Σq"]) == [num(q.sum()) for q in parts.target.q]
    assert list(grads["∂loss/∂x = (ŷ·Σq − q)/D"]) == [
        "(" + ", ".join(num(v) for v in g) + ")" for g in parts.grad
    ]


def test_defaults_show_pytorchs_numbers_for_the_default_batch():
    at = open_checked(PAGE, TITLE)
    assert not at.warning
    assert at.session_state[KEY] == SECTIONS[0] == "Loss"
    expect_numbers(at, X, T)
    assert "target = torch.tensor([0, 1, -100])" in snippet(at)
    gradient = section(at, "Gradient")
    assert "The mean divides by D = 2.000, not by B = 3." in gradient.info[0].value
    assert list(gradient.table[0].value["plain ŷ − y"])[2] == "— (ignored)"


def test_each_section_draws_only_its_own():
    at = open_checked(PAGE, TITLE)
    drawn = each_section(at, PAGE, lambda opened: [h.value for h in opened.main.subheader])
    assert drawn == {
        "Loss": ["1 · The loss, written out"],
        "Gradient": ["2 · The gradient: (ŷ·Σq − q)/D beside ŷ − y"],
        "PyTorch code": ["3 · The same in PyTorch"],
        "Classic bugs": ["4 · Classic bugs, with your numbers"],
    }


def test_a_link_opens_a_section_and_a_wrong_one_is_named():
    at = open_checked(PAGE, TITLE, **{KEY: "Classic bugs", "pt_reduction": "sum"})
    assert at.session_state[KEY] == "Classic bugs" and not at.warning
    assert at.radio(key="pt_reduction").value == "sum"
    assert only_formula(at, "softmax again")
    at = open_checked(PAGE, TITLE, **{KEY: "Code"})
    assert at.session_state[KEY] == SECTIONS[0]
    assert f"`{KEY}=Code` (a section: {', '.join(SECTIONS)})" in at.warning[0].value


@pytest.mark.parametrize(
    ("query", "options", "shown"),
    [
        ({"pt_reduction": "sum"}, {"reduction": "sum"}, "reduction=\"sum\""),
        ({"pt_reduction": "none"}, {"reduction": "none"}, "loss.sum().backward()"),
        ({"pt_smoothing": "0.1"}, {"label_smoothing": 0.1}, "label_smoothing=0.1"),
        ({"pt_weight": "1, 2, 0.5"}, {"weight": [1.0, 2.0, 0.5]}, "weight=torch.tensor"),
        ({"pt_ignore": "1", "pt_rows": "0.5, 2.5, -1 : 1; 1, 0, 3 : 2"}, {"ignore_index": 1},
         "ignore_index=1"),
    ],
)  # fmt: skip
def test_each_option_changes_the_numbers(query, options, shown):
    at = open_checked(PAGE, TITLE, **query)
    assert not at.warning
    target = [0, 1, 2] if "pt_ignore" in query else T
    expect_numbers(at, X, target, **options)
    assert shown in snippet(at)
    default = open_checked(PAGE, TITLE)
    assert printed(at) != printed(default)


def test_probability_targets_drop_the_ignored_row_and_say_so():
    at = open_checked(PAGE, TITLE, pt_targets="probabilities",
                      pt_rows="0.5, 2.5, -1 : 0.2, 0.5, 0.1; 1, 0, 3 : -100")  # fmt: skip
    expect_numbers(at, X[:2], [[1.0, 0.0, 0.0], [0.2, 0.5, 0.1]])
    captions = section(at, "Loss").caption
    assert any("left out: probability targets have none" in c.value for c in captions)
    assert "Σq ≠ 1" in section(at, "Gradient").info[0].value


@pytest.mark.parametrize(
    "query",
    [
        {"n": "10", "label": "10", "x1": "10", "x2": "-10"},
        {"n": "2", "pt_rows": "0, 0 : 1"},
        {"x1": "-10", "x2": "10", "x3": "10", "pt_smoothing": "1"},
        {"pt_rows": "; ".join(["1, 2, 3 : 0"] * 5), "pt_reduction": "none"},
        {"pt_rows": "0.5, -inf, -1 : 0; 1, 0, 3 : -100"},
    ],
)
def test_edge_links_run_and_agree_with_sce_core(query):
    at = open_checked(PAGE, TITLE, **query)
    assert not at.warning
    assert "loss" in printed(at)


def test_a_masked_logit_gets_zero_gradient_on_the_page():
    at = open_checked(PAGE, TITLE, pt_rows="0.5, -inf, -1 : 0; 1, 0, 3 : -100")
    expect_numbers(at, [X[0], [0.5, -np.inf, -1.0], X[2]], [0, 0, -100])
    grads = section(at, "Gradient").table[0].value["∂loss/∂x = (ŷ·Σq − q)/D"]
    assert list(grads)[1].split(", ")[1] == num(0.0)
    assert 'float("-inf")' in snippet(at)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"pt_rows": ""}, "needs 1 to 5 rows besides yours, got 0"),
        ({"pt_rows": "; ".join(["1, 2, 3 : 0"] * 6)}, "got 6"),
        ({"pt_rows": "1, 2, 3"}, "row 1 must read 'logits : target'"),
        ({"pt_rows": "a, 2, 3 : 0"}, "a logit of row 1 must be a number"),
        ({"pt_rows": "nan, 2, 3 : 0"}, "must be a number, got nan"),
        ({"pt_rows": "1, 2, 3 : 7"}, "target[1] = 7 must be a class index"),
        ({"pt_rows": "1, 2, 3 : 0.5"}, "must be one whole class index"),
        ({"pt_rows": "1e9, 2, 3 : 0"}, "must lie in [−100, 100]"),
        ({"pt_rows": "1, -inf, 3 : 1"}, "is a class that is masked"),
        ({"pt_ignore": "1"}, "target[2] = -100 must be a class index"),
        ({"pt_ignore": "0", "pt_rows": "1, 2, 3 : 0"}, "nothing to average"),
        ({"pt_targets": "probabilities", "pt_rows": "1, 2, 3 : 0.5, 0.5"}, "needs 3 probab"),
        ({"pt_targets": "probabilities", "pt_rows": "1, 2, 3 : 0.5, -0.5, 1"}, "non-negative"),
        (
            {"pt_targets": "probabilities", "pt_ignore": "1", "pt_rows": "1, 2, 3 : 0"},
            "is for class-index targets",
        ),
    ],
)
def test_a_bad_batch_gives_a_notice_and_the_page_goes_on(query, notice):
    at = open_checked(PAGE, TITLE, **query)
    (warning,) = at.warning
    assert "This batch cannot be computed" in warning.value and notice in warning.value
    for label in SECTIONS[:3]:  # no numbers for a batch that has none, and a word on why
        opened = section(at, label)
        assert not opened.code and not opened.table and not opened.main.latex
        assert "the batch above cannot be computed" in opened.main.caption[0].value
    bugs = section(at, "Classic bugs")  # the bugs still show
    assert any("softmax again" in el.value for el in bugs.latex)


@pytest.mark.parametrize(
    ("weight", "notice"),
    [("1, 2", "one number per class, n = 3, got 2"), ("1, x, 2", "a weight must be a number"),
     ("1, -2, 1", "finite number ≥ 0")],
)  # fmt: skip
def test_a_bad_weight_is_left_out_with_a_notice(weight, notice):
    at = open_checked(PAGE, TITLE, pt_weight=weight)
    (warning,) = at.warning
    assert "The weight is left out" in warning.value and notice in warning.value
    expect_numbers(at, X, T)


def test_the_classic_bugs_use_the_learners_numbers():
    at = open_checked(PAGE, TITLE, x1="3.5", x2="6", x3="4", label="2", **{KEY: "Classic bugs"})
    twice = core.softmax_twice([3.5, 6.0, 4.0], 1)
    line = only_formula(at, "softmax again")
    assert all(tex(v) in line for v in (*twice.y_hat, *twice.y_hat_twice))
    assert tex(0.0674) in line or "0.067" in line
    table = at.table[0].value
    assert list(table["loss"]) == [num(twice.loss), num(twice.loss_twice)]
    step = core.sign_flipped_step([3.5, 6.0, 4.0], 1)
    assert list(at.table[1].value["loss"]) == [num(v) for v in step]
    masked = only_formula(at, "F.cross")
    assert r"\text{nan}" in masked and r"-\infty" in masked
    assert "rounds class" in " ".join(c.value for c in at.caption)


def test_dividing_by_b_twice_follows_the_batch_size():
    at = open_checked(PAGE, TITLE, pt_rows="; ".join(["1, 2, 3 : 0"] * 5), **{KEY: "Classic bugs"})
    table = at.table[2].value
    assert list(table["step with learning rate η"]) == ["η", "η/6, silently"]
    d = core.mean_divided_twice(np.tile([2.0, 1.0, 0.1], (6, 1)), [0] * 6)
    assert (
        list(table["∂loss/∂x, row 0"])[1] == "(" + ", ".join(num(v) for v in d.grad_twice[0]) + ")"
    )


def test_a_link_the_options_cannot_take_is_named_beside_a_bad_weight():
    query = {"pt_ignore": "10.0", "pt_reduction": "avg", "pt_smoothing": "2", "pt_weight": "x"}
    at = open_checked(PAGE, TITLE, **query)
    notices = [w.value for w in at.warning]
    (used,) = [text for text in notices if "could not be used" in text]
    for part in ("`pt_ignore=10.0`", "`pt_reduction=avg`", "`pt_smoothing=2`"):
        assert part in used
    assert any(text.startswith("The weight is left out") for text in notices)
    assert at.number_input(key="pt_ignore").value == -100
    assert not open_checked(PAGE, TITLE, pt_smoothing="0.1", pt_reduction="sum").warning
