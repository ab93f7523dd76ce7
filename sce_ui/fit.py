"""Display formulas fit a phone's width where a slightly smaller type lets them.

On a 390 px phone six of the app's formulas at their default numbers were wider than their
column (the pairing lab's definitions 403 px in 358, the stability lab's steps 365 in 336,
the gradient check's 386 in 358 …) and could only be read by scrolling each one sideways;
four of them fit at the smaller type. :func:`keep` mounts one hidden script
(:mod:`sce_ui.page_script`) that, on a narrow window only, gives each display formula that
overflows the font size that fits it, down to :data:`SMALLEST` of its size: KaTeX sizes
everything in ``em``, so the formula shrinks as a whole. Wider ones (ten classes in a row)
still scroll, at that size. On a desktop window the script touches nothing.
"""

from __future__ import annotations

from . import page_script

KEY = "sce_fit"
"""The component's key and name: its element carries ``st-key-sce_fit`` and is hidden."""
NARROW = 640
"""Windows at most this wide, in CSS pixels, fit their formulas."""
SMALLEST = 0.8
"""The smallest a formula is made, as a fraction of its size: about the size of the text."""
OVERHANG = 2
"""Pixels by which KaTeX's box scrolls wider than it holds even when the formula fits."""

JS = f"""
const NARROW = {NARROW};
const SMALLEST = {SMALLEST};
const OVERHANG = {OVERHANG};
const FORMULAS = "[data-testid='stMain'] .katex-display";

function fitAll() {{
  const displays = [...document.querySelectorAll(FORMULAS)];
  for (const display of displays) display.style.fontSize = "";
  if (window.innerWidth > NARROW) return;
  // Read every width first and write after, so the page is laid out once. A formula's
  // box scrolls OVERHANG px more than it holds even when it fits: that much is not cut.
  const widths = displays.map((display) => [display.scrollWidth, display.clientWidth]);
  displays.forEach((display, k) => {{
    const [wide, room] = widths[k];
    if (wide - room <= OVERHANG) return;
    const scale = (room - 2 * OVERHANG) / (wide - OVERHANG);
    display.style.fontSize = `${{Math.max(SMALLEST, scale).toFixed(3)}}em`;
  }});
}}

export default function () {{
  if (window.__sceFit) return;
  window.__sceFit = true;
  let pending = false;
  const soon = () => {{
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {{ pending = false; fitAll(); }});
  }};
  // New formulas come with every run. The page is watched only while the window is
  // narrow: on a desktop window the observer would note every change of every run.
  const observer = new MutationObserver(soon);
  let watching = false;
  const follow = () => {{
    const narrow = window.innerWidth <= NARROW;
    if (narrow && !watching) observer.observe(document.body, {{ childList: true, subtree: true }});
    if (!narrow && watching) observer.disconnect();
    watching = narrow;
    soon();
  }};
  window.addEventListener("resize", follow);
  follow();
}}
"""

_mount = page_script.hidden(KEY, JS)


def keep() -> None:
    """Mount the formula fitting: every page calls it once a run, from the sidebar."""
    _mount()
