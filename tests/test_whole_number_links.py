"""A link that gives a whole-number control an infinite value gets a notice, not a traceback.

Streamlit turns a linked value of an integer ``number_input`` into an int before it checks
the range, so ``?train_seed=inf`` raised OverflowError; ``sce_ui.widgets.whole_number_input``
drops such a value first (the fuzz test sends ``inf`` too, but only by chance).
"""

from __future__ import annotations

import pytest

from tests.app_checks import run_app_page

CONTROLS = {
    "pages/10_Train_from_scratch.py": "train_seed",
    "pages/11_Self_check.py": "quiz_seed",
    "pages/13_Network_from_scratch.py": "nn_seed",
    "pages/14_Backward_pass.py": "bp_seed",
    "pages/15_In_PyTorch.py": "pt_ignore",
}


@pytest.mark.parametrize("value", ["inf", "-inf", "1e309"])
@pytest.mark.parametrize(("page", "key"), CONTROLS.items(), ids=CONTROLS.values())
def test_an_infinite_whole_number_in_a_link_is_named_not_raised(page, key, value):
    at = run_app_page(page, 60, **{key: value})
    assert not at.exception, [e.value for e in at.exception]
    notices = " ".join(w.value for w in at.warning)
    assert f"`{key}={value}`" in notices


def test_the_control_starts_at_its_default_and_takes_a_good_link():
    at = run_app_page("pages/10_Train_from_scratch.py", 60, train_seed="inf")
    assert at.number_input(key="train_seed").value == 0
    good = run_app_page("pages/10_Train_from_scratch.py", 60, train_seed="7")
    assert good.number_input(key="train_seed").value == 7
