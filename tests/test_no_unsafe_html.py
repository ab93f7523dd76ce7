"""No page writes raw HTML: every value a learner can put in a link stays text.

Streamlit escapes what ``st.markdown`` shows unless ``unsafe_allow_html=True``, and
``st.html`` / ``components.html`` insert markup as it is. The app needs none of them, so
any occurrence under ``app.py``, ``pages/`` or ``sce_ui/`` fails, comments included: the
browser test ``tests/browser/test_injection.py`` only tries the payloads it knows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNSAFE = re.compile(
    r"unsafe_allow_html\s*=\s*True"
    r"|\bst\s*\.\s*html\s*\("
    r"|\bcomponents\s*(?:\.\s*v1\s*)?\.\s*html\s*\("
)


def app_sources() -> list[Path]:
    """``app.py`` and every ``.py`` file under ``pages/`` and ``sce_ui/``."""
    files = [ROOT / "app.py"]
    for folder in ("pages", "sce_ui"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [path for path in files if path.is_file()]


def unsafe_lines(text: str) -> list[tuple[int, str]]:
    """The (line number, line) pairs of ``text`` that write raw HTML."""
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if UNSAFE.search(line)
    ]


@pytest.mark.parametrize(
    "line",
    [
        "st.markdown(text, unsafe_allow_html=True)",
        "st.markdown(text, unsafe_allow_html = True)",
        'st.html("<b>x</b>")',
        'components.html("<script></script>", height=0)',
        'streamlit.components.v1.html("<p>")',
        'st.components.v1.html("<p>")',
    ],
)
def test_the_detector_finds_raw_html(line):
    assert unsafe_lines(line) == [(1, line)]


@pytest.mark.parametrize(
    "line",
    ["st.markdown(text, unsafe_allow_html=False)", 'st.markdown("see the html docs")', "x.html"],
)
def test_the_detector_leaves_safe_code_alone(line):
    assert unsafe_lines(line) == []


def test_the_app_sources_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in app_sources()}
    assert "app.py" in names
    assert "sce_ui/controls.py" in names
    assert any(name.startswith("pages/") for name in names)


def test_no_page_writes_raw_html():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line}"
        for path in app_sources()
        for number, line in unsafe_lines(path.read_text(encoding="utf-8"))
    ]
    assert not found, "raw HTML would let a link inject markup:\n" + "\n".join(found)
