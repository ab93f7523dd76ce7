"""Slider latency of a page of the app against the smallest possible page, in Chromium.

Starts two Streamlit servers in the same run, ``app.py`` and ``bench/minimal_app.py``
(one slider ``x1``, one number), opens one page of each in headless Chromium, focuses
the ``x1`` slider and presses ArrowRight and ArrowLeft in turn. It prints the median
time from keypress to settled page for both, and their ratio (target <= 1.5). Only the
ratio matters: both pages are measured in the same run, in alternating blocks, so the
machine's load weighs on both alike.

How "keypress to settled page" is measured, all inside the page with
``performance.now()``:

1. Before the run, a capturing ``keydown`` listener records when each key arrives, and
   a MutationObserver on the main area (``stMain``, or the whole document with
   ``--measure document``) records the time of its last change.
2. Before each press, the main area's text and the place of every chart's marks are kept
   as a marker. The slider must be in the sidebar (as in the app): its thumb label
   changes at once, before any rerun.
   Every "Show me" of the page is pressed first, so its numbers are drawn, as for a
   learner who has answered the step's question.
3. After the press, a predicate polled on every animation frame waits until the marker
   has changed AND the script state is ``notRunning`` AND no element is stale or still a
   loading skeleton. Waiting for ``running`` first would hang: a fast rerun may never
   show it, and ``notRunning`` alone may still be the state from before the press.
4. Then it waits for the main area to stay unchanged for ``--quiet-ms``: plotly redraws
   after Streamlit reports the run finished.
5. Latency = (the later of the moment of step 3 and the last DOM change) - keydown.
   The summary also shows step 3 alone ("run done"): the gap between the two is the
   browser drawing, mostly plotly.
6. The split of a press: "slider" is keydown to the page sending its rerun request (a
   wrapper around ``WebSocket.send`` installed before Streamlit's scripts run; the
   slider waits a moment before it sends), "server" is that request to the frame saying
   the run finished (``script_finished``; the frames the server sends after it are not
   the run's), both as Chromium's network stack saw them (DevTools ``Network`` events,
   whose times do not wait for a busy main thread), and "browser" is the rest: what the
   page still had to draw. Each part is its median over the presses.

Run: ``python bench/bench_latency.py`` (the overview),
``python bench/bench_latency.py --page /Softmax_derivative``, or ``--all-pages`` for a row
per page, and for a page drawn a section at a time a row per section (a link such as
``--page "/Gradient_check?gc_view=Choosing+h"`` opens one); ``--measure document``
watches the whole document, sidebar included, until it has been quiet for 400 ms, against
a minimal page whose slider sits in the main area (``bench/minimal_main_app.py``). A page
whose main area does not change when x1 moves (it ignores the sidebar) is reported as not
measured.
Needs Debian's Chromium at /usr/bin/chromium and the ``playwright`` package.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import unquote_plus, urlencode

from google.protobuf.message import DecodeError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_ui import nav  # needs the repository root on the path first
from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SETTLED_JS,
    settle,
    show_predictions,
    streamlit_server,
    url_path,
)

TARGET_RATIO = 1.5
SLIDER = ".st-key-x1 input[type='range']"

INSTRUMENT_JS = """(watched) => {
    const bench = (window.__bench = {keydown: 0, changed: 0, seen: 0});
    document.addEventListener("keydown", () => { bench.keydown = performance.now(); }, true);
    new MutationObserver(() => { bench.changed = performance.now(); }).observe(
        document.querySelector(watched),
        {subtree: true, childList: true, characterData: true, attributes: true});
}"""
MEASURES = {
    "main": ("[data-testid='stMain']", 100.0, "bench/minimal_app.py"),
    "document": ("body", 400.0, "bench/minimal_main_app.py"),
}
"""What is watched for changes, how long it must stay quiet, and the minimal page to
compare with: the main area against a page whose slider sits in the sidebar as the
app's does, or the whole document (sidebar included) against a page whose slider sits
in the main area, so that both pages redraw everything a keypress touches."""
SENDS_JS = """(() => {
    window.__sent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        window.__sent.push(performance.now());
        return send.call(this, data);
    };
})();"""
"""Installed before the page's scripts run: when the page sends a message to the server."""
MARKER_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const marks = [...main.querySelectorAll(".stPlotlyChart g.annotation-text-g")];
    return main.innerText + marks.map((mark) => mark.getAttribute("transform")).join();
}"""
"""What a move of x1 must change: the main area's text, or where a chart's marks stand (a
section may show only charts whose surfaces hold x1 free, and the learner's mark on them)."""
UPDATED_JS = f"""(before) => {{
    const ready = ({SETTLED_JS})() && ({MARKER_JS})() !== before;
    if (ready) window.__bench.seen = performance.now();
    return ready;
}}"""
QUIET_JS = "(ms) => performance.now() - window.__bench.changed > ms"
LATENCY_JS = """() => {
    const b = window.__bench;
    const sent = window.__sent.find((t) => t > b.keydown) ?? b.keydown;
    return [b.seen - b.keydown, Math.max(b.seen, b.changed) - b.keydown, sent - b.keydown];
}"""


def _is_run_finished(payload: str) -> bool:
    """Whether a websocket frame (base64, as DevTools gives a binary frame) is the
    server's ``ForwardMsg`` saying a script run finished."""
    try:
        message = ForwardMsg.FromString(base64.b64decode(payload))
    except (ValueError, DecodeError):
        return False
    return message.WhichOneof("type") == "script_finished"


class Target:
    """One page in its own browser context, ready to take key presses on ``x1``."""

    def __init__(self, browser, name: str, url: str, timeout_ms: float, watched: str):
        self.name = name
        self.timeout_ms = timeout_ms
        self.samples: list[float] = []
        self.run_done: list[float] = []
        self.parts: list[tuple[float, float]] = []  # (slider, server) of each press
        self._presses = 0
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(SENDS_JS)
        self.page = context.new_page()
        # The network stack's own clock: when a websocket frame left or arrived, however
        # busy the page's main thread was.
        self._sent: list[float] = []
        self._finished: list[float] = []
        network = context.new_cdp_session(self.page)
        network.send("Network.enable")
        network.on("Network.webSocketFrameSent", lambda e: self._sent.append(e["timestamp"]))
        network.on("Network.webSocketFrameReceived", self._received)
        self.page.set_default_timeout(timeout_ms)
        self.page.goto(url)
        settle(self.page, timeout_ms)
        # As a learner who has answered: a step hides its numbers until "Show me".
        show_predictions(self.page, lambda page: settle(page, timeout_ms))
        if self.page.locator("[data-testid='stException']").count():
            raise RuntimeError(f"{url} shows an exception; fix the page before timing it")
        self.page.evaluate(INSTRUMENT_JS, watched)
        self.page.locator(SLIDER).focus()

    def _received(self, event: dict) -> None:
        """Note when a frame arrived that says a script run finished (``script_finished``);
        the frames after it (the session's status, the run's profile) are not the run's."""
        if event["response"]["opcode"] == 2 and _is_run_finished(event["response"]["payloadData"]):
            self._finished.append(event["timestamp"])

    def press(self, quiet_ms: float) -> tuple[float, float, float, float]:
        """Press the next arrow key; milliseconds from keydown to run done and to settled,
        from keydown to the rerun request, and from that request to the frame saying the run
        finished."""
        key = "ArrowRight" if self._presses % 2 == 0 else "ArrowLeft"
        self._presses += 1
        before = self.page.evaluate(MARKER_JS)
        self._sent.clear()
        self._finished.clear()
        self.page.keyboard.press(key)
        try:
            self.page.wait_for_function(UPDATED_JS, arg=before, polling="raf")
        except PlaywrightTimeoutError as error:
            raise RuntimeError(
                f"{self.name}: the main area did not change within {self.timeout_ms:.0f} ms "
                "of an arrow key on x1; does the page show a number that depends on x1?"
            ) from error
        self.page.wait_for_function(QUIET_JS, arg=quiet_ms, polling=10)
        run_done, settled, slider = self.page.evaluate(LATENCY_JS)
        sent, finished = self._sent, self._finished
        server = 1000 * (finished[-1] - sent[0]) if sent and finished else float("nan")
        return run_done, settled, slider, server

    def run(self, presses: int, quiet_ms: float) -> None:
        self.page.bring_to_front()
        self.page.locator(SLIDER).focus()
        for _ in range(presses):
            run_done, settled, slider, server = self.press(quiet_ms)
            self.run_done.append(run_done)
            self.samples.append(settled)
            self.parts.append((slider, server))

    def split(self) -> tuple[float, float, float]:
        """Medians over the presses of the slider's part (keydown to the rerun request),
        the server's (the request to the frame saying the run finished) and the browser's
        (the rest)."""
        pairs = zip(self.samples, self.parts, strict=True)
        browser = [settled - slider - server for settled, (slider, server) in pairs]
        slider, server = (statistics.median(part) for part in zip(*self.parts, strict=True))
        return slider, server, statistics.median(browser)


def summary(target: Target, width: int) -> str:
    ms = sorted(target.samples)
    p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
    slider, server, browser = target.split()
    return (
        f"{target.name:<{width}} median {statistics.median(ms):7.1f} ms   "
        f"min {ms[0]:7.1f}   p90 {p90:7.1f}   "
        f"(run done: median {statistics.median(target.run_done):7.1f}; "
        f"slider {slider:5.1f}, server {server:5.1f}, browser {browser:5.1f}; n = {len(ms)})"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="/", help="URL path of the app page, e.g. /Softmax")
    parser.add_argument("--all-pages", action="store_true", help="a row for every page")
    parser.add_argument("--measure", choices=MEASURES, default="main", help="see MEASURES")
    parser.add_argument("--presses", type=int, default=30, help="timed presses per page")
    parser.add_argument("--warmup", type=int, default=6, help="untimed presses per page first")
    parser.add_argument("--block", type=int, default=10, help="presses per page per turn")
    parser.add_argument("--quiet-ms", type=float, help="DOM quiet = settled (by measure)")
    parser.add_argument("--timeout-ms", type=float, default=30_000.0)
    return parser.parse_args()


def measure(targets: list[Target], args) -> None:
    """Warm up, then time every target in alternating blocks, so load weighs on all alike."""
    for target in targets:
        target.run(args.warmup, args.quiet_ms)
        target.samples.clear()
        target.run_done.clear()
        target.parts.clear()
    done = 0
    while done < args.presses:
        block = min(args.block, args.presses - done)
        for target in targets:
            target.run(block, args.quiet_ms)
        done += block


def _paths(args) -> list[str]:
    """The page of ``--page``; or every page, a page drawn a section at a time once for
    each of its sections (a keypress there reruns only the open one)."""
    if not args.all_pages:
        return ["/" + args.page.strip("/")]
    paths = []
    for page, _ in nav.existing():
        if page in nav.SECTIONS:
            key, labels = nav.SECTIONS[page]
            paths += [f"{url_path(page)}?{urlencode({key: label})}" for label in labels]
        else:
            paths.append(url_path(page))
    return paths


def main() -> None:
    args = parse_args()
    watched, quiet_ms, minimal_app = MEASURES[args.measure]
    args.quiet_ms = args.quiet_ms or quiet_ms
    rows = []
    with ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        app_url = stack.enter_context(streamlit_server("app.py", logs / "app.log"))
        minimal_url = stack.enter_context(streamlit_server(minimal_app, logs / "minimal.log"))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        for path in _paths(args):
            name = "overview" if path == "/" else unquote_plus(path.strip("/"))
            minimal = Target(browser, "minimal", minimal_url, args.timeout_ms, watched)
            try:
                page = Target(browser, f"{name} ({path})", app_url + path, args.timeout_ms, watched)
                measure([minimal, page], args)
            except RuntimeError as problem:
                print(f"{name}: not measured: {problem}", flush=True)
                continue
            finally:
                minimal.page.context.close()
            rows.append((minimal, page))
            page.page.context.close()
            print(summary(minimal, 24), summary(page, 24), sep="\n", flush=True)
    print(f"\nkeypress on x1 -> settled ({args.measure}: {watched}, quiet {args.quiet_ms:g} ms;")
    print(f"{args.presses} presses each, after {args.warmup}); ratio = page / minimal, same run")
    print("split, medians: slider (keydown to the rerun request), server (to the frame saying")
    print("the run finished), browser (the rest); page | minimal")
    for minimal, page in rows:
        ratio = statistics.median(page.samples) / statistics.median(minimal.samples)
        parts = " | ".join(
            " ".join(f"{part:5.1f}" for part in target.split()) for target in (page, minimal)
        )
        print(
            f"{page.name:<40} {statistics.median(page.samples):7.1f} ms"
            f"  minimal {statistics.median(minimal.samples):7.1f} ms  ratio {ratio:5.2f}"
            f"  (target <= {TARGET_RATIO:.1f})  split {parts}"
        )


if __name__ == "__main__":
    main()
