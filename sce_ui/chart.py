"""Plotly charts redrawn in place: a slider move updates a chart instead of rebuilding it.

``st.plotly_chart`` gives a chart an identity that hashes its figure, so every new figure
is a new element: the browser throws the old chart away and builds a new one from
nothing (``Plotly.purge`` then ``Plotly.newPlot``), on every slider move. That was the
largest cost of a rerun on every charted page (``bench/bench_latency.py``).

:func:`draw` mounts one small Streamlit component per chart instead, with a fixed key,
so the component stays on the page and hands each new figure to ``Plotly.react``, which
updates the chart it already drew. A trace whose JSON text is the same as last time is
handed back as the same object, and so is the layout's template, so plotly skips what did
not change: a mark moved on a contour surface no longer makes it place every contour label
again. The figure is the same JSON ``st.plotly_chart`` would send, one text per trace,
drawn by plotly.js's own cartesian bundle of the version the ``plotly`` package writes
figures for, served as an app static file (``static/plotly-cartesian.min.js``, written
there on first use; see :func:`plotly_js`). The chart's element carries
``data-testid="stPlotlyChart"``, as Streamlit's own does, so tests and styles find it
either way, and ``aria-busy`` while plotly.js loads or draws.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import tempfile
from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st
from plotly.offline import get_plotlyjs_version

STATIC = Path(__file__).resolve().parents[1] / "static"
"""The app's static folder: beside ``app.py`` (``server.enableStaticServing``)."""
CARTESIAN = Path(__file__).resolve().parent / "assets" / "plotly-cartesian-4.1.1.min.js.gz"
"""plotly.js's cartesian bundle, as plotly publishes it (``dist/plotly-cartesian.min.js`` of
the npm package ``plotly.js`` 4.1.1, MIT licence beside it), gzipped. It holds the trace
types of :data:`TRACES` and plotly.js's whole API, in 1.50 MB against the full bundle's
4.82 MB: the browser unpacks and compiles it in 0.8 s on this project's machine instead of
2.2 s, on every first visit and every link opened in a new tab."""
TRACES = frozenset(
    {"bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
     "image", "pie", "scatter", "scatterternary", "violin"}
)  # fmt: skip
"""The trace types the cartesian bundle draws (plotly.js's ``dist/README.md``); the app's
figures use scatter, bar, heatmap and contour."""
FULL = "plotly.min.js"
"""The full bundle inside the ``plotly`` package: drawn with instead where the installed
``plotly`` writes figures for another plotly.js than :data:`CARTESIAN`'s."""

CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
}
"""plotly.js options, as Streamlit sets them for a chart without selections. The chart
follows its column's width through a ResizeObserver, not plotly's ``responsive``, which
follows only the window: a column also changes width when the sidebar opens or closes."""

