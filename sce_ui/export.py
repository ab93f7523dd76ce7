"""Take-away files for the learner's numbers: the derivation and a script that recomputes it."""

from __future__ import annotations

import numpy as np

import sce_core as core

from . import arithmetic as ar
from .fmt import typed
from .latex.common import column as _vector
from .latex.common import matrix as _matrix


def _more_digits(expression: ar.Term, result: float) -> list[str]:
    """A footnote with more digits under a line that says ≈, else nothing."""
    if ar.relation(expression, result) == "=":
        return []
    return [f"With more digits: ${ar.more_digits(expression, result)}$", ""]


def derivation_markdown(x, label: int) -> str:
    """The whole derivation as Markdown with ``$$`` LaTeX, for logits ``x`` and a 1-based label."""
    x = np.asarray(x, float)
    y = np.zeros(x.size)
    y[label - 1] = 1.0
    y_hat = core.softmax(x)
    jac = core.softmax_jacobian(x)
    grad = core.logits_grad(x, y)
    k = label
    cost = ar.negative(ar.log(ar.number(y_hat[k - 1])))
    loss = core.cross_entropy_from_logits(x, y)
    return "\n".join(
        [
            "# Softmax + cross-entropy: ∂L/∂x = ŷ − y, with these numbers",
            "",
            f"Logits x = ({', '.join(typed(v) for v in x)}), true class {k} of {x.size}.",
            "",
            "## 1. Softmax",
            r"$$\hat y_i = \frac{e^{x_i}}{\sum_k e^{x_k}}, \qquad \hat y = "
            + _vector(y_hat)
            + "$$",
            "",
            "## 2. Cross-entropy",
            rf"$$L = -\sum_i y_i \log \hat y_i = -\log \hat y_{{{k}}} = {ar.equals(cost, loss)}$$",
            "",
            *_more_digits(cost, loss),
            "## 3. Derivative of softmax",
            r"$$\frac{\partial \hat y_i}{\partial x_j} = \begin{cases} \hat y_i (1 - \hat y_i)"
            r" & i = j \\ -\hat y_i \hat y_j & i \ne j \end{cases}, \qquad J = "
            + _matrix(jac)
            + "$$",
            "",
            "## 4. Derivative of cross-entropy",
            r"$$\frac{\partial L}{\partial \hat y_i} = -\frac{y_i}{\hat y_i}, \qquad "
            r"\frac{\partial L}{\partial \hat y} = "
            + _vector(core.cross_entropy_grad(y_hat, y))
            + "$$",
            "",
            "## 5. Chain rule",
            r"$$\frac{\partial L}{\partial x_j} = \sum_i \frac{\partial L}{\partial \hat y_i}"
            r"\frac{\partial \hat y_i}{\partial x_j} = -y_j (1 - \hat y_j)"
            r" + \sum_{i \ne j} y_i \hat y_j$$",
            "",
            "## 6. Simplification",
            r"$$\frac{\partial L}{\partial x_j} = -y_j + \hat y_j \sum_i y_i"
            r" = \hat y_j - y_j \quad \text{since } \sum_i y_i = 1$$",
            "",
            r"$$\frac{\partial L}{\partial x} = \hat y - y = " + _vector(grad) + "$$",
            "",
        ]
    )


def numpy_script(x, label: int) -> str:
    """A stand-alone numpy script that recomputes ŷ, L, J and ∂L/∂x for these numbers.

    It prints one line per quantity, ``name: v1 v2 ...`` with 17 significant digits,
    so its output can be read back and compared.
    """
    x = np.asarray(x, float)
    logits = ", ".join(repr(float(v)) for v in x)
    return f'''"""Softmax + cross-entropy and its gradient for one example, in plain numpy."""

import numpy as np

x = np.array([{logits}])  # logits
label = {label}  # the true class, counted from 1
y = np.zeros_like(x)
y[label - 1] = 1.0

z = x - x.max()  # shifting by the maximum changes nothing and keeps exp from overflowing
y_hat = np.exp(z) / np.exp(z).sum()  # softmax
log_y_hat = z - np.log(np.exp(z).sum())  # log-softmax, never log(softmax)
loss = -np.sum(y * log_y_hat)  # cross-entropy
jacobian = np.diag(y_hat) - np.outer(y_hat, y_hat)  # d y_hat_i / d x_j
grad = y_hat - y  # dL/dx: the chain rule J^T (-y / y_hat), simplified


def show(name, values):
    print(name + ":", " ".join(f"{{v:.17g}}" for v in np.ravel(values)))


show("y_hat", y_hat)
show("loss", loss)
show("jacobian", jacobian)
show("grad", grad)
show("grad_via_jacobian", jacobian.T @ np.where(y > 0, -y / y_hat, 0.0))
'''
