"""How much a test run covers: the quick default, or everything under the ``ci`` profile.

``HYPOTHESIS_PROFILE=ci`` runs every combination of page and
link in the browser tests and 200 generated links per page in the fuzz test. The default
keeps the README's ``pytest`` short and still runs every kind of test, and opens every
page and every link in the browser, only not every pair of them: a kind of browser test
that opens every page takes half or a third of them (:func:`share`).
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
FULL = PROFILE == "ci"
AXE_LINKS = {"defaults": "", "n10": "n=10"}
"""The links at which the browser's accessibility test opens every view under ``ci``; the
render test, which looks for the same faults, opens every view at the other edge links."""


def spread(rows: list, columns: list, full: bool = FULL) -> list[tuple]:
    """The pairs (row, column) a run tests: all of them under ``ci``; otherwise each row
    and each column at least once, the columns taken in turn: for pages (a, b, c) and
    links (1, 2), the pairs (a, 1), (b, 2), (c, 1).
    """
    if full:
        return [(row, column) for column in columns for row in rows]
    count = max(len(rows), len(columns))
    return [(rows[k % len(rows)], columns[k % len(columns)]) for k in range(count)]


def share(rows: list, part: int, parts: int = 2, full: bool = FULL) -> list:
    """All ``rows`` under ``ci``; otherwise every ``parts``-th one from ``part``, so that
    tests of one kind take turns over the pages and another kind takes the others."""
    return list(rows) if full else list(rows)[part::parts]


def params(rows: list, columns: dict) -> list:
    """:func:`spread` as ``pytest.param(row, value, id="row-name")`` for ``columns`` by name."""
    import pytest

    names = list(columns)
    return [
        pytest.param(row, columns[name], id=f"{row}-{name}") for row, name in spread(rows, names)
    ]
