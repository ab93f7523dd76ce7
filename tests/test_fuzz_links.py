"""Hostile and broken links: every page survives any query string a link can carry.

Hypothesis sends generated query strings (missing, duplicated, huge, negative,
non-numeric, NaN, inf, unicode, markup, unknown keys, n outside 2..10, label outside
1..n) to each page through AppTest. No run may raise; each shared control, each of the
page's own controls and the open section of a page drawn a section at a time end at a
value the link asked for or at their default; a rejected value brings a notice. How many
links each page gets is the hypothesis profile's (``tests/conftest.py``): 20 by default,
200 under ``HYPOTHESIS_PROFILE=ci``.
"""

from __future__ import annotations

import contextlib
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sce_ui import nav
from sce_ui.controls import DEFAULT_LABEL, DEFAULT_LOGITS, DEFAULT_N, N_MAX
from tests.app_checks import ROOT

SHARED = ["n", "label", *(f"x{k}" for k in range(1, N_MAX + 1))]
PAGES = [path for path, _ in nav.existing()]
SECTION_LABELS = sorted({label for _, labels in nav.SECTIONS.values() for label in labels})
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "$\\href{javascript:alert(1)}{x}$",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "-0",
    "0x10",
    "1_0",
    " 2 ",
    "",
    "٣",
    "３",
    "2.5.1",
    "1,5",
    "\x00",
    "`",
]


def _page_keys(page: str) -> list[str]:
    """The keys of a page's own widgets, read from its source: links may carry them too.

    A key made per class, ``key=f"simp_y{k}"``, stands for its keys for every class.
    """
    source = (ROOT / page).read_text()
    keys = set(re.findall(r"key=\"([A-Za-z0-9_]+)\"", source))
    if page in nav.SECTIONS:  # the open section, by its label
        keys.add(nav.SECTIONS[page][0])
    for stem in re.findall(r"key=f\"([A-Za-z0-9_]+)\{k\}\"", source):
        keys.update(f"{stem}{k}" for k in range(1, N_MAX + 1))
    return sorted(keys)


def _values():
    number = st.one_of(
        st.integers(-1000, 1000).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.floats(-12, 12).map(lambda v: f"{v:.3f}"),
    )
    single = st.one_of(
        number,
        st.sampled_from(PAYLOADS),
        st.sampled_from(SECTION_LABELS),
        st.text(max_size=30),
        st.text(min_size=2000, max_size=5000, alphabet="0123456789.e-"),
    )
    return st.one_of(single, st.lists(single, min_size=2, max_size=3))


def _queries(page: str):
    keys = st.sampled_from(SHARED + _page_keys(page) + ["x0", "x11", "N", "foo", "", "x1 "])
    return st.dictionaries(keys, _values(), max_size=8)


def _candidates(value) -> list[float]:
    out = []
    for text in value if isinstance(value, list) else [value]:
        with contextlib.suppress(ValueError):
            out.append(float(text))
    return [v for v in out if math.isfinite(v)]


def _as_in_url(element) -> tuple[object, object] | None:
    """What a page's own control shows and its default, as a link writes them: numbers
    as floats, options by their label, a toggle as ``true``/``false``; None if the key is
    not a control of the page (a button, or a control this run does not draw)."""
    kind = type(element).__name__
    if kind == "Radio":
        return element.options[element.index], element.options[element.proto.default]
    if kind == "SelectSlider":
        default = element.options[int(element.proto.default[0])]
        return element.format_func(element.value), default
    if kind in ("Toggle", "Checkbox"):
        return str(element.value).lower(), str(element.proto.default).lower()
    if kind == "Slider":
        return float(element.value), float(element.proto.default[0])
    if kind == "NumberInput":
        return float(element.value), float(element.proto.default)
    return None


def _control_in_url(at, key: str) -> tuple[object, object] | None:
    try:
        return _as_in_url(at.get_by_key(key))
    except KeyError:
        return None


def _took_page_control(at, key: str, value) -> bool | None:
    """Whether the page's control ``key`` took a value of the link; None if not a control."""
    sections = [labels for k, labels in nav.SECTIONS.values() if k == key]
    # The open section by its label, with the first as its default; or a control's value.
    shown = (at.session_state[key], sections[0][0]) if sections else _control_in_url(at, key)
    if shown is None:
        return None
    now, default = shown
    texts = value if isinstance(value, list) else [value]
    if isinstance(now, float):
        took = now in _candidates(value)
        # A whole-number control may take the integer part of a decimal ("1.5" -> 1), as
        # the sidebar's n does; not what the link said, so it still brings the notice.
        truncated = now in {float(int(c)) for c in _candidates(value)}
        assert took or truncated or now == default, (key, value, now)
        return took
    elif now in ("true", "false") and default in ("true", "false"):
        took = now in [text.lower() for text in texts]
    else:
        took = now in texts
    assert took or now == default, (key, value, now)
    return took


def _check(at, query: dict) -> None:
    assert not at.exception, [e.value for e in at.exception]
    n = at.slider(key="n").value
    label = at.slider(key="label").value
    assert 2 <= n <= N_MAX and 1 <= label <= n
    shown = {"n": n, "label": label}
    shown.update({f"x{k}": at.slider(key=f"x{k}").value for k in range(1, n + 1)})
    defaults = {"n": DEFAULT_N, "label": DEFAULT_LABEL}
    defaults.update({f"x{k}": DEFAULT_LOGITS[k - 1] for k in range(1, N_MAX + 1)})
    rejected = False
    for key, value in shown.items():
        if key not in query:
            continue
        candidates = _candidates(query[key])
        took = value in candidates
        # A whole-number control may take the integer part of a decimal ("2.5" -> 2);
        # that is not what the link said, so it must still bring the notice.
        truncated = key in ("n", "label") and value in {int(c) for c in candidates}
        assert took or truncated or value == defaults[key] or key == "label", (
            key,
            query[key],
            value,
        )
        rejected |= not took
    for key, value in query.items():
        if key not in shown and (took := _took_page_control(at, key, value)) is not None:
            rejected |= not took
    notices = " ".join(w.value for w in at.warning)
    if rejected:
        assert "could not be used" in notices


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_any_link(page, run_page):
    @given(query=_queries(page))
    def survive(query):
        _check(run_page(page, **query), query)

    survive()
