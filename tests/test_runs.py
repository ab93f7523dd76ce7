"""The quick run still tests every page and every link; the full run tests every pair."""

from __future__ import annotations

import itertools

from tests.runs import params, share, spread

PAGES = ["a", "b", "c", "d", "e"]
LINKS = [1, 2]


def test_the_full_run_tests_every_pair():
    assert sorted(spread(PAGES, LINKS, full=True)) == sorted(itertools.product(PAGES, LINKS))


def test_the_quick_run_tests_every_page_and_every_link_once_at_least():
    pairs = spread(PAGES, LINKS, full=False)
    assert [page for page, _ in pairs] == PAGES
    assert {link for _, link in pairs} == set(LINKS)
    more_links = spread(["a", "b"], [1, 2, 3], full=False)
    assert {page for page, _ in more_links} == {"a", "b"}
    assert [link for _, link in more_links] == [1, 2, 3]


def test_params_name_each_pair_by_page_and_link():
    ids = [param.id for param in params(["a", "b"], {"one": 1, "two": 2})]
    assert len(ids) == len(set(ids))
    assert all(id_.split("-")[0] in {"a", "b"} for id_ in ids)


def test_two_kinds_of_test_sharing_the_pages_cover_every_page():
    first, second = share(PAGES, 0, full=False), share(PAGES, 1, full=False)
    assert sorted(first + second) == sorted(PAGES) and not set(first) & set(second)
    assert share(PAGES, 1, full=True) == PAGES
