"""The training page's helpers: its link notices and the caption of its regions chart."""

from sce_ui import figures
from sce_ui.models import training as training_model
from sce_ui.ui import training as training_ui

DEFAULT = training_model.Settings(3, 300, 0, 0.5, 200, training_model.CORRECT)


def test_no_notice_for_a_link_without_the_settings_or_with_what_the_controls_show():
    assert training_ui.settings_notices({}, DEFAULT, False) == [None] * 7
    link = {
        "train_classes": ["3"],
        "train_points": ["300.0"],
        "train_lr": ["0.5"],
        "train_grad": [training_model.choice_label(training_model.CORRECT)],
        "train_show": ["True"],
    }
    assert training_ui.settings_notices(link, DEFAULT, True) == [None] * 7


def test_each_setting_the_controls_did_not_take_is_named_with_its_range():
    link = {
        "train_classes": ["9"],
        "train_points": ["5000"],
        "train_seed": ["-1"],
        "train_lr": ["0.03"],
        "train_epochs": ["0"],
        "train_grad": ["guess"],
        "train_show": ["yes"],
    }
    assert training_ui.settings_notices(link, DEFAULT, False) == [
        "`train_classes=9` (K must be a whole number 3 to 5)",
        f"`train_points=5000` (B must be a whole number 30 to {training_model.UI_MAX_POINTS})",
        "`train_seed=-1` (the seed must be a whole number 0 to 1000000)",
        "`train_lr=0.03` (η must be one of the slider's steps)",
        f"`train_epochs=0` (the epochs must be a whole number 1 to {training_model.UI_MAX_EPOCHS})",
        "`train_grad=guess` (the gradient must be one of those listed)",
        "`train_show=yes` (showing the run must be true or false)",
    ]


def test_regions_caption_names_the_classes_marks_and_the_mistakes():
    caption = training_ui.regions_caption(4, 7, 300, 0.9767)
    assert f"({' '.join(figures.CLASS_MARKS[:4])})" in caption
    assert figures.CLASS_MARKS[4] not in caption
    assert "each of the 7 of 300 points it gets wrong (training accuracy 97.7 %)." in caption
