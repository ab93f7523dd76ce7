"""Every line of shown arithmetic adds up from the numbers it shows, on every page and download.

Each page of :data:`sce_ui.nav.ORDER` (so pages added later too), and each of its
sections, runs through AppTest at the defaults, at every preset, at n = 10 with x = (10,
-10, 0, ...), where the true class's ŷ is below 1e-4 and at two classes whose ŷ₁ prints
short (every pair under the ``ci`` profile; otherwise every page at one setting and every
setting on some page, :func:`tests.runs.spread`); every formula and every Markdown text it
draws is read back by ``tests/arithmetic_checks.py``, which redoes each step of shown
arithmetic from the printed digits (vectors, restatements and named values too). A line
the rounded numbers do not give must say ≈, and then its unrounded value is a tooltip
away. Tables whose header states an operation (``ŷᵢ − yᵢ``, ``−yᵢ/ŷᵢ``) are redone row by
row the same way. A last test reads every formula of every section at the defaults and the
extremes.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui import export, nav
from sce_ui.controls import PRESETS
from tests.app_checks import every_view, formulas, open_section, run_app_page
from tests.arithmetic_checks import arithmetic, formulas_in_markdown, half_unit, mismatches
from tests.runs import spread

SETTINGS = {
    "defaults": ((2.0, 1.0, 0.1), 1),
    **{preset.title: (preset.setting.logits, preset.setting.label) for preset in PRESETS},
    "ten classes, 10 and -10": ((10.0, -10.0, *[0.0] * 8), 1),
    "true class below 1e-4": ((8.0, -2.0, 0.0), 2),
    "two classes, ŷ₁ printed short": ((1.1, 2.8), 1),
}
"""Logits and the 1-based true class of every setting checked."""

EXTRA = {
    "pages/6_Simplification.py": [
        lambda at: at.toggle(key="simp_soft").set_value(True),
        lambda at: at.radio(key="simp_j").set_value(2),
    ],
}
"""Controls turned on after a page's first run, where they show more arithmetic."""


def _query(logits, label) -> dict[str, str]:
    query = {"n": str(len(logits)), "label": str(label)}
    query.update({f"x{k}": repr(float(v)) for k, v in enumerate(logits, start=1)})
    return query


def test_the_checker_catches_the_faults_a_learner_met():
    """The reader of shown arithmetic finds the lines of the bug report, and only those."""
    assert mismatches("0.191 - 0.142 = 0.048") and not mismatches("0.191 - 0.142 = 0.049")
    assert mismatches(r"L = -\log 0.002 = 6.005") and not mismatches(r"-\log 0.00247 = 6.004")
    assert mismatches(r"-\frac{1}{0.00247} = -405.429")
    assert not mismatches(r"-\frac{1}{0.00247} \approx -405.429")
    coloured = r"\textcolor{#0072B2}{-0.160} \textcolor{#BE5400}{+ 0.184} \\[6pt] &= 0.024"
    assert not mismatches(coloured) and mismatches(coloured.replace("0.024", "0.025"))
    product = r"&= -4.85 \times 10^{8} \\ &\qquad \cdot \textcolor{#BE5400}{2.06 \times 10^{-9}}"
    assert mismatches(product + r" = -1.000") and not mismatches(product + r" = -0.999")
    assert [s.result for s in arithmetic(r"\frac{7.389}{11.213} = 0.659")] == ["0.659"]
    assert half_unit(r"6.08 \times 10^{-6}") == pytest.approx(5e-9) and half_unit("0") == 0
    assert half_unit("-2.06e8") == pytest.approx(5e5)
    assert half_unit("4.54e-5") == pytest.approx(5e-8)


def test_the_checker_reads_vectors_restatements_and_named_values():
    """Beyond ``operation = number``: vectors entry by entry, two operations, a number
    named earlier in the formula, and a product broken across rows."""
    grad = (
        r"\frac{1}{1}\left[\begin{pmatrix}0.659 \\ 0.242\end{pmatrix} - "
        r"\begin{pmatrix}1 \\ 0\end{pmatrix}\right] = \begin{pmatrix}-0.341 \\ %s\end{pmatrix}"
    )
    assert not mismatches(grad % "0.242") and mismatches(grad % "0.243")
    assert not mismatches(r"\big(0.5,\ 1.5\big) + 1 = \big(1.5,\ 2.5\big)")
    assert mismatches(r"\big(0.5,\ 1.5\big) + 1 = \big(1.5,\ 2.6\big)")
    sums = r"e^{2.000} + e^{1.000} = 7.389 + %s"
    assert not mismatches(sums % "2.718") and mismatches(sums % "2.728")
    assert not mismatches(r"-1.000 + 0 = -1 + 1 \cdot 4.54 \times 10^{-5}")  # −1.000 is rounded
    named = (
        r"\begin{aligned}\textstyle\sum_k e^{x_k - m} &= 1.503 \\"
        r" \log \textstyle\sum_k e^{x_k - m} &%s 0.408\end{aligned}"
    )
    assert mismatches(named % "=") and not mismatches(named % r"\approx")
    assert [" ".join(s.expression.split()) for s in arithmetic(named % "=")] == [r"\log (1.503)"]
    broken = (
        r"\begin{gathered} = \begin{bmatrix} 0.5 & 2 \end{bmatrix} \odot \\"
        r" \left(\begin{bmatrix} 1 & 1 \end{bmatrix} + 1\right) \\"
        r" = \begin{bmatrix} %s & 4 \end{bmatrix}\end{gathered}"
    )
    assert not mismatches(broken % "1") and mismatches(broken % "2")
    assert not arithmetic(r"\sum_{j=1}^{3} \frac{\partial \hat y_1}{\partial x_j} = 0")
    assert not mismatches(r"0.0351 - 0 = 0.0351 > 0")  # the self-check's sign, read apart


