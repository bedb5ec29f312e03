"""The book builds with `jupyter-book build . -W -n --keep-going` and zero warnings."""

import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.xdist_group("site")  # one build of the book, on one worker


def test_book_builds_without_warnings(built_site):
    html, returncode, log = built_site
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert returncode == 0, log[-4000:]
    assert not warnings, "\n".join(warnings)
    assert (html / "index.html").is_file()


def test_every_toc_page_is_built(built_site):
    html = built_site[0]
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for stem in re.findall(r"file:\s*(\S+)", toc):
        assert (html / f"{stem}.html").is_file(), f"{stem}.html was not built"
