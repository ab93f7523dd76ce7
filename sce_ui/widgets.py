"""Controls and calls that every page draws the same way.

A page's own controls take :data:`IN_URL` so that, like the sidebar's, their values live
in the URL (a copied link reproduces the page) and follow the learner from page to page.
Streamlit ignores a value in a link that a control cannot take; a page reads the link
first (:func:`link_values`), draws its controls, then names what it ignored
(:func:`url_notice`, :func:`warn_ignored`), as the sidebar does.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import streamlit as st

from . import arithmetic, nav, tab_focus
from . import chart as chart_view

IN_URL = {"bind": "query-params", "persist_state": "session"}
"""Keyword arguments for a page's own widget: kept in the URL and across pages."""


def chart(figure, container=st, *, key: str) -> None:
    """Draw a plotly figure full width with the app's own theme (not Streamlit's).

    ``key`` names the chart on its page: a chart keeps its key from run to run, so a new
    figure updates the chart in place (:mod:`sce_ui.chart`).
    """
    chart_view.draw(figure, f"chart_{key}", container)


CLASS_PREFIX = "j = "
"""What the class picker writes before a class's number (:func:`class_option`)."""


def class_option(k: int) -> str:
    """How the class picker writes class ``k``, on screen and in the URL: ``j = 2``."""
    return f"{CLASS_PREFIX}{k}"


def stored_class(value: object) -> int | None:
    """A class as session state holds it before its widget is drawn in a run: the class,
    or the text the widget sends to the server for it (``"10"``, or :func:`class_option`'s
    ``"j = 10"``), which is what Streamlit hands back after a run the widget missed (quick
    presses on n interrupt runs); ``None`` for anything else.

    >>> stored_class(4), stored_class("10"), stored_class("j = 10"), stored_class([1.0])
    (4, 10, 10, None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(rf"(?:{re.escape(CLASS_PREFIX)})?(\d+)", str(value).strip())
    return int(match[1]) if match else None


def clamp_class(key: str, default: int, n: int) -> int:
    """Keep a page's own class choice (stored under ``key``) within 1..n; return the index
    of ``default`` among the classes 1..n, for its widget.

    Call it before the widget is drawn: a class picked at a larger n is no longer among
    the widget's options once the learner lowers n, so it becomes n. Nothing else is
    written: the default is the widget's own, since a bound widget puts into the link every
    value other than its default, and a default written into session state instead would
    appear there though the learner never chose it.
    """
    stored = stored_class(st.session_state.get(key))
    if stored is not None and stored > n:
        st.session_state[key] = n
    return min(default, n) - 1


def class_picker(label: str, key: str, n: int, default: int = 1, container=st) -> int:
    """A horizontal radio of the classes 1..n, kept within 1..n (:func:`clamp_class`);
    returns the 1-based class."""
    index = clamp_class(key, default, n)
    return int(
        container.radio(
            label,
            range(1, n + 1),
            index,
            key=key,
            horizontal=True,
            format_func=class_option,
            **IN_URL,
        )
    )


def linked_class_picker(label: str, key: str, n: int, default: int = 1, container=st) -> int:
    """:func:`class_picker` that names a class in the link it could not take, as its own notice.

    The picker writes its option in the URL as its label (:func:`class_option`), so a
    link's class is read that way.
    """
    link = link_values((key,))
    j = class_picker(label, key=key, n=n, default=default, container=container)
    warn_ignored([url_notice(link, key, j, f"a class 1 to {n}", class_option)])
    return j


def formula(body: str, container=st) -> None:
    """``st.latex`` with, as its tooltip, the ``≈`` lines of ``body`` with more digits.

    ``body`` comes from a LaTeX writer; where a line of its arithmetic says ≈ (the rounded
    numbers give the result only approximately), the tooltip shows the unrounded values.
    """
    container.latex(body, help=arithmetic.help_of(body))


def text(body: str, container=st) -> None:
    """``st.markdown`` with the tooltip of :func:`formula`, for prose with formulas in it."""
    container.markdown(body, help=arithmetic.help_of(body))


def _infinite(text: str) -> bool:
    try:
        return math.isinf(float(text))
    except ValueError:
        return False


def _forget_link_value(key: str) -> None:
    """Drop ``key`` from the URL and from the link the session opened with.

    Streamlit seeds a bound widget from the link's first query string, which it keeps
    apart from ``st.query_params``; deleting the parameter alone would not stop it.
    """
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as params:
        params._initial_query_params.pop(key, None)  # private: no public way in 1.67
    del st.query_params[key]


def whole_number_input(container, label: str, low: int, high: int, value: int, *, key: str, **kw):
    """``number_input`` of whole numbers from ``low`` to ``high``, bound to the URL.

    Streamlit turns a linked value into an int before it checks the range, so a link with
    ``inf`` (or ``1e309``) would raise; such a value is dropped from the URL first, and the
    control starts at ``value``. Read the link with :func:`link_values` before, and the
    notice of :func:`url_notice` still names it.
    """
    if any(_infinite(text) for text in st.query_params.get_all(key)):
        _forget_link_value(key)
    return container.number_input(label, low, high, value, 1, key=key, **IN_URL, **kw)


@contextlib.contextmanager
def sections(current_file: str, notices: Iterable[str | None] = ()) -> Iterator[list]:
    """The sections of the page ``current_file`` (:data:`sce_ui.nav.SECTIONS`) as tabs,
    the open one in the URL: ``with sections(__file__) as tabs:``.

    Draw a section only where its tab is open (``if tab.open:``): the others are not run,
    so a slider move reruns and redraws one section, not the whole page. A page keeps its
    controls outside the sections, or draws them in their tab whether open or not (a
    closed tab hides them), so that their values stay in the URL whichever is open.

    One warning above the tabs names what the link held that could not be used: the
    page's ``notices`` for its other controls, and a section that is none of the page's,
    which Streamlit drops without a word.
    """
    key, labels = nav.sections_of(current_file)
    link = link_values((key,))
    tab_focus.keep()
    notice = st.empty()
    yield st.tabs(list(labels), key=key, bind="query-params")
    shown = st.session_state.get(key, labels[0])
    with notice.container():
        warn_ignored(
            [*notices, url_notice(link, key, shown, "a section: " + ", ".join(labels), str)]
        )


def draw_sections(
    current_file: str, draws: Sequence[Callable[[], object]], notices: Iterable[str | None] = ()
) -> None:
    """:func:`sections`, running only the open one's ``draw``."""
    with sections(current_file, notices) as tabs:
        for tab, draw in zip(tabs, draws, strict=True):
            if tab.open:
                with tab:
                    draw()