def _table_mismatches(table) -> list[str]:
    """Rows of a table whose ŷᵢ − yᵢ or −yᵢ/ŷᵢ column the row's printed ŷᵢ and yᵢ do not give."""
    found = []
    columns = {str(c): list(table[c]) for c in table.columns}
    y_hat = next((v for k, v in columns.items() if k in ("ŷᵢ", "ŷⱼ")), None)
    y = next((v for k, v in columns.items() if k in ("yᵢ", "yⱼ")), None)
    if y_hat is None or y is None:
        return found
    for name, cells in columns.items():
        for p_text, y_text, cell in zip(y_hat, y, cells, strict=True):
            p, t = float(p_text), float(y_text)
            if name.endswith("= ŷᵢ − yᵢ") or name == "ŷᵢ − yᵢ":
                computed = p - t
            elif name.endswith("= −yᵢ/ŷᵢ"):
                computed = -t / p if t else 0.0
            else:
                continue
            if cell.startswith("≈"):
                continue
            tolerance = half_unit(cell) * (1 + 1e-9) + 1e-12 * abs(computed) + 1e-15
            if abs(float(cell) - computed) > tolerance:
                found.append(f"{name}: {cell} from ŷ = {p_text}, y = {y_text} ({computed:.6g})")
    return found


def _rounded_lines(latex: str) -> list[str]:
    """The ≈ lines of ``latex`` whose printed numbers do not give their printed result:
    those need their unrounded value a click away (``log 2 ≈ 0.693`` does not)."""
    return [
        s.expression
        for s in arithmetic(latex)
        if s.relation != "=" and mismatches(f"{s.expression} = {s.result}")
    ]


def _formula_findings(formulas: list[tuple[str, bool]]) -> list[str]:
    """The lines of ``(formula, has tooltip)`` pairs that do not add up from their printed
    digits, and the ≈ lines whose digits miss them without more digits a tooltip away."""
    found = []
    for formula, has_help in formulas:
        found += mismatches(formula)
        if _rounded_lines(formula) and not has_help:
            found.append(f"an ≈ line without more digits: {formula[:120]}")
    return found


def _page_mismatches(at) -> list[str]:
    found = _formula_findings(formulas(at))
    for table in at.table:
        found += _table_mismatches(table.value)
    return found


@pytest.mark.parametrize(
    ("page", "setting"),
    [
        pytest.param(page, setting, id=f"{page}-{setting}")
        for page, setting in spread([path for path, _ in nav.existing()], list(SETTINGS))
    ],
)
def test_every_shown_line_adds_up_on_every_page(page, setting):
    logits, label = SETTINGS[setting]
    at = run_app_page(page, 60, **_query(logits, label))
    assert not at.exception, [e.value for e in at.exception]
    for show in [b for b in at.button if str(b.key).startswith("predict_")]:
        if show.key.endswith("_show"):  # a step's numbers wait behind its prediction
            show.click().run()
            assert not at.exception, [e.value for e in at.exception]
    found = _page_mismatches(at)
    for turn_on in EXTRA.get(page, []):
        turn_on(at).run()
        assert not at.exception, [e.value for e in at.exception]
        found += _page_mismatches(at)
    for label in nav.SECTIONS.get(page, ("", ()))[1]:
        found += _page_mismatches(open_section(at, page, label))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_line_of_the_download_adds_up(setting):
    logits, label = SETTINGS[setting]
    text = export.derivation_markdown(logits, label)
    found = [m for formula in formulas_in_markdown(text) for m in mismatches(formula)]
    assert not found, "\n".join(found)
    for line in text.splitlines():
        if r"\approx" in line:
            following = text[text.index(line) + len(line) :].lstrip("\n").splitlines()[0]
            assert following.startswith("With more digits"), line


def test_a_tiny_true_probability_is_printed_with_its_own_digits():
    """ŷ₂ below 1e-4 reads in powers of ten, never as 0.000, and −log of it says ≈ or adds up."""
    logits, label = SETTINGS["true class below 1e-4"]
    p = core.softmax(logits)[label - 1]
    assert p < 1e-4
    text = export.derivation_markdown(logits, label)
    mantissa, exponent = f"{p:.2e}".split("e")
    assert rf"{mantissa} \times 10^{{{int(exponent)}}}" in text
    assert not math.isclose(p, 0.0) and "0.000 " not in text
    assert np.isfinite(core.cross_entropy_from_logits(logits, np.eye(3)[label - 1]))


def test_every_formula_of_every_section_adds_up():
    """Every formula of every page and section, at the defaults and at the extremes, with
    every prediction revealed (:func:`tests.app_checks.every_view`), read whoever wrote it:
    each ``=`` adds up from the printed digits, vectors entry by entry and a symbol given
    a value earlier in the formula standing for it, and an ≈ line its digits miss comes
    with a tooltip. The stability lab's ``log Σ = 0.408`` under ``Σ = 1.503`` (log 1.503 is
    0.4075) and the prediction-minus-target lab's ``= -3.68e-4 = 1.000 − 1`` escaped the
    test above while it opened no section and took only results written after an
    operation."""
    found = []
    for view in every_view():
        where = f"{view.page} {view.section or ''} {view.query or 'defaults'}"
        found += [f"{where}: {line}" for line in _formula_findings(view.formulas)]
    assert not found, "\n".join(found)
