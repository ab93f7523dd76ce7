"""Browser history that never invents a state: Back and Forward show only states the
learner had, or leave the numbers alone.

Streamlit keeps every ``bind="query-params"`` widget in the URL, but its server sends one
URL update per widget whose value code set (a preset writes four or five of them) and one
more when a page change drops the previous page's parameters; the browser pushes a
history entry for each. Most entries therefore hold a *part* of a state, and on Back or
Forward Streamlit restores every bound widget from the entry, a missing parameter as its
default: one logit after another fell back to its default.

So every page remembers the whole state it ends a run with (:func:`remember`), and the
sidebar, before any widget is drawn, checks a run started by Back or Forward
(:func:`guard`): an entry that is a state the learner had on that page is shown; any other
entry is replaced by the last state the learner had on that page, or, on a page not seen
yet, by the state of the last run, so the numbers stay as they were. Links
are untouched: a shared link starts a new session, which is never a history navigation.

Fewer entries still: :func:`keep_entries` makes one entry of each action of the learner
(a click or a key), whatever number of URL updates its run sends. Before it, a preset left
four entries and a change of page three (the old page without its parameters, the old
page again, the new page), so Back stayed on the same state two presses in three. On a
change of page Streamlit drops the old page's parameters before the new page runs, so a
Back straight onto a whole entry of another page arrives without them; the guard reads the
entry as the browser asked for it and puts that state back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qs

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from . import page_script

KNOWN = "_history_known"
"""Session key: the states runs ended with, by signature, oldest first: each as
:data:`LAST` holds one."""
LAST = "_history_last"
"""Session key: the last run's URL (``query``) and its controls' ``values``."""
LAST_ON = "_history_last_on"
"""Session key: the same for the last run of each page, by page."""
PENDING = "_history_restore"
"""Session key: values to write back before the widgets of the next run."""
KEYS = "_history_keys"
"""Session key: every control key seen in the URL in this session."""
RESTORING = "_history_restoring"
"""Session key: the restore this run applied, for :func:`remember` to check."""
MAX_KNOWN = 2000
"""States remembered per session; the oldest are forgotten first."""
MAX_TRIES = 3
"""Runs a restore may take to bring the URL in line with the widgets."""


def signature(page: str, query: Mapping[str, Iterable[str]]) -> str:
    """One string for a page and the parameters of its URL, in any order.

    >>> signature("p", {"x2": ["0"], "x1": ["6"]}) == signature("p", {"x1": ["6"], "x2": ["0"]})
    True
    >>> signature("p", {"x1": ["6"]}) == signature("q", {"x1": ["6"]})
    False
    """
    items = sorted((key, tuple(values)) for key, values in query.items())
    return repr((page, items))


def restore_for(
    is_history: bool,
    entry: str,
    known: Mapping[str, Mapping[str, object] | None],
    last: Mapping[str, object] | None,
    dropped: bool = False,
) -> dict[str, object] | None:
    """What to put back before a run, or None to let the run show its URL.

    Only a run started by Back or Forward (``is_history``) is put back. An ``entry``
    signature among the ``known`` states shows itself, unless a change of page ``dropped``
    its parameters before the run: then the state kept for it is put back. Any other entry
    is put back to ``last``, the state of the last run; without one (a first page) there
    is nothing to go back to.

    >>> restore_for(True, "half", {"whole": {"x1": 2.0}}, {"x1": 6.0})
    {'x1': 6.0}
    >>> restore_for(True, "whole", {"whole": {"x1": 2.0}}, {"x1": 6.0}) is None
    True
    >>> restore_for(True, "whole", {"whole": {"x1": 2.0}}, {"x1": 6.0}, dropped=True)
    {'x1': 2.0}
    >>> restore_for(False, "half", {"whole": {"x1": 2.0}}, {"x1": 6.0}) is None
    True
    """
    if not is_history:
        return None
    if entry in known:
        return dict(known[entry]) if dropped and known[entry] else None
    return None if last is None else dict(last)


def agrees(texts: list[str], value: object) -> bool:
    """Whether a parameter's URL ``texts`` hold a control's ``value`` (numbers as numbers).

    >>> agrees(["2.4"], 2.4000000000000004), agrees(["2.3"], 2.4), agrees(["3"], 3)
    (True, False, True)
    >>> agrees(["Squared error"], "Squared error"), agrees(["true"], True)
    (True, True)
    """
    text = texts[-1] if texts else ""
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            return abs(float(text) - value) <= 1e-9 * max(1.0, abs(value))
        except ValueError:
            return False
    return text == str(value)


def _context():
    return get_script_run_ctx()


def _page() -> str:
    return str(getattr(_context(), "page_script_hash", ""))


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _asked() -> dict[str, list[str]]:
    """The parameters of the URL the browser asked this run for, before Streamlit drops,
    on a change of page, those of the old page's controls."""
    asked = getattr(_context(), "query_string", None)
    return _query() if asked is None else parse_qs(asked, keep_blank_values=True)