JS = """
let loading = null;
const RAN = "sce-plotly-ran";  // localStorage: the plotly.js URL this browser has run

function ranBefore(plain) {
  try {
    return localStorage.getItem(RAN) === plain;
  } catch {
    return false;
  }
}

// A first visit fetches the bundle as the server keeps it gzipped (sent as it is,
// application/gzip) and unpacks it here; any failure, or a browser without
// DecompressionStream, takes the plain file. A browser that has run this bundle before
// takes the plain file, which its HTTP cache keeps, and V8 with it the compiled code: a
// script unpacked into a blob: URL is compiled afresh on every page load (about 0.8 s of
// Chromium's time for each page opened or reloaded on this project's machine).
async function unpacked(plain, packed) {
  if (ranBefore(plain) || typeof DecompressionStream !== "function") return plain;
  try {
    const response = await fetch(packed);
    if (!response.ok) return plain;
    const text = await new Response(
      response.body.pipeThrough(new DecompressionStream("gzip"))).text();
    return URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  } catch {
    return plain;
  }
}

function loaded(url, plain) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => {
      // Once run, the unpacked copy (1.5 MB, 4.8 for the full bundle) is no longer needed.
      if (url !== plain) URL.revokeObjectURL(url);
      try {
        localStorage.setItem(RAN, plain);
      } catch {}  // storage off: every page load unpacks the gzipped file, as a first visit
      resolve(window.Plotly);
    };
    script.onerror = () => reject(new Error(`${plain.split("?")[0]} did not load`));
    document.head.appendChild(script);
  });
}

// The bundle's URLs carry its version, so a browser never runs a cached bundle of another.
function plotly(src, version) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  const [plain, packed] = [`${src}?v=${version}`, `${src}.gz?v=${version}`];
  loading ??= unpacked(plain, packed)
    .then((url) => loaded(url, plain))
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

const TYPED = {
  f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array,
  i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray,
};

// plotly.py writes numeric arrays as {dtype, bdata, shape}; plotly.js decodes those into
// new arrays on every Plotly.react, so a trace handed back unchanged would still count
// as changed. Decoded here once, each array stays the same object while the trace does.
function decoded(value) {
  if (Array.isArray(value)) return value.map(decoded);
  if (value === null || typeof value !== "object") return value;
  if (typeof value.bdata === "string" && value.dtype in TYPED) {
    const bytes = Uint8Array.from(atob(value.bdata), (c) => c.charCodeAt(0));
    const flat = new TYPED[value.dtype](bytes.buffer);
    const [rows, cols] = String(value.shape ?? flat.length).split(",").map(Number);
    if (!cols) return flat;
    return Array.from({ length: rows }, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decoded(v)]));
}

export default function ({ data, parentElement }) {
  const chart = parentElement.querySelector("[data-testid='stPlotlyChart']");
  const plot = chart.querySelector(".sce-plot");
  const note = chart.querySelector(".sce-plot-note");
  // A trace sent as before is handed back as the same object, which Plotly.react skips:
  // a move of the learner's mark (an annotation) then leaves the contours under it alone.
  const sent = plot.__sent ?? [];
  const traces = data.traces.map((json, i) =>
    sent[i]?.json === json ? sent[i].trace : decoded(JSON.parse(json)));
  plot.__sent = data.traces.map((json, i) => ({ json, trace: traces[i] }));
  const layout = JSON.parse(data.layout);
  // plotly.js compares a template by identity, and a new one means drawing everything
  // again: the same text, the same object.
  const template = JSON.stringify(layout.template);
  if (plot.__template?.json === template) layout.template = plot.__template.value;
  else plot.__template = { json: template, value: layout.template };
  plot.style.height = `${layout.height}px`;
  chart.setAttribute("aria-busy", "true");
  plotly(data.src, data.version)
    .then((Plotly) => Plotly.react(plot, traces, layout, data.config))
    .then(() => { note.textContent = ""; })
    .catch((error) => { note.textContent = `The chart could not be drawn: ${error.message}`; })
    .finally(() => chart.removeAttribute("aria-busy"));
  if (!chart.__resize) {
    // As wide as the column, whatever changes its width: the window, the sidebar (CONFIG).
    let width = chart.clientWidth;
    chart.__resize = new ResizeObserver(() => {
      if (chart.clientWidth === width || !plot._fullLayout) return;
      width = chart.clientWidth;
      chart.setAttribute("aria-busy", "true");  // plotly redraws its axes about 100 ms later
      window.Plotly.Plots.resize(plot).finally(() => chart.removeAttribute("aria-busy"));
    });
    chart.__resize.observe(chart);
  }
  return () => {
    chart.__resize.disconnect();
    window.Plotly?.purge(plot);
  };
}
"""

HTML = (
    '<div data-testid="stPlotlyChart" class="stPlotlyChart" aria-busy="true">'
    '<div class="sce-plot"></div>'
    '<p class="sce-plot-note" role="status" style="margin: 0"></p></div>'
)
"""The chart's element, busy from the moment it is mounted until plotly.js has drawn it,
with a line that says so if plotly.js could not draw it."""
NAME = "sce_plotly_chart"
"""The component's name: AppTest lists a chart as a ``bidi_component`` of this name."""
_component = st.components.v2.component(NAME, html=HTML, js=JS, isolate_styles=False)


STAMPED = 946_684_800
"""The date the static files carry, 2000-01-01: old enough that a browser keeps them for
years without asking again (see :func:`plotly_js`)."""


def _write(target: Path, fill) -> None:
    """Write ``target`` through ``fill(file)`` under a temporary name, then rename it, so
    processes starting together never serve half a file."""
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as partial:
        fill(partial)
    os.chmod(partial.name, 0o644)
    os.replace(partial.name, target)


