"""The pages' reading order and the registry of pages drawn a section at a time."""

import re

import pytest

from sce_ui import nav
from tests.app_checks import ROOT


def test_the_sectioned_pages_are_listed_in_reading_order():
    order = [path for path, _ in nav.ORDER]
    listed = list(nav.SECTIONS)
    assert listed == sorted(listed, key=order.index)


@pytest.mark.parametrize("page", list(nav.SECTIONS))
def test_each_sectioned_page_draws_its_sections_under_a_key_of_its_own(page):
    key, labels = nav.SECTIONS[page]
    source = (ROOT / page).read_text()
    assert re.search(r"\b(draw_sections|sections)\(\s*__file__", source)
    # A link names a section by its label: labels are unique and none is empty.
    assert len(set(labels)) == len(labels) >= 2 and all(label.strip() for label in labels)
    # The key is no widget's key anywhere in the app, nor another page's section key.
    widget_keys = {
        k for path in ROOT.glob("*/**/*.py") for k in re.findall(r'key="(\w+)"', path.read_text())
    }
    assert key not in widget_keys
    assert [k for k, _ in nav.SECTIONS.values()].count(key) == 1
    assert nav.sections_of(str(ROOT / page)) == (key, labels)


def test_a_page_that_is_not_one_of_the_apps_is_refused():
    with pytest.raises(ValueError, match="current_file"):
        nav.sections_of("pages/99_Nowhere.py")