def guard() -> None:
    """Call before any widget: keep a Back or Forward from showing a state never had.

    A restore is written into the widgets' state and the page reruns at once, so the
    entry's partial state is never drawn; the widgets then write the whole state back
    into the URL of that same history entry (see :func:`remember`).
    """
    pending = st.session_state.pop(PENDING, None)
    if pending:
        for key, value in pending["values"].items():
            # A key in a link may name a button, whose state cannot be written.
            with contextlib.suppress(StreamlitAPIException):
                st.session_state[key] = value
        st.session_state[RESTORING] = pending
        return
    is_history = bool(getattr(_context(), "is_history_navigation", False))
    query = _query()
    asked = _asked() if is_history else query
    entry = signature(page := _page(), asked)
    # The page's own last state if it had one, so that the page and its numbers are a
    # pair the learner saw; else the numbers stay those of the last run.
    last = st.session_state.get(LAST_ON, {}).get(page, st.session_state.get(LAST))
    known = st.session_state.get(KNOWN, {})
    restore = restore_for(is_history, entry, known, last, dropped=asked != query)
    if restore:
        st.session_state[PENDING] = {**restore, "tries": 1}
        st.rerun()


def carry(keys: Iterable[str]) -> None:
    """Call before the widgets: on a change of page, put the parameters of ``keys`` that
    the last page's URL held back into the URL in one update.

    Streamlit drops the previous page's parameters on a change of page, then each widget
    writes its own back, a history entry each; written at once they make one entry. A
    parameter whose URL value lags its control's (several quick moves, the last run's
    request sent before the browser's URL had the one before) is left to the control,
    which writes its own value: carried, it would put the older value in the URL.
    """
    last = st.session_state.get(LAST)
    ctx = _context()
    if not last or last.get("page") == _page() or getattr(ctx, "is_history_navigation", False):
        return
    wanted, values = set(keys), last.get("values", {})
    missing = {
        k: v
        for k, v in last["query"].items()
        if k in wanted and k not in st.query_params and agrees(v, values.get(k, v[-1]))
    }
    if missing:
        # A parameter still bound to a widget of this page cannot be set; it is in place.
        with contextlib.suppress(StreamlitAPIException):
            st.query_params.update(missing)
    # The controls are new to this page: a value they took from a link on the last page
    # is not carried by Streamlit, which would show its default instead (n = 3 after a
    # link with n = 4). They start from the values the learner had.
    for key in wanted & values.keys():
        with contextlib.suppress(StreamlitAPIException):
            st.session_state[key] = values[key]


def track(keys: Iterable[str]) -> None:
    """Save ``keys`` with every state, besides the keys in the URL (which leaves out a
    control at its default): the shared controls call it."""
    st.session_state.setdefault(KEYS, set()).update(keys)


def remember() -> None:
    """Call at the end of a page's run: this page and its URL are a state the learner had.

    After a restore that followed a change of page, Streamlit shows the restored widgets
    but leaves their parameters out of the URL (the widgets are new to the page); one more
    run with the same restore writes them back, so that entry and a copied link hold it.
    """
    query = _query()
    restoring = st.session_state.pop(RESTORING, None)
    if restoring:
        if query != restoring["query"] and restoring["tries"] < MAX_TRIES:
            st.session_state[PENDING] = {**restoring, "tries": restoring["tries"] + 1}
            st.rerun()
        # The server may hold the restored URL while the browser still shows the entry's:
        # an empty update sends the server's whole URL, replacing the entry's.
        st.query_params.update()
    seen = st.session_state.setdefault(KEYS, set())
    # Not the empty key (session state refuses it) nor this module's own keys.
    seen.update(key for key in query if key and not key.startswith("_"))
    values = {key: st.session_state[key] for key in seen if key in st.session_state}
    state = {"values": values, "query": query, "page": (page := _page())}
    known = st.session_state.setdefault(KNOWN, {})
    known.pop(entry := signature(page, query), None)
    known[entry] = state
    while len(known) > MAX_KNOWN:
        del known[next(iter(known))]
    st.session_state[LAST] = state
    st.session_state.setdefault(LAST_ON, {})[page] = state


ENTRIES_KEY = "sce_history_entries"
"""The key of :func:`keep_entries`'s script (:mod:`sce_ui.page_script`)."""

ENTRIES_JS = """
export default function () {
  if (window.__sceHistoryEntries) return;
  window.__sceHistoryEntries = true;
  const push = window.history.pushState.bind(window.history);
  let acted = false;  // a click or a key since the last entry
  for (const type of ["pointerdown", "keydown"]) {
    window.addEventListener(type, () => { acted = true; }, true);
  }
  // The first URL update after an action makes its entry; the rest of the run's updates
  // (a preset's four parameters, a change of page's three URLs) rewrite that entry.
  window.history.pushState = (state, title, url) => {
    const fresh = acted;
    acted = false;
    return fresh ? push(state, title, url) : window.history.replaceState(state, title, url);
  };
}
"""

_mount_entries = page_script.hidden(ENTRIES_KEY, ENTRIES_JS)


def keep_entries() -> None:
    """Mount, once a page, the script that makes one history entry of each action."""
    _mount_entries()
