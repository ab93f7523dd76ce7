"""The page scripts as source: nothing in them that Streamlit would show by accident."""

import ast

import pytest

from sce_ui import nav
from tests.app_checks import ROOT


@pytest.mark.parametrize("page", [path for path, _ in nav.existing()])
def test_no_bare_string_below_the_docstring(page):
    # Streamlit's "magic" writes every bare expression of a page script onto the page:
    # a docstring under a constant, harmless in a module, would appear above the title.
    body = ast.parse((ROOT / page).read_text()).body[1:]
    bare = [n.lineno for n in body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)]
    assert bare == []
