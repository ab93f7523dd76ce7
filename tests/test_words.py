"""What every page says in words holds for the numbers it prints beside them.

A caption that names a change must print two different numbers, a note that contrasts two
values must print them apart, and a count of one takes the singular. Each rule below once
failed on a page at n = 10, x1 = 10, x2 = -10 (:data:`tests.app_checks.EXTREMES`), where
three significant digits print 0.99963 and 1 alike.
"""

from __future__ import annotations

import functools
import re

from sce_ui import nav
from sce_ui.models import canonical as canonical_model
from tests.app_checks import EXTREMES, every_view, open_section, run_app_page, words

NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
CHANGED = re.compile(rf"\b(?:shrank|grew|fell|rose|dropped|climbed) from ({NUMBER}) to ({NUMBER})")
"""A change named with a verb: 'shrank from 0.474 to 0.474' said nothing true."""
INSTEAD = re.compile(rf"({NUMBER}) instead of [^.=]*= ({NUMBER})")
"""A contrast: 'the gradient is -1.000 instead of prediction − target = -1.000'."""
ONE = re.compile(r"(?<![\d.])1 (?:epochs|steps|times|classes|points|rows)\b")
"""A count of one with a plural noun: '1 epochs'."""


FOCAL = canonical_model.PAIR_NAMES["softmax_focal"]
PROBES = [
    ("pages/12_Descend_on_your_logits.py", {**EXTREMES, "gd_lr": "0.01", "gd_smooth": "0.5"}),
    ("pages/16_Prediction_minus_target.py", {**EXTREMES, "label": "2", "cp_pair": FOCAL}),
    ("pages/16_Prediction_minus_target.py", {"cp_pair": FOCAL, "cp_gamma": "0.0"}),
    (
        "pages/10_Train_from_scratch.py",
        {"train_show": "true", "train_epochs": "1", "train_lr": "0.0001"},
    ),
]
"""Links beyond the defaults and the extremes where a rule below once failed: a small step
with smoothing, focal loss far from y and at γ = 0, a run of one epoch."""


@functools.cache
def _probed() -> list[tuple[str, dict, str, str]]:
    said = []
    for page, query in PROBES:
        at = run_app_page(page, **query)
        assert not at.exception, (page, query, [e.value for e in at.exception])
        said += [(page, query, "", text) for text in words(at)]
        for label in nav.SECTIONS.get(page, ("", ()))[1]:
            said += [(page, query, label, t) for t in words(open_section(at, page, label))]
    return said


def _said() -> list[tuple[str, dict, str, str]]:
    seen = [(v.page, v.query, v.section, text) for v in every_view() for text in v.words]
    return seen + _probed()


def _found(pattern: re.Pattern, both_alike: bool) -> list[tuple[str, dict, str, str]]:
    """Where ``pattern`` matches what a page says; with ``both_alike``, only where its two
    numbers print alike."""
    return [
        (page, query, section, match.group(0))
        for page, query, section, text in _said()
        for match in pattern.finditer(text)
        if not both_alike or match.group(1) == match.group(2)
    ]


def test_a_change_named_in_words_prints_two_different_numbers():
    assert not (same := _found(CHANGED, both_alike=True)), same


def test_a_contrast_prints_its_two_values_apart():
    assert not (same := _found(INSTEAD, both_alike=True)), same


def test_a_count_of_one_takes_the_singular():
    assert not (plural := _found(ONE, both_alike=False)), plural


def test_the_pass_reads_the_words_of_every_page():
    """The rules above read something: every page says something, and the descent's
    finding of a change is among what they read."""
    views = every_view()
    assert all(view.words for view in views)
    assert any(CHANGED.search(text) for view in views for text in view.words)