def link_values(keys: Iterable[str]) -> dict[str, list[str]]:
    """The URL's values for ``keys``, read before the widgets clean the bad ones away."""
    return {key: st.query_params.get_all(key) for key in keys if key in st.query_params}


def _short(text: str, limit: int = 24) -> str:
    """A URL value made safe to quote inside inline code: no backticks, no line breaks."""
    clean = "".join(ch for ch in text if ch.isprintable() and ch != "`")
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _same_number(text: str, value: object) -> bool:
    try:
        return float(text) == float(value)
    except (TypeError, ValueError):
        return False


def _spells(text: str, value: object, spell: Callable[[object], str] | None) -> bool:
    if spell is not None:
        return text == spell(value)
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    return _same_number(text, value)


def url_notice(
    link: Mapping[str, list[str]],
    key: str,
    value: object,
    why: str,
    spell: Callable[[object], str] | None = None,
) -> str | None:
    """A notice if the link held ``key`` but the control did not take any of its values.

    ``value`` is what the control shows. A control of options is written in the URL as
    its option's label: pass that label function as ``spell`` (``str`` when the control
    has none); without ``spell`` the value is a number and any spelling of it counts, or
    a toggle's ``True``/``False``, which the URL spells ``true``/``false`` in any case.

    >>> url_notice({"h": ["abc"]}, "h", 1e-5, "h must be a step of the slider")
    '`h=abc` (h must be a step of the slider)'
    >>> url_notice({"h": ["1e-5"]}, "h", 1e-5, "-") is None
    True
    >>> url_notice({"loss": ["Cross-entropy"]}, "loss", "ce", "-", {"ce": "Cross-entropy"}.get)
    """
    raw = link.get(key)
    if not raw:
        return None
    if any(_spells(text, value, spell) for text in raw):
        return None
    return f"`{key}={_short(raw[-1])}` ({why})"


def warn_ignored(notices: Iterable[str | None]) -> None:
    """One warning naming every value of the link that a control could not take."""
    found = [note for note in notices if note]
    if found:
        st.warning(
            "Some values in the link could not be used, so defaults stand in for them: "
            + "; ".join(found)
            + ".",
            icon=":material/warning:",
        )