def _unpacks_to(packed: Path, whole: bytes) -> bool:
    """Whether the gzipped file ``packed`` exists and unpacks to ``whole``."""
    try:
        return gzip.decompress(packed.read_bytes()) == whole
    except (OSError, EOFError, gzip.BadGzipFile):
        return False


@functools.cache
def bundle() -> tuple[str, Path]:
    """The bundle's file name in the static folder, and where it comes from: the cartesian
    bundle (gzipped) where its version is the one the installed ``plotly`` writes figures
    for, else the full bundle the ``plotly`` package ships (plain). Asked once a process:
    :func:`draws` asks it for every chart of every run."""
    version = get_plotlyjs_version()
    if CARTESIAN.name == f"plotly-cartesian-{version}.min.js.gz" and CARTESIAN.exists():
        return "plotly-cartesian.min.js", CARTESIAN
    return FULL, Path(plotly.__file__).parent / "package_data" / FULL


@functools.cache
def bundle_version() -> str:
    """The version of plotly.js in :func:`bundle`, which the chart puts in the bundle's URLs
    (``?v=4.1.1``) so that a browser's cache never hands it a bundle of another version."""
    return get_plotlyjs_version()


@functools.cache
def plotly_js() -> str | None:
    """The URL of plotly.js in the app's static folder, writing it there if it is missing.

    The file is :func:`bundle`'s, so the browser draws with the plotly.js that the Python
    package writes figures for. Beside it lies the same file gzipped once (``.gz``), which
    a first visit fetches instead: Streamlit gzips an app static file again on every
    request, on the event loop every session shares (0.2 s of it for the full bundle),
    while a ``.gz`` file goes out as it is. A browser that has run the bundle before takes
    the plain file from its own cache (the chart's script, :data:`JS`). ``None`` where the
    folder cannot be written: the chart then falls back to ``st.plotly_chart``.

    Both files are dated :data:`STAMPED`. Streamlit sends no ``Cache-Control`` for them and
    answers a conditional request with the whole file, gzipped again, so a browser's cache
    keeps them only as long as their date lets it guess (a tenth of their age); the chart
    asks for them under URLs that carry the bundle's version (:func:`bundle_version`).
    """
    name, source = bundle()
    target, packed = STATIC / name, STATIC / f"{name}.gz"
    try:
        stored = source.read_bytes()
        whole = gzip.decompress(stored) if source.suffix == ".gz" else stored
        if not target.exists() or target.read_bytes() != whole:
            STATIC.mkdir(exist_ok=True)
            _write(target, lambda out: out.write(whole))
        if not _unpacks_to(packed, whole):
            # the cartesian bundle comes gzipped already: written as it is, not packed again
            gz = stored if source.suffix == ".gz" else gzip.compress(whole, 9, mtime=0)
            _write(packed, lambda out: out.write(gz))
    except OSError:
        return None
    for path in (target, packed):
        # a folder that cannot be written but holds the right files still serves them
        with contextlib.suppress(OSError):
            if path.stat().st_mtime != STAMPED:
                os.utime(path, (STAMPED, STAMPED))
    base = st.get_option("server.baseUrlPath").strip("/")
    return "/".join(["", *filter(None, [base]), "app", "static", name])


def figure_json(figure) -> dict:
    """``{"traces": [JSON of each trace], "layout": JSON of the layout}``, as plotly writes
    them (:func:`plotly.io.to_json`): the browser compares each trace with the one it drew
    before by its text alone."""
    spec = figure.to_plotly_json()
    return {
        "traces": [pio.to_json(trace, validate=False) for trace in spec["data"]],
        "layout": pio.to_json(spec["layout"], validate=False),
    }


def draws(figure) -> bool:
    """Whether :func:`bundle` draws every trace of ``figure`` (the full bundle draws all)."""
    types = {trace.type for trace in figure.data}
    return bundle()[0] == FULL or types <= TRACES


def draw(figure, key: str, container=st) -> None:
    """Draw ``figure`` full width under the component key ``key`` (unique on the page); a
    figure with a trace type the bundle lacks goes to ``st.plotly_chart``, which has all."""
    src = plotly_js()
    if src is None or not draws(figure):
        container.plotly_chart(figure, width="stretch", theme=None, key=key)
        return
    spec = {**figure_json(figure), "src": src, "version": bundle_version(), "config": CONFIG}
    with contextlib.nullcontext() if container is st else container:  # st is no container
        _component(data=spec, key=key)
