"""Speed of building a figure from one plain spec, against go.Figure + update_* calls.

``sce_ui.figures`` builds every figure one way: traces and layout as plain dicts in a
single ``go.Figure(data=..., layout=...)``, not validated at run time (the tests validate
every figure a page sends); the same dicts validated once are timed too. The reference is
the same chart (``shortcut_bars``: two bar traces, grouped, a signed axis, the shared
layout) built the other way, as the builders were once written: ``go.Bar`` objects, then
``update_layout``, ``update_xaxes``, ``update_yaxes`` and a second ``update_layout``,
each of which validates again. Both figures are checked equal before timing.

Run: ``python bench/bench_figures.py``
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_ui import figures, palette
from sce_ui.figures import base


def chained_shortcut_bars(gradient, shortcut, title: str) -> go.Figure:
    """The reference: the same figure through go.Figure and a chain of update_* calls."""
    names = base.class_names(gradient.size)
    values = np.concatenate([gradient, shortcut])
    fig = go.Figure(
        [
            go.Bar(
                name="true ∂L/∂x = ŷ·Σy − y",
                x=names,
                y=gradient,
                marker=base.solid(palette.GRAD),
                text=base.labels(gradient),
                textposition="outside",
                cliponaxis=False,
            ),
            go.Bar(
                name="shortcut ŷ − y",
                x=names,
                y=shortcut,
                marker=base.SHORTCUT_BARS,
                text=base.labels(shortcut),
                textposition="outside",
                cliponaxis=False,
            ),
        ],
        # update_layout merges a template given as a dict into the one the figure has:
        # the figure starts without plotly's default, as the plain spec does.
        layout={"template": "none"},
    )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title={"text": "class"})
    fig.update_yaxes(**base.symmetric_axis("∂L/∂xᵢ", values, 1.0))
    fig.update_layout(base.base_layout(title, 360))
    return fig


def median_ms(func, repeat: int = 15) -> float:
    func()
    return 1e3 * float(np.median(timeit.repeat(func, number=5, repeat=repeat))) / 5


def main() -> None:
    rng = np.random.default_rng(0)
    gradient, shortcut = rng.normal(size=10), rng.normal(size=10)
    title = "True gradient ŷ·Σy − y beside the shortcut ŷ − y"
    spec = figures.shortcut_bars(gradient, shortcut, title)
    chained = chained_shortcut_bars(gradient, shortcut, title)
    assert json.loads(spec.to_json()) == json.loads(chained.to_json())
    dicts = spec.to_plotly_json()
    plain = median_ms(lambda: figures.shortcut_bars(gradient, shortcut, title))
    once = median_ms(lambda: go.Figure(data=dicts["data"], layout=dicts["layout"]))
    chain = median_ms(lambda: chained_shortcut_bars(gradient, shortcut, title))
    print(
        f"shortcut_bars, n = 10: plain spec {plain:.2f} ms, validated once {once:.2f} ms, "
        f"go.Figure + update_* {chain:.2f} ms"
    )
    print(f"ratio validated once / plain spec: {once / plain:.1f}x")
    print(f"ratio update_* / plain spec: {chain / plain:.1f}x")


if __name__ == "__main__":
    main()
