r"""Lab · In PyTorch in formulas and code: PyTorch's loss through q and D, and the classic bugs.

Strings only: each function formats numbers that :mod:`sce_core` computed (through
:mod:`sce_ui.models.frameworks`) into LaTeX for ``st.latex`` or into Python for ``st.code``.
Results that come from rounded operands are written with ``\approx``.
"""

from __future__ import annotations

import math

import numpy as np

from ..fmt import num, tex

_Q = {
    "index": r"q_i = (1-\varepsilon)\, w_{t_i}\, e_{t_i} + \tfrac{\varepsilon}{n}\, w",
    "probabilities": r"q_i = w \odot \big((1-\varepsilon)\, p_i + \tfrac{\varepsilon}{n}\big)",
}
_D = {
    "index": r"D = \textstyle\sum_{i\ \text{kept}} w_{t_i}",
    "probabilities": r"D = B",
}


def definition(targets: str, reduction: str) -> str:
    """The loss and its gradient through q and D, as PyTorch defines them, a line each."""
    divisor = _D[targets] if reduction == "mean" else rf"D = 1\ (\text{{{reduction}}})"
    return (
        r"\begin{aligned}"
        r"\text{loss} &= \frac{1}{D}\sum_i l_i,\qquad l_i = -\sum_c q_{ic}\log\hat y_{ic}\\"
        rf"{_Q[targets].replace('q_i =', 'q_i &=', 1)}\\"
        rf"{divisor.replace('D =', 'D &=', 1)}\\"
        r"\frac{\partial\,\text{loss}}{\partial x_i} &= "
        r"\frac{\hat y_i \sum_c q_{ic} - q_i}{D}"
        r"\ \text{, which is } \frac{\hat y_i - y_i}{B}\\"
        r"&\text{only when } \textstyle\sum_c q_{ic} = 1 \text{ and } D = B"
        r"\end{aligned}"
    )


def loss_numbers(rows, numerator: float, divisor: float, loss, reduction: str) -> str:
    r"""The loss with the learner's numbers: the rows' terms, numerator N and divisor D."""
    terms = " + ".join(tex(v) for v in rows)
    if reduction == "none":
        return r"\text{loss} = (" + ",\\ ".join(tex(v) for v in rows) + ")"
    if reduction == "sum":
        return rf"\text{{loss}} = {terms} \approx {tex(numerator)}"
    return (
        # No fraction on the first line: the formula box would clip its numerator.
        rf"\begin{{aligned}}\text{{loss}} &= ({terms})\,/\,D\\[0.3em]"
        rf"&\approx \frac{{{tex(numerator)}}}{{{tex(divisor)}}} \approx {tex(loss)}\end{{aligned}}"
    )


def _literal(v: float) -> str:
    """A float as Python source that reads back exactly; -inf as ``float("-inf")``."""
    return 'float("-inf")' if v == -math.inf else repr(float(v))


def _rows(matrix: np.ndarray, indent: str) -> str:
    lines = ["[" + ", ".join(_literal(v) for v in row) + "]" for row in matrix]
    return "[" + f",\n{indent}".join(lines) + "]"


def torch_snippet(logits: np.ndarray, target: np.ndarray, options) -> str:
    """Python that runs the page's batch through ``F.cross_entropy`` with its options."""
    pad = " " * len("logits = torch.tensor([")
    if target.ndim == 1:
        target_src = "torch.tensor([" + ", ".join(str(int(t)) for t in target) + "])"
    else:
        target_src = f"torch.tensor({_rows(target, ' ' * 23)}, dtype=torch.float64)"
    args = []
    if options.weight is not None:
        weight = ", ".join(_literal(w) for w in options.weight)
        args.append(f"weight=torch.tensor([{weight}], dtype=torch.float64)")
    if options.ignore_index != -100:
        args.append(f"ignore_index={options.ignore_index}")
    if options.reduction != "mean":
        args.append(f'reduction="{options.reduction}"')
    if options.label_smoothing:
        args.append(f"label_smoothing={options.label_smoothing!r}")
    call = ",\n    ".join(["logits", "target", *args])
    backward = "loss.sum().backward()" if options.reduction == "none" else "loss.backward()"
    return (
        "import torch\nimport torch.nn.functional as F\n\n"
        f"logits = torch.tensor({_rows(logits, pad[:-1])},\n"
        f"{' ' * 21}dtype=torch.float64, requires_grad=True)\n"
        f"target = {target_src}\n"
        f"loss = F.cross_entropy(\n    {call},\n)\n"
        f"{backward}\nprint(loss)\nprint(logits.grad)\n"
    )


def printed(loss, grad: np.ndarray) -> str:
    """What the snippet prints, to this app's digits (PyTorch itself prints 4 decimals)."""
    values = np.atleast_1d(loss)
    shown = num(values[0]) if np.ndim(loss) == 0 else "[" + ", ".join(num(v) for v in values) + "]"
    rows = ",\n ".join("[" + ", ".join(num(v) for v in row) + "]" for row in grad)
    return f"loss        = {shown}\nlogits.grad = [{rows}]"


PER_LINE = 5
"""Entries of a vector per line: ten classes fit a 1280 px screen without scrolling."""


def _vec(values) -> str:
    r"""A row vector for an ``aligned`` line, continued on a new line every :data:`PER_LINE`
    entries; each entry in braces so that KaTeX reads its minus as a sign."""
    text = ["{" + tex(v) + "}" for v in values]
    lines = [r",\ ".join(text[k : k + PER_LINE]) for k in range(0, len(text), PER_LINE)]
    return r"\big(" + ",\\\\ &\\qquad ".join(lines) + r"\big)"


def softmax_twice(x, y_hat, y_hat_twice) -> str:
    """x, softmax(x), then softmax again: the flatter target the loss really sees."""
    return (
        r"\begin{aligned}"
        rf"x &= {_vec(x)}\\"
        rf"\hat y = \text{{softmax}}(x) &= {_vec(y_hat)}\\"
        rf"\text{{softmax again}}(\hat y) &= {_vec(y_hat_twice)}"
        r"\end{aligned}"
    )


def log_of_softmax(scaled, naive, fused) -> str:
    """``log(softmax(kx))`` beside ``log_softmax(kx)`` in float32."""
    return (
        r"\begin{aligned}"
        rf"kx &= {_vec(scaled)}\\"
        rf"\log(\text{{softmax}}(kx)) &= {_vec(naive)}\\"
        rf"\text{{log\_softmax}}(kx) &= {_vec(fused)}"
        r"\end{aligned}"
    )


def masked(logits, naive_loss: float, loss: float, grad) -> str:
    """A masked logit through naive code (nan) and through the fused loss (0 gradient)."""
    naive = r"\text{nan}" if math.isnan(naive_loss) else tex(naive_loss)
    return (
        r"\begin{aligned}"
        rf"x &= {_vec(logits)}\\"
        rf"-\textstyle\sum_c y_c \log(\text{{softmax}}(x)_c) &= {naive}"
        r"\\ &\text{since } 0 \cdot \log 0 = 0 \cdot (-\infty) = \text{nan}\\"
        rf"\text{{F.cross\_entropy}} &= {tex(loss)}\\"
        rf"\nabla &= {_vec(grad)}"
        r"\end{aligned}"
    )
