"""The take-away files: the exported script recomputes what sce_core shows."""

import subprocess
import sys

import numpy as np
import pytest

import sce_core as core
from sce_ui import export


def _run_script(source: str, tmp_path) -> dict[str, np.ndarray]:
    path = tmp_path / "softmax_ce.py"
    path.write_text(source, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    values = {}
    for line in out.splitlines():
        name, numbers = line.split(":")
        values[name] = np.array(numbers.split(), dtype=float)
    return values


@pytest.mark.parametrize(
    ("x", "label"),
    [([2.0, 1.0, 0.1], 1), ([0.0, 0.0], 2), ([10.0, -10.0, 3.3, 0.0, 5.5], 4), ([7.0] * 10, 10)],
)
def test_exported_script_matches_sce_core(x, label, tmp_path):
    got = _run_script(export.numpy_script(x, label), tmp_path)
    y = np.zeros(len(x))
    y[label - 1] = 1
    np.testing.assert_allclose(got["y_hat"], core.softmax(x), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(got["loss"], core.cross_entropy_from_logits(x, y), rtol=1e-13)
    np.testing.assert_allclose(
        got["jacobian"], core.softmax_jacobian(x).ravel(), rtol=1e-12, atol=1e-16
    )
    np.testing.assert_allclose(got["grad"], core.logits_grad(x, y), rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(got["grad_via_jacobian"], got["grad"], rtol=1e-9, atol=1e-15)


def test_derivation_markdown_carries_the_numbers():
    text = export.derivation_markdown([2.0, 1.0, 0.1], 1)
    assert "true class 1 of 3" in text
    assert "0.659" in text  # ŷ₁
    assert "0.417" in text  # L = −log 0.659
    assert "-0.341" in text  # ∂L/∂x₁
    assert text.count("$$") % 2 == 0
    assert text.count("{") == text.count("}")
