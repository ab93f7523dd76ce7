"""Links are data, never markup: script and markup payloads in every URL parameter stay text.

A shared link puts values in the URL, and :func:`sce_ui.controls.sidebar` quotes the ones
it rejects back to the learner. Every page is opened with each payload in every parameter
it knows (the shared ``n``, ``label``, ``x1``..``x10``, the page's own widget keys, read
from its source, and the key of its open section), and must show no dialog, no injected
element, no console error and no exception, while the rejected values appear as plain text.
The quick run opens a third of the pages, each payload on some page (:func:`tests.runs.share`).

The static side, no ``unsafe_allow_html`` / ``st.html`` anywhere, is
``tests/test_no_unsafe_html.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from sce_ui import nav
from tests.runs import params, share

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGES = [path for path, _ in nav.existing()]
SHARED_KEYS = ["n", "label", *(f"x{k}" for k in range(1, 11))]
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": '"><img src=x onerror=alert(1)>',
    "js-url": "javascript:alert(1)",
    "md-link": "[x](javascript:alert(1))",
}


def own_keys(page_file: str) -> list[str]:
    """The literal ``key="..."`` widget keys in a page's source, and the key of its open
    section (:data:`sce_ui.nav.SECTIONS`), whose rejected value the page quotes too."""
    keys = set(re.findall(r"""\bkey=["']([^"']+)["']""", (ROOT / page_file).read_text()))
    if page_file in nav.SECTIONS:
        keys.add(nav.SECTIONS[page_file][0])
    return sorted(keys)


def test_the_pages_have_their_own_keys_found():
    """The key reader works: these pages have widgets of their own."""
    assert "softmax_delta" in own_keys("pages/1_Softmax.py")
    assert "export_md" in own_keys("app.py")
    for page_file, (section_key, _) in nav.SECTIONS.items():
        assert section_key in own_keys(page_file)


INJECTED_JS = r"""() => {
    const found = [];
    const squash = (v) => (v || "").toLowerCase().replace(/[\s\u0000-\u001f]/g, "");
    document.querySelectorAll("img[src='x'], img[onerror]").forEach(
        (el) => found.push(`injected image: ${el.outerHTML.slice(0, 120)}`));
    document.querySelectorAll("script").forEach((el) => {
        if (/alert\s*\(/.test(el.textContent)) {
            found.push(`script: ${el.textContent.slice(0, 120)}`);
        }
    });
    const urls = "a[href], area[href], iframe[src], embed[src], object[data], form[action], "
        + "[formaction]";
    document.querySelectorAll(urls).forEach((el) => {
        for (const name of ["href", "src", "data", "action", "formaction"]) {
            if (squash(el.getAttribute(name)).startsWith("javascript:")) {
                found.push(`javascript: URL in ${name}: ${el.outerHTML.slice(0, 120)}`);
            }
        }
    });
    document.querySelectorAll("*").forEach((el) => {
        for (const attr of el.attributes) {
            if (/^on/i.test(attr.name) && /alert/.test(attr.value)) {
                found.push(`event handler ${attr.name}: ${el.outerHTML.slice(0, 120)}`);
            }
        }
    });
    return found;
}"""


@pytest.mark.parametrize(("page_file", "payload"), share(params(PAGES, PAYLOADS), 0, 3))
def test_payloads_in_the_link_stay_text(page, page_url, console_errors, settle, page_file, payload):
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    keys = SHARED_KEYS + [key for key in own_keys(page_file) if key not in SHARED_KEYS]
    page.on("dialog", on_dialog)
    try:
        page.goto(page_url(page_file, urlencode({key: payload for key in keys})))
        settle(page)
        page.wait_for_timeout(300)  # time for an injected handler (onerror, a script) to fire
    finally:
        page.remove_listener("dialog", on_dialog)  # the tab serves the next test too

    main = page.locator("[data-testid='stMain']")
    exceptions = main.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert main.locator("h1").first.is_visible(), "the page did not render"
    assert not dialogs, f"a dialog opened: {dialogs}"
    assert page.evaluate(INJECTED_JS) == []
    assert not console_errors
    # The payload did reach the page, as text: the notice quotes the rejected values.
    # A lab names its own rejected controls in a notice of its own, after the sidebar's.
    notice = main.locator("[data-testid='stAlert']").filter(has_text="could not be used").first
    assert notice.is_visible()
    assert f"n={payload[:12]}" in notice.inner_text()
