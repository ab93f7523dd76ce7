"""The keyboard focus stays on a section's tab while the run its key started draws the page.

Streamlit's frontend disables a tab while the tab's own block is stale: in a rerun, after
the run has sent the tab list again but before it has sent that tab. Where the run's
messages reach the browser far enough apart for it to draw in between (on a slow network
every time, on this machine's loopback about one key in forty), the tab the learner just
opened with an arrow key loses its Tab stop and Chromium moves the focus to the page's
body: the next arrow key scrolls the page instead of opening the next section, and Tab
starts again from the top.

:func:`keep` mounts one hidden script (:mod:`sce_ui.page_script`) that listens, once per
document, for a tab that loses the focus to nothing because it was disabled (not a
learner's click or Tab elsewhere, which leave the tab enabled or hand the focus on) and
gives the focus back to the tab list's open tab as soon as that tab can take it again,
unless the learner has put the focus somewhere meanwhile.
"""

from __future__ import annotations

from . import page_script

KEY = "sce_tab_focus"
"""The component's key and name: its element carries ``st-key-sce_tab_focus`` and is hidden."""
WAIT_MS = 5_000
"""How long after the focus was lost it may still be given back, in milliseconds."""

JS = f"""
const WAIT_MS = {WAIT_MS};

function lostToADisabledTab(event) {{
  const tab = event.target;
  if (event.relatedTarget || !(tab instanceof HTMLElement)) return false;
  if (tab.getAttribute("role") !== "tab") return false;
  // A tab the learner leaves (a click on the page, a window change) keeps its Tab stop.
  return !tab.hasAttribute("tabindex") || tab.hasAttribute("data-disabled");
}}

function giveBack(tab) {{
  const holder = tab.closest("[class*='st-key-']");
  const key = [...(holder?.classList ?? [])].find((name) => name.startsWith("st-key-"));
  const until = performance.now() + WAIT_MS;
  const step = () => {{
    const focused = document.activeElement;
    if (focused && focused !== document.body) return;  // the learner has moved on
    const root = holder?.isConnected ? holder : key && document.querySelector(`.${{key}}`);
    const open = root?.querySelector("[role='tab'][tabindex='0']:not([data-disabled])");
    if (open) open.focus();
    else if (performance.now() < until) requestAnimationFrame(step);
  }};
  requestAnimationFrame(step);
}}

export default function () {{
  if (window.__sceTabFocus) return;
  window.__sceTabFocus = true;
  document.addEventListener("focusout", (event) => {{
    if (lostToADisabledTab(event)) giveBack(event.target);
  }}, true);
}}
"""

_mount = page_script.hidden(KEY, JS)


def keep() -> None:
    """Mount the focus keeper: call on a page that draws tabs, before them."""
    _mount()
