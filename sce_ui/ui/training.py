"""The training lab's notices for its link values, and the caption of its decision regions."""

from __future__ import annotations

from collections.abc import Mapping

from .. import figures
from ..fmt import percent
from ..models import MAX_SEED
from ..models import training as training_model
from ..runs import SHOW
from ..widgets import url_notice


def settings_notices(
    link: Mapping[str, list[str]], s: training_model.Settings, shown: bool
) -> list[str | None]:
    """A notice for each setting, and for showing the run, that the link held but its
    control did not take.

    >>> s = training_model.Settings(3, 300, 0, 0.5, 200, training_model.CORRECT)
    >>> [note for note in settings_notices({"train_classes": ["9"]}, s, False) if note]
    ['`train_classes=9` (K must be a whole number 3 to 5)']
    """
    whole = "must be a whole number"
    return [
        url_notice(link, "train_classes", s.classes, f"K {whole} 3 to 5"),
        url_notice(
            link, "train_points", s.points, f"B {whole} 30 to {training_model.UI_MAX_POINTS}"
        ),
        url_notice(link, "train_seed", s.seed, f"the seed {whole} 0 to {MAX_SEED}"),
        url_notice(
            link, "train_lr", s.lr, "η must be one of the slider's steps", training_model.lr_label
        ),
        url_notice(
            link,
            "train_epochs",
            s.epochs,
            f"the epochs {whole} 1 to {training_model.UI_MAX_EPOCHS}",
        ),
        url_notice(
            link,
            "train_grad",
            s.choice,
            "the gradient must be one of those listed",
            training_model.choice_label,
        ),
        url_notice(link, SHOW, shown, "showing the run must be true or false"),
    ]


def regions_caption(classes: int, wrong: int, points: int, accuracy: float) -> str:
    """What the decision-regions chart marks: classes by colour and symbol, mistakes by ring.

    >>> regions_caption(3, 4, 300, 0.9867).endswith("the 4 of 300 points it gets wrong "
    ...     "(training accuracy 98.7 %).")
    True
    """
    return (
        f"Here colours and symbols name classes ({' '.join(figures.CLASS_MARKS[:classes])}), "
        "not the i = j / i ≠ j cases of the derivation. The tinted background is the class "
        f"the model predicts there; a black ring marks each of the {wrong} of {points} "
        f"points it gets wrong (training accuracy {percent(accuracy)})."
    )
